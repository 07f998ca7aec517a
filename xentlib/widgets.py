"""`from xentlib.widgets import LossExplorer, SoftmaxExplorer`: the notebooks' name for the explorers
(xentlib/explorers/widgets.py)."""

from .explorers.widgets import LossExplorer, SoftmaxExplorer

__all__ = ["LossExplorer", "SoftmaxExplorer"]
