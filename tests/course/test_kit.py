"""The cheat sheet (docs/cheatsheet*.md, built by tools/kit.py): one A4 page per language, offline, its
formulas typeset, every number it quotes computed here, and the two editions saying the same."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import xentlib as xl
from tests.needs import require_chromium
from tools import kit
from tools.browser import chromium, files_only

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
RAW_TEX = ("$", "\\frac", "\\sum", "\\mathrm", "\\log")
NUMBERS = {  # what the sheet quotes -> computed here
    "1.609": f"{math.log(5):.3f}",
    "2.303": f"{math.log(10):.3f}",
    "6.908": f"{math.log(1000):.3f}",
    "0.905": f"{math.exp(-0.1):.3f}",
    "1.443": f"{1 / math.log(2):.3f}",
    "1.0155949508195155": repr(float(xl.cross_entropy(xl.SEED_LOGITS, xl.SEED_LABELS))),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kit")
    result = subprocess.run(
        [sys.executable, "-m", "tools.kit", "--out", str(out)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return out


def test_every_number_the_sheet_quotes_is_computed():
    for quoted, computed in NUMBERS.items():
        assert quoted == computed, f"the sheet says {quoted}, the computation gives {computed}"
        for source in kit.SHEETS.values():
            assert quoted in source.read_text(encoding="utf-8"), f"{source.name} no longer quotes {quoted}"


def test_the_two_editions_say_the_same():
    en, zh = (source.read_text(encoding="utf-8") for source in kit.SHEETS.values())
    for pattern in (r"`[^`]+`", r"\$[^$]+\$"):  # the code and the formulas, one for one
        assert re.findall(pattern, en) == re.findall(pattern, zh), f"the editions differ in {pattern}"
    assert en.count("\n- ") == zh.count("\n- ") and en.count("\n| ") == zh.count("\n| ")


def test_one_page_each_offline_with_typeset_formulas(built, tmp_path):
    if shutil.which("pdfinfo") is None:
        pytest.fail("pdfinfo (Debian's poppler-utils) reads the PDFs: .ci/run installs it")
    outside: list[str] = []
    with chromium(tmp_path / "profile", require_chromium()) as context:
        files_only(context, outside)
        for html in sorted(built.glob("cheatsheet*.html")):
            page = context.new_page()
            failed: list[str] = []
            page.on("requestfailed", lambda r, failed=failed: failed.append(r.url))
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("async () => { if (window.MathJax?.startup) await MathJax.startup.promise; }")
            prose = page.evaluate(
                "() => { const c = document.body.cloneNode(true);"
                " c.querySelectorAll('code, mjx-container').forEach(e => e.remove()); return c.textContent; }"
            )
            formulas = page.locator("mjx-container").count()
            assert not failed and formulas >= 15, f"{html.name}: {failed}, {formulas} formulas"
            assert not [t for t in RAW_TEX if t in prose], f"{html.name}: raw TeX left"
            page.close()
            pdf = html.with_suffix(".pdf")
            pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
            assert re.search(r"^Pages:\s+1$", pages, re.M), f"{pdf.name} is not one page:\n{pages}"
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert "1.0155949508195155" in text and "\\frac" not in text, pdf.name
    assert not outside, f"requests outside the files: {outside}"
