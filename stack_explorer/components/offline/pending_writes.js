// Writes made while the app cannot reach its server: kept in localStorage (so a
// reload does not lose them), shown at once, and sent in batches on reconnect.
//
// Why not Reflex's own queue: while its socket is down Reflex holds every event
// in memory only (a reload loses it), runs none of them (the page shows no
// change), and replays them on reconnect as ordinary "last write wins" events.
// Here a write made offline never enters that queue; the server applies each
// batch with the merge rule (stack_explorer/services/pending_writes.py).
import { createElement, useContext, useEffect, useRef, useSyncExternalStore } from "react";
import { EventLoopContext } from "$/utils/context-registry";

const STORE_KEY = "stack_explorer_pending_writes";
const BATCH_SIZE = 10; // notes may be long; a socket message is capped at 1 MB
const CLAIM_MS = 20000; // a batch in flight this long without an answer is sent again
const BLIP_MS = 2000; // shorter outages do not show the indicator
const SYNCED_MS = 4000; // how long "Synced" stays
const NOTE_DELAY_MS = 600;
const TAB = Math.random().toString(36).slice(2, 10);

const listeners = new Set();
let items = [];
let reachable = true;
let phase = "online"; // online | offline | syncing | synced
let view = makeView();
const EMPTY = makeView();

function isItem(item) {
  return (
    item && typeof item === "object" && typeof item.id === "string" &&
    ["status", "note", "quiz"].includes(item.kind) && typeof item.slug === "string"
  );
}

function load() {
  try {
    const stored = JSON.parse(window.localStorage.getItem(STORE_KEY) || "[]");
    return Array.isArray(stored) ? stored.filter(isItem) : [];
  } catch {
    return [];
  }
}

function makeView() {
  const statuses = {};
  const notes = {};
  const quizzes = {};
  for (const item of items) {
    if (item.kind === "status") statuses[item.slug] = item.status;
    else if (item.kind === "note") notes[item.slug] = item.body;
    else quizzes[item.slug] = true;
  }
  return { count: items.length, phase, statuses, notes, quizzes };
}

function publish() {
  view = makeView();
  listeners.forEach((listener) => listener());
}

function store(next) {
  items = next;
  try {
    window.localStorage.setItem(STORE_KEY, JSON.stringify(items));
  } catch (error) {
    // Storage full or blocked: the writes stay in memory and still sync.
    console.warn("Pending changes could not be stored in this browser:", error);
  }
  publish();
}

function setPhase(next) {
  if (phase !== next) {
    phase = next;
    publish();
  }
}

function newId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function claimed(item, now) {
  return item.claim && item.claim.until > now;
}

// One pending status or note per topic: a later edit replaces the value but keeps
// the base (what the server had before the first offline edit).
function enqueue(item) {
  const now = Date.now();
  const entry = { ...item, id: newId(), at: now };
  if (item.kind !== "quiz") {
    const index = items.findIndex(
      (old) => old.kind === item.kind && old.slug === item.slug && !claimed(old, now),
    );
    if (index >= 0) {
      const next = [...items];
      next[index] = { ...entry, base: items[index].base };
      store(next);
      return;
    }
  }
  store([...items, entry]);
}

export function isReachable() {
  return reachable;
}

// Event handlers for the three writes: online they run the normal Reflex event,
// offline they keep the write here instead.
export function statusWrite(slug, base, online) {
  return (status) => {
    if (reachable) return online(status);
    enqueue({ kind: "status", slug, status, base });
  };
}

export function shortcutWrite(slug, base, shortcuts, online) {
  return (key) => {
    if (reachable) return online(key);
    const status = typeof key === "string" ? shortcuts[key.toLowerCase()] : undefined;
    if (status) enqueue({ kind: "status", slug, status, base });
  };
}

const noteTimers = {};
export function noteWrite(slug, base, online) {
  return (body) => {
    window.clearTimeout(noteTimers[slug]);
    if (!reachable) {
      enqueue({ kind: "note", slug, body, base });
      return;
    }
    // Decided when the autosave fires, not at the keystroke: the link may drop between.
    noteTimers[slug] = window.setTimeout(() => {
      if (reachable) online(body);
      else enqueue({ kind: "note", slug, body, base });
    }, NOTE_DELAY_MS);
  };
}

export function quizWrite(slug, online) {
  return (answers) => {
    if (reachable) return online(answers);
    enqueue({ kind: "quiz", slug, answers });
  };
}

function subscribe(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function usePendingWrites() {
  return useSyncExternalStore(subscribe, () => view, () => EMPTY);
}

function useBrowserOnline() {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener("online", listener);
      window.addEventListener("offline", listener);
      return () => {
        window.removeEventListener("online", listener);
        window.removeEventListener("offline", listener);
      };
    },
    () => navigator.onLine,
    () => true,
  );
}

// Claim the next batch in localStorage, so two open tabs do not both send it.
function claimBatch() {
  const now = Date.now();
  const batch = items.filter((item) => !claimed(item, now)).slice(0, BATCH_SIZE);
  if (batch.length === 0) return [];
  const ids = new Set(batch.map((item) => item.id));
  store(items.map((item) => (ids.has(item.id) ? { ...item, claim: { by: TAB, until: now + CLAIM_MS } } : item)));
  return batch.map(({ claim, ...item }) => item);
}

function releaseClaims() {
  if (items.some((item) => item.claim && item.claim.by === TAB)) {
    store(items.map(({ claim, ...item }) => (claim && claim.by !== TAB ? { ...item, claim } : item)));
  }
}

// Headless: watches the connection, sends pending writes when it is back, and
// forgets each write once the server has settled it (applied, or refused with a message).
export function PendingWritesSync({ settled, onFlush }) {
  const [, connectErrors] = useContext(EventLoopContext);
  const browserOnline = useBrowserOnline();
  const current = usePendingWrites();
  const online = browserOnline && connectErrors.length === 0;
  const timers = useRef({});
  const flushing = useRef(false);

  useEffect(() => {
    items = load();
    publish();
    const onStorage = (event) => {
      if (event.key === STORE_KEY) {
        items = load();
        publish();
      }
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  useEffect(() => {
    reachable = online;
    window.clearTimeout(timers.current.blip);
    if (!online) {
      flushing.current = false;
      releaseClaims();
      timers.current.blip = window.setTimeout(() => setPhase("offline"), BLIP_MS);
    }
  }, [online]);

  useEffect(() => {
    if (!online || flushing.current) return;
    if (current.count === 0) {
      if (phase === "offline") setPhase("online");
      return;
    }
    const batch = claimBatch();
    if (batch.length === 0) return; // another tab is sending them
    flushing.current = true;
    if (phase === "offline") setPhase("syncing");
    onFlush(batch);
    window.clearTimeout(timers.current.retry);
    timers.current.retry = window.setTimeout(() => {
      flushing.current = false;
      releaseClaims();
    }, CLAIM_MS);
  }, [online, current]);

  useEffect(() => {
    if (!Array.isArray(settled) || settled.length === 0) return;
    const done = new Set(settled);
    window.clearTimeout(timers.current.retry);
    flushing.current = false;
    const wasSyncing = phase === "syncing";
    store(items.filter((item) => !done.has(item.id)));
    if (wasSyncing && items.length === 0) {
      setPhase("synced");
      window.clearTimeout(timers.current.synced);
      timers.current.synced = window.setTimeout(() => setPhase("online"), SYNCED_MS);
    }
  }, [settled]);

  return createElement("span", { hidden: true, "data-pending-writes": current.count });
}
