"""Sphinx configuration of the book (tools/book.py passes this folder with -c).

Plain Sphinx + MyST-NB + sphinx-book-theme (Jupyter Book 1's own stack, without its wrapper):
everything a page needs is copied into the site, nothing is fetched at build or read time.
See docs/book/README.md for why.
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
WORK = ROOT / "build" / "book"
sys.path.insert(0, str(ROOT))
from tools import launch  # noqa: E402  (the launch buttons' one setting: the repository's address)

STAGED_STATIC = WORK / "static"  # MathJax, copied there by tools/book.py

project = "Softmax cross-entropy, from arithmetic by hand to PyTorch"
author = "the xentlib contributors"
copyright = "the xentlib contributors, MIT licence"
language = "en"  # the Chinese edition builds the same config with -D language=zh_CN
# Chinese search: jieba splits the words; the glossary's terms (标签平滑, ...) stay whole (tools/book.py).
html_search_options = {"dict": str(WORK / "jieba-terms.txt")}

extensions = ["myst_nb"]
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence", "deflist"]
myst_dmath_double_inline = True  # $$...$$ inside a paragraph is display math, as in JupyterLab
myst_heading_anchors = 3  # so links like 03_onehot_and_vectorized.ipynb#one-hot resolve

# Notebooks arrive already executed (tests/notebook_run.py, the runs the tests make): never re-run.
nb_execution_mode = "off"
# An explorer shows its text/html snapshot: the live widget view needs a kernel, and its JavaScript
# (require.js, the widget manager) would come from a CDN.
nb_mime_priority_overrides = [("html", "application/vnd.jupyter.widget-view+json", None)]
nb_ipywidgets_js = {}
nb_merge_streams = True

# MathJax 3 from npm's `mathjax` package, served from the site itself.
mathjax_path = "mathjax/tex-chtml.js"

html_theme = "sphinx_book_theme"
html_title = "Softmax cross-entropy"
html_static_path = ["_static", str(STAGED_STATIC)]
html_css_files = ["book.css"]
# book.js typesets the formulas quoted in search results; xentlib-live.js (tools/book.py) makes the explorers'
# snapshots live, computing in the page
html_js_files = ["book.js", ("xentlib-live.js", {"defer": "defer"})]
templates_path = ["_templates"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True  # the executed notebook (unsolved) behind the download button
# The reader's OS setting (prefers-color-scheme) until they choose with the theme's switch.
html_context = {"default_mode": "auto"}
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": True,
    # "Launch" on every notebook page: Binder and Colab, at the release tag (tools/launch.py, README)
    "repository_url": f"https://github.com/{launch.repository()}",
    "repository_branch": launch.tag(),
    "path_to_docs": "notebooks",  # notebooks/zh for the Chinese edition (set_title)
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "article_header_end": ["language-switch.html", "article-header-buttons.html"],
}

# Each edition's own words; the page names are the same in both (tools/book.py).
EDITIONS = {
    "en": {
        "title": "Softmax cross-entropy",
        "switch": "English",
        "hreflang": "en",
        "hint": "Read this page in English",
    },
    "zh": {"title": "Softmax 交叉熵", "switch": "中文", "hreflang": "zh-CN", "hint": "阅读本页的中文版"},
}
ALWAYS_THERE = {"search", "genindex"}  # pages Sphinx makes in every edition


def edition_of(language: str) -> str:
    return "zh" if language.startswith("zh") else "en"


def set_title(app, config) -> None:
    """The edition's title, and where its notebooks are in the repository (for the launch buttons)."""
    config.html_title = EDITIONS[edition_of(config.language)]["title"]
    if edition_of(config.language) == "zh":
        config.html_theme_options["path_to_docs"] = "notebooks/zh"


def language_switch(app, pagename, templatename, context, doctree) -> None:
    """The link to the same page in the other edition, when that edition has it (language-switch.html)."""
    other = "zh" if edition_of(app.config.language) == "en" else "en"
    src = WORK / "src" / other
    exists = pagename in ALWAYS_THERE or any((src / f"{pagename}{ext}").exists() for ext in (".ipynb", ".md"))
    if not exists:
        return
    depth = pagename.count("/") + 1
    context["xentlib_switch"] = {"href": "../" * depth + f"{other}/{pagename}.html", **EDITIONS[other]}


def chinese_search_with_its_stemmer(app) -> None:
    """Sphinx 9.0's Chinese search loads the English stemmer but calls it ChineseStemmer, so every page
    logs "ChineseStemmer is not defined" and the search never finishes (sphinx-doc/sphinx#14229, fixed
    upstream by deriving the name from the stemmer file). Naming the stemmer it loads does the same."""
    from sphinx.search.zh import SearchChinese

    class SearchChineseStemmed(SearchChinese):
        language_name = "English"  # -> window.Stemmer = EnglishStemmer (english-stemmer.js)

    app.add_search_language(SearchChineseStemmed)


def setup(app):
    chinese_search_with_its_stemmer(app)
    app.connect("config-inited", set_title)
    app.connect("html-page-context", language_switch)
