"""Where a class is stuck: every check() appends one line to a log beside the notebook, on this machine.

The log is `.xentlib/checks.jsonl` in the kernel's working folder (in Jupyter, the notebook's folder), one
JSON object per check: {"exercise", "result" ("pass", "fail" or "todo"), "mistake" (the name of the
mistake the check named, or null), "diagnosed" (whether the failure was explained), "notebook" (when
Jupyter says which), "time" (UTC, ISO 8601)}. Nothing else is recorded and nothing is sent anywhere; a
teacher reads a class's logs with `python -m tools.stuck` (docs/teaching.md). XENTLIB_CHECK_LOG=off turns
it off; the course's own notebook runs (tools/notebook_run.py) do.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path

LOG = Path(".xentlib") / "checks.jsonl"
OFF = {"off", "0", "no", "false"}


def enabled() -> bool:
    return os.environ.get("XENTLIB_CHECK_LOG", "on").strip().lower() not in OFF


def record(exercise: str, result: str, mistake: str | None = None, diagnosed: bool = True) -> None:
    """Append one check's outcome to ./.xentlib/checks.jsonl (a folder we cannot write in: nothing)."""
    if not enabled():
        return
    notebook = os.environ.get("JPY_SESSION_NAME")  # set by Jupyter Server for a notebook's kernel
    line = {
        "exercise": exercise,
        "result": result,
        "mistake": mistake,
        "diagnosed": diagnosed,
        "notebook": Path(notebook).name if notebook else None,
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        path = Path.cwd() / LOG
        path.parent.mkdir(exist_ok=True)
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError:
        pass  # a read-only folder: the check itself still works, only its line is not kept
