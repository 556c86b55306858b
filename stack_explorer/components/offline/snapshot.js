// Snapshots in the page: SnapshotKeeper stores what a page loaded online; useSnapshot
// reads it back for the page opened offline. They belong to the learner whose token
// this browser holds: when the token changes (a log-out, another learner), every
// snapshot is forgotten before anything is read or kept. Rules in snapshot_core.js.
import { useEffect, useState } from "react";
import { forgetSnapshots, keepSnapshot, readSnapshot } from "./snapshot_core.js";

const TOKEN_KEY = "stack_explorer_token";
const OWNER_KEY = "stack_explorer_snapshot_owner";

function ownedStorage() {
  const storage = window.localStorage;
  const token = storage.getItem(TOKEN_KEY) || "";
  if (storage.getItem(OWNER_KEY) !== token) {
    forgetSnapshots(storage);
    storage.setItem(OWNER_KEY, token);
  }
  return storage;
}

export function SnapshotKeeper({ name, value, loaded }) {
  // Compared as text: a value built afresh on each render is kept only when it changed.
  const text = JSON.stringify(value ?? null);
  useEffect(() => {
    try {
      if (loaded) keepSnapshot(ownedStorage(), name, JSON.parse(text), Date.now());
    } catch {
      // storage blocked: this page simply has no snapshot offline
    }
  }, [name, text, loaded]);
  return null;
}

/** { value, at } of the snapshot `name` (`at` in the learner's words), or null (also
 * while prerendering). */
export function useSnapshot(name) {
  const [snapshot, setSnapshot] = useState(null);
  useEffect(() => {
    try {
      const found = readSnapshot(ownedStorage(), name);
      if (found) setSnapshot({ value: found.value, at: new Date(found.at).toLocaleString() });
    } catch {
      // storage blocked: no snapshot
    }
  }, [name]);
  return snapshot;
}

/** The value of the snapshot `name`, read now (not a hook: for values shown only on a
 * page opened offline), or null when there is none. */
export function keptValue(name) {
  if (typeof window === "undefined") return null;
  try {
    return readSnapshot(ownedStorage(), name)?.value ?? null;
  } catch {
    return null;
  }
}

/** When the snapshot `name` was taken, in the learner's words, or "" when there is none. */
export function keptAt(name) {
  if (typeof window === "undefined") return "";
  try {
    const found = readSnapshot(ownedStorage(), name);
    return found ? new Date(found.at).toLocaleString() : "";
  } catch {
    return "";
  }
}
