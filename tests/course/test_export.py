"""`make export`: a notebook's page, slide deck and PDF open offline and read cleanly (tools/export.py).

Each file is opened from disk in headless Chromium with every request that is not a local file blocked and
recorded, as on a classroom laptop without internet: no request may fail, no TeX may be left raw, no code
line may be cut (in print, where the PDF comes from), and the deck must move to its next slide on a key.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.needs import require_chromium
from tools.browser import chromium, files_only

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "export"
# 2 and 38 display formulas, explorers, long code; with 00, the 45-minute lesson's deck too
NAMES = ["00_playground", "01_softmax_by_hand", "06_pytorch_modules"]
RAW_TEX = ("$", "\\frac", "\\sum", "\\log", "\\begin{")
TEXT_JS = r"""() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll("pre, code, script, style, mjx-container, .highlight").forEach((e) => e.remove());
  return {prose: clone.textContent, maths: document.querySelectorAll("mjx-container").length};
}"""
CUT_JS = r"""() => [...document.querySelectorAll("pre")]
  .filter((p) => p.getBoundingClientRect().width > 0 && p.scrollWidth > p.clientWidth + 1)
  .map((p) => `${p.scrollWidth - p.clientWidth} px: ${p.textContent.trim().slice(0, 50)}`)"""
MATHJAX_DONE_JS = "async () => { if (window.MathJax?.startup) await MathJax.startup.promise; }"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export")
    result = subprocess.run(
        [sys.executable, "-m", "tools.export", "--out", str(out), *NAMES],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"make export failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def offline(exported, tmp_path_factory):
    """A Chromium context that may read local files only; the requests it refused, and the page problems."""
    executable = require_chromium()
    outside: list[str] = []

    with chromium(tmp_path_factory.mktemp("profile"), executable) as context:
        files_only(context, outside)
        yield context, outside


def open_file(context, path: Path, viewport=None):
    page = context.new_page()
    page.set_viewport_size(viewport or {"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(path.as_uri(), wait_until="load")
    page.evaluate(MATHJAX_DONE_JS)
    return page, problems


def raw_tex(prose: str) -> list[str]:
    return [token for token in RAW_TEX if token in prose]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pages_typeset_their_math_offline_and_print_without_cutting_code(exported, offline, lang):
    context, outside = offline
    for name in NAMES:
        page, problems = open_file(context, exported / lang / f"{name}.html")
        state = page.evaluate(TEXT_JS)
        assert not problems and not outside, f"{lang}/{name}: {problems} {outside}"
        formulas = 0 if name == "00_playground" else 2  # the playground has no formula
        assert not raw_tex(state["prose"]) and state["maths"] >= formulas, (
            f"{lang}/{name}: raw TeX or no formula"
        )
        assert "xentlib-snapshot" in page.content() or name != "06_pytorch_modules", "no explorer snapshot"
        if name == "06_pytorch_modules":
            # the explorer moves in the file too: the page computes it (no kernel, no request)
            frame = page.locator(".xent-snapshot.xent-page-live:has(.xent-loss-value)").first
            before = frame.locator(".xent-loss-value").inner_text()
            frame.locator(".xent-page-control input[type=range]").nth(1).press("ArrowRight")
            assert frame.locator(".xent-loss-value").inner_text() != before, (
                f"{lang}: the explorer did not move"
            )
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"page-{lang}-{name}.png"))
            frame.screenshot(path=str(ARTIFACTS / f"live-explorer-{lang}.png"))
        page.set_viewport_size({"width": 794, "height": 1123})  # A4, as the PDF is printed
        page.emulate_media(media="print")
        assert page.evaluate(CUT_JS) == [], f"{lang}/{name}: code cut at the printed margin"
        page.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdfs_have_typeset_math_and_the_seed_loss(exported, lang):
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian's poppler-utils) is needed to read the PDF: .ci/run installs it")
    for name in NAMES:
        pdf = exported / lang / f"{name}.pdf"
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert not raw_tex(text.replace("$ ", "")), f"{lang}/{name}.pdf has raw TeX"
        assert "1.0155949508195155" in text or name != "01_softmax_by_hand", (
            f"{lang}/{name}.pdf lacks the loss"
        )
    if lang == "en":
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        first = ARTIFACTS / "pdf-en-06"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-f", "3", "-l", "3", "-png", str(pdf), str(first)], check=True
        )


def test_the_45_minute_lesson_is_one_deck_from_three_notebooks(exported, offline):
    """The guide's 45-minute plan as one deck: 00, then 01's sections 1-5 and 7, then 06's 1-3 and recap."""
    context, outside = offline
    for lang, recap in (("en", "Recap"), ("zh", "小结")):
        page, problems = open_file(context, exported / lang / "lesson-45.slides.html")
        page.wait_for_selector(".reveal.ready", timeout=15_000)
        text = page.locator(".reveal .slides").text_content()  # every slide, shown or not
        for heading in ("00 ·", "01 ·", "06 ·", recap):
            assert heading in text, f"{lang}: the lesson deck lacks {heading!r}"
        assert "1.0155949508195155" in text and not problems and not outside, (problems, outside)
        page.close()


def test_a_deck_presents_from_the_file_and_moves_on_a_key(exported, offline):
    """A teacher opens the .slides.html file and presses the right arrow: the next slide shows."""
    context, outside = offline
    for lang in ("en", "zh"):
        page, problems = open_file(context, exported / lang / "06_pytorch_modules.slides.html")
        page.wait_for_selector(".reveal.ready", timeout=15_000)
        sections = page.locator(".reveal .slides > section").count()
        assert sections >= 5, f"{lang}: only {sections} slides"
        before = page.evaluate("() => location.hash")
        page.keyboard.press("ArrowRight")
        page.wait_for_function(f"() => location.hash !== {before!r}", timeout=5_000)
        state = page.evaluate(TEXT_JS)
        assert not raw_tex(state["prose"]), f"{lang}: raw TeX in the deck"
        assert not problems and not outside, f"{lang}: {problems} {outside}"
        if lang == "en":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "slide-en-06.png"))
        page.close()
