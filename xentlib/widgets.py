"""`from xentlib.widgets import LossExplorer, ...`: the notebooks' names for the explorers
(xentlib/explorers/)."""

from .explorers.gradient import GradientExplorer
from .explorers.information import InformationExplorer
from .explorers.training import TrainingExplorer
from .explorers.widgets import LossExplorer, SoftmaxExplorer

__all__ = ["GradientExplorer", "InformationExplorer", "LossExplorer", "SoftmaxExplorer", "TrainingExplorer"]
