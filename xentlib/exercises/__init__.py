"""The exercises of the notebooks: the checker (engine.py) and the content, one module per notebook topic.

Each content module declares its exercises with `engine.exercise`: the reference, the cases, and the
typical mistakes (the wrong function and what is wrong with it); the module of the same name ending in
`_zh` holds their sentences in Chinese. Importing this package registers every exercise and every
translation. Notebooks use it as `from xentlib.checks import check, hint`.
"""

from . import (  # noqa: F401  (importing a topic registers its exercises)
    beyond,
    beyond_zh,
    gradients,
    gradients_zh,
    numerical_stability,
    numerical_stability_zh,
    numpy_loops,
    numpy_loops_zh,
    onehot_and_vectorized,
    onehot_and_vectorized_zh,
    pytorch_building_blocks,
    pytorch_building_blocks_zh,
    pytorch_modules,
    pytorch_modules_zh,
    softmax_by_hand,
    softmax_by_hand_zh,
    training_a_classifier,
    training_a_classifier_zh,
)
from .engine import (
    FAIL,
    HINT,
    PASS,
    REGISTRY,
    TODO,
    Case,
    Exercise,
    Mistake,
    check,
    exercise,
    hint,
    translate,
)

CHINESE = (
    softmax_by_hand_zh,
    numpy_loops_zh,
    onehot_and_vectorized_zh,
    numerical_stability_zh,
    pytorch_building_blocks_zh,
    pytorch_modules_zh,
    gradients_zh,
    training_a_classifier_zh,
    beyond_zh,
)
ZH = {key: text for module in CHINESE for key, text in module.ZH.items()}
translate("zh", ZH)  # read by Exercise.text() when set_language("zh")

__all__ = [
    "FAIL",
    "HINT",
    "PASS",
    "REGISTRY",
    "TODO",
    "ZH",
    "Case",
    "Exercise",
    "Mistake",
    "check",
    "exercise",
    "hint",
    "translate",
]
