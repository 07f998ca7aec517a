"""What students pull: the course without the teacher's materials, for a graded course's class repository.

    python -m tools.student_tree [--out build/student]      (what `make student-tree` runs)

Copies the files committed at HEAD (`git ls-files`, links kept as links: notebooks/xentlib -> ../xentlib)
into <out>, except TEACHER_ONLY: the reference solutions, the graded course's sources and hidden cases,
the teacher's guide with its answers, and the tests (whose answer tables would give the solutions away).
Push <out> as the repository or branch the class's nbgitpuller or Binder link names; keep this
repository, with the solutions, for the teachers. The notebooks run as they do here: unsolved exercises
say "not solved yet", hints come in levels.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEACHER_ONLY = [
    "notebooks/solutions/*",  # the reference solutions
    "tools/assignments.py",  # the graded course's points and hidden cases
    "docs/teaching.md",  # the guide: questions with their answers, the exercises' typical mistakes
    "tests/*",  # answer tables and the solved runs
    ".github/*",
]


def committed() -> list[str]:
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, check=True, capture_output=True).stdout
    return [name for name in out.decode().split("\0") if name]


def kept(name: str) -> bool:
    return not any(fnmatch.fnmatch(name, pattern) for pattern in TEACHER_ONLY)


def build(out: Path) -> list[str]:
    shutil.rmtree(out, ignore_errors=True)
    names = [name for name in committed() if kept(name)]
    for name in names:
        source, target = ROOT / name, out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            os.symlink(os.readlink(source), target)
        else:
            shutil.copy2(source, target)
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "student")
    out = parser.parse_args(argv).out.resolve()
    names = build(out)
    left = len(committed()) - len(names)
    print(f"{len(names)} files into {out} ({left} teacher-only files left out: {', '.join(TEACHER_ONLY)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
