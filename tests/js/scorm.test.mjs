// scorm.js's codec: what goes into the LMS copy when it has no room for everything.
import test from "node:test";
import assert from "node:assert/strict";
import { load } from "./harness.mjs";

/** A value from the page's realm as plain JSON here (arrays and maps of another realm compare unequal). */
const plain = (x) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x)));

function codec() {
  const bb = load(["store.js", "scorm.js"], { namespace: "test-course" });
  return bb.scormCodec;
}

/** Text that hardly compresses: `n` pseudo-random words. */
function noise(n, seed) {
  let s = seed;
  const rnd = () => (s = (s * 16807) % 2147483647);
  const word = () => Array.from({ length: 3 + (rnd() % 6) }, () => "abcdefghijklmnopqrstuvwxyz"[rnd() % 26]).join("");
  return Array.from({ length: n }, word).join(" ");
}

function record(text, minute) {
  return { v: 1, answers: { a: text }, updated: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString() };
}

test("the path's record goes first, then the newest; one too long is skipped, not the end", () => {
  const c = codec();
  const records = {
    "ws:about": { v: 1, answers: { situation: "interview", story: noise(30, 1) }, updated: "2025-01-01T00:00:00.000Z" },
    "ws:huge": record(noise(900, 2), 50),
    "ws:newer": record(noise(60, 3), 40),
    "ws:older": record(noise(60, 4), 30),
    progress: { v: 1, complete: {}, last: null },
  };
  const { "ws:huge": huge, ...fitting } = records;
  // Room for all but the huge one (and the name of what is left out).
  const limit = c.encode(fitting, 64000).text.length + 40;
  assert.ok(c.encode({ "ws:huge": huge }, 64000).text.length > limit);
  const out = c.encode(records, limit, { first: "ws:about", pathNames: ["situation"] });
  assert.ok(out.text.length <= limit);
  const snap = c.decode(out.text);
  assert.deepEqual(plain(Object.keys(snap.d).sort()), ["progress", "ws:about", "ws:newer", "ws:older"]);
  assert.deepEqual(plain(snap.m), ["ws:huge"]);
  assert.equal(out.kept, 3);
  assert.equal(out.left, 1);
});

test("a path record too long to fit goes in as its path answers alone, and is named as left out", () => {
  const c = codec();
  const records = {
    "ws:about": { v: 1, answers: { situation: "interview", story: noise(900, 5) }, updated: null },
    "ws:small": record("short", 10),
  };
  const out = c.encode(records, 600, { first: "ws:about", pathNames: ["situation", "name"] });
  const snap = c.decode(out.text);
  assert.deepEqual(plain(snap.d["ws:about"].answers), { situation: "interview" });
  assert.deepEqual(plain(snap.m), ["ws:about"]);
  assert.equal(out.kept, 1);
});

test("records known to be on another computer stay named, even once begun here", () => {
  const c = codec();
  const records = { "ws:begun": record("x", 1) };
  const out = c.encode(records, 4096, { absent: ["ws:elsewhere", "ws:begun"] });
  const snap = c.decode(out.text);
  assert.deepEqual(plain(snap.m), ["ws:elsewhere", "ws:begun"]);
  assert.ok(snap.d["ws:begun"]);
  assert.equal(out.left, 0, "every record here is in the LMS copy");
});

test("everything that fits goes in whole and names nothing left out", () => {
  const c = codec();
  const records = { "ws:a": record("one", 1), "ws:b": record("two", 2) };
  const out = c.encode(records, 64000);
  const snap = c.decode(out.text);
  assert.equal(out.left, 0);
  assert.equal(snap.m, undefined);
  assert.equal(snap.o, undefined);
});
