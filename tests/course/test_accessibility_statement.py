"""docs/accessibility.md and its Chinese edition: every test they cite exists, and the two do not drift."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EDITIONS = {"en": ROOT / "docs" / "accessibility.md", "zh": ROOT / "docs" / "accessibility.zh-CN.md"}
FILE = re.compile(r"`(tests/[\w/]+(?:\.py)?)(?:::(\w+))?`")
TEST = re.compile(r"`(?:[\w/]+\.py)?::(\w+)`")


def cited(text: str) -> tuple[set[str], set[str]]:
    """(test files or folders, test functions) a statement names."""
    files = {m.group(1) for m in FILE.finditer(text)}
    functions = {m.group(1) for m in TEST.finditer(text)} | {
        m.group(2) for m in FILE.finditer(text) if m.group(2)
    }
    return files, functions


def test_every_cited_test_exists():
    defined = set()
    for path in (ROOT / "tests").rglob("test_*.py"):
        defined |= set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
    for path in EDITIONS.values():
        files, functions = cited(path.read_text(encoding="utf-8"))
        assert files and functions, f"{path.name} cites no test"
        assert all((ROOT / f).exists() for f in files), (
            f"{path.name}: {[f for f in files if not (ROOT / f).exists()]}"
        )
        assert functions <= defined, f"{path.name} cites tests that do not exist: {functions - defined}"


def test_the_chinese_statement_says_what_the_english_one_says():
    en, zh = (path.read_text(encoding="utf-8") for path in EDITIONS.values())
    assert cited(en) == cited(zh), "the two statements cite different tests"
    rows = [len(re.findall(r"^\| (?!---)", text, re.M)) for text in (en, zh)]
    bullets = [len(re.findall(r"^- ", text, re.M)) for text in (en, zh)]
    assert rows[0] == rows[1] and bullets[0] == bullets[1], f"rows {rows}, known gaps {bullets}"
    assert "accessibility.zh-CN.md" in en and "accessibility.md" in zh, "each links to the other"
    for number in re.findall(r"\b\d+(?:\.\d+)?\b", en.split("## Known")[0]):
        assert number in zh, f"{number} is in the English statement, not in the Chinese one"
