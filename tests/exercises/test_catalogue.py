"""The catalogue of typical wrong answers (tools/catalogue.py), run as a learner's functions: at most 1 in
20 gets a message without a diagnosis, and none is accepted, in both languages."""

import contextlib
import io

import numpy as np
import pytest

from tools.catalogue import run
from xentlib.exercises import REGISTRY
from xentlib.exercises.engine import check
from xentlib.i18n import language, set_language


@pytest.fixture(params=["en", "zh"])
def lang(request):
    previous = language()
    set_language(request.param)
    yield request.param
    set_language(previous)


def test_typical_wrong_answers_are_diagnosed_and_none_is_accepted(lang):
    entries = run()
    accepted = [f"{e.exercise} / {e.answer}" for e in entries if e.accepted]
    alone = [f"{e.exercise} / {e.answer}: {e.line}" for e in entries if not e.accepted and not e.diagnosed]
    assert len(entries) >= 250
    assert not accepted, accepted
    assert len(alone) <= len(entries) / 20, "\n".join(alone)
    if lang == "en":
        covers_every_exercise_and_the_common_slips(entries)


def covers_every_exercise_and_the_common_slips(entries):
    assert {e.exercise for e in entries} == set(REGISTRY)
    slips = {e.answer for e in entries if not e.answer.startswith("mistake ")}
    assert {
        "the opposite sign",
        "labels_shifted_up",
        "labels_shifted_down",
        "the sum, not the mean",
        "the example's answer, hard-coded",
        "rounded to 4 decimals",
        "a Python list",
        "an index one past the end",
    } <= slips
    declared = sum(len(ex.mistakes) for ex in REGISTRY.values())
    assert sum(e.answer.startswith("mistake ") for e in entries) == declared


def test_a_bare_difference_is_not_counted_as_a_diagnosis():
    # 1.7 times the answer: no declared mistake, no meaning for the factor. The measure above can fail.
    ex = REGISTRY["cross_entropy_loop"]
    ex.ready()
    with contextlib.redirect_stdout(io.StringIO()) as out:
        passed = check(ex.id, lambda *args: 1.7 * np.asarray(ex.reference(*args)))
    assert not passed and ex.last_diagnosed is False, out.getvalue()
    ex.failures, ex.last_mistake, ex.last_diagnosed = 0, None, None
