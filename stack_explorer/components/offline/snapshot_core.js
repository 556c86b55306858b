// The last learner data a page showed online, kept in this browser so the same page
// opened offline shows it, dated, instead of an empty or a false state. Plain
// functions over a Storage: Node tests them (tests/js/snapshot_core.test.mjs).

export const SNAPSHOT_PREFIX = "stack_explorer_snapshot:";

/** Keep `value` as the snapshot `name`, taken at `now` (ms); false if storage refuses. */
export function keepSnapshot(storage, name, value, now) {
  try {
    storage.setItem(SNAPSHOT_PREFIX + name, JSON.stringify({ value, at: now }));
    return true;
  } catch {
    return false;
  }
}

/** The snapshot `name` as { value, at }, or null when there is none or it is unreadable. */
export function readSnapshot(storage, name) {
  try {
    const stored = JSON.parse(storage.getItem(SNAPSHOT_PREFIX + name) || "null");
    if (stored && typeof stored.at === "number" && "value" in stored) return stored;
  } catch {
    // unreadable: as if there were none
  }
  return null;
}

/** Forget every snapshot (a log-out or another learner on this browser). */
export function forgetSnapshots(storage) {
  try {
    for (let i = storage.length - 1; i >= 0; i--) {
      const key = storage.key(i);
      if (key && key.startsWith(SNAPSHOT_PREFIX)) storage.removeItem(key);
    }
  } catch {
    // storage blocked: nothing was kept either
  }
}
