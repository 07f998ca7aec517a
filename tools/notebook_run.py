"""Run a notebook in a fresh kernel with nbclient: the one way the tests and the book execute notebooks.

Runs are cached on disk (build/notebook-runs/, git-ignored), keyed by a hash of everything that can
change a run's outputs: the notebook as given (solutions filled in or not), the xentlib sources, the
installed packages, the Python version, the working folder (relative to the repository, so a clone in
another folder computes the same keys), the cell timeout and this file. So
`make test` and `make book` in one CI run execute each notebook once, and any change re-runs it.
Set XENTLIB_NOTEBOOK_CACHE=off to always execute.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from time import perf_counter

import nbclient
import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
CACHE_DIR = ROOT / "build" / "notebook-runs"
# The course's own runs (tests, book, exports) keep no log of checks in notebooks/ (xentlib/exercises/log.py).
os.environ.setdefault("XENTLIB_CHECK_LOG", "off")
CELL_TIMEOUT = 60
KEEP_RUNS = 100  # the cache keeps the newest runs only: edited notebooks leave old runs behind
# Notebooks run this many at a time (each in its own kernel): two keep both cores of a small machine busy.
WORKERS = int(os.environ.get("XENTLIB_NOTEBOOK_WORKERS", "2"))


def course_notebooks(folder: Path = NOTEBOOKS) -> list[Path]:
    """The notebooks of one folder in course order (their names start with the number)."""
    return sorted(folder.glob("[0-9]*.ipynb"))


SOURCE_SUFFIXES = {".py", ".js", ".css", ".json"}


@functools.cache
def _environment() -> str:
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return "\n".join([sys.version, *packages])


def cache_key(nb, cwd: Path, timeout: int) -> str:
    """sha256 of the notebook, xentlib's sources, the environment and how the run is made."""
    digest = hashlib.sha256()
    where = Path(cwd).resolve()
    where = (
        where.relative_to(ROOT).as_posix() if where.is_relative_to(ROOT) else str(where)
    )  # a clone elsewhere
    for part in (nbformat.writes(nb), _environment(), where, str(timeout), Path(__file__).read_text()):
        digest.update(part.encode("utf-8") + b"\0")
    package = ROOT / "xentlib"
    for source in sorted(p for p in package.rglob("*") if p.suffix in SOURCE_SUFFIXES and p.is_file()):
        name = source.relative_to(package).as_posix()  # messages/, exercises/ too: they change outputs
        digest.update(name.encode("utf-8") + b"\0" + source.read_bytes() + b"\0")
    return digest.hexdigest()


def run_notebook(nb, cwd: Path = NOTEBOOKS, timeout: int = CELL_TIMEOUT):
    """Execute `nb` top to bottom in a fresh python3 kernel in `cwd`; return (executed nb, wall seconds).

    Errors are recorded as outputs, not raised (the caller decides which are allowed). The wall time
    of a cached run is the one measured when it really ran.
    """
    use_cache = os.environ.get("XENTLIB_NOTEBOOK_CACHE", "on").lower() not in ("off", "0", "no")
    key = cache_key(nb, cwd, timeout)
    stored, timing = CACHE_DIR / f"{key}.ipynb", CACHE_DIR / f"{key}.json"
    if use_cache:
        try:
            wall = json.loads(timing.read_text())["wall_seconds"]
            cached = nbformat.read(stored, as_version=4)
            os.utime(stored)  # recently used: pruned last
            return cached, wall
        except (FileNotFoundError, json.JSONDecodeError, KeyError):
            pass  # not cached (or pruned meanwhile): run it
    client = nbclient.NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,  # record every error; the caller decides which ones are allowed
        resources={"metadata": {"path": str(cwd)}},
    )
    start = perf_counter()
    client.execute()
    wall = perf_counter() - start
    if use_cache:
        CACHE_DIR.mkdir(parents=True, exist_ok=True)
        for path, text in ((stored, nbformat.writes(nb)), (timing, json.dumps({"wall_seconds": wall}))):
            partial = path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(text, encoding="utf-8")
            partial.replace(path)  # atomic: a parallel run never reads half a file
        prune_cache()
    return nb, wall


def run_notebooks(jobs, timeout: int = CELL_TIMEOUT, workers: int = WORKERS) -> list:
    """run_notebook for each (nb, cwd) of `jobs`, `workers` at a time; the results in the order given."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda job: run_notebook(job[0], job[1], timeout), jobs))


def prune_cache(keep: int = KEEP_RUNS) -> None:
    """Delete all but the `keep` newest cached runs."""

    def age(path: Path) -> float:
        try:
            return -path.stat().st_mtime
        except FileNotFoundError:  # pruned meanwhile by a parallel run
            return 0.0

    runs = sorted(CACHE_DIR.glob("*.ipynb"), key=age)
    for old in runs[keep:]:
        for path in (old, old.with_suffix(".json")):
            path.unlink(missing_ok=True)
