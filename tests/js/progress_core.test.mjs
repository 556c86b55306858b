// Optimistic progress: the queue's pending statuses over the server's, rounded as the
// server rounds. Run by `make unit` (node --test tests/js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  optimisticLayers,
  optimisticPercent,
  roundHalfEven,
} from "../../stack_explorer/components/offline/progress_core.js";

const COMPLETED = ["done", "skipped"];

test("rounding matches Python's round(): halves go to the even neighbour", () => {
  assert.deepEqual(
    [12.5, 13.5, 37.5, 0.5, 1.5, 12.4, 12.6, 100].map(roundHalfEven),
    [12, 14, 38, 0, 2, 12, 13, 100],
  );
});

test("with nothing pending the server's percentage is shown as it is", () => {
  assert.equal(optimisticPercent(42, { git: "done" }, {}, ["git", "svn"], 0, COMPLETED), 42);
  assert.equal(optimisticPercent(42, { git: "done" }, null, null, 10, COMPLETED), 42);
});

test("a pending status moves a layer's bar before the server confirms", () => {
  const layer = ["git", "svn", "github", "gitlab"];
  const shown = { git: "done", django: "done" };
  assert.equal(optimisticPercent(25, shown, { svn: "skipped" }, layer, 0, COMPLETED), 50);
  // Undoing a completed topic, and a status that does not count.
  assert.equal(optimisticPercent(25, shown, { git: "not-started" }, layer, 0, COMPLETED), 0);
  assert.equal(optimisticPercent(25, shown, { svn: "learning" }, layer, 0, COMPLETED), 25);
  // A pending status of a topic in another layer leaves this one as it was.
  assert.equal(optimisticPercent(25, shown, { flask: "done" }, layer, 0, COMPLETED), 25);
});

test("the overall bar counts every completed topic out of the total", () => {
  const shown = { git: "done", django: "learning", flask: "not-started" };
  assert.equal(optimisticPercent(13, shown, { flask: "done" }, null, 8, COMPLETED), 25);
  assert.equal(optimisticPercent(13, shown, { git: "learning" }, null, 8, COMPLETED), 0);
});

test("every layer at once, as the map shows them", () => {
  const layers = { vcs: ["git", "svn"], web: ["django", "flask", "fastapi"], empty: [] };
  const shown = { git: "done" };
  const server = { vcs: 50, web: 0, empty: 0 };
  assert.equal(optimisticLayers(server, shown, {}, layers, COMPLETED), server);
  assert.deepEqual(
    optimisticLayers(server, shown, { svn: "done", django: "skipped" }, layers, COMPLETED),
    { vcs: 100, web: 33, empty: 0 },
  );
});
