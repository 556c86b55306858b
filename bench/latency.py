"""Interaction latency in Chromium, measured inside the page, on production builds.

Stack Explorer: on /topics/fastapi, click the "Done" / "Not started" radio of the
"Status" radio group (alternating) and wait until the "Backend progress" bar's
aria-valuenow changes. Bare app: click the button and wait until the number changes.

Each click is timed in the page: performance.now() just before element.click(), and
a MutationObserver that resolves when the DOM shows the result. Both apps run at the
same time and are measured in alternating blocks, so drift hits both alike.

    .venv/bin/python bench/latency.py [--quick] [--clicks N]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common
from playwright.sync_api import sync_playwright

TARGET_RATIO = 1.25  # Stack Explorer median <= 1.25 x bare median
WARMUP_CLICKS = 10
BLOCK = 20  # clicks per app before switching to the other one
CLICK_TIMEOUT_MS = 10_000
PAUSE_S = 0.1  # idle time before each click, so it starts from a quiet page and server

# Runs before the page's scripts: remember when the last websocket message arrived
# (before socket.io handles it), to split each click into "reply" and "render".
SOCKET_SPY = """
window.__lastSocketMessage = 0;
window.WebSocket = class extends window.WebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", () => { window.__lastSocketMessage = performance.now(); });
  }
};
"""

# Click the radio labelled `label` inside the radio group "Status"; resolve with the
# milliseconds until the progress bar "Backend progress" shows another aria-valuenow,
# until the last websocket message before that, and until the page says
# "Saved: <label>" (the server's confirmation).
STACK_EXPLORER_CLICK = """
async ([label, timeoutMs]) => {
  const barSelector = '[role="progressbar"][aria-label="Backend progress"]';
  const group = document.querySelector('[role="radiogroup"][aria-label="Status"]');
  const radio = [...group.querySelectorAll("label")]
    .find((el) => el.textContent.trim() === label)?.querySelector('input[type="radio"]');
  if (!radio) throw new Error(`no radio ${label}`);
  const before = document.querySelector(barSelector).getAttribute("aria-valuenow");
  let start = 0;
  let barAt = 0;
  let replyAt = 0;
  let savedAt = 0;
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const now = performance.now();
      const bar = document.querySelector(barSelector);
      if (!barAt && bar && bar.getAttribute("aria-valuenow") !== before) {
        barAt = now;
        replyAt = window.__lastSocketMessage;
      }
      const saved = document.getElementById("status-saved");
      if (!savedAt && saved && saved.textContent.trim() === `Saved: ${label}`) savedAt = now;
      if (barAt && savedAt) {
        observer.disconnect();
        clearTimeout(timer);
        resolve([barAt - start, replyAt - start, savedAt - start]);
      }
    });
    observer.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no progress change or "Saved" after ${timeoutMs} ms (was ${before})`));
    }, timeoutMs);
    start = performance.now();
    radio.click();
  });
}
"""

# Click the button; resolve with the milliseconds until the number text changes,
# and until the last websocket message before that.
BARE_CLICK = """
async ([_, timeoutMs]) => {
  const before = document.getElementById("count").textContent;
  let start = 0;
  return await new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const count = document.getElementById("count");
      if (count && count.textContent !== before) {
        const end = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        const reply = window.__lastSocketMessage - start;
        resolve([end - start, reply, end - start]);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`no number change after ${timeoutMs} ms (was ${before})`));
    }, timeoutMs);
    start = performance.now();
    document.getElementById("increment").click();
  });
}
"""


class Target:
    """One app open in its own browser context, clicked by an in-page script."""

    def __init__(self, name, browser, url, script, labels):
        self.name = name
        self.page = browser.new_context().new_page()
        self.page.add_init_script(SOCKET_SPY)
        self.page.goto(url)
        self.script = script
        self.labels = labels
        self.clicks = 0
        self.samples: list[float] = []  # click to DOM change, ms
        self.replies: list[float] = []  # click to the websocket reply, ms
        self.saved: list[float] = []  # click to the server's confirmation shown, ms

    def click(self, record: bool) -> None:
        label = self.labels[self.clicks % len(self.labels)]
        time.sleep(PAUSE_S)
        elapsed, reply, saved = self.page.evaluate(self.script, [label, CLICK_TIMEOUT_MS])
        self.clicks += 1
        if record:
            self.samples.append(elapsed)
            self.replies.append(reply)
            self.saved.append(saved)


def wait_ready_stack_explorer(page) -> None:
    status = page.get_by_role("radiogroup", name="Status")
    status.get_by_role("radio", name="Not started").wait_for()
    page.get_by_role("progressbar", name="Backend progress").wait_for()
    # The learner starts fresh: the page is hydrated once "Not started" is checked.
    page.wait_for_function(
        """() => document.querySelector('[role="radiogroup"][aria-label="Status"]')
              ?.querySelector('input[type="radio"]:checked')
              ?.closest("label").textContent.trim() === "Not started" """
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50 clicks per app instead of 200")
    parser.add_argument("--clicks", type=int, help="measured clicks per app")
    args = parser.parse_args()
    clicks = args.clicks or (50 if args.quick else 200)

    workdir = common.make_workdir("latency")
    se_dir = common.copy_stack_explorer(workdir)
    bare_dir = common.copy_bare_app(workdir)
    se_env = common.app_env(se_dir, REFLEX_DB_URL=f"sqlite:///{workdir}/stack_explorer.db")
    common.log(f"work directory {workdir}")
    common.prepare_database(se_dir, se_env)

    se_server = common.Server("stack-explorer", se_dir, se_env)
    bare_server = common.Server("bare", bare_dir, common.app_env(bare_dir))
    with se_server, bare_server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=common.CHROMIUM, args=common.CHROMIUM_FLAGS
        )
        se = Target(
            "Stack Explorer",
            browser,
            f"{se_server.url}/topics/{common.TOPIC_SLUG}/",
            STACK_EXPLORER_CLICK,
            ["Done", "Not started"],
        )
        wait_ready_stack_explorer(se.page)
        bare = Target("Bare app", browser, f"{bare_server.url}/", BARE_CLICK, [""])
        bare.page.locator("#count").wait_for()

        common.log(f"warm-up: {WARMUP_CLICKS} clicks each")
        for _ in range(WARMUP_CLICKS):
            se.click(record=False)
            bare.click(record=False)
        common.log(f"measuring {clicks} clicks each, in alternating blocks of {BLOCK}")
        while len(se.samples) < clicks or len(bare.samples) < clicks:
            for target in (se, bare):
                for _ in range(min(BLOCK, clicks - len(target.samples))):
                    target.click(record=True)
        browser.close()
        se_server.assert_running()
        bare_server.assert_running()

    rows = []
    for target in (se, bare):
        samples = target.samples
        renders = [total - reply for total, reply in zip(samples, target.replies, strict=True)]
        rows.append(
            [
                target.name,
                len(samples),
                common.ms(statistics.median(samples)),
                common.ms(common.percentile(samples, 95)),
                common.ms(statistics.mean(samples)),
                common.ms(min(samples)),
                common.ms(max(samples)),
                common.ms(statistics.median(target.replies)),
                common.ms(statistics.median(renders)),
                common.ms(statistics.median(target.saved)),
            ]
        )
        common.log(
            f"{target.name}: median {rows[-1][2]} ms, p95 {rows[-1][3]} ms "
            f"(reply {rows[-1][7]} ms, render {rows[-1][8]} ms)"
        )
    ratio = statistics.median(se.samples) / statistics.median(bare.samples)
    verdict = "met" if ratio <= TARGET_RATIO else "missed"
    common.log(f"median ratio {ratio:.2f} (target <= {TARGET_RATIO}): {verdict}")

    body = "\n".join(
        [
            "Production builds (`reflex run --env prod --single-port`), Chromium via "
            "Playwright, one click at a time, timed inside the page "
            "(performance.now() before `element.click()` to the MutationObserver callback "
            f"that sees the result), {PAUSE_S * 1000:.0f} ms apart; {WARMUP_CLICKS} warm-up clicks "
            "per app not counted. "
            f"Stack Explorer: `/topics/{common.TOPIC_SLUG}`, radio Done / Not started "
            "alternately, until `Backend progress` changes aria-valuenow (SQLite). "
            "Bare app: button, until the number changes. Split of each click: *reply* = "
            "click to the last websocket message before the DOM change (network + backend), "
            "*render* = that message to the DOM change (frontend); *saved* = click to "
            '"Saved: <status>" on the page, the server\'s confirmation (bare app: its number); '
            "medians.",
            "",
            common.md_table(
                [
                    "app",
                    "clicks",
                    "median ms",
                    "p95 ms",
                    "mean ms",
                    "min ms",
                    "max ms",
                    "reply ms",
                    "render ms",
                    "saved ms",
                ],
                rows,
            ),
            "",
            f"Target: Stack Explorer median <= {TARGET_RATIO} x bare median. "
            f"Ratio: **{ratio:.2f}**, target **{verdict}**.",
        ]
    )
    common.append_results("Interaction latency (bench/latency.py)", body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
