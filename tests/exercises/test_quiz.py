"""The pre/post quiz (xentlib/exercises/quiz.py): its key matches its items, it scores itself, every
number it states is computed here, and a class's answers before and after come out side by side."""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch

import xentlib as xl
from tools import stuck
from xentlib.exercises import quiz as q
from xentlib.i18n import LANGUAGES

KEY = "".join(item.right for item in q.ITEMS.values())


def test_the_key_matches_the_items_in_both_languages():
    assert len(q.ITEMS) == 10
    for n, item in q.ITEMS.items():
        assert item.right in q.LETTERS and set(item.misconceptions) == set(q.LETTERS) - {item.right}, n
        keys = [
            f"q{n}",
            f"q{n}.why",
            *(f"q{n}.{letter}" for letter in q.LETTERS),
            *item.misconceptions.values(),
        ]
        for key in keys:
            texts = q.TEXTS[key]
            assert set(texts) == set(LANGUAGES) and all(texts.values()), key
    names = [name for item in q.ITEMS.values() for name in item.misconceptions.values()]
    assert len(names) == len(set(names)) == 30, "each wrong option names its own misconception"


def test_the_quiz_scores_itself(capsys):
    assert q.quiz("pre", KEY.upper()) == 10
    wrong = "".join("b" if right == "a" else "a" for right in KEY)
    assert q.quiz("post", " ".join(wrong)) == 0
    out = capsys.readouterr().out
    assert "Score: 0 of 10" in out and q.TEXTS["labels_from_one"]["en"] in out
    assert q.quiz("pre", "") is None and "Not answered yet" in capsys.readouterr().out
    with pytest.raises(ValueError, match="ten letters"):
        q.quiz("pre", "abc")


def test_every_number_the_quiz_states_is_computed():
    assert f"{math.log(10):.3f}" == "2.303" and f"{-math.log(0.4):.3f}" == "0.916"
    assert f"{(1 - 0.1) + 0.1 / 5:.2f}" == "0.92"
    assert [f"{0.693 * math.log(2):.3f}", f"{0.693 / math.log(2):.3f}", f"{0.693 / math.log(10):.3f}"] == [
        "0.480", "1.000", "0.301",
    ]  # fmt: skip
    np.testing.assert_allclose(xl.softmax(np.array([1.0, 2, 3])), xl.softmax(np.array([101.0, 102, 103])))
    z = torch.tensor([0.0, 200.0])
    assert torch.log(torch.softmax(z, 0))[0].item() == -math.inf and torch.log_softmax(z, 0)[0].item() == -200
    p = xl.softmax(np.array([[0.5, 1.0, -1.0]]))
    np.testing.assert_allclose(
        xl.cross_entropy_grad(np.array([[0.5, 1.0, -1.0]]), np.array([1])), p - [0, 1, 0]
    )
    for text in ("2.303", "0.916", "0.92", "0.480", "0.301"):
        assert any(text in t["en"] and text in t["zh"] for t in q.TEXTS.values()), text


def test_the_teacher_sees_before_and_after(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XENTLIB_CHECK_LOG", "on")
    wrong_first = "b" + KEY[1:]  # question 1 answered with a softmax before the loss
    answers = {"ada": (wrong_first, KEY), "bo": (wrong_first, wrong_first), "cy": (KEY, KEY)}
    for student, (before, after) in answers.items():
        folder = tmp_path / student
        folder.mkdir()
        monkeypatch.chdir(folder)
        q.quiz("pre", before)
        q.quiz("post", after)
    capsys.readouterr()
    assert stuck.main([str(tmp_path)]) == 0
    table = capsys.readouterr().out
    first = next(line for line in table.splitlines() if line.split()[:1] == ["1"])
    assert first.split()[1:3] == ["1/3", "2/3"] and "probabilities_in -> probabilities_in" in first, table
