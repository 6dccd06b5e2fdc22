// store.js: the one module that writes; its records, migration and merging.
import test from "node:test";
import assert from "node:assert/strict";
import { load } from "./harness.mjs";

function fresh() {
  return load(["store.js"], { namespace: "test-course" });
}

test("a write merges into what is stored now, so another tab's answers stay", () => {
  const bb = fresh();
  const key = bb.store.keys.worksheet("debrief");
  assert.ok(bb.store.write(key, { answers: { company: "Acme" } }));
  assert.ok(bb.store.write(key, { answers: { role: "Analyst" } }));
  const record = bb.store.read(key);
  assert.equal(record.answers.company, "Acme");
  assert.equal(record.answers.role, "Analyst");
  assert.ok(bb.store.write(key, { answers: { company: null } }));
  assert.equal(bb.store.has(bb.store.read(key).answers, "company"), false, "null removes a name");
});

test("records live under the course's own namespace", () => {
  const bb = fresh();
  bb.store.write(bb.store.keys.worksheet("debrief"), { answers: { a: "1" } });
  const keys = [];
  for (let i = 0; i < bb.page.localStorage.length; i++) keys.push(bb.page.localStorage.key(i));
  assert.ok(keys.length > 0 && keys.every((k) => k.startsWith(bb.store.prefix())), keys.join(", "));
  assert.ok(bb.store.prefix().includes("test-course"));
});

test("an unreadable record is set aside, never written over", () => {
  const bb = fresh();
  const key = bb.store.keys.worksheet("debrief");
  bb.page.localStorage.setItem(bb.store.prefix() + key, "{not json");
  assert.deepEqual({ ...bb.store.read(key).answers }, {});
  const kept = [];
  for (let i = 0; i < bb.page.localStorage.length; i++) {
    const k = bb.page.localStorage.key(i);
    if (bb.page.localStorage.getItem(k) === "{not json") kept.push(k);
  }
  assert.equal(kept.length, 1, "the unreadable text is kept under a set-aside key");
  assert.notEqual(kept[0], bb.store.prefix() + key);
});

test("check() accepts a current record and refuses a foreign shape or version", () => {
  const bb = fresh();
  const key = bb.store.keys.worksheet("debrief");
  bb.store.write(key, { answers: { a: "1" } });
  const good = JSON.parse(bb.store.raw(key));
  assert.ok(bb.store.check(key, good));
  assert.equal(bb.store.check(key, { ...good, v: good.v + 1 }), null);
  assert.equal(bb.store.check(key, "text"), null);
  assert.equal(bb.store.check("not-a-key", good), null);
});

test("a full storage says so instead of pretending to save", () => {
  const bb = fresh();
  bb.page.localStorage.full = true;
  assert.equal(bb.store.write(bb.store.keys.worksheet("debrief"), { answers: { a: "1" } }), false);
});

test("parseJSON gives maps without prototypes, so a `__proto__` answer is just a name", () => {
  const bb = fresh();
  const value = bb.store.parseJSON('{"__proto__": {"polluted": true}, "a": 1}');
  assert.equal(Object.getPrototypeOf(value), null);
  assert.equal({}.polluted, undefined);
});
