// The learner's Python runs here, in a Web Worker, never on the page: a loop can't
// freeze the tab, and the page's storage and tokens are out of reach.
//
// Messages in:  { base } once (where the runtime's files are), then
//               { id, kind: "run", code } or { id, kind: "check", code, checks }.
// Messages out: { state: "ready" } or { state: "failed", message }, then one
//               { id, result } per request, and { state: "importing" } while the
//               code being run imports modules.

const SITE_PACKAGES = "/lib/python3.14/site-packages";
const BUNDLE = "/lib/site-packages.zip";
// Everything that could reach the network or the app's storage. Removed once the
// runtime has loaded its own files, before any learner code runs.
const SEALED = [
  "fetch",
  "XMLHttpRequest",
  "WebSocket",
  "EventSource",
  "importScripts",
  "indexedDB",
  "caches",
  "BroadcastChannel",
  "Worker",
  "SharedWorker",
];

// A memory image of the interpreter just after it started (before any learner code),
// made in this browser on the first start and kept in Cache Storage (about 30 MB; not
// compressed, as gzip would keep this worker busy when the learner runs code next).
// Later starts restore it instead of starting Python again, several times faster.
// Pyodide refuses an image from another build of itself; that one is made again.
const SNAPSHOTS = "stack-explorer-python-snapshot";
// Taken before the seal below, which hides `caches` from learner code.
const storage = self.caches;

let runner = null;
// With JavaScript Promise Integration (Chromium has it), asyncio.run works in learner
// code, but only under a call that may suspend; without it, a plain call.
const canSuspend = typeof WebAssembly.Suspending === "function";

function call(method, ...args) {
  return canSuspend ? method.callPromising(...args) : method(...args);
}

function seal() {
  for (const name of SEALED) {
    Object.defineProperty(self, name, { value: undefined, configurable: false });
  }
}

async function savedSnapshot(key) {
  const response = await (await storage.open(SNAPSHOTS)).match(key);
  return response ? new Uint8Array(await response.arrayBuffer()) : null;
}

async function keepSnapshot(key, snapshot) {
  await (await storage.open(SNAPSHOTS)).put(key, new Response(snapshot));
}

async function interpreter(base) {
  const { loadPyodide } = await import(/* @vite-ignore */ `${base}pyodide.mjs`);
  const key = `${base}interpreter.snapshot`;
  const saved = await savedSnapshot(key).catch(() => null);
  if (saved) {
    try {
      return await loadPyodide({ indexURL: base, _loadSnapshot: saved });
    } catch {
      // Another runtime build's image: start afresh and replace it.
    }
  }
  const pyodide = await loadPyodide({ indexURL: base, _makeSnapshot: true });
  keepSnapshot(key, pyodide.makeMemorySnapshot()).catch(() => {}); // e.g. storage full
  return pyodide;
}

async function start(base) {
  // The packages download while the interpreter starts.
  const bundle = fetch(`${base}site-packages.zip`);
  const pyodide = await interpreter(base);
  const response = await bundle;
  if (!response.ok) throw new Error(`site-packages.zip: HTTP ${response.status}`);
  pyodide.FS.writeFile(BUNDLE, new Uint8Array(await response.arrayBuffer()));
  // Only the lazy unpacker is read from the archive; it unpacks each package on the
  // first import of it (see lazy_packages.py).
  const sys = pyodide.pyimport("sys");
  sys.path.append(BUNDLE);
  pyodide.pyimport("stack_explorer_lazy_packages").install(BUNDLE, SITE_PACKAGES);
  sys.path.remove(BUNDLE);
  runner = pyodide.pyimport("stack_explorer_runner");
  // While learner code imports modules, the page hears of it and waits longer.
  runner.prepare_browser(() => self.postMessage({ state: "importing" }));
  seal();
}

function plain(proxy) {
  const value = proxy.toJs({ dict_converter: Object.fromEntries });
  proxy.destroy();
  return value;
}

self.onmessage = async ({ data }) => {
  if (data.base !== undefined) {
    try {
      await start(data.base);
      self.postMessage({ state: "ready" });
    } catch (error) {
      self.postMessage({ state: "failed", message: String(error?.message ?? error) });
    }
    return;
  }
  const result =
    data.kind === "check"
      ? plain(await call(runner.check_exercise, data.code, data.checks))
      : plain(await call(runner.run_cell, data.code));
  self.postMessage({ id: data.id, result });
};
