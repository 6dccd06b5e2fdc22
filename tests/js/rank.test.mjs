// The rank unit's script (hooks/coursemodel/fields/rank/field.js): reading an answer back for My plan.
import test from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { load, ASSETS } from "./harness.mjs";

const bb = load(["store.js"]);
const unit = path.resolve(ASSETS, "../fields/rank/field.js");
vm.runInContext(fs.readFileSync(unit, "utf8"), bb.page, { filename: unit });
const field = {
  id: "matters",
  type: "rank",
  names: ["matters.pay", "matters.team", "matters.learning"],
  items: [
    ["pay", "Pay"],
    ["team", "The team"],
    ["learning", "Learning"],
  ],
};

test("a ranked answer reads back best first, numbered", () => {
  const stored = { "matters.pay": "3", "matters.team": "1", "matters.learning": "2" };
  assert.deepEqual([...bb.types.rank.value(field, stored).items], ["1 – The team", "2 – Learning", "3 – Pay"]);
});

test("an unranked field has no answer, and unnumbered items follow the numbered ones", () => {
  assert.equal(bb.types.rank.value(field, {}), null);
  const partly = bb.types.rank.value(field, { "matters.learning": "1" });
  assert.deepEqual([...partly.items], ["1 – Learning"]);
});

test("ties and odd values keep the author's order, and text is not a place", () => {
  const stored = { "matters.pay": "2", "matters.team": "2", "matters.learning": "first" };
  assert.deepEqual([...bb.types.rank.value(field, stored).items], ["1 – Pay", "2 – The team"]);
});
