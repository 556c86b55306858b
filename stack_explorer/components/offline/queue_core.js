// The browser's write queue, as plain functions over an array of items: no React, no
// DOM, no clock or randomness of its own, so Node can test every rule
// (tests/js/queue_core.test.mjs).
//
// Every change a learner makes becomes an item with an id made here. The item stays
// (in localStorage) until the server settles that id: applied, found already applied,
// or refused with a reason. A batch whose reply was lost is sent again with the same
// ids, and the server applies each id once.

export const STORE_KEY = "stack_explorer_pending_writes";
export const DEVICE_KEY = "stack_explorer_device";
export const BATCH_SIZE = 10; // notes may be long; a socket message is capped at 1 MB
export const CLAIM_MS = 20000; // a batch in flight this long without a reply is sent again
export const MAX_BACKOFF_MS = 30000;
export const KINDS = ["status", "note", "quiz", "exercise", "layer", "path", "goal"];
// One pending value per topic for these: a later edit replaces an unsent one.
const LATEST_WINS = new Set(["status", "note"]);

export function newId(random) {
  if (random && typeof random.randomUUID === "function") return random.randomUUID();
  const bytes = new Uint8Array(16);
  random.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function isItem(item) {
  return (
    item !== null &&
    typeof item === "object" &&
    typeof item.id === "string" &&
    /^[A-Za-z0-9_-]{1,40}$/.test(item.id) &&
    KINDS.includes(item.kind)
  );
}

// Items read back from storage: anything unreadable is dropped, never sent.
export function parseStored(text) {
  try {
    const stored = JSON.parse(text || "[]");
    return Array.isArray(stored) ? stored.filter(isItem) : [];
  } catch {
    return [];
  }
}

// Keep the queue in `storage`; false when the browser refuses (storage full or
// blocked): the writes then stay in memory and are still sent.
export function persist(storage, items) {
  try {
    storage.setItem(STORE_KEY, JSON.stringify(items));
    return true;
  } catch {
    return false;
  }
}

export function isClaimed(item, now) {
  return Boolean(item.claim && item.claim.until > now);
}

// Add a write. A status or note replaces the unsent value for the same topic (it
// takes a new id: the old one may have reached the server in a batch whose reply
// was lost, and that must not swallow this newer value).
export function enqueue(items, write, { id, now }) {
  const entry = { ...write, id, at: now };
  if (LATEST_WINS.has(write.kind)) {
    const index = items.findIndex(
      (old) => old.kind === write.kind && old.slug === write.slug && !isClaimed(old, now),
    );
    if (index >= 0) {
      const next = [...items];
      next[index] = { ...entry, seen: Math.min(items[index].seen ?? 0, write.seen ?? 0) };
      return next;
    }
  }
  return [...items, entry];
}

// Mark the next batch as this tab's, so two open tabs do not both send it.
export function claimBatch(items, { tab, now, size = BATCH_SIZE, claimMs = CLAIM_MS }) {
  const batch = items.filter((item) => !isClaimed(item, now)).slice(0, size);
  const ids = new Set(batch.map((item) => item.id));
  const claimed = items.map((item) =>
    ids.has(item.id) ? { ...item, claim: { by: tab, until: now + claimMs } } : item,
  );
  return { items: claimed, batch: batch.map(({ claim, ...item }) => item) };
}

export function releaseClaims(items, tab) {
  return items.map(({ claim, ...item }) => (claim && claim.by !== tab ? { ...item, claim } : item));
}

export function settle(items, ids) {
  const done = new Set(ids);
  return items.filter((item) => !done.has(item.id));
}

// Wait before sending again after the server could not save: 1 s, 2 s, 4 s ... 30 s.
export function backoff(attempt) {
  return Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.max(0, attempt));
}

// What the page shows before the server confirms: the newest pending value per topic.
export function pendingView(items, phase) {
  const statuses = {};
  const notes = {};
  const quizzes = {};
  let path = null;
  let goal = null;
  for (const item of items) {
    if (item.kind === "status") statuses[item.slug] = item.status;
    else if (item.kind === "note") notes[item.slug] = item.body;
    else if (item.kind === "quiz") quizzes[item.slug] = true;
    else if (item.kind === "layer") {
      for (const slug of item.slugs || []) statuses[slug] = item.status;
    } else if (item.kind === "path") path = item.path;
    else if (item.kind === "goal") goal = item.topics;
  }
  return { count: items.length, phase, statuses, notes, quizzes, path, goal };
}
