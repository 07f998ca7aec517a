"""Build the book: run every notebook (the test suite's runs, cached) and render a static site with Sphinx.

    python docs/book/build.py [--out build/book/html]      (what `make book` runs)

Output: <out>/index.html (opens the English edition), <out>/en/ (one page per notebook, the landing
page, the glossary, search). Warnings are errors. Nothing is fetched: MathJax comes from
docs/book/node_modules (npm's `mathjax`, installed by `npm ci` here if missing).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from time import perf_counter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

import nbformat  # noqa: E402

from tests.notebook_run import NOTEBOOKS, course_notebooks, run_notebook  # noqa: E402

WORK = ROOT / "build" / "book"
STATIC = WORK / "static"  # conf.py adds this to html_static_path
MATHJAX = HERE / "node_modules" / "mathjax"
# The parts of MathJax that tex-chtml.js loads: itself, TeX extensions it autoloads, its fonts, the
# accessibility menu and speech (loaded on demand from the context menu).
MATHJAX_PARTS = ["tex-chtml.js", "input/tex", "output/chtml", "a11y", "sre", "ui", "adaptors"]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LINK_TO_README = re.compile(r"\[([^\]]*)\]\(README\.md(#[^)]*)?\)")


def write_if_changed(path: Path, text: str) -> None:
    """Write only on change, so Sphinx's incremental build re-reads only what changed."""
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def stage_mathjax() -> None:
    """Copy the MathJax files the pages load into build/book/static/mathjax (npm ci first if needed)."""
    wanted = json.loads((HERE / "package.json").read_text())["dependencies"]["mathjax"]
    installed = MATHJAX / "package.json"
    if not installed.exists() or json.loads(installed.read_text())["version"] != wanted:
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("the book needs npm (Node.js) to install MathJax: apt-get install npm, then retry")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--prefix", str(HERE)], check=True)
    target = STATIC / "mathjax"
    for part in MATHJAX_PARTS:
        source, dest = MATHJAX / "es5" / part, target / part
        if source.is_dir():
            shutil.copytree(source, dest, dirs_exist_ok=True)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, dest)
    shutil.copy2(MATHJAX / "LICENSE", target / "LICENSE")


def unexpected_errors(nb) -> list[str]:
    """Error outputs of cells not tagged raises-exception (those raise on purpose)."""
    return [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and "raises-exception" not in cell.metadata.get("tags", [])
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]


def live_note(name: str) -> str:
    return (
        '<p class="xentlib-snapshot-note"><strong>A snapshot, not the live explorer.</strong> '
        "Its sliders and drop-downs need a running Python kernel. To move them and watch the numbers "
        f"change, run it live: <code>make lab</code>, then open <code>{html.escape(name)}</code>.</p>"
    )


def static_outputs(nb, name: str) -> None:
    """Widgets become static: an explorer shows its text/html snapshot with a "run it live" note, any
    other widget (a tqdm progress bar) its text/plain; no widget state is kept."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            if data.pop(WIDGET_MIME, None) is None or "text/html" not in data:
                continue
            data["text/html"] = f'<div class="xentlib-snapshot">{data["text/html"]}{live_note(name)}</div>'
            data.pop("text/plain", None)  # the widget's repr ("LossExplorer(children=...)") says nothing


def book_links(nb) -> None:
    """Links to notebooks/README.md (where the glossary lives) point at the book's glossary page."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK_TO_README.sub(
                lambda m: f"[{'the glossary' if m.group(1) == 'README.md' else m.group(1)}](glossary.md)",
                cell.source,
            )


def glossary_page(readme: Path) -> str:
    """The glossary section of notebooks/README.md, as a page of its own."""
    text = readme.read_text(encoding="utf-8")
    match = re.search(r"^## (Glossary.*?)\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    if match is None:
        sys.exit(f"{readme} has no '## Glossary' section for the book's glossary page")
    return f"# {match.group(1)}\n{match.group(2).rstrip()}\n"


def prepare_sources(src: Path, folder: Path) -> list[str]:
    """Execute the notebooks of `folder` and write the Sphinx sources into `src`; return the page names."""
    pages = []
    for path in course_notebooks(folder):
        start = perf_counter()
        nb, wall = run_notebook(nbformat.read(path, as_version=4), folder)
        problems = unexpected_errors(nb)
        if problems:
            sys.exit(f"{path.name} raised outside cells tagged raises-exception:\n" + "\n".join(problems))
        static_outputs(nb, path.name)
        book_links(nb)
        write_if_changed(src / path.name, nbformat.writes(nb) + "\n")
        pages.append(path.stem)
        took = perf_counter() - start
        print(f"  {path.name:<40} {took:5.1f} s (its run: {wall:.1f} s)", flush=True)
    write_if_changed(src / "index.md", (HERE / "index.md").read_text(encoding="utf-8"))
    write_if_changed(src / "glossary.md", glossary_page(folder / "README.md"))
    keep = {f"{p}.ipynb" for p in pages} | {"index.md", "glossary.md"}
    for stale in src.iterdir():  # a renamed or removed notebook must not linger as a page
        if stale.name not in keep:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    return pages


def redirect_page() -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        '<meta http-equiv="refresh" content="0; url=en/index.html">\n'
        "<title>Softmax cross-entropy</title></head>\n"
        '<body><p><a href="en/index.html">Softmax cross-entropy, from arithmetic by hand to PyTorch</a>'
        "</p></body></html>\n"
    )


def sphinx_args(src: Path, out: Path, doctrees: Path, language: str = "en") -> list[str]:
    """sphinx-build's arguments: HTML, this folder's conf.py, every warning an error."""
    conf = ["-c", str(HERE), "-d", str(doctrees), "-D", f"language={language}"]
    return ["-b", "html", "-W", "--keep-going", "-q", *conf, str(src), str(out)]


def build(out: Path, language: str = "en") -> int:
    """Build the site into `out`; return the number of pages (notebooks + landing + glossary)."""
    from sphinx.cmd.build import build_main

    started = perf_counter()
    stage_mathjax()
    src = WORK / "src" / language
    src.mkdir(parents=True, exist_ok=True)
    print("executing the notebooks (nbclient, fresh kernel each, cached by content):", flush=True)
    pages = prepare_sources(src, NOTEBOOKS)
    executed = perf_counter()
    shutil.rmtree(out / language, ignore_errors=True)  # no page of a renamed notebook may linger
    status = build_main(sphinx_args(src, out / language, WORK / "doctrees" / language, language))
    if status:
        sys.exit(f"sphinx-build failed (warnings are errors), status {status}")
    (out / "index.html").write_text(redirect_page(), encoding="utf-8")
    (out / ".nojekyll").write_text("")  # GitHub Pages: serve _static/ as it is
    done = perf_counter()
    print(
        f"book: {len(pages) + 2} pages in {out / language} - notebooks {executed - started:.1f} s, "
        f"sphinx {done - executed:.1f} s, total {done - started:.1f} s"
    )
    return len(pages) + 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WORK / "html", help="default: build/book/html")
    build(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
