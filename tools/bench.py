"""Speed and memory of the loop, one-hot and vectorized losses against torch: `python -m tools.bench`.

Time is the median of repeated calls. Memory is the peak a call adds on top of what the process
already held: the larger of NumPy's peak allocation (tracemalloc sees every NumPy buffer) and the
growth of resident memory (Linux: VmHWM reset through /proc/self/clear_refs; this is what sees
torch's buffers), as a share of the logits' own size. Ratios are to torch.nn.functional.cross_entropy
in the same run.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
import tracemalloc
from pathlib import Path

import numpy as np

from tools.report import write_section
from xentlib import cross_entropy, cross_entropy_and_grad, cross_entropy_loop, cross_entropy_onehot

SIZES = [(3, 5), (1000, 10), (10_000, 100), (65_536, 1000)]
DTYPES = [np.float32, np.float64]
MIN_SHARE_BYTES = 1 << 20  # below 1 MiB of logits, a share of 4 KiB pages and allocator slack means nothing


def _status_kib(field: str) -> int:
    with open("/proc/self/status") as f:
        return int(re.search(rf"{field}:\s+(\d+)", f.read()).group(1))


def peak_extra_bytes(fn) -> int:
    """Peak memory one call of fn adds, in bytes: max(NumPy's traced peak, resident-memory growth)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current VmRSS
        before = _status_kib("VmRSS")
    except OSError:  # not Linux: tracemalloc alone
        before = None
    tracemalloc.start()
    try:
        fn()
        traced = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    resident = 0 if before is None else max(0, _status_kib("VmHWM") - before) * 1024
    return max(traced, resident)


def median_seconds(fns: dict, budget: float = 0.3, min_rounds: int = 5, max_rounds: int = 100, once=()):
    """name -> median wall time of fns[name](), timed round-robin (one call of each per round, so
    drift on the machine hits every method alike), for about `budget` seconds. Each timed call
    follows an untimed one of the same method, so it finds its caches and torch's threads warm, as
    in a training loop. Methods named in `once` are timed in the first round only (they take seconds).
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    start = time.perf_counter()
    for round_ in range(max_rounds):
        for name, fn in fns.items():
            if round_ == 0 or name not in once:
                if name not in once:
                    fn()
                t0 = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - t0)
        if round_ + 1 >= min_rounds and time.perf_counter() - start > budget:
            break
    return {name: statistics.median(ts) for name, ts in times.items()}


def _candidates(z, y, with_grad: bool):
    """name -> zero-argument callable computing the mean loss (and its gradient) of z, y."""
    import torch
    import torch.nn.functional as F

    zt, yt = torch.from_numpy(z), torch.from_numpy(y)
    if with_grad:
        leaf = zt.clone().requires_grad_()

        def torch_call():
            leaf.grad = None
            F.cross_entropy(leaf, yt).backward()

        return {"xentlib.cross_entropy_and_grad": lambda: cross_entropy_and_grad(z, y), "torch": torch_call}
    return {
        "loop": lambda: cross_entropy_loop(z, y),
        "one-hot": lambda: cross_entropy_onehot(z, y),
        "xentlib.cross_entropy": lambda: cross_entropy(z, y),
        "torch": lambda: F.cross_entropy(zt, yt),
    }


def measure(sizes=SIZES, dtypes=DTYPES, budget: float = 0.3):
    """Rows of (N, C, dtype, mode, method, seconds, ratio to torch, extra bytes, extra / logits bytes)."""
    rows = []
    rng = np.random.default_rng(0)
    for n, c in sizes:
        for dtype in dtypes:
            z = rng.normal(0, 2, size=(n, c)).astype(dtype)
            y = rng.integers(0, c, size=n)
            for mode in ("loss", "loss+grad"):
                fns = _candidates(z, y, mode == "loss+grad")
                once = ("loop", "one-hot") if n * c > 1_000_000 else ()
                seconds = median_seconds(fns, budget, once=once)
                found = {name: (seconds[name], peak_extra_bytes(fn)) for name, fn in fns.items()}
                torch_seconds = found["torch"][0]
                for name, (seconds, extra) in found.items():
                    share = extra / z.nbytes if z.nbytes >= MIN_SHARE_BYTES else None
                    rows.append(
                        (
                            n,
                            c,
                            np.dtype(dtype).name,
                            mode,
                            name,
                            seconds,
                            seconds / torch_seconds,
                            extra,
                            share,
                        )
                    )
    return rows


def _fmt_time(seconds: float) -> str:
    for unit, scale in (("s", 1), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:7.2f} {unit}"
    return f"{seconds / 1e-6:7.2f} us"


def table(rows) -> str:
    lines = [
        f"{'N x C':>12} {'dtype':>7} {'mode':>9} {'method':>30} {'time/call':>11} {'x torch':>8} "
        f"{'extra MiB':>10} {'% logits':>9}"
    ]
    for n, c, dtype, mode, name, seconds, ratio, extra, share in rows:
        mib = f"{extra / 2**20:.2f}"
        pct = "-" if share is None else f"{100 * share:.1f}%"
        lines.append(
            f"{f'{n}x{c}':>12} {dtype:>7} {mode:>9} {name:>30} {_fmt_time(seconds):>11} {ratio:>7.2f}x "
            f"{mib:>10} {pct:>9}"
        )
    return "\n".join(lines)


def targets(rows) -> list[str]:
    """The project's speed and memory targets, each with the measured figure and PASS or MISS."""
    get = {(n, c, d, m, name): (ratio, share, s) for n, c, d, m, name, s, ratio, _, share in rows}
    out = []

    def line(ok: bool, text: str) -> None:
        out.append(f"{'PASS' if ok else 'MISS'}  {text}")

    for d in ("float32", "float64"):
        if (k := (65536, 1000, d, "loss", "xentlib.cross_entropy")) in get:
            line(
                get[k][0] <= 0.7, f"cross_entropy at 65536x1000 {d}: {get[k][0]:.2f}x torch (target <= 0.7x)"
            )
            share = get[k][1]
            if share is not None:
                line(
                    share <= 0.05, f"extra memory at 65536x1000 {d}: {100 * share:.2f}% of the logits (<= 5%)"
                )
        if (k := (1000, 10, d, "loss", "xentlib.cross_entropy")) in get:
            line(get[k][0] <= 1.5, f"cross_entropy at 1000x10 {d}: {get[k][0]:.2f}x torch (target <= 1.5x)")
            loop = get[(1000, 10, d, "loss", "loop")][2] / get[k][2]
            line(loop >= 40, f"loop at 1000x10 {d}: {loop:.0f}x slower than vectorized (target >= 40x)")
    for n, c in ((65536, 1000), (10000, 100)):
        if (k := (n, c, "float64", "loss+grad", "xentlib.cross_entropy_and_grad")) in get:
            ratio = get[k][0]
            line(ratio <= 1.0, f"loss+grad at {n}x{c} float64: {ratio:.2f}x torch forward+backward (<= 1.0x)")
    return out


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip 65536x1000 (about 10x faster)")
    parser.add_argument("--budget", type=float, default=0.3, help="seconds of repeats per measurement")
    parser.add_argument("--report", type=Path, help="also write the figures into this Markdown file")
    args = parser.parse_args(argv)
    import torch

    sizes = SIZES[:-1] if args.quick else SIZES
    threads = torch.get_num_threads()
    rows = measure(sizes, budget=args.budget)
    text = "\n".join(
        [
            f"xentlib bench: numpy {np.__version__}, torch {torch.__version__} ({threads} threads)",
            table(rows),
            "",
            *targets(rows),
        ]
    )
    print(text)
    if args.report:
        write_section(
            args.report,
            "tools.bench",
            "The losses: time and memory against torch",
            text,
            "Median time per call, every method timed round-robin in the same run.",
        )


if __name__ == "__main__":
    main()
