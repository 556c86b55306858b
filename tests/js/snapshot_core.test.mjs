// Snapshots of learner data for pages opened offline (components/offline/snapshot_core.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  SNAPSHOT_PREFIX,
  forgetSnapshots,
  keepSnapshot,
  readSnapshot,
} from "../../stack_explorer/components/offline/snapshot_core.js";

function memoryStorage() {
  const data = new Map();
  return {
    get length() {
      return data.size;
    },
    key: (i) => [...data.keys()][i] ?? null,
    getItem: (k) => (data.has(k) ? data.get(k) : null),
    setItem: (k, v) => data.set(k, String(v)),
    removeItem: (k) => data.delete(k),
  };
}

test("a snapshot reads back with the time it was taken", () => {
  const storage = memoryStorage();
  assert.equal(readSnapshot(storage, "notes"), null);
  assert.ok(keepSnapshot(storage, "notes", [{ slug: "flask" }], 1000));
  assert.deepEqual(readSnapshot(storage, "notes"), { value: [{ slug: "flask" }], at: 1000 });
});

test("an unreadable snapshot counts as none, and a full storage is reported", () => {
  const storage = memoryStorage();
  storage.setItem(SNAPSHOT_PREFIX + "notes", "{not json");
  assert.equal(readSnapshot(storage, "notes"), null);
  storage.setItem(SNAPSHOT_PREFIX + "notes", JSON.stringify({ value: 1 }));
  assert.equal(readSnapshot(storage, "notes"), null);
  const full = { ...memoryStorage(), setItem: () => { throw new Error("QuotaExceededError"); } };
  assert.equal(keepSnapshot(full, "notes", [], 1), false);
});

test("forgetting removes every snapshot and nothing else", () => {
  const storage = memoryStorage();
  keepSnapshot(storage, "a:notes", [], 1);
  keepSnapshot(storage, "b:notes", [], 2);
  storage.setItem("stack_explorer_token", "t");
  forgetSnapshots(storage);
  assert.equal(storage.length, 1);
  assert.equal(storage.getItem("stack_explorer_token"), "t");
});
