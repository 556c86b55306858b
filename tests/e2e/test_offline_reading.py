"""The installable app: after one online visit, every page reads offline, and a new deploy
replaces the cached pages.

Offline is Playwright's `context.set_offline(True)`; the first test checks that it cuts
the service worker's own fetches too, so "served offline" really means from the cache.
"""

import contextlib
import gzip
import re
import subprocess
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, expect

from stack_explorer.catalog import get_catalog
from stack_explorer.pwa.plugin import GENERATOR
from tests.e2e.conftest import ARTIFACTS, embedded_only
from tests.e2e.test_learner_journey import progressbar, status_radio
from tests.kit.server import BIN

pytestmark = embedded_only

SHOTS = ARTIFACTS / "screenshots"
BACKEND_PATHS = ["/ping", "/health", "/_health"]

# Resolves once the worker is active (its install, i.e. precaching every file, has
# succeeded) and controls this page; returns what the precache holds.
WAIT_FOR_PRECACHE = """async () => {
  // Bounded, so a page without a worker fails the test instead of hanging.
  const never = new Promise((_, reject) => setTimeout(
    () => reject(new Error("no service worker became active")), 120000));
  const registration = await Promise.race([navigator.serviceWorker.ready, never]);
  const worker = registration.active;
  if (worker.state !== "activated") {
    await Promise.race([never, new Promise((resolve) => worker.addEventListener(
      "statechange", () => worker.state === "activated" ? resolve() : null))]);
  }
  if (!navigator.serviceWorker.controller) {
    await Promise.race([never, new Promise((resolve) =>
      navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }))]);
  }
  const names = await caches.keys();
  const precache = names.filter((name) => name.includes("precache"));
  const urls = [];
  for (const name of precache) {
    for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
  }
  return { state: worker.state, caches: names, urls };
}"""


def precached(page: Page) -> dict:
    return page.evaluate(WAIT_FOR_PRECACHE)


def paths_of(urls: list[str]) -> set[str]:
    """Cached URLs without origin and Workbox's revision parameter."""
    return {"/" + url.split("/", 3)[3].split("?")[0] for url in urls}


def expect_topic(page: Page, title: str, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.locator(".topic-body")).to_contain_text(text)


def test_unvisited_topics_read_offline(app_server, page: Page, context: BrowserContext):
    url = app_server.url
    page.goto(url + "/")
    cache = precached(page)
    assert cache["state"] == "activated"
    cached = paths_of(cache["urls"])
    # Every prerendered topic, the app's scripts, and none of the backend's paths.
    assert {"/topics/kubernetes.html", "/topics/docker.html", "/index.html"} <= cached
    assert any(path.startswith("/assets/") and path.endswith(".js") for path in cached)
    assert not cached & set(BACKEND_PATHS)

    # The backend's routes reach the backend, never the worker's cache.
    for path in BACKEND_PATHS:
        with page.expect_response(lambda response, path=path: response.url.endswith(path)) as info:
            page.evaluate("(path) => fetch(path, {cache: 'no-store'})", path)
        assert info.value.ok and not info.value.from_service_worker, path

    context.set_offline(True)
    try:
        # set_offline reaches the worker too: its own fetch of a file it does not
        # cache fails, so whatever it answers below comes from its cache.
        (worker,) = context.service_workers
        assert (
            worker.evaluate(
                "fetch('/sitemap.xml', {cache: 'no-store'}).then(() => 'online', () => 'offline')"
            )
            == "offline"
        )

        # A topic never visited opens, from the worker's cache.
        response = page.goto(url + "/topics/kubernetes")
        assert response is not None and response.from_service_worker
        expect_topic(page, "Kubernetes", "Pods")

        # A link inside the topic's text, then a reload, still offline.
        page.locator(".topic-body").get_by_role("link", name="Docker", exact=True).first.click()
        expect(page).to_have_url(url + "/topics/docker")
        expect_topic(page, "Docker", "container")
        page.reload()
        expect_topic(page, "Docker", "container")
        # Client-side navigation (the header's links) loads its route code from the cache.
        page.get_by_role("navigation").get_by_role("link", name="Paths", exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Learning paths")
        # The trailing-slash form of a page is cached as well.
        page.goto(url + "/topics/redis/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Redis")

        SHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(url + "/topics/kubernetes")
        expect_topic(page, "Kubernetes", "Pods")
        page.screenshot(path=SHOTS / "offline-topic-light.png")
        page.emulate_media(color_scheme="dark")
        page.reload()
        expect_topic(page, "Kubernetes", "Pods")
        page.screenshot(path=SHOTS / "offline-topic-dark.png")
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 375, "height": 812})
        page.reload()
        expect_topic(page, "Kubernetes", "Pods")
        page.screenshot(path=SHOTS / "offline-topic-375.png")
    finally:
        context.set_offline(False)


def test_installable(app_server, browser_type, browser_type_launch_args, tmp_path):
    """Chromium's own installability check (manifest, icons, worker, secure origin), in a
    real profile: Playwright's usual contexts are incognito, where nothing installs."""
    context = browser_type.launch_persistent_context(
        tmp_path / "profile", **browser_type_launch_args
    )
    try:
        page = context.new_page()
        page.goto(app_server.url + "/topics/git")
        precached(page)
        cdp = context.new_cdp_session(page)
        manifest = cdp.send("Page.getAppManifest")
        assert manifest["url"].endswith("/manifest.webmanifest")
        assert manifest["errors"] == [], manifest["errors"]
        assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
        light, dark = page.locator('meta[name="theme-color"]').all()
        expect(light).to_have_attribute("media", "(prefers-color-scheme: light)")
        expect(dark).to_have_attribute("content", "#111113")
    finally:
        context.close()


@contextlib.contextmanager
def deployed_page_change(build_dir: Path, slug: str, old: str, new: str):
    """A new deploy that changes one topic's text: the page files are rewritten (with
    the gzip copies the server prefers) and sw.js regenerated by the build's own
    generator; undone after."""
    pages = [build_dir / "topics" / f"{slug}.html", build_dir / "topics" / slug / "index.html"]
    originals = {path: path.read_bytes() for path in pages}
    originals[build_dir / "sw.js"] = (build_dir / "sw.js").read_bytes()

    def write(path: Path, content: bytes) -> None:
        path.write_bytes(content)
        gz = path.with_name(path.name + ".gz")
        if gz.exists():
            gz.write_bytes(gzip.compress(content))

    def regenerate() -> None:
        subprocess.run(
            [
                str(BIN / "node"),
                str(GENERATOR),
                str(build_dir.parents[1]),
                str(build_dir),
            ],
            check=True,
            capture_output=True,
        )

    try:
        for path in pages:
            text = originals[path].decode()
            assert old in text, f"{old!r} not in {path}"
            write(path, text.replace(old, new).encode())
        regenerate()
        # The server prefers the gzip copy of sw.js: give it the new worker too.
        write(build_dir / "sw.js", (build_dir / "sw.js").read_bytes())
        yield
    finally:
        for path, content in originals.items():
            write(path, content)


def test_new_deploy_replaces_cached_pages(app_server, page: Page):
    url = app_server.url
    build_dir = app_server.app_dir / ".web" / "build" / "client"
    page.goto(url + "/topics/gitlab")
    before = precached(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("GitLab")

    with deployed_page_change(build_dir, "gitlab", ">GitLab</h1>", ">GitLab, new edition</h1>"):
        # The worker checks for a new sw.js on navigation; the new one precaches, takes
        # over, and the next load shows the new page.
        page.evaluate("""async () => {
          const registration = await navigator.serviceWorker.getRegistration();
          const changed = new Promise((resolve) =>
            navigator.serviceWorker.addEventListener("controllerchange", resolve, { once: true }));
          await registration.update();
          // Bounded, so a worker that never takes over fails the test instead of hanging.
          const never = new Promise((_, reject) => setTimeout(
            () => reject(new Error("the new service worker did not take over")), 90000));
          await Promise.race([changed, never]);
        }""")
        # (The page's text, not what hydration leaves on screen: this pretend deploy
        # changes the HTML only, and React renders the old text from the old scripts.)
        response = page.reload()
        assert response is not None and response.from_service_worker
        assert ">GitLab, new edition</h1>" in response.text()
        after = precached(page)
        # The changed page has a new revision; unchanged hashed assets stay; the old
        # revision is gone and there is still a single precache.
        revisions = {u for u in after["urls"] if "/topics/gitlab.html" in u}
        old_revisions = {u for u in before["urls"] if "/topics/gitlab.html" in u}
        assert len(revisions) == 1 and revisions != old_revisions
        assert len([n for n in after["caches"] if "precache" in n]) == 1


def test_my_notes_opened_offline_show_this_browsers_last_copy(
    app_server, page: Page, context: BrowserContext
):
    url = app_server.url
    page.goto(url + "/topics/docker")
    page.get_by_label("Note").fill("Layers are cached in order.")
    expect(page.locator("#note-status")).to_have_text("Saved")
    page.goto(url + "/me/notes")
    expect(page.get_by_role("link", name="Docker", exact=True)).to_be_visible()
    precached(page)

    context.set_offline(True)
    try:
        page.reload()
        expect(page.locator("#notes-snapshot")).to_contain_text("You are offline", timeout=30_000)
        expect(page.get_by_role("link", name="Docker", exact=True)).to_be_visible()
        expect(page.locator(".note-excerpt")).to_contain_text("Layers are cached in order.")
        expect(page.get_by_text("No notes yet")).to_have_count(0)
    finally:
        context.set_offline(False)


SHIP_IT = get_catalog().paths["ship-it"].title


def test_my_progress_opened_offline_shows_this_browsers_last_copy(
    app_server, page: Page, context: BrowserContext
):
    url = app_server.url
    for slug, status in (("docker", "Done"), ("git", "Learning")):
        page.goto(f"{url}/topics/{slug}")
        status_radio(page, status).click()
        expect(page.locator("#status-saved")).to_have_text(f"Saved: {status}")
    page.goto(url + "/paths/ship-it")
    page.get_by_role("button", name="Follow this path").click()
    page.goto(url + "/me/progress")
    page.get_by_role("combobox", name="Topics per week").click()
    page.get_by_role("option", name="3 topics a week", exact=True).click()
    expect(page.locator("#weekly-goal")).to_contain_text("of 3 topics this week")
    path = page.get_by_role("region", name="Learning path")
    expect(path.get_by_role("link", name=SHIP_IT)).to_be_visible()
    recent = page.get_by_role("region", name="Recent activity")
    expect(recent.get_by_role("link", name="Docker")).to_be_visible()
    overall = progressbar(page, "Overall progress")
    expect(overall).not_to_have_attribute("aria-valuenow", "0")
    covered = overall.get_attribute("aria-valuenow")
    precached(page)

    context.set_offline(True)
    try:
        page.reload()
        notice = page.locator("#progress-snapshot")
        expect(notice).to_contain_text("as this browser last saw it", timeout=30_000)
        expect(overall).to_have_attribute("aria-valuenow", covered)
        expect(recent.get_by_role("link", name="Docker")).to_be_visible()
        in_progress = page.get_by_role("region", name="In progress")
        expect(in_progress.get_by_role("link", name="Git")).to_be_visible()
        chart = page.get_by_role("img", name=re.compile("Chart of topics covered per day"))
        expect(chart.locator("svg").first).to_be_visible()
        expect(page.get_by_text("Nothing yet.")).to_have_count(0)
        expect(path.get_by_role("link", name=SHIP_IT)).to_be_visible()
        goal = page.get_by_role("combobox", name="Topics per week")
        expect(goal).to_have_text("3 topics a week")
        expect(goal).to_be_enabled()  # a goal set offline goes through the queue
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SHOTS / "offline-my-progress.png", full_page=True)
        page.goto(url + "/review")  # due questions come from the server: no false "none"
        expect(page.locator("#review-offline")).to_contain_text("You are offline")
        expect(page.get_by_text("Nothing is due")).to_have_count(0)
    finally:
        context.set_offline(False)
    expect(page.get_by_text("Nothing is due")).to_be_visible()
    expect(page.locator("#review-offline")).to_have_count(0)
