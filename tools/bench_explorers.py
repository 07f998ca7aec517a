"""Explorer latency: `python -m tools.bench_explorers` prints median and p95 in milliseconds.

In-kernel: inside a fresh ipykernel (as under JupyterLab), the time from setting a slider's `.value`
on the seed-sized LossExplorer to its views being updated (the loss, the moved sample's bars and the
paste box's text sent to the front end).
Browser: where Chromium is at /usr/bin/chromium, the playground in JupyterLab (with make lab's server
settings), run as a learner runs it, then the time from a slider key press to the new loss on screen.
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


def browser_latencies(moves: int = 20, delay_ms: float = 0) -> tuple[list[float], list[bool]]:
    """Milliseconds from a key press on a LossExplorer slider to the new loss painted, in JupyterLab; with
    delay_ms, the page reaches the server through a proxy that holds every chunk that long each way. Also,
    per move, whether the new loss was there in the first frame after the key press."""
    from tools import browser

    with tempfile.TemporaryDirectory() as home, browser.running_lab(NOTEBOOKS, Path(home)) as lab:
        with (
            browser.chromium(Path(home) / "profile", browser.chromium_or_none()) as context,
            browser.latency_proxy(lab.port, delay_ms / 1000) as port,
        ):
            if delay_ms:
                lab.url = f"http://127.0.0.1:{port}"  # the page talks to the server through the proxy
            page = browser.open_notebook(context, lab, PLAYGROUND, timeout_ms=180_000)
            state = browser.run_all(page)
            if state["errors"]:
                raise RuntimeError(f"{PLAYGROUND}: errors after Run All: {state['errors']}")
            root = page.locator(".jp-NotebookPanel:visible .xent-loss-explorer").first
            root.locator(".xent-logit .xent-range").first.wait_for(timeout=30_000)
            browser.change_and_time(page, root, browser.press_slider(root, 1))  # the first move warms up
            times, first = [], []
            for _ in range(moves):
                times.append(browser.change_and_time(page, root, browser.press_slider(root, 1)))
                first.append(browser.changed_in_first_frame(page))
            return times, first


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
    for delay in (0, 75):  # 75 ms each way: 150 ms more per round trip to the kernel
        times, first = browser_latencies(delay_ms=delay)
        median, p95 = statistics.median(times), float(np.percentile(times, 95))
        in_budget = in_budget and p95 <= BUDGET_BROWSER_MS
        where = "JupyterLab" if not delay else f"JupyterLab, {2 * delay} ms added per round trip"
        say(
            f"browser key-to-paint (slider key press -> new loss painted, {where}, {len(times)} moves): "
            f"median {median:.1f} ms, p95 {p95:.1f} ms, in the first frame {sum(first)}/{len(first)} "
            f"(budget p95 <= {BUDGET_BROWSER_MS:g} ms: {'ok' if p95 <= BUDGET_BROWSER_MS else 'OVER'})"
        )
    if args.report:
        write_section(
            args.report,
            "tools.bench_explorers",
            "The explorers: a move to the page",
            "\n".join(printed),
            "JupyterLab with make lab's server settings (etc/jupyter), headless Chromium.",
        )
    return 0 if ok and in_budget else 1


if __name__ == "__main__":
    sys.exit(main())
