"""One message table, two languages: every id has both, with the same blanks, and no English leaks into zh."""

import html
import re

import numpy as np
import pytest

import xentlib as xl
import xentlib.exercises  # noqa: F401  (registers their tables)
import xentlib.explorers.messages  # noqa: F401
from tests.edition.words import CJK, CODE_WORDS
from xentlib import i18n, information, training
from xentlib.datasets import make_blobs

ALL_MESSAGES = [
    pytest.param(msg_id, texts, id=f"{area}:{msg_id}")
    for area, table in i18n.tables().items()
    for msg_id, texts in table.items()
]


@pytest.mark.parametrize(("msg_id", "texts"), ALL_MESSAGES)
def test_every_message_has_both_languages_with_the_same_blanks(msg_id, texts):
    assert set(texts) == set(i18n.LANGUAGES), msg_id
    assert i18n.placeholders(texts["en"]) == i18n.placeholders(texts["zh"]), msg_id
    words = english_words(re.sub(r"\{[^}]*\}", "", texts["en"]))
    assert not words or CJK.search(texts["zh"]), f"{msg_id}: {words} not translated"
    assert not CJK.search(texts["en"]), f"{msg_id}: Chinese characters in the English text"
    half_width = re.search(r"[\u4e00-\u9fff][,;:?!] ?[\u4e00-\u9fff]|[。，；：？！] ", texts["zh"])
    assert not half_width, f"{msg_id}: Chinese wants full-width punctuation, no space: {half_width[0]!r}"


def english_words(text: str) -> list[str]:
    """Words of 2+ letters that are not code, outside quotes (the caller's own values, echoed back)."""
    unquoted = re.sub(r"'[^']*'", "", text)
    return [w for w in re.findall(r"[A-Za-z_][A-Za-z_0-9]+", unquoted) if w not in CODE_WORDS]


def test_language_is_chosen_once_and_can_be_switched_back():
    try:
        assert i18n.set_language("zh-CN") == "zh"
        assert i18n.language() == "zh"
        assert i18n.tr("position", index=3) == "位置 3"
        assert i18n.tr("position", lang="en", index=3) == "position 3"
    finally:
        i18n.set_language("en")
    assert i18n.tr("position", index=3) == "position 3"


def test_unknown_language_and_unknown_id_are_clear():
    with pytest.raises(ValueError, match="unknown language 'fr'.*'en'.*'zh'"):
        i18n.set_language("fr")
    with pytest.raises(KeyError, match="no message with id 'nope'"):
        i18n.tr("nope")


def test_the_issue_example_in_chinese():
    try:
        i18n.set_language("zh")
        with pytest.raises(ValueError) as err:
            xl.cross_entropy(xl.SEED_LOGITS, [1, 2, 5])
    finally:
        i18n.set_language("en")
    assert str(err.value) == "标签 5（位置 2）超出 5 个类别的范围（有效标签为 0..4）"


Z = xl.SEED_LOGITS
BAD_CALLS = {
    "label out of range": lambda: xl.cross_entropy(Z, [1, 2, 5]),
    "negative label": lambda: xl.cross_entropy(Z, [-1, 2, 3]),
    "negative label, loop": lambda: xl.cross_entropy_loop(Z, [-1, 2, 3]),
    "float labels": lambda: xl.cross_entropy(Z, np.array([1.0, 2.0, 3.0])),
    "bool labels": lambda: xl.cross_entropy(Z[:2], np.array([True, False])),
    "string labels": lambda: xl.cross_entropy(Z, np.array(["a", "b", "c"])),
    "batch mismatch": lambda: xl.cross_entropy(Z, [1, 2]),
    "shape mismatch": lambda: xl.cross_entropy(Z, np.zeros((3, 1), dtype=int)),
    "not 2-D": lambda: xl.cross_entropy_loop(Z[:, :, None], [1, 2, 3]),
    "scalar": lambda: xl.cross_entropy(np.float64(1.0), 0),
    "empty batch": lambda: xl.cross_entropy(np.zeros((0, 5)), np.zeros(0, dtype=int)),
    "no classes": lambda: xl.softmax(np.zeros((3, 0))),
    "nan logit": lambda: xl.cross_entropy(np.array([[0.0, np.nan]]), [0]),
    "all -inf row": lambda: xl.softmax(np.array([[-np.inf, -np.inf]])),
    "object logits": lambda: xl.softmax(np.array(["a"], dtype=object)),
    "bad probability": lambda: xl.cross_entropy(Z, -np.ones_like(Z)),
    "int probabilities": lambda: xl.cross_entropy(Z, np.ones(Z.shape, dtype=int)),
    "ignore_index with probabilities": lambda: xl.cross_entropy(Z, xl.softmax(Z), ignore_index=0),
    "weight shape": lambda: xl.cross_entropy(Z, [1, 2, 3], weight=[1.0, 2.0]),
    "weight negative": lambda: xl.cross_entropy(Z, [1, 2, 3], weight=[1.0, -2.0, 1.0, 1.0, 1.0]),
    "weight strings": lambda: xl.cross_entropy(Z, [1, 2, 3], weight=np.array(list("abcde"))),
    "reduction": lambda: xl.cross_entropy(Z, [1, 2, 3], reduction="avg"),
    "smoothing type": lambda: xl.cross_entropy(Z, [1, 2, 3], label_smoothing="0.1"),
    "smoothing range": lambda: xl.cross_entropy(Z, [1, 2, 3], label_smoothing=1.5),
    "one_hot classes": lambda: xl.one_hot([0, 1], 0),
    "blobs count": lambda: make_blobs(n_per_class=0),
    "blobs geometry": lambda: make_blobs(spread=-1.0),
    "units": lambda: information.entropy([0.5, 0.5], units="dits"),
    "not a distribution": lambda: information.entropy([0.5, 0.6]),
    "pair shapes": lambda: information.kl_divergence([0.5, 0.5], [0.2, 0.3, 0.5]),
    "bce range": lambda: information.binary_cross_entropy([1.5], [1.0]),
    "bce target shape": lambda: information.binary_cross_entropy([0.5, 0.5], [1.0]),
    "bce -inf": lambda: information.binary_cross_entropy_with_logits([-np.inf], [1.0]),
    "features": lambda: training.logits(np.zeros(3), np.zeros((3, 2)), np.zeros(2)),
    "params": lambda: training.logits(np.zeros((4, 3)), np.zeros((2, 2)), np.zeros(2)),
}


@pytest.mark.parametrize("call", BAD_CALLS.values(), ids=BAD_CALLS.keys())
def test_no_english_leaks_into_a_chinese_error(call):
    try:
        i18n.set_language("zh")
        with pytest.raises((ValueError, TypeError)) as err:
            call()
    finally:
        i18n.set_language("en")
    message = str(err.value)
    assert CJK.search(message), message
    english = english_words(message)  # one letter is a symbol (N, C, X), not a word
    assert not english, f"English words {english} in: {message}"
    with pytest.raises(type(err.value)) as again:
        call()
    assert not CJK.search(str(again.value)), "the English run must stay English"


def visible_text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_the_explorers_speak_chinese():
    from tests.explorers.tree import find
    from xentlib.widgets import LossExplorer, SoftmaxExplorer

    try:
        i18n.set_language("zh")
        loss = LossExplorer()
        overflow = SoftmaxExplorer([709.5, 708.5, 707.5])
        texts = [visible_text(loss.snapshot_html()), visible_text(overflow.snapshot_html())]
        menus = find(loss, "xent-label")
    finally:
        i18n.set_language("en")
    assert "快照" in texts[0] and "损失" in texts[0] and "1.0155949508195155" in texts[0]
    assert "悄悄地" in texts[1]
    assert [m.description for m in menus] == [f"样本 {i}，真实类别" for i in range(3)]
    for text in texts:
        assert not english_words(text), f"English words {english_words(text)} in a Chinese explorer: {text}"
    assert "snapshot" in visible_text(LossExplorer().snapshot_html()), "English again after switching back"
