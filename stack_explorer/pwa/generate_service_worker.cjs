// Writes sw.js into the production build: a Workbox service worker that precaches the
// app shell and every prerendered page, so the app reads offline once it has loaded once.
//
//   node generate_service_worker.cjs <web dir> <static dir>
//
// workbox-build is a frontend development dependency of the app, so it is resolved from
// the web dir's node_modules, not from this file's folder.
const path = require("node:path");
const { createRequire } = require("node:module");

const [webDir, staticDir] = process.argv.slice(2);
const { generateSW } = createRequire(path.join(webDir, "package.json"))("workbox-build");

// Paths the service worker must never answer: the websocket, uploads and health checks
// reach the backend as they would without it.
const BACKEND_PATHS = /^\/(_event|_upload|_health|health|ping)(\/|$)/;

// The in-browser Python runtime (stack_explorer/runtime/build.py) is never precached: a
// phone should not download it on a first visit. Its files are kept on first use, in a
// cache named after the runtime's build id, so new pins never mix with old files.
const fs = require("node:fs");
const runtimeStamp = path.join(staticDir, "pyodide", "build-id.txt");
const runtimeId = fs.existsSync(runtimeStamp) ? fs.readFileSync(runtimeStamp, "utf8").trim() : "none";

generateSW({
  globDirectory: staticDir,
  // Pages, scripts (including lazily loaded chunks), styles, fonts, icons, and the data
  // a page opened offline needs (pwa/offline_data.py).
  globPatterns: ["**/*.{html,js,css,woff,woff2,ttf,png,svg,ico,webmanifest}", "offline/*.json"],
  // Reflex writes each page twice (topics/git.html and topics/git/index.html): both are
  // cached, so /topics/git and /topics/git/ both open offline (the copies gzip to about
  // 12 KiB each). 404.html is copied from the SPA shell after this hook runs.
  globIgnores: ["404.html", "sw.js", "workbox-*.js"],
  swDest: path.join(staticDir, "sw.js"),
  cacheId: "stack-explorer",
  // Hashed build assets never change under one name: no revision needed. Every other
  // file (pages, styles.css, icons) gets a content hash as its revision, so a deploy that
  // changes a page changes the precache manifest and therefore sw.js.
  dontCacheBustURLsMatching: /^assets\//,
  // A page's query (the stack builder's choice, the map's filters) is read in the
  // browser: /stack-builder?frontend=vue opens offline as /stack-builder.
  ignoreURLParametersMatching: [/./],
  maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
  // A new deploy's worker takes over as soon as it has precached, old revisions and old
  // caches are deleted, and the next page load is the new version.
  skipWaiting: true,
  clientsClaim: true,
  cleanupOutdatedCaches: true,
  // A shared map (/shared/<id>) has no prerendered page: the app shell renders it, as the
  // server does.
  navigateFallback: "/__spa-fallback.html",
  navigateFallbackAllowlist: [/^\/shared\//],
  navigateFallbackDenylist: [BACKEND_PATHS],
  runtimeCaching: [
    {
      urlPattern: /\/pyodide\//,
      handler: "CacheFirst",
      options: { cacheName: `stack-explorer-python-${runtimeId}` },
    },
  ],
  inlineWorkboxRuntime: true,
  mode: "production",
  sourcemap: false,
})
  .then(({ count, size, warnings }) => {
    for (const warning of warnings) console.warn(warning);
    console.log(`service worker: ${count} files precached (${Math.round(size / 1024)} KiB)`);
  })
  .catch((error) => {
    console.error(`service worker: ${error.message}`);
    process.exit(1);
  });
