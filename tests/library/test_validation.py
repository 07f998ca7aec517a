"""Bad input gets a clear error naming the problem, the position and the valid range."""

import numpy as np
import pytest

import xentlib as xl

Z = xl.SEED_LOGITS  # 3 samples x 5 classes
Y = xl.SEED_LABELS

# Every entry point that takes (N, C) logits and N class labels.
LABEL_FUNCS = {
    "cross_entropy": xl.cross_entropy,
    "cross_entropy_grad": xl.cross_entropy_grad,
    "nll_loss": lambda z, y: xl.nll_loss(xl.log_softmax(z), y),
    "cross_entropy_loop": xl.cross_entropy_loop,
    "cross_entropy_onehot": xl.cross_entropy_onehot,
}
each_func = pytest.mark.parametrize("func", LABEL_FUNCS.values(), ids=LABEL_FUNCS.keys())


def raises(exc, *words):
    """pytest.raises for `exc` whose message contains every word (regex-escaped)."""
    import re

    return pytest.raises(exc, match="(?s)" + "".join(f"(?=.*{re.escape(w)})" for w in words))


@each_func
def test_label_equal_to_class_count(func):
    with raises(ValueError, "label 5", "position 2", "out of range", "5 classes", "0..4"):
        func(Z, [1, 2, 5])


@each_func
def test_negative_label_is_not_counted_from_the_end(func):
    with raises(ValueError, "label -1", "position 0", "negative", "from the end", "class 4", "0..4"):
        func(Z, [-1, 2, 3])


@each_func
def test_float_labels(func):
    with raises(TypeError, "integer class indices", "float64", "astype"):
        func(Z, np.array([1.0, 2.0, 3.0]))


@each_func
def test_boolean_labels(func):
    with raises(TypeError, "integer class indices", "booleans"):
        func(Z[:2], np.array([True, False]))


@each_func
def test_batch_size_mismatch(func):
    with raises(ValueError, "batch size", "(2,)", "(3, 5)", "(3,)"):
        func(Z, [1, 2])


def test_spatial_shape_mismatch():
    z = np.zeros((2, 5, 4, 4))
    with raises(ValueError, "(2, 4, 3)", "(2, 4, 4)"):
        xl.cross_entropy(z, np.zeros((2, 4, 3), dtype=int))


@pytest.mark.parametrize("func", [xl.cross_entropy_loop, xl.cross_entropy_onehot])
def test_teaching_versions_need_2d_logits(func):
    with raises(ValueError, "2-D", "(3, 5, 1)"):
        func(Z[:, :, None], Y)


def test_scalar_input_has_wrong_number_of_dimensions():
    with raises(ValueError, "at least one dimension"):
        xl.cross_entropy(np.float64(1.0), 0)


def test_labels_with_an_extra_dimension():
    with raises(ValueError, "shape", "(3, 1)", "(3,)"):
        xl.cross_entropy(Z, Y[:, None])


@pytest.mark.parametrize("bad", [np.nan, np.inf])
@pytest.mark.parametrize(
    "func",
    [
        xl.cross_entropy,
        xl.cross_entropy_grad,
        xl.softmax,
        xl.log_softmax,
        xl.logsumexp,
        xl.cross_entropy_loop,
        xl.cross_entropy_onehot,
    ],
)
def test_nan_or_inf_logits(func, bad):
    z = Z.copy()
    z[1, 3] = bad
    args = (z,) if func in (xl.softmax, xl.log_softmax, xl.logsumexp) else (z, Y)
    with raises(ValueError, str(bad), "position (1, 3)", "finite"):
        func(*args)


def test_a_row_of_only_minus_inf():
    z = Z.copy()
    z[2] = -np.inf
    with raises(ValueError, "all -inf", "position 2"):
        xl.cross_entropy(z, Y)


@pytest.mark.parametrize("value,word", [(-0.2, "-0.2"), (np.nan, "nan")])
def test_invalid_probability_targets(value, word):
    t = np.full((3, 5), 0.2)
    t[0, 4] = value
    with raises(ValueError, "target probability", word, "position (0, 4)", ">= 0"):
        xl.cross_entropy(Z, t)


def test_probability_targets_that_do_not_sum_to_one():
    # torch takes a row summing to 2 and returns a number; we name the row and its sum instead.
    doubled = np.full((3, 5), 0.2)
    doubled[1] *= 2
    with raises(ValueError, "target", "sum to 1", "axis 1", "position 1", "sums to 2", "divide"):
        xl.cross_entropy(Z, doubled)
    per_pixel = np.full((2, 5, 3), 0.2)
    per_pixel[1, :, 2] = 0.1
    with raises(ValueError, "position (1, 2)", "sums to 0.5"):
        xl.cross_entropy(np.zeros((2, 5, 3)), per_pixel)
    with raises(ValueError, "target", "it sums to 0.5"):
        xl.cross_entropy(Z[0], np.full(5, 0.1))


def test_integer_targets_of_the_input_shape():
    with raises(TypeError, "probabilities", "floating point", "int64"):
        xl.cross_entropy(Z, np.zeros((3, 5), dtype=np.int64))


def test_weight_of_wrong_length():
    with raises(ValueError, "one entry per class", "(5,)", "(4,)"):
        xl.cross_entropy(Z, Y, weight=[1.0, 1.0, 1.0, 1.0])


def test_negative_weight():
    with raises(ValueError, "weight -1.0", "position 2", ">= 0"):
        xl.cross_entropy(Z, Y, weight=[1.0, 1.0, -1.0, 1.0, 1.0])


@pytest.mark.parametrize("eps", [-0.1, 1.5])
def test_label_smoothing_out_of_range(eps):
    with raises(ValueError, "label_smoothing", "[0, 1]", str(eps)):
        xl.cross_entropy(Z, Y, label_smoothing=eps)


def test_unknown_reduction():
    with raises(ValueError, "unknown reduction", "'average'", "'mean', 'sum', 'none'"):
        xl.cross_entropy(Z, Y, reduction="average")
    with raises(ValueError, "unknown reduction"):
        xl.nll_loss(Z, Y, reduction="avg")


def test_ignore_index_with_probability_targets():
    with raises(ValueError, "ignore_index", "probability targets"):
        xl.cross_entropy(Z, np.full((3, 5), 0.2), ignore_index=0)


@pytest.mark.parametrize("shape", [(0, 5), (0, 5, 2)])
def test_empty_batch(shape):
    with raises(ValueError, "empty"):
        xl.cross_entropy(np.zeros(shape), np.zeros((0, *shape[2:]), dtype=int))


def test_ignore_index_is_allowed_where_negative_labels_are_not():
    assert np.isfinite(xl.cross_entropy(Z, [-100, 2, 3]))
    with raises(ValueError, "label -100", "negative"):
        xl.cross_entropy(Z, [-100, 2, 3], ignore_index=-1)


def test_one_hot_checks_its_labels_and_class_count():
    with raises(ValueError, "label 3", "out of range", "0..2"):
        xl.one_hot([0, 3], 3)
    with raises(ValueError, "num_classes", "positive integer"):
        xl.one_hot([0], 0)


def test_logits_of_strings():
    with raises(TypeError, "real numbers"):
        xl.softmax(np.array(["a", "b"]))


@pytest.mark.parametrize("bad", [np.nan, np.inf])
def test_bad_value_found_in_the_blocked_threaded_path(bad):
    z = np.zeros((70_000, 10), dtype=np.float32)  # large enough for the threaded fast path
    z[65_000, 3] = bad
    for func in (xl.cross_entropy, xl.cross_entropy_grad):
        with raises(ValueError, str(bad), "position (65000, 3)"):
            func(z, np.zeros(70_000, dtype=int))


def test_all_minus_inf_slice_of_a_k_dimensional_input():
    z = np.zeros((2, 3, 4))
    z[1, :, 2] = -np.inf
    with raises(ValueError, "all -inf", "axis 1", "position (1, 2)"):
        xl.cross_entropy(z, np.zeros((2, 4), dtype=int))


def test_probability_hint_only_where_probabilities_are_accepted():
    with raises(TypeError, "astype", "or pass probabilities of shape (3, 5)"):
        xl.cross_entropy(Z, np.array([1.0, 2.0, 3.0]))
    for func in (xl.cross_entropy_loop, xl.cross_entropy_onehot, lambda z, y: xl.nll_loss(z, y)):
        with pytest.raises(TypeError) as info:
            func(Z, np.array([1.0, 2.0, 3.0]))
        assert "probabilities" not in str(info.value)
