"""Shared test set-up: the table of notebook execution times printed at the end of a run."""

from __future__ import annotations

import pytest

NOTEBOOK_TIMES = pytest.StashKey[dict]()


@pytest.fixture(scope="session")
def notebook_times(request) -> dict:
    """{notebook name: {"unsolved": (wall s, cells s), "solved": (wall s, cells s)}}, filled by the runs."""
    return request.config.stash.setdefault(NOTEBOOK_TIMES, {})


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    times = config.stash.get(NOTEBOOK_TIMES, None)
    if not times:
        return
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
