// The calendar file (docs/assets/bounce-back/ics.js) in Node: every TEXT value it writes
// holds only what RFC 5545 allows (3.3.11), whatever a learner typed or pasted.
// Run: node --test tests/js/  (tests/test_ics_text.py runs it with the suite).
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

// Candidates for the engine folder too, so the test follows the file if it moves.
const SOURCES = [
  path.join(__dirname, "..", "..", "docs", "assets", "bounce-back", "ics.js"),
  path.join(__dirname, "..", "..", "hooks", "coursemodel", "assets", "ics.js"),
];

/** Load ics.js as a page would, with just the window and document it reads. */
function load() {
  const file = SOURCES.find((candidate) => fs.existsSync(candidate));
  const window = { location: { hostname: "careers.example" } };
  const context = { window, document: { querySelector: () => null } };
  vm.runInNewContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return window.BounceBack.ics;
}

const ics = load();

// TEXT = *(TSAFE-CHAR / ":" / DQUOTE / ESCAPED-CHAR); TSAFE-CHAR is WSP, printable ASCII
// but backslash, semicolon and comma, or a non-ASCII character. C1 controls, lone
// surrogates and the Unicode line separators are refused here too: calendars show them
// as breaks or boxes.
function problems(text) {
  const found = [];
  const chars = Array.from(text);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const code = ch.codePointAt(0);
    if (ch === "\\") {
      const next = chars[i + 1];
      if (!["\\", ";", ",", "n", "N"].includes(next)) found.push("lone backslash at " + i);
      i++;
      continue;
    }
    if (ch === ";" || ch === ",") found.push("unescaped " + ch + " at " + i);
    else if (code === 9 || (code >= 0x20 && code < 0x7f)) continue;
    else if (code < 0x20 || code === 0x7f) found.push("control U+" + code.toString(16) + " at " + i);
    else if (code >= 0x80 && code <= 0x9f) found.push("C1 control U+" + code.toString(16) + " at " + i);
    else if (code === 0x2028 || code === 0x2029) found.push("Unicode separator at " + i);
    else if (code >= 0xd800 && code <= 0xdfff) found.push("lone surrogate at " + i);
  }
  return found;
}

const HOSTILE = [
  "vertical\u000btab",
  "form\u000cfeed",
  "nul\u0000byte",
  "del\u007fete",
  "next\u0085line",
  "line\u2028separator",
  "paragraph\u2029separator",
  "bell\u0007 escape\u001b[31m c1\u009b",
  "half \ud83d of a face, and \ude00 the other half",
  "a; b, c \\ d\r\ne\rf\ng\ttab",
];

test("escapeText leaves nothing RFC 5545 does not allow in TEXT", () => {
  for (const typed of HOSTILE) {
    assert.deepEqual(problems(ics.escapeText(typed)), [], JSON.stringify(typed));
  }
});

test("line breaks of every kind become one TEXT newline; other controls are dropped", () => {
  for (const br of ["\r\n", "\r", "\n", "\u000b", "\u000c", "\u0085", "\u2028", "\u2029"]) {
    assert.equal(ics.escapeText("one" + br + "two"), "one\\ntwo", JSON.stringify(br));
  }
  assert.equal(ics.escapeText("a\u0000b\u0001c\u007fd\u009fe"), "abcde");
  assert.equal(ics.escapeText("keep\ttab, and 😀; ok\\"), "keep\ttab\\, and 😀\\; ok\\\\");
  assert.equal(ics.escapeText("\ud83d\ude00 whole"), "\ud83d\ude00 whole");
  assert.equal(ics.escapeText("\ude00\ude00x\ud83d"), "x");
});

test("a whole calendar with hostile answers has only allowed TEXT in its content lines", () => {
  const steps = HOSTILE.map((typed, index) => ({
    date: "2026-03-0" + (1 + (index % 9)),
    text: "Step " + typed,
    note: "Note " + typed,
    from: "Sheet " + typed,
    uid: "ws:x/" + index,
  }));
  const file = ics.calendar(steps, "My plan\u2028\u0000");
  assert.ok(file.endsWith("\r\n"));
  // Unfold (CRLF + one space), then check the value of every TEXT property.
  const lines = file.replace(/\r\n /g, "").split("\r\n").filter(Boolean);
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, HOSTILE.length);
  for (const line of lines) {
    assert.ok(!/[\r\n]/.test(line), "no bare line break inside a content line");
    const match = /^(SUMMARY|DESCRIPTION|X-WR-CALNAME):(.*)$/.exec(line);
    if (match) assert.deepEqual(problems(match[2]), [], line);
  }
});
