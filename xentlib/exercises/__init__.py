"""The exercises of the notebooks, one module per notebook topic; importing this package registers them.

Each module declares its exercises with `xentlib.checks.exercise`: the reference, the cases, and the
typical mistakes (the wrong function and what is wrong with it). The engine, `xentlib.checks`, imports
this package by name the first time an exercise is looked up; this package imports the engine.
"""

from ..checks import translate
from ..messages.exercises_zh import ZH
from . import (  # noqa: F401  (importing registers the exercises)
    beyond,
    gradients,
    numerical_stability,
    numpy_loops,
    onehot_and_vectorized,
    pytorch_building_blocks,
    pytorch_modules,
    softmax_by_hand,
    training_a_classifier,
)

translate("zh", ZH)  # the exercises' sentences in Chinese, read by Exercise.text() when set_language("zh")
