"""Sphinx configuration of the book (docs/book/build.py passes this folder with -c).

Plain Sphinx + MyST-NB + sphinx-book-theme (Jupyter Book 1's own stack, without its wrapper):
everything a page needs is copied into the site, nothing is fetched at build or read time.
See docs/book/README.md for why.
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent
STAGED_STATIC = HERE.parent.parent / "build" / "book" / "static"  # MathJax, copied there by build.py

project = "Softmax cross-entropy, from arithmetic by hand to PyTorch"
author = "the xentlib contributors"
copyright = "the xentlib contributors, MIT licence"
language = "en"  # the Chinese edition builds the same config with -D language=zh_CN

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
html_js_files = ["book.js"]  # typesets the formulas quoted in search results
templates_path = ["_templates"]
html_last_updated_fmt = None
html_show_sourcelink = False
html_copy_source = True  # the executed notebook (unsolved) behind the download button
# Light unless the reader switches; without a default the theme logs a console error.
html_context = {"default_mode": "light"}
html_theme_options = {
    "home_page_in_toc": True,
    "show_navbar_depth": 1,
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "use_repository_button": False,
    "navigation_with_keys": True,
    "launch_buttons": {},
}
