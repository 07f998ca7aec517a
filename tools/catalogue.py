"""The catalogue of typical wrong answers, run through the exercise checks: how many are diagnosed.

Every declared mistake of every exercise, and the slips any exercise can meet: the opposite sign,
labels shifted by one either way, N times the answer (a sum where the mean is meant), the first case's
answer returned for every input, the answer rounded to 4 decimals, the answer as a Python list where an
array is asked for, and an exception raised inside the learner's code. Each goes through `check` as a
learner's function would; a wrong answer is *diagnosed* when its ❌ line names the mistake (a declared one, a
label shift, what a factor means, the sign, or what the exception means), not only the difference.

    python -m tools.catalogue          # the figures, and every wrong answer left without a diagnosis
"""

from __future__ import annotations

import contextlib
import io
import os
from dataclasses import dataclass

import numpy as np

from xentlib.exercises import REGISTRY
from xentlib.exercises.engine import PASS, SHIFTS, Exercise, _shifted, check

os.environ.setdefault("XENTLIB_CHECK_LOG", "off")  # hundreds of wrong answers: not a learner's log


@dataclass
class Entry:
    exercise: str
    answer: str
    line: str  # what the learner reads
    accepted: bool
    diagnosed: bool


def _reference_shape(ex: Exercise):
    value = ex.reference(*ex.cases[0].args)
    return np.asarray(value.detach() if hasattr(value, "detach") else value)


def wrong_answers(ex: Exercise) -> dict[str, callable]:
    """name -> a wrong answer, as a learner's function."""
    ex.ready()
    if ex.predict:  # the learner gives a number: each mistake's number
        return {f"mistake {m.name}": m.wrong(*ex.cases[0].args) for m in ex.mistakes}
    answers = {f"mistake {m.name}": m.wrong for m in ex.mistakes}
    ref = ex.reference
    answers["the opposite sign"] = lambda *args: -np.asarray(_plain(ref(*args)))
    if ex.labels is not None:
        for step, key in SHIFTS:
            answers[key] = _shifted(ex, step)
    first = np.asarray(ex.cases[0].args[0])
    if _reference_shape(ex).ndim == 0 and first.ndim >= 2:
        answers["the sum, not the mean"] = lambda *args: np.asarray(_plain(ref(*args))) * len(args[0])
    if ex.returns == "array":  # where the task asks for an array (a list is fine elsewhere)
        answers["a Python list"] = lambda *args: np.asarray(_plain(ref(*args))).tolist()

    def hard_coded(*args, _first=ex.cases[0].args):
        return _plain(ref(*_first))  # the first case's answer, whatever the input

    answers["the example's answer, hard-coded"] = hard_coded
    first_value = np.asarray(_plain(ref(*ex.cases[0].args)), dtype=float)
    if not np.array_equal(np.round(first_value, 4), first_value):  # rounding 0/1 rows changes nothing
        answers["rounded to 4 decimals"] = lambda *args: np.round(np.asarray(_plain(ref(*args)), float), 4)

    def off_by_one(*args):
        a = np.asarray(args[0])
        return a.reshape(-1)[a.size]  # one past the end: IndexError inside the learner's code

    answers["an index one past the end"] = off_by_one
    return answers


def _plain(value):
    return value.detach().numpy() if hasattr(value, "detach") else value


def run() -> list[Entry]:
    entries = []
    for ex in REGISTRY.values():
        for name, answer in wrong_answers(ex).items():
            ex.failures, ex.last_diagnosed = 0, None
            out = io.StringIO()
            with contextlib.redirect_stdout(out):
                passed = check(ex.id, answer)
            line = out.getvalue().strip()
            entries.append(Entry(ex.id, name, line, passed or line.startswith(PASS), bool(ex.last_diagnosed)))
            ex.failures, ex.last_mistake, ex.last_diagnosed = 0, None, None
    return entries


def main() -> None:
    entries = run()
    accepted = [e for e in entries if e.accepted]
    alone = [e for e in entries if not e.accepted and not e.diagnosed]
    exercises = len({e.exercise for e in entries})
    diagnosed = len(entries) - len(accepted) - len(alone)
    print(
        f"{len(entries)} wrong answers to {exercises} exercises: {diagnosed} diagnosed, "
        f"{len(alone)} without a diagnosis ({len(alone) / len(entries):.1%}), {len(accepted)} accepted"
    )
    for e in alone + accepted:
        print(f"- {e.exercise} / {e.answer}: {e.line}")


if __name__ == "__main__":
    main()
