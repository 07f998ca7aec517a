"""Shared test set-up: groups for pytest-xdist, and the table of notebook execution times printed at the end
of a run."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

if os.environ.get("PYTEST_XDIST_WORKER"):
    # Two workers on two cores: torch's and OpenBLAS's own thread pools on top would oversubscribe them
    # (measured: the torch exercise checks took 13 s instead of under 1 s). Kernels started by a worker
    # inherit this. Set before anything imports torch.
    os.environ.setdefault("OMP_NUM_THREADS", "1")

# The tests call check() thousands of times from the repository's root: no log of checks there
# (xentlib/exercises/log.py); tests/exercises/test_log.py turns it on where it looks at it.
os.environ.setdefault("XENTLIB_CHECK_LOG", "off")

NOTEBOOK_TIMES = pytest.StashKey[dict]()

# With `pytest -n 2` (make test), tests that share an expensive session stay on one worker: the notebook
# runs and the book (which reuses the runs through their cache), one JupyterLab, one JupyterHub.
# Every other test goes to whichever worker is free.
GROUPS = {
    "tests/notebooks/test_notebooks.py": "notebook runs",
    "tests/course/test_book.py": "notebook runs",
    "tests/course/test_export.py": "notebook runs",
    "tests/explorers/test_browser.py": "one JupyterLab",
    "tests/course/test_classroom.py": "one JupyterHub",
}


def group_of(nodeid: str) -> str:
    """The work unit a test belongs to: its group, or the test alone."""
    return GROUPS.get(nodeid.split("::", 1)[0], nodeid)


@pytest.hookimpl(optionalhook=True)  # an xdist hook: only called when pytest-xdist runs the tests
def pytest_xdist_make_scheduler(config, log):
    """GROUPS as xdist work units, largest first. (xdist's own --dist loadgroup reads its groups from
    the test ids, which pytest 9.2 no longer lets it change: pytest-xdist issue 1386.)"""
    from xdist.scheduler import LoadScopeScheduling

    class Groups(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return Groups(config, log)


@pytest.fixture(scope="session")
def notebook_times(request) -> dict:
    """{notebook name: {"unsolved": (wall s, cells s), "solved": (wall s, cells s)}}, filled by the runs."""
    return request.config.stash.setdefault(NOTEBOOK_TIMES, {})


def pytest_sessionfinish(session) -> None:
    """On an xdist worker: hand the notebook times to the controller, which prints the table."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["notebook_times"] = session.config.stash.get(NOTEBOOK_TIMES, {})


@pytest.hookimpl(optionalhook=True)  # an xdist hook: only called when pytest-xdist runs the tests
def pytest_testnodedown(node, error) -> None:
    for name, runs in node.workeroutput.get("notebook_times", {}).items():
        node.config.stash.setdefault(NOTEBOOK_TIMES, {}).setdefault(name, {}).update(runs)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    times = config.stash.get(NOTEBOOK_TIMES, None)
    if not times:
        return
    if report := os.environ.get(
        "XENTLIB_COMPAT_REPORT"
    ):  # the compatibility matrix's table (tools/compat.py)
        path = Path(report)
        data = json.loads(path.read_text()) if path.exists() else {}
        data["notebooks"] = {name: runs for name, runs in times.items()}
        data["failed"] = len(terminalreporter.stats.get("failed", []))
        data["passed"] = len(terminalreporter.stats.get("passed", []))
        path.write_text(json.dumps(data, indent=1))
    write = terminalreporter.write_line
    terminalreporter.section("notebook execution times (nbclient, fresh kernel each run)")
    write("wall = kernel start + all cells; cells = first cell start to last cell end")
    write(f"{'notebook':<36} {'unsolved wall':>14} {'cells':>7} {'solved wall':>12} {'cells':>7}")

    def cell(run, i, width):
        return f"{run[i]:>{width - 1}.2f}s" if run else f"{'-':>{width}}"

    for name in sorted(times):
        unsolved, solved = times[name].get("unsolved"), times[name].get("solved")
        columns = (cell(unsolved, 0, 14), cell(unsolved, 1, 7), cell(solved, 0, 12), cell(solved, 1, 7))
        write(f"{name:<36} " + " ".join(columns))
