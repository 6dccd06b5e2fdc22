// ics.js: the calendar text of My plan's dated steps (RFC 5545).
import test from "node:test";
import assert from "node:assert/strict";
import { load } from "./harness.mjs";

const bb = load(["store.js", "dates.js", "messages.js", "ics.js"]);
const steps = [
  { date: "2027-01-15", text: "Send Priya the note; then rest, please", note: "Hi Priya,\nThank you.", from: "Debrief", uid: "debrief/0" },
  { date: "9999-12-31", text: "A typo", uid: "x" },
  { date: "soon", text: "No date", uid: "y" },
];
const file = bb.ics.calendar(steps, "My plan");
const lines = file.split("\r\n");

test("every line ends in CRLF and is at most 75 octets", () => {
  assert.ok(file.endsWith("\r\n"));
  for (const line of lines) assert.ok(Buffer.byteLength(line, "utf8") <= 75, line);
  assert.ok(!/[^\r]\n/.test(file), "no bare LF");
});

test("one event per real date, with the next day as its end", () => {
  assert.equal(lines.filter((l) => l === "BEGIN:VEVENT").length, 1);
  assert.ok(lines.includes("DTSTART;VALUE=DATE:20270115"));
  assert.ok(lines.includes("DTEND;VALUE=DATE:20270116"));
});

test("TEXT values escape backslashes, semicolons, commas and newlines", () => {
  assert.equal(bb.ics.escapeText("a\\b;c,d\ne"), "a\\\\b\\;c\\,d\\ne");
  const unfolded = file.replace(/\r\n /g, "");
  assert.ok(unfolded.includes("SUMMARY:Send Priya the note\\; then rest\\, please"));
  assert.ok(/DESCRIPTION:.*Hi Priya\\,\\nThank you\./.test(unfolded));
});

test("folding never splits a character", () => {
  const long = bb.ics.fold("DESCRIPTION:" + "é".repeat(80));
  for (const part of long.split("\r\n")) {
    assert.ok(Buffer.byteLength(part, "utf8") <= 75);
    assert.ok(!part.includes("\uFFFD"));
  }
  assert.equal(long.replace(/\r\n /g, ""), "DESCRIPTION:" + "é".repeat(80));
});

test("only dates from 1900 to 2200 that exist go in", () => {
  assert.ok(bb.ics.isDate("2027-01-15"));
  assert.ok(!bb.ics.isDate("2027-02-29"));
  assert.ok(!bb.ics.isDate("1899-12-31"));
  assert.ok(!bb.ics.isDate("9999-12-31"));
});
