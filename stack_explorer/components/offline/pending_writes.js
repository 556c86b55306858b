// The write queue in the page: every change a learner makes (statuses, notes,
// self-check answers, whole layers, learning paths, the weekly goal) goes through it,
// online or not.
//
// A write is kept in localStorage (a reload keeps it), shown at once, and sent in a
// batch with the tokens this browser holds right now, so it always lands on this
// browser's learner even when the server has forgotten the tab. It is forgotten only
// when the server settles its id; until then it is sent again: after a lost reply,
// after a database outage (with backoff), or when the connection returns.
//
// Why not Reflex's own event queue: while its socket is down Reflex holds events in
// memory only (a reload loses them) and replays them as plain events with no id.
import { createElement, useEffect, useRef, useSyncExternalStore } from "react";
import {
  CLAIM_MS,
  DEVICE_KEY,
  STORE_KEY,
  backoff,
  claimBatch,
  enqueue,
  newId,
  parseStored,
  pendingView,
  persist,
  releaseClaims,
  settle,
} from "./queue_core.js";

const BLIP_MS = 2000; // shorter outages do not show the indicator
const SYNCED_MS = 4000; // how long "Synced" stays
const NOTE_DELAY_MS = 600;
const TOKEN_KEY = "stack_explorer_token";
const SESSION_KEY = "stack_explorer_session";
let tabId = ""; // made in the browser on first use: this module also runs in prerendering

function thisTab() {
  tabId = tabId || newId(window.crypto).slice(0, 12);
  return tabId;
}

const listeners = new Set();
let items = [];
let reachable = true;
// online | offline | syncing (sending what waited) | synced | retrying (server could not save)
let phase = "online";
let view = { ...pendingView(items, phase), typing: {} };
const EMPTY = { ...pendingView([], "online"), typing: {} };

// Notes typed in the last moments, not yet queued (the queue waits for a pause):
// the indicator says "Saving…" from the first keystroke.
const typing = {};

function publish() {
  view = { ...pendingView(items, phase), typing: { ...typing } };
  listeners.forEach((listener) => listener());
}

let stored = true; // false while this browser refuses to store the queue

function store(next) {
  items = next;
  stored = persist(window.localStorage, items);
  if (!stored) {
    console.warn("Pending changes could not be stored in this browser; they are kept in memory.");
  }
  publish();
}

// The queue as it is now. Other tabs change it too, and their storage events may
// arrive after this tab's own later write, carrying an older value: every change
// starts from what localStorage holds, never from the last event.
function latest() {
  return stored ? parseStored(readStorage(STORE_KEY)) : items;
}

function setPhase(next) {
  if (phase !== next) {
    phase = next;
    publish();
  }
}

function readStorage(key) {
  try {
    return window.localStorage.getItem(key) || "";
  } catch {
    return "";
  }
}

// A random id per browser: the server tells this browser's own earlier writes
// apart from changes made on other devices.
function device() {
  let id = readStorage(DEVICE_KEY);
  if (!/^[A-Za-z0-9_-]{8,40}$/.test(id)) {
    id = newId(window.crypto);
    try {
      window.localStorage.setItem(DEVICE_KEY, id);
    } catch {
      // Unstorable: a new id per page load only makes more writes count as "elsewhere".
    }
  }
  return id;
}

let kick = () => {};

function write(item) {
  store(enqueue(latest(), { device: device(), ...item }, { id: newId(window.crypto), now: Date.now() }));
  kick();
}

// Event handlers for the page: each turns a learner's action into a queued write.
export function statusWrite(slug, seen) {
  return (status) => write({ kind: "status", slug, status, seen });
}

export function shortcutWrite(slug, seen, shortcuts) {
  return (key) => {
    const status = typeof key === "string" ? shortcuts[key.toLowerCase()] : undefined;
    if (status) write({ kind: "status", slug, status, seen });
  };
}

const noteTimers = {};
export function noteWrite(slug, seen) {
  return (body) => {
    window.clearTimeout(noteTimers[slug]);
    if (!typing[slug]) {
      typing[slug] = true;
      publish();
    }
    noteTimers[slug] = window.setTimeout(
      () => {
        delete typing[slug];
        write({ kind: "note", slug, body, seen });
      },
      reachable ? NOTE_DELAY_MS : 0,
    );
  };
}

export function quizWrite(slug) {
  return (answers) => write({ kind: "quiz", slug, answers });
}

export function layerWrite(layer, status, slugs) {
  return () => write({ kind: "layer", layer, status, slugs });
}

export function pathWrite(path) {
  return () => write({ kind: "path", path });
}

// The browser's time zone goes with the goal: weeks are counted on the learner's calendar.
function browserZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

export function goalWrite() {
  return (topics) => write({ kind: "goal", topics: Number(topics), zone: browserZone() });
}

// A finished Check in a code cell (runtime/code_runner.js announces it, so the runner
// stays free of the queue): the learner's code, and whether it passed.
const EXERCISE_CHECKED = "stack-explorer:exercise-checked";
function exerciseWrite({ detail }) {
  const { slug, exercise, code, solved } = detail ?? {};
  write({ kind: "exercise", slug, exercise, code, solved: solved === true });
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

// Headless: sends the queue while the server is reachable (`connected`: Reflex's
// socket is up), one batch at a time, and forgets each write its reply settles.
export function PendingWritesSync({ reply, onFlush, connected }) {
  const browserOnline = useBrowserOnline();
  const current = usePendingWrites();
  const online = browserOnline && connected;
  const timers = useRef({});
  const inFlight = useRef(false);
  const failures = useRef(0);
  const lastReply = useRef(reply?.n ?? 0);

  const flush = () => {
    if (!reachable || inFlight.current) return;
    const now = Date.now();
    const claimed = claimBatch(latest(), { tab: thisTab(), now });
    if (claimed.batch.length === 0) return; // nothing waits, or another tab is sending it
    store(claimed.items);
    inFlight.current = true;
    if (phase === "offline") setPhase("syncing");
    onFlush(claimed.batch, readStorage(TOKEN_KEY), readStorage(SESSION_KEY), Date.now());
    window.clearTimeout(timers.current.lost);
    timers.current.lost = window.setTimeout(() => {
      // No reply: send the same ids again; the server applies each once.
      inFlight.current = false;
      store(releaseClaims(latest(), thisTab()));
    }, CLAIM_MS);
  };
  kick = flush;

  useEffect(() => {
    items = latest();
    publish();
    const onStorage = (event) => {
      if (event.key === STORE_KEY) {
        items = latest();
        publish();
      }
    };
    window.addEventListener("storage", onStorage);
    window.addEventListener(EXERCISE_CHECKED, exerciseWrite);
    return () => {
      window.removeEventListener("storage", onStorage);
      window.removeEventListener(EXERCISE_CHECKED, exerciseWrite);
    };
  }, []);

  useEffect(() => {
    reachable = online;
    window.clearTimeout(timers.current.blip);
    if (!online) {
      inFlight.current = false;
      store(releaseClaims(latest(), thisTab()));
      timers.current.blip = window.setTimeout(() => setPhase("offline"), BLIP_MS);
    }
  }, [online]);

  // Send whatever waits, whenever the queue or the connection changes.
  useEffect(() => {
    if (!online) return;
    if (current.count === 0 && phase === "offline") setPhase("online");
    if (phase !== "retrying") flush();
  }, [online, current]);

  useEffect(() => {
    if (!reply || reply.n === lastReply.current) return;
    lastReply.current = reply.n;
    window.clearTimeout(timers.current.lost);
    inFlight.current = false;
    const wasSyncing = phase === "syncing";
    store(releaseClaims(settle(latest(), reply.settled || []), thisTab()));
    if (reply.retry) {
      // The server could not save (its database is out of reach): try again later.
      setPhase("retrying");
      window.clearTimeout(timers.current.retry);
      timers.current.retry = window.setTimeout(() => {
        setPhase("online");
        flush();
      }, backoff(failures.current++));
      return;
    }
    failures.current = 0;
    if (phase === "retrying") setPhase(items.length ? "online" : "synced");
    else if (wasSyncing && items.length === 0) setPhase("synced");
    if (phase === "synced") {
      window.clearTimeout(timers.current.synced);
      timers.current.synced = window.setTimeout(() => setPhase("online"), SYNCED_MS);
    }
    flush();
  }, [reply]);

  return createElement("span", { hidden: true, "data-pending-writes": current.count });
}
