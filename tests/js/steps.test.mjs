// Steps (hooks/coursemodel/assets/steps.js): which step a stored number or a linked element means.
import test from "node:test";
import assert from "node:assert/strict";
import { load } from "./harness.mjs";

const bb = load(["store.js", "steps.js"]);
const steps = bb.steps;

/** A stand-in element: its `data-step` mark (or none), its parent, and a first marked descendant. */
function el(step, parent = null, inner = null) {
  return {
    parentNode: parent,
    getAttribute: (name) => (name === "data-step" ? step : null),
    querySelector: () => inner,
  };
}

test("a stored step is used only when it is a step of this page", () => {
  assert.equal(steps.clampStep(3, 5), 3);
  assert.equal(steps.clampStep(5, 5), 5);
  // A module cut in fewer steps since, a damaged record, or nothing stored: the first step.
  for (const bad of [6, 0, -1, 2.5, "x", null, undefined, NaN, Infinity]) assert.equal(steps.clampStep(bad, 5), 1, String(bad));
});

test("an element's step is its own mark, else its nearest marked ancestor's", () => {
  const block = el("4");
  const inside = el(null, el(null, block));
  assert.equal(steps.stepOf(block), 4);
  assert.equal(steps.stepOf(inside), 4);
});

test("a block cut across steps (a worksheet form) opens at its first marked part", () => {
  const form = el(null, null, el("3"));
  assert.equal(steps.stepOf(form), 3);
  assert.equal(steps.stepOf(el(null)), 0);
  assert.equal(steps.stepOf(null), 0);
});
