// The page's side of Run and Check: one Python worker per tab, started on the first
// Run (nothing of the runtime loads before that), stopped and replaced when code runs
// past the time limit. Output is written into the cell's own <output> element.

export const TIME_LIMIT_MS = 5000;
// A check imports pytest and often a framework (Django's first import alone takes
// seconds on a slow phone): it gets longer before it counts as runaway.
export const CHECK_LIMIT_MS = 10000;
const RUNTIME_BASE = "/pyodide/";

let worker = null;
let starting = null; // resolves when the worker has loaded the runtime
let nextId = 1;
const waiting = new Map(); // request id -> resolve
let importing = () => {}; // the request in flight is importing: its limit starts again

function startWorker() {
  worker = new Worker(new URL("./python_worker.js", import.meta.url), { type: "module" });
  starting = new Promise((resolve, reject) => {
    worker.onmessage = ({ data }) => {
      if (data.state === "ready") resolve();
      else if (data.state === "failed") reject(new Error(data.message));
      else if (data.state === "importing") importing();
      else if (waiting.has(data.id)) {
        waiting.get(data.id)(data.result);
        waiting.delete(data.id);
      }
    };
    worker.onerror = (event) => reject(new Error(event.message || "the Python runtime failed"));
  });
  worker.postMessage({ base: new URL(RUNTIME_BASE, window.location.href).href });
  return starting;
}

function stopWorker() {
  worker?.terminate();
  worker = null;
  starting = null;
  waiting.clear();
}

/** Ask the worker; resolves with its result, or { stopped: true } once it has run
 * `limitMs` without importing anything. */
export async function ask(request, limitMs = TIME_LIMIT_MS) {
  if (!worker) startWorker();
  await starting;
  const id = nextId++;
  return new Promise((resolve) => {
    const stop = () => {
      importing = () => {};
      stopWorker(); // the only way to stop a loop; the next request starts a fresh one
      resolve({ stopped: true, after: limitMs });
    };
    let timer = window.setTimeout(stop, limitMs);
    importing = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(stop, limitMs);
    };
    waiting.set(id, (result) => {
      window.clearTimeout(timer);
      importing = () => {};
      resolve(result);
    });
    worker.postMessage({ id, ...request });
  });
}

function parts(cellId) {
  const root = document.querySelector(`[data-cell="${CSS.escape(cellId)}"]`);
  return root && {
    root,
    editor: root.querySelector("textarea"),
    output: root.querySelector("output"),
  };
}

function line(text, className) {
  const element = document.createElement("pre");
  element.className = className;
  element.textContent = text;
  return element;
}

function show(output, nodes, busy = false) {
  output.replaceChildren(...nodes);
  output.closest("[data-cell]").toggleAttribute("data-busy", busy);
}

function loading(output) {
  const first = !worker;
  show(output, [line(first ? "Starting Python (the first run takes a few seconds)…" : "Running…", "cell-note")], true);
}

function failed(output, error) {
  show(output, [line(`Python could not start: ${error.message}. Reload the page and try again.`, "cell-error")]);
}

function stopped(result) {
  return {
    text: `Stopped after ${result.after / 1000} s: the code was still running. Run it again when it is fixed.`,
    className: "cell-error",
  };
}

/** What a Run shows, as { text, className } lines (no DOM: Node tests read it). */
export function describeRun(result) {
  if (result.stopped) return [stopped(result)];
  const lines = [];
  if (result.stdout) lines.push({ text: result.stdout, className: "cell-stdout" });
  if (result.stderr) lines.push({ text: result.stderr, className: "cell-stderr" });
  if (result.result !== null && result.result !== undefined) {
    lines.push({ text: result.result, className: "cell-result" });
  }
  if (result.error) lines.push({ text: result.error, className: "cell-error" });
  return lines.length ? lines : [{ text: "(no output)", className: "cell-note" }];
}

/** What a Check shows: a summary line, then one line per check. */
export function describeCheck(result) {
  if (result.stopped) return { summary: stopped(result), checks: [] };
  if (result.error) return { summary: { text: result.error, className: "cell-error" }, checks: [] };
  const passed = result.checks.filter((check) => check.passed).length;
  const summary = result.passed
    ? { text: `Solved: ${passed === 1 ? "the check passes" : `all ${passed} checks pass`}.`, className: "check-summary check-passed" }
    : { text: `${passed} of ${result.checks.length} checks pass.`, className: "check-summary check-failed" };
  const checks = result.checks.map((check) => ({
    text: `${check.passed ? "✓" : "✗"} ${check.name}${check.message ? `: ${check.message}` : ""}`,
    className: check.passed ? "check-passed" : "check-failed",
  }));
  return { summary, checks };
}

function renderRun(result) {
  return describeRun(result).map(({ text, className }) => line(text, className));
}

function renderCheck(result) {
  const { summary, checks } = describeCheck(result);
  const list = document.createElement("ul");
  list.className = "check-list";
  for (const { text, className } of checks) {
    const item = document.createElement("li");
    item.className = className;
    item.textContent = text;
    list.append(item);
  }
  return checks.length ? [line(summary.text, summary.className), list] : [line(summary.text, summary.className)];
}

// The page's write queue (components/offline/pending_writes.js) listens for this and
// records the learner's code, and a pass, as their progress.
export const EXERCISE_CHECKED = "stack-explorer:exercise-checked";

/** The write a finished check becomes, or null when it did not finish. */
export function checkedWork(dataset, code, result) {
  if (result.stopped || result.error || !dataset.topic || !dataset.exercise) return null;
  return { slug: dataset.topic, exercise: dataset.exercise, code, solved: Boolean(result.passed) };
}

async function perform(cellId, request, render, limitMs = TIME_LIMIT_MS) {
  const cell = parts(cellId);
  if (!cell || cell.root.hasAttribute("data-busy")) return null;
  loading(cell.output);
  const code = cell.editor.value;
  try {
    const result = await ask({ ...request, code }, limitMs);
    show(cell.output, render(result));
    return { cell, code, result };
  } catch (error) {
    stopWorker();
    failed(cell.output, error);
    return null;
  }
}

/** "Keep Python for offline use": load the runtime now; the service worker keeps its
 * files, so cells run on this device offline from then on. */
export function prepareOffline(statusId) {
  return async () => {
    const status = document.getElementById(statusId);
    const say = (text) => {
      if (status) status.textContent = text;
    };
    say("Downloading Python for offline use (about 19 MB)…");
    try {
      if (!worker) startWorker();
      await starting;
      say("Ready: Python runs on this device offline from now on.");
    } catch (error) {
      stopWorker();
      say(`Python could not be downloaded (${error.message}). Try again when you are online.`);
    }
  };
}

export function runCell(cellId) {
  return () => perform(cellId, { kind: "run" }, renderRun);
}

export function checkExercise(cellId) {
  return async () => {
    const checks = parts(cellId)?.root.dataset.checks ?? "";
    const done = await perform(cellId, { kind: "check", checks }, renderCheck, CHECK_LIMIT_MS);
    const work = done && checkedWork(done.cell.root.dataset, done.code, done.result);
    if (work) window.dispatchEvent(new CustomEvent(EXERCISE_CHECKED, { detail: work }));
  };
}

// A learner's code for each cell is kept in this browser as they type, so a reload
// or a lost tab does not lose it. "Reset" / "Start over" forgets it.
function draftKey(cellId) {
  return `stack_explorer_code:${window.location.pathname}:${cellId}`;
}

function keep(cellId, code) {
  try {
    window.localStorage.setItem(draftKey(cellId), JSON.stringify({ code, at: Date.now() }));
  } catch {
    // storage full or blocked: the code stays in the box for this visit
  }
}

/** A stored draft as { code, at }; drafts from before they had a time count as oldest. */
export function parseDraft(stored) {
  if (stored === null || stored === undefined) return null;
  try {
    const draft = JSON.parse(stored);
    if (draft && typeof draft.code === "string") return { code: draft.code, at: Number(draft.at) || 0 };
  } catch {
    // a plain string: an older draft
  }
  return { code: String(stored), at: 0 };
}

/** The code an editor shows on mount: the newer of this browser's draft and the code
 * saved on the server (written on any device), else null (keep the starter). */
export function newerCode(draft, saved, savedAt) {
  const fromServer = saved ? { code: saved, at: Number(savedAt) || 0 } : null;
  if (!draft) return fromServer?.code ?? null;
  if (!fromServer) return draft.code;
  return fromServer.at > draft.at ? fromServer.code : draft.code;
}

/** on_change of a cell's editor. */
export function keepDraft(cellId) {
  return (code) => keep(cellId, code);
}

/** on_mount of a cell's editor: put back the learner's newest code for it. */
export function restoreDraft(cellId) {
  return () => {
    const cell = parts(cellId);
    if (!cell) return;
    const { saved, savedAt } = cell.editor.dataset;
    const code = newerCode(parseDraft(window.localStorage.getItem(draftKey(cellId))), saved, savedAt);
    if (code !== null) cell.editor.value = code;
  };
}

/** Put back the code the cell started with (or the exercise's solution). */
export function restoreCell(cellId, attribute = "original") {
  return () => {
    const cell = parts(cellId);
    if (!cell) return;
    const code = cell.root.dataset[attribute] ?? "";
    cell.editor.value = code;
    const view = liveEditor(cellId);
    if (view) setCode(view, code);
    // Kept as the newest draft, so code saved on the server earlier does not come back.
    keep(cellId, code);
    if (attribute === "original") show(cell.output, []);
    (view ?? cell.editor).focus();
  };
}

// Each cell's CodeMirror view, once the learner has reached the cell.
const editors = new Map();
const upgrading = new Set();
let editorModule = null;

function liveEditor(cellId) {
  const view = editors.get(cellId);
  // A remounted cell (the exercise's saved code arrived) has a new, plain textarea.
  return view?.dom.isConnected ? view : null;
}

function setCode(view, code) {
  editorModule?.setCode(view, code);
}

/** on_focus of a cell's textarea: the first time, load the code editor and put it in
 * the textarea's place, with its text and the caret where it was. */
export function upgradeEditor(cellId, exercise) {
  return async () => {
    if (!parts(cellId) || liveEditor(cellId) || upgrading.has(cellId)) return;
    upgrading.add(cellId);
    try {
      editorModule ??= await import("./code_editor.js");
    } catch {
      return; // offline before the editor was ever loaded: the plain box still works
    } finally {
      upgrading.delete(cellId);
    }
    const cell = parts(cellId); // typed into, or remounted, while the editor loaded
    if (!cell || liveEditor(cellId)) return;
    const focused = document.activeElement === cell.editor;
    const caret = cell.editor.selectionStart ?? 0;
    const view = editorModule.createEditor(cell.editor, {
      onChange: (code) => keep(cellId, code),
      onRun: () => (exercise ? checkExercise(cellId) : runCell(cellId))(),
    });
    editors.set(cellId, view);
    view.dispatch({ selection: { anchor: Math.min(caret, view.state.doc.length) } });
    if (focused) view.focus();
  };
}

/** on_key_down of a cell's textarea: Ctrl+Enter (or Cmd+Enter) runs it. */
export function cellKeys(cellId, exercise) {
  return (key, info) => {
    if (key !== "Enter" || !(info?.ctrl_key || info?.meta_key)) return;
    (exercise ? checkExercise(cellId) : runCell(cellId))();
  };
}
