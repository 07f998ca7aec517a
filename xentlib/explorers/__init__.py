"""The live explorers of the notebooks. The loss and softmax explorers are in layers: state.py computes (pure
functions of xentlib), html.py draws (the views and the static snapshots), widgets.py puts them together.
The gradient, training and information explorers are one module each (gradient.py, training.py,
information.py): state, HTML and widget, top to bottom, drawing their charts with svg.py. All share
messages.py (their words in both languages) and controls.py (+ controls.js, explorer.css: the named
keyboard controls). In the page, compute.js computes what they show and paint.js repaints the newer three,
in a notebook (controls.js) and on a page without a kernel (static.js).
Notebooks use them as `from xentlib.widgets import LossExplorer, SoftmaxExplorer, ...`.
"""
