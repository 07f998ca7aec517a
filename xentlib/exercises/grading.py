"""Grading with nbgrader: the learner's check, then the grader's own cases, and no credit for handing in the
library's own answer.

`graded(exercise_id, answer, cases=None)` returns True or raises AssertionError with the reason, which is
what nbgrader's feedback shows: the check's line (its diagnosis of the mistake), a case of the grader's own
that gives another result, or a call of a reference implementation. That call is recognised by the code it
runs, not by a name, so no alias or import path hides it (`from xentlib import softmax as s`, `import
xentlib.softmax`, a lambda around it). tools/assignments.py writes the cells that call it.
"""

from __future__ import annotations

import contextlib
import io
import sys
import warnings

import numpy as np

from ..i18n import register
from .engine import PASS, REGISTRY, check

TABLE = register(
    "grading",
    {
        "grading.failed": {"en": "{line}", "zh": "{line}"},
        "grading.calls_reference": {
            "en": "{id}: your answer calls {called}, the library's own answer to this exercise, so it earns no "
            "points here. Write the computation yourself.",
            "zh": "{id}：你的答案调用了 {called}，也就是库里这道练习的现成答案，所以这里不得分。请自己写出计算过程。",
        },
        "grading.other_case": {
            "en": "{id}: right on the notebook's cases, but not on one of the grader's own ({k} of {n}): "
            "look for what those cases do not test (another length, other values).",
            "zh": "{id}：笔记本里的用例都对了，但评分程序自己的一个用例（第 {k} 个，共 {n} 个）不对："
            "想一想那些用例没有覆盖到什么（别的长度、别的数值）。",
        },
    },
)


def _say(key: str, **values) -> str:
    return TABLE.tr(f"grading.{key}", **values)


def _reference_codes(ex) -> dict:
    """{code object: name} of what the learner may not call: the exercise's reference and its forbidden names."""
    import xentlib

    codes = {}
    if not ex.predict and hasattr(ex.reference, "__code__"):
        codes[ex.reference.__code__] = getattr(ex.reference, "__name__", ex.id)
    for name in ex.forbid:
        fn = getattr(xentlib, name, None)
        if hasattr(fn, "__code__"):
            codes[fn.__code__] = f"xentlib.{name}"
    return codes


@contextlib.contextmanager
def _watching(codes: dict):
    """Record which of `codes` run, whoever calls them, while the learner's function runs."""
    called: list[str] = []

    def profile(frame, event, arg):
        if event == "call" and frame.f_code in codes:
            called.append(codes[frame.f_code])

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        yield called
    finally:
        sys.setprofile(previous)


def _runs_reference(ex, answer, inputs) -> str | None:
    codes = _reference_codes(ex)
    for args in inputs:
        with _watching(codes) as called, contextlib.suppress(Exception):
            answer(*args)
        if called:
            return called[0]
    return None


def graded(exercise_id: str, answer, cases=None) -> bool:
    """True if `answer` passes the exercise's check, each of `cases` (tuples of arguments, the grader's
    own), and computes without the library's answer; otherwise AssertionError saying why.

    Warnings the answer raises (NumPy's "mean of empty slice" where torch also gives nan) are silenced:
    nbgrader gives no points to a cell that writes to stderr."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        return _graded(exercise_id, answer, cases)


def _graded(exercise_id: str, answer, cases=None) -> bool:
    ex = REGISTRY[exercise_id]
    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        passed = check(exercise_id, answer)
    line = shown.getvalue().strip()
    print(line)
    if not passed:
        raise AssertionError(_say("failed", line=line))
    if ex.predict:
        return True
    ex.ready()
    inputs = [case.args for case in ex.cases] + [tuple(c) for c in cases or ()]
    if (called := _runs_reference(ex, answer, inputs)) is not None:
        raise AssertionError(_say("calls_reference", id=exercise_id, called=called))
    for k, args in enumerate(cases or (), start=1):
        expected = ex.reference(*args)
        with contextlib.suppress(Exception):
            got = answer(*args)
            if np.shape(got) == np.shape(expected) and np.allclose(got, expected, rtol=ex.rtol, atol=ex.atol):
                continue
        raise AssertionError(_say("other_case", id=exercise_id, k=k, n=len(cases)))
    assert line.startswith(PASS)
    return True
