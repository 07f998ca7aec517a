"""Explorer latency: `python -m tools.bench_explorers` prints median and p95 in milliseconds.

In-kernel: inside a fresh ipykernel (as under JupyterLab), the time from setting a slider's `.value`
on the seed-sized LossExplorer to its views being updated (the loss, the moved sample's bars and the
paste box's text sent to the front end).
Browser: where Chromium is at /usr/bin/chromium, the playground's loss explorer and notebook 08's gradient
explorer in JupyterLab started plainly (and with make lab's server settings), run as a learner runs them,
then the time from a slider key press to the new readout on screen; and the book's playground page.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path
from time import perf_counter

import numpy as np

from tools.report import write_section

BUDGET_KERNEL_MS = 10.0
BUDGET_BROWSER_MS = 17.0  # the first frame after the key press, at 60 Hz (the page computes the move)
NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
PLAYGROUND = "00_playground.ipynb"


def kernel_latencies(moves: int = 300, warmup: int = 20) -> list[float]:
    """Seconds per `slider.value = v` on a displayed seed LossExplorer; each move changes the loss."""
    from IPython.display import display

    from xentlib.widgets import LossExplorer

    explorer = LossExplorer()
    display(explorer)
    slider = explorer._sliders[0][1]
    times = []
    for k in range(warmup + moves):
        value = round(0.1939 + 0.1 * (1 + k % 7), 4)  # arrow presses: 0.1 each
        start = perf_counter()
        slider.value = value
        times.append(perf_counter() - start)
    return times[warmup:]


def summary_ms(seconds) -> tuple[float, float]:
    """(median, 95th percentile) of a list of durations in seconds, in milliseconds."""
    ms = np.asarray(seconds) * 1e3
    return statistics.median(ms), float(np.percentile(ms, 95))


def run_in_kernel(moves: int) -> list[float]:
    """Start a python3 kernel, run kernel_latencies there, return its times."""
    from jupyter_client.manager import start_new_kernel

    manager, client = start_new_kernel(kernel_name="python3", cwd=str(NOTEBOOKS.parent))  # tools/ importable
    try:
        code = (
            "import json\nfrom tools.bench_explorers import kernel_latencies\n"
            f"print('XENT' + json.dumps(kernel_latencies({moves})))"
        )
        printed = []
        reply = client.execute_interactive(
            code, timeout=300, output_hook=lambda msg: printed.append(msg["content"].get("text", ""))
        )
        if reply["content"]["status"] != "ok":
            raise RuntimeError(f"the benchmark failed in the kernel: {reply['content']}")
        line = next(part for part in "".join(printed).splitlines() if part.startswith("XENT"))
        return json.loads(line[4:])
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


#: (notebook, the explorer's CSS, the slider moved) measured in the browser.
BROWSER_CASES = (
    (PLAYGROUND, ".xent-loss-explorer", ".xent-logit"),
    ("08_gradients.ipynb", ".xent-gradient-explorer", ".xent-logit"),
)


def browser_latencies(
    moves: int = 20, delay_ms: float = 0, project_settings: bool = False, case=BROWSER_CASES[0]
) -> tuple[list[float], list[bool]]:
    """Milliseconds from a key press on an explorer's slider to the new readout painted, in JupyterLab
    (started plainly, or with make lab's settings); with delay_ms, the page reaches the server through a
    proxy that holds every chunk that long each way. Also, per move, whether the new readout was there in
    the first frame after the key press."""
    from tools import browser

    name, css, slider = case
    with (
        tempfile.TemporaryDirectory() as home,
        browser.running_lab(NOTEBOOKS, Path(home), project_settings=project_settings) as lab,
    ):
        with (
            browser.chromium(Path(home) / "profile", browser.chromium_or_none()) as context,
            browser.latency_proxy(lab.port, delay_ms / 1000) as port,
        ):
            if delay_ms:
                lab.url = f"http://127.0.0.1:{port}"  # the page talks to the server through the proxy
            page = browser.open_notebook(context, lab, name, timeout_ms=180_000)
            state = browser.run_all(page)
            if state["errors"]:
                raise RuntimeError(f"{name}: errors after Run All: {state['errors']}")
            root = page.locator(f".jp-NotebookPanel:visible {css}").first
            root.locator(f"{slider} .xent-range").first.wait_for(timeout=30_000)
            move = browser.press_slider(root, 1, css=slider)
            browser.change_and_time(page, root, move)  # the first move warms up
            times, first = [], []
            for _ in range(moves):
                times.append(browser.change_and_time(page, root, move))
                first.append(browser.changed_in_first_frame(page))
            return times, first


BUILD = Path(__file__).resolve().parent.parent / "build" / "book"
BOOKS = (BUILD / "html", BUILD / "test-site")  # make book's, or the one the tests built


def book_latencies(moves: int = 20) -> tuple[list[float], list[bool]] | None:
    """The same on the book's playground page (built by make book), opened from disk: the page computes."""
    from tools import browser

    found = [
        book / "en" / "00_playground.html" for book in BOOKS if (book / "en" / "00_playground.html").exists()
    ]
    if not found:
        return None
    page_file = found[0]
    with tempfile.TemporaryDirectory() as home:
        with browser.chromium(Path(home) / "profile", browser.chromium_or_none()) as context:
            browser.files_only(context)
            page = context.new_page()
            page.goto(page_file.as_uri())
            frame = page.locator(".xent-snapshot.xent-page-live").last  # the loss explorer
            frame.wait_for(timeout=30_000)
            readout = frame.locator(".xent-loss-readout")
            box = frame.locator("input[type=range]").nth(2)  # sample 0's first logit
            times, first = [], []
            for _ in range(moves + 1):
                readout.evaluate(browser.WATCH_JS)
                box.press("ArrowRight")
                page.wait_for_function("() => window.__xentWatch.shown !== null", polling="raf")
                w = page.evaluate("() => window.__xentWatch")
                times.append(w["shown"] - w["start"])
                first.append(browser.changed_in_first_frame(page))
            return times[1:], first[1:]


def _line(what: str, where: str, times, first) -> str:
    median, p95 = statistics.median(times), float(np.percentile(times, 95))
    verdict = "ok" if p95 <= BUDGET_BROWSER_MS else "OVER"
    return (
        f"browser key-to-paint ({what}, {where}, {len(times)} moves): median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, in the first frame {sum(first)}/{len(first)} "
        f"(budget p95 <= {BUDGET_BROWSER_MS:g} ms: {verdict})"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300, help="slider moves timed in the kernel")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurement")
    parser.add_argument("--report", type=Path, help="also write the figures into this Markdown file")
    args = parser.parse_args(argv)
    printed = []

    def say(line: str) -> None:
        print(line)
        printed.append(line)

    median, p95 = summary_ms(run_in_kernel(args.moves))
    ok = p95 <= BUDGET_KERNEL_MS
    say(
        f"in-kernel latency (slider .value -> LossExplorer view updated, seed 3x5, {args.moves} moves): "
        f"median {median:.2f} ms, p95 {p95:.2f} ms (budget p95 <= {BUDGET_KERNEL_MS:g} ms: "
        f"{'ok' if ok else 'OVER'})"
    )
    if args.no_browser:
        return 0 if ok else 1
    from tools import browser

    if browser.chromium_or_none() is None:
        say(f"browser latency: skipped. {browser.INSTALL_HINT}")
        return 0 if ok else 1
    in_budget = True
    runs = [  # (explorer, project settings, delay each way): 75 ms each way is 150 ms per round trip
        (BROWSER_CASES[0], False, 0), (BROWSER_CASES[0], False, 75), (BROWSER_CASES[0], True, 0),
        (BROWSER_CASES[1], False, 0), (BROWSER_CASES[1], False, 75),
    ]  # fmt: skip
    for case, settings, delay in runs:
        times, first = browser_latencies(delay_ms=delay, project_settings=settings, case=case)
        in_budget = in_budget and float(np.percentile(times, 95)) <= BUDGET_BROWSER_MS
        where = "JupyterLab " + ("with make lab's settings" if settings else "started plainly")
        where += f", {2 * delay} ms added per round trip" if delay else ""
        what = f"key press -> new readout of {case[1][6:]} in {case[0]}"
        say(_line(what, where, times, first))
    book = book_latencies()
    if book is None:
        say("book key-to-paint: skipped (no built book: run make book first)")
    else:
        say(_line("key press -> new loss, the book's playground page from disk", "no kernel", *book))
    if args.report:
        write_section(
            args.report,
            "tools.bench_explorers",
            "The explorers: a move to the page",
            "\n".join(printed),
            "JupyterLab started plainly (no project settings) unless the line says so, headless Chromium.",
        )
    return 0 if ok and in_budget else 1


if __name__ == "__main__":
    sys.exit(main())
