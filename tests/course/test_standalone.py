"""A notebook copied alone into an empty folder, in an environment without xentlib, as Colab, Kaggle, VS Code
or a downloaded file have it: its set-up cell installs xentlib and Run All reaches the end, with its
explorers and checks working, and torch, numpy and ipywidgets unchanged.

Runs in the compatibility matrix (`make compat`, noxfile.py): XENTLIB_WHEEL is the wheel of this checkout,
standing in for the release's download (XENTLIB_SOURCE, which the set-up cell reads), and the environment has
a learner's stack but no xentlib. Elsewhere it skips.
"""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.compat

REPO = Path(__file__).resolve().parents[2]
# the first installs xentlib; the others then find it (a learner opening a second notebook)
ALONE = ["06_pytorch_modules.ipynb", "zh/06_pytorch_modules.ipynb", "00_playground.ipynb"]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
STACK = "import importlib.metadata as m; print({n: m.version(n) for n in ('torch', 'numpy', 'ipywidgets')})"


def python(code: str, cwd: Path) -> str:
    return subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True
    ).stdout.strip()


def seconds(cell) -> float:
    timing = cell.metadata["execution"]
    start, end = (
        datetime.datetime.fromisoformat(timing[k]) for k in ("iopub.execute_input", "shell.execute_reply")
    )
    return (end - start).total_seconds()


def run_alone(name: str, folder: Path):
    """Copy one notebook into an empty folder and Run All there, as a learner's front end does."""
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    folder.mkdir(parents=True)
    path = folder / Path(name).name
    shutil.copy(REPO / "notebooks" / name, path)
    nb = nbformat.read(path, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    )  # allow_errors=False: only cells tagged raises-exception may fail
    client.execute()
    return nb


def test_a_notebook_copied_alone_installs_xentlib_and_runs_to_the_end(tmp_path, monkeypatch):
    wheel = os.environ.get("XENTLIB_WHEEL")
    if not wheel:
        pytest.skip("runs in the compatibility matrix: make compat")
    assert python("import importlib.util; print(importlib.util.find_spec('xentlib'))", tmp_path) == "None", (
        "this environment already has xentlib: the test needs one without it"
    )
    before = python(STACK, tmp_path)
    monkeypatch.setenv("XENTLIB_SOURCE", Path(wheel).resolve().as_uri())
    report = {}
    for k, name in enumerate(ALONE):
        nb = run_alone(name, tmp_path / str(k))
        setup = next(c for c in nb.cells if "setup" in c.metadata.get("tags", []))
        report[name] = {"setup_s": round(seconds(setup), 1), "all_s": round(sum(map(seconds, _code(nb))), 1)}
        bundles = [
            o.get("data", {})
            for c in _code(nb)
            for o in c.outputs
            if o.output_type in ("display_data", "execute_result")
        ]
        explorers = [b for b in bundles if WIDGET_MIME in b]
        assert explorers and all("xent-" in b.get("text/html", "") for b in explorers), f"{name}: no explorer"
        if "06" in name:
            checked = "".join(o.get("text", "") for c in _code(nb) for o in c.outputs)
            todo = "尚未完成" if name.startswith("zh/") else "not solved yet"
            assert checked.count(todo) >= 3, f"{name}: the exercises' checks did not report"
    assert python(STACK, tmp_path) == before, "installing xentlib changed torch, numpy or ipywidgets"
    where = python("import xentlib; print(xentlib.__version__, xentlib.__file__)", tmp_path)
    assert where.split()[0] == _version() and "site-packages" in where, where
    if out := os.environ.get("XENTLIB_COMPAT_REPORT"):
        Path(out).write_text(json.dumps({"alone": report}, indent=1))
    print(json.dumps(report))


def _code(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def _version() -> str:
    import tomllib

    return tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
