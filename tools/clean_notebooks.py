"""Notebooks are committed without outputs: `python -m tools.clean_notebooks [--fix] [PATH ...]`.

Lists every notebook (default: all under notebooks/) with a code cell that has outputs or an execution
count, and exits 1 if there is one; with --fix, clears them instead (the JSON is written as the
notebooks are: indent 1, UTF-8, a final newline). pre-commit and `make lint` run it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dirty_cells(nb: dict) -> list[int]:
    """Indices of the code cells that carry outputs or an execution count."""
    return [
        i
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)
    ]


def clear(nb: dict) -> None:
    for i in dirty_cells(nb):
        nb["cells"][i]["outputs"], nb["cells"][i]["execution_count"] = [], None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="clear the outputs instead of failing")
    parser.add_argument("paths", nargs="*", type=Path, help="notebooks (default: notebooks/**/*.ipynb)")
    args = parser.parse_args(argv)
    paths = args.paths or sorted((ROOT / "notebooks").rglob("*.ipynb"))
    found = 0
    for path in paths:
        nb = json.loads(path.read_text(encoding="utf-8"))
        if not (cells := dirty_cells(nb)):
            continue
        found += 1
        if args.fix:
            clear(nb)
            path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"{path}: cleared cells {cells}")
        else:
            print(f"{path}: cells {cells} have outputs or an execution count (clear them: --fix)")
    return 1 if found and not args.fix else 0


if __name__ == "__main__":
    sys.exit(main())
