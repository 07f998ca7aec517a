"""The compatibility matrix: xentlib's tests and every notebook, both editions, in each supported stack.

    make compat                    make dist, then all three stacks one after the other (~20 minutes here)
    nox -s "compat(stack='oldest')"   one of them

Each session is a fresh virtual environment that first gets a learner's stack (torch, numpy, ipywidgets,
...), as Colab or an existing conda/venv would have it, and only then xentlib, from the wheel of this
checkout, the way a notebook's set-up cell installs it. The session fails if that install changed torch,
numpy or ipywidgets. Then, in that environment: a notebook copied alone into an empty folder runs to its
end (its set-up cell installs nothing more); the library's, exercises' and explorers' tests; every
notebook unsolved and solved, both editions. `tools/compat.py` writes the table docs/compatibility.md.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True  # the stacks are large: a second run reuses them

# The ends of the ranges pyproject.toml declares, and the exact set requirements.txt pins.
STACKS = {
    # the oldest of each that xentlib supports; ipywidgets 7.7.1 is the line Colab long shipped
    "oldest": [
        "numpy==1.26.4",
        "torch==2.4.0",
        "ipywidgets==7.7.1",
        "anywidget==0.11.0",
        "matplotlib==3.8.4",
        "tqdm==4.66.0",
        "ipykernel==6.29.5",
    ],  # fmt: skip
    "pinned": ["-r", "requirements.txt"],
    # whatever the package index serves today (on this machine pip caps torch at 2.14.1: /etc/xdg/pip);
    # no anywidget, as in Colab: the set-up cell installs it
    "newest": ["numpy", "torch", "ipywidgets", "matplotlib", "tqdm", "ipykernel"],
}
# Test tools only, never part of the stack a learner has.
TEST_TOOLS = ["pytest>=9,<10", "hypothesis>=6.150,<7", "nbclient>=0.11,<1", "nbformat>=5.10,<6"]
# What runs in each stack: no browser, book or hub (those test the front ends, with the pinned set).
TESTS = ["tests/library", "tests/exercises", "tests/explorers/test_widgets.py", "tests/notebooks"]
WATCHED = ("torch", "numpy", "ipywidgets")


def versions(session: nox.Session) -> dict[str, str]:
    script = "import importlib.metadata as m, json, sys; print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"  # noqa: E501
    out = session.run("python", "-c", script, *WATCHED, silent=True)
    return json.loads(out.strip().splitlines()[-1])


@nox.session(python="3.11")
@nox.parametrize("stack", list(STACKS))
def compat(session: nox.Session, stack: str) -> None:
    """One stack: install it, add xentlib's wheel, run a notebook alone, the tests and every notebook."""
    session.install(*STACKS[stack], *TEST_TOOLS)
    session.run("python", "-m", "pip", "uninstall", "--yes", "--quiet", "xentlib")  # a reused venv had it
    before = versions(session)
    wheels = sorted((ROOT / "build" / "dist").glob("xentlib-*.whl"))
    if not wheels:
        session.error("no wheel in build/dist: run `make dist` first (make compat does)")
    wheel = str(wheels[-1])
    report = ROOT / "build" / "compat" / f"{stack}.json"
    report.parent.mkdir(parents=True, exist_ok=True)
    # XENTLIB_NOTEBOOK_CACHE=off: real runs, real times, and the main suite's cached runs stay
    env = {"XENTLIB_WHEEL": wheel, "XENTLIB_COMPAT_REPORT": str(report), "XENTLIB_NOTEBOOK_CACHE": "off"}
    # the notebook alone installs xentlib[notebook] from the wheel with its own set-up cell
    session.run(
        "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/course/test_standalone.py", env=env
    )
    after = versions(session)
    if after != before:
        session.error(f"installing xentlib changed the learner's stack: {before} -> {after}")
    session.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS, "-m", "not compat", env=env)
    data = json.loads(report.read_text()) if report.exists() else {}
    data["versions"] = after
    data["python"] = session.run(
        "python", "-c", "import sys; print(sys.version.split()[0])", silent=True
    ).strip()
    report.write_text(json.dumps(data, indent=1))
    if os.environ.get("CI") is None:
        session.log(f"{stack}: {after}")
