"""Build the book: run every notebook (the test suite's runs, cached) and render a static site with Sphinx.

    python -m tools.book [--out build/book/html]      (what `make book` runs)

Output: <out>/index.html (the choice of edition), <out>/en/ and <out>/zh/ (one page per notebook of
notebooks/ and notebooks/zh/, the landing page, the glossary, search; the same page names in both,
each page linking to its counterpart). Warnings are errors. Nothing is fetched: MathJax comes from
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

import nbformat

from tools.notebook_run import NOTEBOOKS, WORKERS, course_notebooks, run_notebooks

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "docs" / "book"  # the site's configuration, landing pages and npm packages (MathJax)
WORK = ROOT / "build" / "book"
STATIC = WORK / "static"  # conf.py adds this to html_static_path
MATHJAX = HERE / "node_modules" / "mathjax"
# The parts of MathJax that tex-chtml.js loads: itself, TeX extensions it autoloads, its fonts, the
# accessibility menu and speech (loaded on demand from the context menu).
MATHJAX_PARTS = ["tex-chtml.js", "input/tex", "output/chtml", "a11y", "sre", "ui", "adaptors"]
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
LINK_TO_README = re.compile(r"\[([^\]]*)\]\((?:\.\./)?README\.md(#[^)]*)?\)")


class Edition:
    """One language of the book: where its notebooks are, its Sphinx language and its own words."""

    def __init__(self, name, folder, language, landing, glossary_title, glossary_intro, live_note, path):
        self.name, self.folder, self.language, self.landing = name, folder, language, landing
        self.glossary_title, self.glossary_intro = glossary_title, glossary_intro
        self.live_note, self.path = live_note, path  # path: the notebook's path as `make lab` shows it

    def exists(self) -> bool:
        return bool(course_notebooks(self.folder))


EDITIONS = [
    Edition(
        "en",
        NOTEBOOKS,
        "en",
        HERE / "index.md",
        "the glossary",
        "",
        "<strong>A snapshot, not the live explorer.</strong> Its sliders and drop-downs need a running "
        "Python kernel. To move them and watch the numbers change, run it live: <code>make lab</code>, "
        "then open <code>{path}</code>.",
        "{name}",
    ),
    Edition(
        "zh",
        NOTEBOOKS / "zh",
        "zh_CN",
        HERE / "index_zh.md",
        "术语表",
        "课程中的术语，中文与英文对照；每个术语在笔记本中第一次出现时，中文后的括号里也写出英文原词。\n",
        "<strong>这是快照，不是可交互的探索器。</strong>滑块和下拉菜单需要运行中的 Python 内核。"
        "想拖动它们、看数字随之变化，请在本地运行：<code>make lab</code>，然后打开 <code>{path}</code>。",
        "zh/{name}",
    ),
]
TERMS = WORK / "jieba-terms.txt"  # conf.py passes it to the Chinese search (html_search_options)


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


def live_note(name: str, edition: Edition = EDITIONS[0]) -> str:
    path = html.escape(edition.path.format(name=name))
    return f'<p class="xentlib-snapshot-note">{edition.live_note.format(path=path)}</p>'


def static_outputs(nb, name: str, edition: Edition = EDITIONS[0]) -> None:
    """Widgets become static: an explorer shows its text/html snapshot with a "run it live" note, any
    other widget (a tqdm progress bar) its text/plain; no widget state is kept."""
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        for out in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = out.get("data", {})
            if data.pop(WIDGET_MIME, None) is None or "text/html" not in data:
                continue
            snapshot = data["text/html"]
            data["text/html"] = f'<div class="xentlib-snapshot">{snapshot}{live_note(name, edition)}</div>'
            data.pop("text/plain", None)  # the widget's repr ("LossExplorer(children=...)") says nothing


def quiet_language_cell(nb) -> None:
    """The Chinese edition's language cell keeps its code but not its echo ("env: XENTLIB_LANG=zh")."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "zh-only" in cell.metadata.get("tags", []):
            cell.outputs = []


def book_links(nb, edition: Edition = EDITIONS[0]) -> None:
    """Links to notebooks/README.md (where the glossary lives) point at the book's glossary page."""

    def title(text: str) -> str:  # a link shown as "README.md" is named after what it now opens
        return edition.glossary_title if text == "README.md" else text

    for cell in nb.cells:
        if cell.cell_type == "markdown":
            cell.source = LINK_TO_README.sub(lambda m: f"[{title(m.group(1))}](glossary.md)", cell.source)


def glossary_section(readme: Path = NOTEBOOKS / "README.md") -> tuple[str, str]:
    """(heading, body) of the '## Glossary' section of notebooks/README.md (a bilingual table)."""
    text = readme.read_text(encoding="utf-8")
    match = re.search(r"^## (Glossary.*?)\n(.*?)(?=^## |\Z)", text, flags=re.M | re.S)
    if match is None:
        sys.exit(f"{readme} has no '## Glossary' section for the book's glossary page")
    return match.group(1), match.group(2).rstrip()


def glossary_page(edition: Edition = EDITIONS[0]) -> str:
    """The glossary as a page of its own, headed "Glossary · 术语表" (English) or "术语表 · Glossary"."""
    heading, body = glossary_section()
    if edition.name != "en":
        heading = " · ".join(reversed(heading.split(" · ")))
    return f"# {heading}\n\n{edition.glossary_intro}{body}\n"


def glossary_rows() -> list[tuple[str, str]]:
    """(English, 中文) cells of every row of the glossary table, without its header."""
    _, body = glossary_section()
    rows = [[c.strip() for c in row.strip().strip("|").split("|")] for row in body.splitlines()]
    table = [cells for cells in rows if len(cells) >= 2 and not set(cells[0]) <= set("-: ")]
    return [(cells[0], cells[1]) for cells in table[1:]]


def glossary_terms() -> list[str]:
    """The Chinese terms of the glossary (标签平滑, 交叉熵, ...): the Chinese search keeps each one a word."""
    terms = set()
    for _, chinese in glossary_rows():
        for part in re.split(r"[/（）()、，,]", chinese):
            term = part.strip()
            if re.search(r"[\u4e00-\u9fff]", term) and " " not in term:
                terms.add(term)
    return sorted(terms)


def prepare_sources(src: Path, edition: Edition = EDITIONS[0]) -> list[str]:
    """Execute the edition's notebooks (in their own folder) and write its Sphinx sources into `src`;
    return the page names."""
    pages = []
    paths = course_notebooks(edition.folder)
    start = perf_counter()
    runs = run_notebooks([(nbformat.read(path, as_version=4), edition.folder) for path in paths])
    print(f"  {len(paths)} notebooks run in {perf_counter() - start:.1f} s ({WORKERS} at a time)", flush=True)
    for path, (nb, wall) in zip(paths, runs, strict=True):
        start = perf_counter()
        problems = unexpected_errors(nb)
        if problems:
            sys.exit(f"{path.name} raised outside cells tagged raises-exception:\n" + "\n".join(problems))
        static_outputs(nb, path.name, edition)
        quiet_language_cell(nb)
        book_links(nb, edition)
        write_if_changed(src / path.name, nbformat.writes(nb) + "\n")
        pages.append(path.stem)
        took = perf_counter() - start
        print(f"  {path.name:<40} {took:5.1f} s (its run: {wall:.1f} s)", flush=True)
    write_if_changed(src / "index.md", edition.landing.read_text(encoding="utf-8"))
    write_if_changed(src / "glossary.md", glossary_page(edition))
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


def choice_page() -> str:
    """The site's front door with two editions: English or 中文, no script, no request elsewhere."""
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Softmax cross-entropy · Softmax 交叉熵</title>
<style>
body { font-family: system-ui, "Noto Sans CJK SC", sans-serif; max-width: 40rem; margin: 4rem auto;
       padding: 0 1rem; line-height: 1.6; color: #222; background: #fff; }
a.edition { display: block; margin: 1rem 0; padding: 1rem 1.25rem; border: 1px solid #bbb;
            border-radius: 8px; color: #0645ad; text-decoration: none; font-size: 1.2rem; }
a.edition:hover, a.edition:focus { border-color: #0645ad; background: #f3f6fb; }
a.edition span { display: block; color: #444; font-size: 0.95rem; }
@media (prefers-color-scheme: dark) { body { color: #ddd; background: #121212; }
  a.edition { color: #8ab4f8; border-color: #555; } a.edition span { color: #bbb; }
  a.edition:hover, a.edition:focus { background: #1e2430; } }
</style></head>
<body><main>
<h1>Softmax cross-entropy · Softmax 交叉熵</h1>
<a class="edition" href="en/index.html" hreflang="en">English
<span>From arithmetic by hand to PyTorch</span></a>
<a class="edition" href="zh/index.html" hreflang="zh-CN" lang="zh-CN">中文
<span>从手算到 PyTorch</span></a>
</main></body></html>
"""


def sphinx_args(src: Path, out: Path, doctrees: Path, language: str = "en") -> list[str]:
    """sphinx-build's arguments: HTML, this folder's conf.py, every warning an error."""
    conf = ["-c", str(HERE), "-d", str(doctrees), "-D", f"language={language}"]
    return ["-b", "html", "-W", "--keep-going", "-q", *conf, str(src), str(out)]


def build(out: Path) -> int:
    """Build every edition whose notebooks exist into out/<edition>/; return the number of pages."""
    from sphinx.cmd.build import build_main

    started = perf_counter()
    stage_mathjax()
    editions = [e for e in EDITIONS if e.exists()]
    write_if_changed(TERMS, "".join(f"{term} 100000\n" for term in glossary_terms()))  # jieba's format
    sources = {}
    for edition in editions:  # all sources first: each page's language switch checks the other's
        print(
            f"executing the notebooks of {edition.folder.relative_to(ROOT)} (nbclient, fresh kernel "
            "each, cached by content):",
            flush=True,
        )
        sources[edition.name] = WORK / "src" / edition.name
        sources[edition.name].mkdir(parents=True, exist_ok=True)
        prepare_sources(sources[edition.name], edition)
    for stale in (WORK / "src").iterdir():  # an edition that went away must not get a switch
        if stale.name not in sources:
            shutil.rmtree(stale)
    executed = perf_counter()
    pages = 0
    for edition in editions:
        shutil.rmtree(out / edition.name, ignore_errors=True)  # no page of a renamed notebook may linger
        doctrees = WORK / "doctrees" / edition.name
        args = sphinx_args(sources[edition.name], out / edition.name, doctrees, edition.language)
        status = build_main(args)
        if status:
            sys.exit(f"sphinx-build failed for {edition.name} (warnings are errors), status {status}")
        pages += len(list(sources[edition.name].glob("*.*")))
    front = choice_page() if len(editions) > 1 else redirect_page()
    (out / "index.html").write_text(front, encoding="utf-8")
    (out / ".nojekyll").write_text("")  # GitHub Pages: serve _static/ as it is
    done = perf_counter()
    print(
        f"book: {pages} pages in {out} ({', '.join(e.name for e in editions)}) - notebooks "
        f"{executed - started:.1f} s, sphinx {done - executed:.1f} s, total {done - started:.1f} s"
    )
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=WORK / "html", help="default: build/book/html")
    build(parser.parse_args().out.resolve())


if __name__ == "__main__":
    main()
