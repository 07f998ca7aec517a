"""The classroom kit's printable pages: the one-page cheat sheet, as HTML and PDF, in both languages.

    python -m tools.kit [--out build/kit]      (what `make kit` runs)

Writes <out>/cheatsheet.html and cheatsheet.pdf (English, from docs/cheatsheet.md) and
cheatsheet.zh-CN.html / .pdf (from docs/cheatsheet.zh-CN.md), with MathJax 3 from <out>/assets: opened
from a USB stick or printed, nothing is fetched. The PDF is one A4 page, printed by Chromium.
"""

from __future__ import annotations

import argparse
import html
import shutil
import sys
from pathlib import Path

from markdown_it import MarkdownIt

from tools import book
from tools.browser import CHROMIUM, chromium, files_only

ROOT = Path(__file__).resolve().parent.parent
SHEETS = {"en": ROOT / "docs" / "cheatsheet.md", "zh-CN": ROOT / "docs" / "cheatsheet.zh-CN.md"}
STYLE = """
@page { size: A4; margin: 10mm 11mm; }
body { font-family: "Noto Sans", "Noto Sans CJK SC", system-ui, sans-serif; font-size: 9.6pt;
       line-height: 1.32; color: #1a1a1a; max-width: 190mm; margin: 1rem auto; }
h1 { font-size: 15pt; margin: 0 0 0.3em; } h2 { font-size: 11.5pt; margin: 0.7em 0 0.25em; color: #174ea6; }
p, ul { margin: 0.25em 0; } ul { padding-left: 1.2em; } li { margin: 0.12em 0; }
table { border-collapse: collapse; width: 100%; font-size: 8.8pt; }
th, td { border: 1px solid #bbb; padding: 0.2em 0.35em; vertical-align: top; text-align: left; }
code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
@media print { body { margin: 0; max-width: none; } }
"""


def page(markdown: str, lang: str) -> str:
    """The sheet as a self-contained page: MathJax 3 (local) typesets the $...$ formulas."""
    body = MarkdownIt("commonmark").enable("table").render(markdown)
    title = html.escape(markdown.splitlines()[0].lstrip("# "))
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>{STYLE}</style>
<script>
window.MathJax = {{tex: {{inlineMath: [["$", "$"]], displayMath: [["$$", "$$"]]}},
                  options: {{enableMenu: false}}}};
</script>
<script defer src="assets/mathjax/tex-chtml.js"></script>
</head><body><main>
{body}</main></body></html>
"""


def build(out: Path) -> list[Path]:
    book.stage_mathjax()
    out.mkdir(parents=True, exist_ok=True)
    shutil.copytree(book.STATIC / "mathjax", out / "assets" / "mathjax", dirs_exist_ok=True)
    pages = []
    for lang, source in SHEETS.items():
        name = "cheatsheet.html" if lang == "en" else f"cheatsheet.{lang}.html"
        target = out / name
        target.write_text(page(source.read_text(encoding="utf-8"), lang), encoding="utf-8")
        pages.append(target)
    with chromium(out / ".chromium-profile", str(CHROMIUM)) as context:
        files_only(context)
        for target in pages:
            tab = context.new_page()
            tab.goto(target.as_uri(), wait_until="load")
            tab.evaluate("async () => { if (window.MathJax?.startup) await MathJax.startup.promise; }")
            tab.pdf(path=str(target.with_suffix(".pdf")), prefer_css_page_size=True, print_background=True)
            tab.close()
    shutil.rmtree(out / ".chromium-profile", ignore_errors=True)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "kit")
    pages = build(parser.parse_args(argv).out.resolve())
    for target in pages:
        print(f"{target} and {target.with_suffix('.pdf').name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
