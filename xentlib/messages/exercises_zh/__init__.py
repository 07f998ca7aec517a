"""The exercises' sentences in Simplified Chinese, one module per module of xentlib/exercises/.

Each module's ZH maps a message id ('<exercise>.task', '<exercise>.mistake.<name>', '<exercise>.case.<i>',
...; see Exercise.messages()) to its Chinese text; xentlib/exercises/ hands them to the checker with
checks.translate("zh", ZH). tests/test_checks_i18n.py fails when an English sentence has no Chinese one.
"""

from . import (
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

ZH = {
    **softmax_by_hand.ZH, **numpy_loops.ZH, **onehot_and_vectorized.ZH, **numerical_stability.ZH,
    **pytorch_building_blocks.ZH, **pytorch_modules.ZH, **gradients.ZH,
    **training_a_classifier.ZH, **beyond.ZH,
}
