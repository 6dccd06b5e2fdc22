// messages.js: templates parsed by the build, filled with a learner's answers.
import test from "node:test";
import assert from "node:assert/strict";
import { load } from "./harness.mjs";

const answers = {
  "about-you": { name: "Sam" },
  debrief: { interviewer: "Priya", when: "2027-01-15", role: "" },
};
const source = { get: (ws, name) => (answers[ws] || {})[name] };

function fill(nodes, opts) {
  const bb = load(["store.js", "dates.js", "messages.js"], { today: "2026-12-05", ...opts });
  return bb.messages.text(bb.messages.fill(nodes, source));
}

test("an answer fills its place, and an empty one falls back to its `or` words", () => {
  const nodes = ["Hi ", { v: ["debrief", "interviewer"], l: "their name" }, ",\nThank you. ", { v: ["debrief", "role"], or: "the role" }, "."];
  assert.equal(fill(nodes), "Hi Priya,\nThank you. the role.");
});

test("an answer nobody gave leaves a blank to write on, and says which", () => {
  const bb = load(["store.js", "dates.js", "messages.js"]);
  const pieces = bb.messages.fill(["Dear ", { v: ["debrief", "missing"], l: "their name" }, ","], source);
  assert.equal(bb.messages.text(pieces), "Dear ____,");
  assert.deepEqual([...bb.messages.blanks(pieces)], ["their name"]);
});

test("an [[if]] block is kept only when its answer is there", () => {
  const nodes = [{ if: ["debrief", ["interviewer"]], then: ["With ", { v: ["debrief", "interviewer"] }, "."], else: ["Alone."] }, " ", { if: ["debrief", ["role"]], then: ["Role."], else: [] }];
  assert.equal(fill(nodes), "With Priya.");
});

test("`stop` ends an answer's sentence once, and spaces left by empty answers are tidied", () => {
  answers.debrief.reason = "It went well!";
  const nodes = [{ v: ["debrief", "reason"], stop: "." }, " ", { v: ["debrief", "role"], or: "" }, " , next."];
  assert.equal(fill(nodes), "It went well!, next.");
});

test("a date answer reads as words in the page's language, never as YYYY-MM-DD", () => {
  const nodes = ["On ", { v: ["debrief", "when"], t: "date" }, "."];
  for (const lang of ["en", "en-GB", "en-US", "es"]) {
    const out = fill(nodes, { lang });
    assert.ok(!out.includes("2027-01-15"), `${lang}: ${out}`);
    assert.match(out, /15/, lang);
  }
  assert.match(fill(nodes, { lang: "en-US" }), /January 15/);
  assert.match(fill(nodes, { lang: "en-GB" }), /15 January/);
});

test("formatDate leaves the year out for this year and keeps text that is not a date", () => {
  const bb = load(["store.js", "dates.js", "messages.js"], { lang: "en-GB", today: "2027-03-01" });
  assert.ok(!bb.messages.formatDate("2027-01-15").includes("2027"));
  assert.ok(bb.messages.formatDate("2028-01-15").includes("2028"));
  assert.equal(bb.messages.formatDate(" next week "), "next week");
  assert.equal(bb.messages.dateOf("2027-02-30"), null, "no 30 February");
});

test("on paper a date keeps its year, in the course's variant (UK and US English)", () => {
  const gb = load(["store.js", "dates.js", "messages.js"], { lang: "en-GB", today: "2026-12-05" });
  assert.equal(gb.messages.formatDate("2026-11-26", false, true), "Thursday 26 November 2026");
  const us = load(["store.js", "dates.js", "messages.js"], { lang: "en-US", today: "2026-12-05" });
  assert.equal(us.messages.formatDate("2026-11-26", false, true), "Thursday, November 26, 2026");
  assert.equal(us.messages.formatDate("2026-11-26"), "Thursday, November 26", "on screen this year's dates keep no year");
});
