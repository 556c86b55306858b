// The write queue's rules, in Node: ids, replays, retries, poison items, storage.
// Run by `make unit` (node --test tests/js).
import assert from "node:assert/strict";
import { webcrypto } from "node:crypto";
import { test } from "node:test";

import {
  BATCH_SIZE,
  CLAIM_MS,
  MAX_BACKOFF_MS,
  backoff,
  claimBatch,
  enqueue,
  isClaimed,
  newId,
  parseStored,
  pendingView,
  persist,
  releaseClaims,
  settle,
} from "../../stack_explorer/components/offline/queue_core.js";

const ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/; // what the server accepts (services/writes.py)

function counter() {
  let n = 0;
  return () => `id-${++n}`;
}

test("ids are unique and in the form the server accepts, with or without randomUUID", () => {
  const seen = new Set();
  const noUuid = { getRandomValues: (bytes) => webcrypto.getRandomValues(bytes) };
  for (let i = 0; i < 1000; i++) {
    for (const id of [newId(webcrypto), newId(noUuid)]) {
      assert.match(id, ID_PATTERN);
      assert.ok(!seen.has(id), `duplicate id ${id}`);
      seen.add(id);
    }
  }
});

test("a later status for the same topic replaces an unsent one with a new id", () => {
  const next = counter();
  let items = enqueue([], { kind: "status", slug: "git", status: "done", seen: 5 }, { id: next(), now: 1 });
  items = enqueue(items, { kind: "status", slug: "git", status: "learning", seen: 9 }, { id: next(), now: 2 });
  assert.equal(items.length, 1);
  assert.deepEqual(items[0], { kind: "status", slug: "git", status: "learning", seen: 5, id: "id-2", at: 2 });
});

test("a write made while the first is in flight is kept beside it, not merged into it", () => {
  const next = counter();
  let items = enqueue([], { kind: "note", slug: "git", body: "a" }, { id: next(), now: 1 });
  items = claimBatch(items, { tab: "t1", now: 10 }).items;
  items = enqueue(items, { kind: "note", slug: "git", body: "ab" }, { id: next(), now: 11 });
  assert.deepEqual(
    items.map((item) => [item.id, item.body]),
    [
      ["id-1", "a"],
      ["id-2", "ab"],
    ],
  );
});

test("quiz answers, layers and paths are never merged", () => {
  const next = counter();
  let items = [];
  for (const write of [
    { kind: "quiz", slug: "git", answers: { 0: "1" } },
    { kind: "quiz", slug: "git", answers: { 0: "2" } },
    { kind: "layer", layer: "backend", status: "done", slugs: ["django"] },
    { kind: "path", path: "ship-it" },
  ]) {
    items = enqueue(items, write, { id: next(), now: 1 });
  }
  assert.equal(items.length, 4);
});

test("a batch whose reply was lost is sent again with the same ids", () => {
  const next = counter();
  let items = [];
  for (const slug of ["a", "b", "c"]) {
    items = enqueue(items, { kind: "status", slug, status: "done" }, { id: next(), now: 1 });
  }
  const first = claimBatch(items, { tab: "t1", now: 100 });
  assert.deepEqual(first.batch.map((item) => item.id), ["id-1", "id-2", "id-3"]);
  assert.ok(first.batch.every((item) => !("claim" in item)), "claims never reach the server");
  // While the claim holds, another tab finds nothing to send.
  assert.deepEqual(claimBatch(first.items, { tab: "t2", now: 101 }).batch, []);
  // No reply within CLAIM_MS: the same items, same ids, go out again.
  const again = claimBatch(first.items, { tab: "t1", now: 100 + CLAIM_MS + 1 });
  assert.deepEqual(again.batch.map((item) => item.id), ["id-1", "id-2", "id-3"]);
});

test("batches are capped and go out in the order the writes were made", () => {
  const next = counter();
  let items = [];
  for (let i = 0; i < BATCH_SIZE + 3; i++) {
    items = enqueue(items, { kind: "quiz", slug: `t${i}`, answers: {} }, { id: next(), now: i });
  }
  const { batch } = claimBatch(items, { tab: "t1", now: 1000 });
  assert.equal(batch.length, BATCH_SIZE);
  assert.equal(batch[0].id, "id-1");
});

test("settled ids leave the queue; a refused poison item goes too, the rest stay", () => {
  const items = [
    { id: "poison", kind: "note", slug: "git", body: "\u0000" },
    { id: "good", kind: "status", slug: "git", status: "done" },
    { id: "later", kind: "status", slug: "css", status: "done" },
  ];
  // The server settles what it applied and what it refused, and nothing it could not reach.
  assert.deepEqual(settle(items, ["poison", "good"]).map((item) => item.id), ["later"]);
});

test("releasing claims frees only this tab's, so its items can be sent again at once", () => {
  const items = [
    { id: "a", kind: "path", path: "", claim: { by: "t1", until: 50 } },
    { id: "b", kind: "path", path: "", claim: { by: "t2", until: 50 } },
  ];
  const released = releaseClaims(items, "t1");
  assert.ok(!isClaimed(released[0], 10));
  assert.ok(isClaimed(released[1], 10));
});

test("retries back off to a cap", () => {
  assert.deepEqual([0, 1, 2, 3].map(backoff), [1000, 2000, 4000, 8000]);
  assert.equal(backoff(50), MAX_BACKOFF_MS);
});

test("unreadable storage yields an empty queue, and foreign items are dropped", () => {
  assert.deepEqual(parseStored("{not json"), []);
  assert.deepEqual(parseStored('{"a": 1}'), []);
  assert.deepEqual(parseStored(null), []);
  const kept = parseStored(
    JSON.stringify([
      { id: "ok", kind: "status", slug: "git", status: "done" },
      { id: "bad id!", kind: "status" },
      { id: "x", kind: "delete-everything" },
      null,
      "text",
    ]),
  );
  assert.deepEqual(kept.map((item) => item.id), ["ok"]);
});

test("the view shows the newest pending value per topic, including whole layers", () => {
  const view = pendingView(
    [
      { id: "1", kind: "status", slug: "git", status: "done" },
      { id: "2", kind: "layer", layer: "frontend", status: "done", slugs: ["html", "css"] },
      { id: "3", kind: "note", slug: "git", body: "hi" },
      { id: "4", kind: "path", path: "ship-it" },
      { id: "5", kind: "goal", topics: 3, zone: "Europe/Paris" },
      { id: "6", kind: "goal", topics: 0, zone: "Europe/Paris" },
    ],
    "offline",
  );
  assert.deepEqual(view.statuses, { git: "done", html: "done", css: "done" });
  assert.deepEqual(view.notes, { git: "hi" });
  assert.equal(view.path, "ship-it");
  assert.equal(view.goal, 0); // the newest goal, even when it turns the goal off
  assert.equal(view.count, 6);
});

test("a full storage keeps nothing but reports it, and the items stay usable", () => {
  const full = {
    setItem() {
      throw new Error("QuotaExceededError");
    },
  };
  const items = [{ id: "a", kind: "status", slug: "git", status: "done" }];
  assert.equal(persist(full, items), false);
  const saved = {};
  const working = { setItem: (key, value) => (saved[key] = value) };
  assert.equal(persist(working, items), true);
  assert.deepEqual(parseStored(Object.values(saved)[0]), items);
});
