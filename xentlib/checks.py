"""Exercises that check themselves: run the learner's function against the reference, print one line.

In a notebook, an exercise is two cells. The first defines the learner's function, unsolved at first:

    def softmax_row(z):
        # your code here
        raise NotImplementedError

The second checks it:

    check("softmax_row", softmax_row);

`check` never raises and never shows a traceback. It prints exactly one line and returns a bool:

    ✅ softmax_row: all 7 cases pass
    ⏳ softmax_row: not solved yet — <what to do>
    ❌ softmax_row: case '<name>' <what went wrong>; hint: <a nudge>

So "Run All" always reaches the end of a notebook, solved or not.

Exercises live in REGISTRY, one per id, declared in `xentlib.exercises` with the `@exercise`
decorator on a function that returns the reference callable and the cases; that function only runs
when the exercise is checked, so importing this module stays cheap (torch is imported only by the
torch exercises).
Reference solutions are in notebooks/solutions/<id>.py; the notebook tests substitute them.
"""

from __future__ import annotations

import ast
import copy
import inspect
import textwrap
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .validation import describe_position

PASS, TODO, FAIL = "✅", "⏳", "❌"

__all__ = ["FAIL", "PASS", "REGISTRY", "TODO", "Case", "Exercise", "check", "exercise"]


@dataclass(frozen=True)
class Case:
    """One input for an exercise: the learner's fn(*args) must match reference(*args) within tolerance."""

    name: str
    args: tuple
    rtol: float | None = None  # None: the exercise's tolerance
    atol: float | None = None
    hint: str | None = None  # a nudge that fits this case better than the exercise's general hint


@dataclass
class Exercise:
    """A registered exercise. `build()` returns (reference callable, list of Case)."""

    id: str
    build: Callable[[], tuple[Callable, Sequence[Case]]]
    task: str  # what to do, shown while unsolved
    hint: str  # shown when a case fails
    rtol: float = 1e-7
    atol: float = 1e-10
    forbid: tuple[str, ...] = ()  # names the learner may not call (e.g. the library function itself)
    no_loops: bool = False  # True: a Python for/while loop or comprehension fails the check
    cases: list[Case] = field(default_factory=list, repr=False)  # filled by the first check()
    reference: Callable | None = field(default=None, repr=False)


REGISTRY: dict[str, Exercise] = {}


def exercise(
    exercise_id: str,
    *,
    task: str,
    hint: str,
    rtol: float = 1e-7,
    atol: float = 1e-10,
    forbid: Sequence[str] = (),
    no_loops: bool = False,
):
    """Register an exercise: decorate a function that returns (reference, [Case, ...])."""

    def register(build: Callable[[], tuple[Callable, Sequence[Case]]]):
        if exercise_id in REGISTRY:
            raise ValueError(f"exercise id {exercise_id!r} is registered twice")
        REGISTRY[exercise_id] = Exercise(exercise_id, build, task, hint, rtol, atol, tuple(forbid), no_loops)
        return build

    return register


# --------------------------------------------------------------------------------------------------
# The engine
# --------------------------------------------------------------------------------------------------


class _NotSolved(Exception):
    """The learner's function raised NotImplementedError or returned None."""


def _to_array(value) -> np.ndarray:
    """NumPy arrays, Python numbers, lists and torch tensors all become a float ndarray."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    arr = np.asarray(value)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(
            f"expected numbers, got {type(value).__name__}"
            + (f" of dtype {arr.dtype}" if arr.dtype != object else "")
        )
    return arr.astype(np.float64)


def _show(arr: np.ndarray) -> str:
    """A short one-line picture of a value, for a message."""
    if arr.ndim == 0:
        return f"{float(arr):.10g}"
    if arr.size <= 12:
        text = np.array2string(
            arr, separator=", ", max_line_width=10_000, formatter={"float_kind": lambda v: f"{v:.6g}"}
        )
        return " ".join(text.split())
    return f"an array of shape {arr.shape}"


def _compare(expected, got, rtol: float, atol: float) -> str | None:
    """None if `got` matches `expected`, else a short description of the difference."""
    want = _to_array(expected)
    try:
        have = _to_array(got)
    except (TypeError, ValueError) as err:
        return f"should return {_show(want) if want.ndim == 0 else 'an array'}, but {err}"
    if have.shape != want.shape:
        what = "a single number" if want.ndim == 0 else f"an array of shape {want.shape}"
        return f"should return {what}, got shape {have.shape}" + (
            f" ({_show(have)})" if have.size <= 12 else ""
        )
    bad_value = ~np.isfinite(have) & np.isfinite(want)
    if bad_value.any():
        index = tuple(int(i) for i in np.argwhere(bad_value)[0]) if have.ndim else ()
        where = f" at {describe_position(index)}" if index else ""
        return f"got {have[index]}{where} where {_show(want[index])} was expected (overflow, or 0/0?)"
    close = np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None
    if np.any(want != 0) and np.allclose(-have, want, rtol=rtol, atol=atol):
        return f"expected {_show(want)}, got {_show(have)}: the right size but the opposite sign"
    if want.ndim == 0:
        return f"expected {_show(want)}, got {_show(have)}"
    worst = np.argmax(np.where(close, 0, np.abs(have - want)))
    index = tuple(int(i) for i in np.unravel_index(worst, want.shape))
    detail = f"at {describe_position(index)} expected {_show(want[index])}, got {_show(have[index])}"
    if want.size <= 12:
        detail += f" (expected {_show(want)}, got {_show(have)})"
    return detail


def _call(fn: Callable, args: tuple):
    """Call the learner's function on a private copy of the inputs, with numeric warnings silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            result = fn(*copy.deepcopy(args))
        except NotImplementedError as err:
            raise _NotSolved(str(err)) from None
    if result is None:
        raise _NotSolved("your function returned None: finish it with a `return`")
    return result


def _style_problem(ex: Exercise, fn: Callable) -> str | None:
    """Look at the learner's source for loops or forbidden calls, if the exercise asks for it."""
    if not (ex.forbid or ex.no_loops):
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None  # no source to read (a builtin, a lambda in a string...): judge by the values only
    for node in ast.walk(tree):
        if ex.no_loops and isinstance(
            node, (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        ):
            return f"uses a Python loop (line {node.lineno} of the function)"
        name = getattr(node, "id", None) or getattr(node, "attr", None)
        if name in ex.forbid and not isinstance(getattr(node, "ctx", None), ast.Store):
            return f"calls {name}, which is what this exercise asks you to write by hand"
    return None


def check(exercise_id: str, fn: Callable) -> bool:
    """Run `fn` on every case of exercise `exercise_id`, print one friendly line, return True if all pass."""
    try:
        return _check(exercise_id, fn)
    except Exception as err:  # a bug in a reference or a case must not show a traceback to a learner either
        print(
            f"{FAIL} {exercise_id}: the checker itself failed ({type(err).__name__}: {err}); "
            "please tell your teacher or open an issue"
        )
        return False


def _check(exercise_id: str, fn: Callable) -> bool:
    ex = REGISTRY.get(exercise_id)
    if ex is None:
        known = ", ".join(sorted(REGISTRY))
        print(f"{FAIL} {exercise_id}: there is no exercise with this id (known ids: {known})")
        return False
    if not callable(fn):
        print(
            f"{FAIL} {exercise_id}: check() needs your function itself, got {type(fn).__name__} "
            f"{fn!r:.40}; pass the name without calling it, e.g. check({exercise_id!r}, my_function)"
        )
        return False
    if ex.reference is None:
        ex.reference, cases = ex.build()
        ex.cases = list(cases)
    for case in ex.cases:
        try:
            got = _call(fn, case.args)
        except _NotSolved as err:
            why = str(err)
            extra = f" ({why})" if why.startswith("your function returned None") else ""
            print(f"{TODO} {exercise_id}: not solved yet — {ex.task}{extra}")
            return False
        except Exception as err:
            message = " ".join(str(err).split()) or "(no message)"
            if len(message) > 160:
                message = message[:157] + "..."
            print(
                f"{FAIL} {exercise_id}: case '{case.name}' raised {type(err).__name__}: {message}; "
                f"hint: {case.hint or ex.hint}"
            )
            return False
        expected = ex.reference(*copy.deepcopy(case.args))
        rtol = ex.rtol if case.rtol is None else case.rtol
        atol = ex.atol if case.atol is None else case.atol
        problem = _compare(expected, got, rtol, atol)
        if problem is not None:
            print(f"{FAIL} {exercise_id}: case '{case.name}': {problem}; hint: {case.hint or ex.hint}")
            return False
    problem = _style_problem(ex, fn)
    if problem is not None:
        print(f"{FAIL} {exercise_id}: the values are right, but your function {problem}; hint: {ex.hint}")
        return False
    print(f"{PASS} {exercise_id}: all {len(ex.cases)} cases pass")
    return True


from . import exercises as _exercises  # noqa: E402, F401  (registers every exercise; needs the names above)
