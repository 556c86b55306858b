// Where the learner was reading (stack_explorer/components/reading/reading_core.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { parsePlace, scrollShare } from "../../stack_explorer/components/reading/reading_core.js";

test("a stored place reads back; anything else is no place", () => {
  const place = { slug: "flask", title: "Flask", scroll: 0.5, at: 1000 };
  assert.deepEqual(parsePlace(JSON.stringify(place)), place);
  assert.equal(parsePlace(null), null);
  assert.equal(parsePlace("{broken"), null);
  assert.equal(parsePlace(JSON.stringify({ ...place, slug: "../admin" })), null);
  assert.equal(parsePlace(JSON.stringify({ ...place, scroll: "far" })), null);
  assert.equal(parsePlace(JSON.stringify({ ...place, scroll: -3 })).scroll, 0);
});

test("the place is a share of the scrollable height, so it fits another screen", () => {
  assert.equal(scrollShare(0, 3000, 1000), 0);
  assert.equal(scrollShare(1000, 3000, 1000), 0.5);
  assert.equal(scrollShare(5000, 3000, 1000), 1);
  assert.equal(scrollShare(0, 800, 1000), 0); // nothing to scroll
});
