"""Static copies of the notebooks for rooms without Jupyter or internet: a page, a slide deck and a PDF each.

    python -m tools.export [--out build/export] [NAME ...]      (what `make export` runs)

Output, per edition (<out>/en/, <out>/zh/) and notebook: <name>.html (one page, outputs included),
<name>.slides.html (reveal.js: each heading starts a slide, each further cell is a slide below it; S opens
the speaker view) and <name>.pdf (the page printed on A4 by Chromium, code wrapped at the margin).
<out>/assets/ holds MathJax 3, reveal.js, jQuery and RequireJS (npm, docs/book/package.json) and the
styles: nothing is fetched when a file is opened, so the folder works from a USB stick.

The notebooks are run as the book runs them (the test suite's cached runs); explorers show their static
snapshot. Also lesson-45.slides.html and lesson-90.slides.html: the guide's two lesson plans as decks,
the sections each plan shows (LESSONS). NAME (e.g. 01_softmax_by_hand) limits the export to those
notebooks (and to the lesson decks they complete).
"""

from __future__ import annotations

import argparse
import copy
import shutil
import sys
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter, SlidesExporter

from tools import book
from tools.browser import CHROMIUM, chromium, files_only
from tools.notebook_run import course_notebooks, run_notebooks

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = Path(__file__).resolve().parent / "export_templates"
NODE_MODULES = book.HERE / "node_modules"
# (npm package, what the pages load from it) -> assets/<package>/
SLIDE_LIBRARIES = {
    "reveal.js": ["dist", "plugin/notes"],
    "jquery": ["dist/jquery.min.js"],
    "requirejs": ["require.js"],
}
STYLES = {
    "export.css": """/* tools/export.py: pages, slides and print. */
.jp-Notebook pre, .reveal pre { overflow-x: auto; }
@media print {
  pre, .highlight pre, .jp-OutputArea-output pre {
    white-space: pre-wrap !important; overflow-wrap: anywhere; overflow: visible !important;
  }
  .jp-Cell, .xentlib-snapshot { break-inside: avoid-page; }
}
.xentlib-snapshot-note { margin: 0.5rem 0 0; padding: 0.3rem 0.5rem; border-left: 4px solid #1f6feb;
  background: #f3f6fa; color: #1a1a1a; }
.xent-page-controls { display: flex; flex-direction: column; gap: 0.2rem; margin-top: 0.5rem; }
.xent-page-control { display: flex; align-items: center; gap: 0.5rem; flex-wrap: wrap; }
.xent-page-control > span { min-width: 11rem; }
.xent-page-control input[type="range"] { width: 9rem; accent-color: #3b82d6; }
""",
    "slides.css": """/* tools/export.py: a slide taller than the screen scrolls instead of being cut off. */
.reveal .slides section { height: 100%; overflow-y: auto; text-align: left; }
.reveal pre { width: 100%; font-size: 0.8em; white-space: pre-wrap; overflow-wrap: anywhere; }
.reveal .jp-OutputArea-output pre { white-space: pre-wrap; }
""",
}
NOTE = {  # the snapshot's note in a file: no `make lab` here, say where the notebook itself runs
    "en": "<strong>Computed in this page.</strong> Move the controls: your browser recomputes every number "
    "with xentlib's formulas (where scripts are off, this is a still snapshot). The notebook itself runs in "
    "JupyterLab, Colab or Binder.",
    "zh": "<strong>在本页中计算。</strong>拖动控件，浏览器就用 xentlib 的公式重新算出每个数"
    "（浏览器禁用脚本时，这里是一张静止的快照）。笔记本本身可以在 JupyterLab、Colab 或 Binder 中运行。",
}


def stage_assets(out: Path) -> Path:
    """MathJax (as the book stages it), the slide libraries and the styles, into <out>/assets."""
    book.stage_mathjax()  # npm ci first if node_modules is missing or stale
    assets = out / "assets"
    shutil.copytree(book.STATIC / "mathjax", assets / "mathjax", dirs_exist_ok=True)
    for package, parts in SLIDE_LIBRARIES.items():
        if not (NODE_MODULES / package).exists():
            sys.exit(f"docs/book/node_modules/{package} is missing: run npm ci --prefix docs/book")
        for part in parts:
            source, dest = NODE_MODULES / package / part, assets / package / part
            if source.is_dir():
                shutil.copytree(source, dest, dirs_exist_ok=True)
            else:
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest)
        for licence in ("LICENSE", "LICENSE.txt"):  # requirejs carries its licence in require.js itself
            if (NODE_MODULES / package / licence).exists():
                shutil.copy2(NODE_MODULES / package / licence, assets / package / licence)
    for name, text in STYLES.items():
        (assets / name).write_text(text, encoding="utf-8")
    (assets / book.LIVE_JS).write_text(book.live_script(), encoding="utf-8")
    return assets


def as_deck(nb) -> None:
    """Slide metadata: a markdown cell that starts with a heading opens a slide, every other cell is a
    slide below it (reveal.js's vertical slides), so a long notebook becomes sections of short slides."""
    for k, cell in enumerate(nb.cells):
        heading = cell.cell_type == "markdown" and cell.source.lstrip().startswith("#")
        kind = "slide" if heading or k == 0 else "subslide"
        cell.metadata["slideshow"] = {"slide_type": kind}


def static_copy(nb, name: str, edition) -> nbformat.NotebookNode:
    """The run notebook as the book shows it: snapshots with a note (for a file), no language echo."""
    nb = copy.deepcopy(nb)
    book.static_outputs(nb, name, edition)
    book.quiet_language_cell(nb)
    note = NOTE[edition.name]
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            html = out.get("data", {}).get("text/html")
            if html and "xentlib-snapshot-note" in html:
                start = html.index('<p class="xentlib-snapshot-note">') + len(
                    '<p class="xentlib-snapshot-note">'
                )
                out["data"]["text/html"] = html[:start] + note + html[html.index("</p>", start) :]
    return nb


# The guide's lesson plans (docs/teaching.md) as decks: (notebook, its "## N." sections to show; None: all).
LESSONS = {
    "lesson-45": [
        ("00_playground", None),
        ("01_softmax_by_hand", ["1", "2", "3", "4", "5", "7"]),
        ("06_pytorch_modules", ["1", "2", "3", "Recap"]),
    ],
    "lesson-90": [
        ("00_playground", None),
        ("01_softmax_by_hand", ["1", "2", "3", "4", "5", "6", "7"]),
        ("02_numpy_loops", ["1", "3"]),
        ("03_onehot_and_vectorized", ["2", "3"]),
        ("04_numerical_stability", ["1", "2", "3", "4"]),
        ("05_pytorch_building_blocks", ["2", "3", "6", "7"]),
        ("06_pytorch_modules", ["2", "3", "4", "5", "Recap"]),
    ],
}


def sections(nb, wanted: list[str] | None) -> list:
    """The notebook's title (its first heading line) and the cells of the wanted `## N.` sections."""
    title = nb.cells[0].source.splitlines()[0]
    chosen, keep = [nbformat.v4.new_markdown_cell(title)], wanted is None
    for cell in nb.cells[1:]:
        if cell.cell_type == "markdown" and cell.source.startswith("## "):
            label = cell.source[3:].split(".")[0].split()[0]
            label = "Recap" if label == "小结" else label  # the Chinese edition's recap
            keep = wanted is None or label in wanted
        imports = cell.cell_type == "code" and "except ImportError" in cell.source  # set-up, not a slide
        if keep and not imports and "setup" not in cell.metadata.get("tags", []):
            chosen.append(cell)
    return chosen


def lesson(runs: dict, plan) -> nbformat.NotebookNode:
    """One deck from the run notebooks of a lesson plan."""
    cells = [cell for stem, wanted in plan for cell in sections(runs[stem], wanted)]
    first = runs[plan[0][0]]
    return nbformat.v4.new_notebook(cells=copy.deepcopy(cells), metadata=copy.deepcopy(first.metadata))


def exporters() -> tuple[HTMLExporter, SlidesExporter]:
    options = {"extra_template_basedirs": [str(TEMPLATES)], "extra_template_paths": [str(TEMPLATES)]}
    page = HTMLExporter(template_name="xentlib_page", **options)
    slides = SlidesExporter(
        template_name="xentlib_slides",
        reveal_url_prefix="../assets/reveal.js",
        reveal_theme="white",
        **options,
    )
    return page, slides


def write_pdfs(pages: list[Path], profile: Path) -> None:
    """Print each page on A4 in Chromium, after MathJax has typeset it (offline: file:// only)."""
    with chromium(profile, str(CHROMIUM)) as context:
        files_only(context)
        for html in pages:
            page = context.new_page()
            page.goto(html.as_uri(), wait_until="load")
            page.evaluate("async () => { if (window.MathJax?.startup) await MathJax.startup.promise; }")
            page.emulate_media(media="print")
            page.pdf(path=str(html.with_suffix(".pdf")), format="A4", print_background=True,
                     margin={"top": "14mm", "bottom": "14mm", "left": "12mm", "right": "12mm"})  # fmt: skip
            page.close()


def export(out: Path, names: list[str] | None = None) -> list[Path]:
    stage_assets(out)
    page_exporter, slide_exporter = exporters()
    resources = {"xentlib_assets": "../assets"}
    written = []
    for edition in (e for e in book.EDITIONS if e.exists()):
        paths = [p for p in course_notebooks(edition.folder) if not names or p.stem in names]
        runs = run_notebooks([(nbformat.read(p, as_version=4), edition.folder) for p in paths])
        folder = out / edition.name
        folder.mkdir(parents=True, exist_ok=True)
        statics = {}
        for path, (nb, _) in zip(paths, runs, strict=True):
            if problems := book.unexpected_errors(nb):
                sys.exit(f"{edition.name}/{path.name} raised: {problems}")
            static = static_copy(nb, path.stem, edition)
            statics[path.stem] = copy.deepcopy(static)
            lang = {"language_code": "zh-CN" if edition.name == "zh" else "en"}
            html, _ = page_exporter.from_notebook_node(static, resources={**resources, **lang})
            (folder / f"{path.stem}.html").write_text(html, encoding="utf-8")
            as_deck(static)
            deck, _ = slide_exporter.from_notebook_node(static, resources={**resources, **lang})
            (folder / f"{path.stem}.slides.html").write_text(deck, encoding="utf-8")
            written.append(folder / f"{path.stem}.html")
        for name, plan in LESSONS.items():  # the lesson decks whose notebooks were all exported
            if all(stem in statics for stem, _ in plan):
                deck_nb = lesson(statics, plan)
                as_deck(deck_nb)
                deck, _ = slide_exporter.from_notebook_node(deck_nb, resources={**resources, **lang})
                (folder / f"{name}.slides.html").write_text(deck, encoding="utf-8")
    write_pdfs(written, out / ".chromium-profile")
    shutil.rmtree(out / ".chromium-profile", ignore_errors=True)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "export")
    parser.add_argument("names", nargs="*", help="only these notebooks (e.g. 01_softmax_by_hand)")
    args = parser.parse_args(argv)
    written = export(args.out.resolve(), args.names)
    print(f"{len(written)} notebooks -> {args.out}/{{en,zh}}/<name>.html, .slides.html, .pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
