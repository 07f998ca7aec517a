"""The live explorers of the notebooks, in layers: state.py computes (pure functions of xentlib),
html.py draws (the views and the static snapshots), messages.py has their words in both languages,
controls.py (+ controls.js, explorer.css) are the named keyboard controls, widgets.py puts them together.
Notebooks use them as `from xentlib.widgets import LossExplorer, SoftmaxExplorer`.
"""
