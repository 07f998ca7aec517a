"""Build the release files from a clean checkout: the sdist, the wheel built from that sdist, twine-checked.

    python -m tools.dist [--out build/dist]      (what `make dist` runs)

The sources come from `git archive HEAD`, so only what is committed ships, never a working tree's stray
files; the wheel is built from the sdist, as pip builds it from an index's sdist. Prints the wheel's path
last (the compatibility matrix installs it: noxfile.py).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)["project"]["version"]


def clean_checkout(into: Path) -> str:
    """HEAD's files into `into`, as a fresh clone has them; the commit's id."""
    archive = into / "head.tar"
    subprocess.run(["git", "archive", "--format=tar", "-o", str(archive), "HEAD"], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, check=True, capture_output=True,
                          text=True).stdout.strip()  # fmt: skip


def release_notes(version_: str | None = None) -> str:
    """The changelog's section of this version (the GitHub release's text, .github/workflows/release.yml)."""
    version_ = version_ or version()
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    match = re.search(rf"^## \[{re.escape(version_)}\][^\n]*\n(.*?)(?=^## \[|\Z)", text, re.M | re.S)
    if match is None:
        sys.exit(f"CHANGELOG.md has no section for {version_}: write it before the release")
    return match.group(1).strip() + "\n"


def build(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    stem = f"xentlib-{version()}"
    for old in out.glob(f"{stem}*"):
        old.unlink()
    if subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout:
        print("note: uncommitted changes are not in the release files (built from HEAD)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        commit = clean_checkout(Path(tmp))
        source = str(Path(tmp) / "src")
        build_it = [sys.executable, "-m", "build", "--outdir", str(out), source]
        subprocess.run(build_it, check=True, stdout=subprocess.DEVNULL)
    files = sorted(out.glob(f"{stem}*"))
    subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *map(str, files)], check=True)
    (out / "RELEASE_NOTES.md").write_text(release_notes(), encoding="utf-8")
    print(f"built from commit {commit}:", *(f.name for f in files), file=sys.stderr)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "dist")
    files = build(parser.parse_args(argv).out.resolve())
    print(next(f for f in files if f.suffix == ".whl"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
