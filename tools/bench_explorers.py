"""Explorer latency: `python -m xentlib.bench_widgets` prints median and p95 in milliseconds.

In-kernel: inside a fresh ipykernel (as under JupyterLab), the time from setting a slider's `.value`
on the seed-sized LossExplorer to its views being updated (the loss, the moved sample's bars and the
paste box's text sent to the front end).
Browser: when Chromium is at /usr/bin/chromium and the repository's tests are next to the package,
the browser test runs and prints the time from a slider key press to the new loss on screen.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path
from time import perf_counter

import numpy as np

BUDGET_KERNEL_MS = 10.0
BUDGET_BROWSER_MS = 100.0
CHROMIUM = Path("/usr/bin/chromium")
REPO = Path(__file__).resolve().parent.parent


def kernel_latencies(moves: int = 300, warmup: int = 20) -> list[float]:
    """Seconds per `slider.value = v` on a displayed seed LossExplorer; each move changes the loss."""
    from IPython.display import display

    from .widgets import LossExplorer

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

    manager, client = start_new_kernel(kernel_name="python3")
    try:
        code = (
            "import json\nfrom xentlib.bench_widgets import kernel_latencies\n"
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


def run_browser() -> int:
    """Run the playground's browser test, which prints its latency line; return its exit code."""
    command = [sys.executable, "-m", "pytest", "tests/test_browser.py", "-k", "playground", "-q", "-s"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
    for line in result.stdout.splitlines():
        if "browser latency" in line:
            print(line.strip())
    if result.returncode != 0:
        print(result.stdout[-3000:] + result.stderr[-2000:])
    return result.returncode


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=300, help="slider moves timed in the kernel")
    parser.add_argument("--no-browser", action="store_true", help="skip the browser measurement")
    args = parser.parse_args(argv)
    median, p95 = summary_ms(run_in_kernel(args.moves))
    ok = p95 <= BUDGET_KERNEL_MS
    print(
        f"in-kernel latency (slider .value -> LossExplorer view updated, seed 3x5, {args.moves} moves): "
        f"median {median:.2f} ms, p95 {p95:.2f} ms (budget p95 <= {BUDGET_KERNEL_MS:g} ms: "
        f"{'ok' if ok else 'OVER'})"
    )
    if args.no_browser:
        return 0 if ok else 1
    if not CHROMIUM.exists() or not (REPO / "tests" / "test_browser.py").exists():
        print(
            "browser latency: skipped (needs /usr/bin/chromium: `apt-get install -y chromium`, and the "
            "repository's tests/); measure it with `python -m pytest tests/test_browser.py -k playground -s`"
        )
        return 0 if ok else 1
    print(f"browser latency: running tests/test_browser.py (budget p95 <= {BUDGET_BROWSER_MS:g} ms) ...")
    return 0 if ok and run_browser() == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
