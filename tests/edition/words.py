"""What counts as Chinese, and the English words a Chinese message may keep (they are code)."""

import re

CJK = re.compile(r"[\u4e00-\u9fff]")
# Words that stay English in a Chinese message: identifiers, dtypes, option values, names of things in code.
CODE_WORDS = {
    "logits", "logit", "softmax", "target", "weight", "label_smoothing", "reduction", "ignore_index",
    "labels", "astype", "np", "int64", "float64", "float32", "int32", "dtype", "NumPy", "True", "False",
    "inf", "nan", "mean", "sum", "none", "input", "nats", "bits", "batch", "size", "num_classes",
    "radius", "spread", "probs", "n_per_class", "ln", "object", "U1",  # the last two: dtype names
    "exp", "log", "max", "softmax_naive", "class_names", "LossExplorer", "SoftmaxExplorer",
    "traceback", "temperature", "cross_entropy", "z", "y",
}
