"""Exercises that check themselves: run the learner's answer against the reference, say what is wrong.

In a notebook, an exercise is two cells. The first defines the learner's function, unsolved at first:

    def softmax_row(z):
        # your code here
        raise NotImplementedError

The second checks it:

    check("softmax_row", softmax_row);

`check` never raises and never shows a traceback. It prints one line and returns a bool:

    ✅ softmax_row: all 7 cases pass
    ⏳ softmax_row: not solved yet — <what to do>
    ❌ softmax_row: case '<name>': <what came out>. <diagnosis> (a code hint: hint("softmax_row"))

Help comes in levels, and only when asked for. Level 0 is the ❌ line: it names the mistake (what is
wrong, never the code that fixes it). Level 1, `hint("softmax_row")`: a nudge, the idea or the question
to ask yourself, no code. Level 2, `hint("softmax_row")` again or `hint("softmax_row", code=True)`: the
code-level hint and the fix for the mistake the last check found. Nothing prints code by itself; after
OFFER_HINT_AFTER failed checks in a row the ❌ line offers the hint more plainly. So "Run All" always
reaches the end of a notebook, solved or not.

A diagnosis names the mistake the learner made, not the case that failed first: each exercise declares
its typical mistakes as small functions (the wrong version) with a diagnosis. When the learner's answer
fails, the checker runs every mistake on the same cases and names the one whose outputs match the
learner's on every case (else the one that matches on the failing case, else a general remark).

The content lives beside this engine, one module per notebook topic in `xentlib.exercises`, declared
with the `@exercise` decorator, which adds each exercise to REGISTRY. The engine imports no content;
the package `xentlib.exercises` imports the engine and then every content module, so importing any part
of it fills REGISTRY. Each exercise keeps every sentence a learner reads in one mapping,
`Exercise.messages()` (id -> English text); the engine reads each through `Exercise.text(key)`, in the
current language of xentlib.i18n (the translations come from `translate()`, the Chinese ones from the
`*_zh.py` module beside each content module; the engine's own words are in messages.py).
Reference solutions are in notebooks/solutions/<id>.py; the notebook tests use them.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import inspect
import io
import linecache
import re
import textwrap
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from ..i18n import language, register
from ..validation import describe_position
from .log import record as log_check
from .messages import MESSAGES

PASS, TODO, FAIL, HINT = "✅", "⏳", "❌", "💡"
OFFER_HINT_AFTER = 3  # from the third failed check in a row, the ❌ line offers the hint more plainly

__all__ = [
    "FAIL",
    "HINT",
    "PASS",
    "REGISTRY",
    "TODO",
    "Case",
    "Exercise",
    "Mistake",
    "check",
    "exercise",
    "hint",
    "translate",
]
# language -> {message id: text}: the exercises' sentences in languages other than English, filled by
# the content package through translate() (the Chinese ones are the *_zh.py modules of xentlib/exercises/).
TRANSLATIONS: dict[str, dict[str, str]] = {}


def translate(lang: str, texts: Mapping[str, str]) -> None:
    """Add translations of exercise sentences, by message id ('<id>.task', '<id>.mistake.<name>', ...)."""
    TRANSLATIONS.setdefault(lang, {}).update(texts)


def _literal(text: str) -> str:
    """A sentence as a message-table text that str.format gives back unchanged."""
    return text.replace("{", "{{").replace("}", "}}")


def say(key: str, **values) -> str:
    """An engine sentence by id, in the current language (the table is messages.py beside this file)."""
    return MESSAGES.tr(f"check.{key}", **values)


@dataclass(frozen=True)
class Case:
    """One input: the learner's fn(*args) must match reference(*args) within tolerance."""

    name: str
    args: tuple
    rtol: float | None = None  # None: the exercise's tolerance
    atol: float | None = None
    note: str | None = None  # what failing this case usually means, when no declared mistake matches


@dataclass(frozen=True)
class Mistake:
    """A typical wrong answer: `wrong` computes it, `diagnosis` says what is wrong (no code), `fix` how."""

    name: str
    wrong: Callable
    diagnosis: str
    fix: str | None = None  # code-level help for this mistake, shown only by hint()


@dataclass
class Exercise:
    """A registered exercise. `build()` returns (reference, list of Case); for a prediction, the
    reference takes no argument and returns the number to predict."""

    id: str
    build: Callable[[], tuple[Callable, Sequence[Case]]]
    task: str  # what to do, shown while unsolved
    hint: str  # the code-level hint (level 2), shown by a second hint(id) or hint(id, code=True)
    rtol: float = 1e-7
    atol: float = 1e-10
    forbid: tuple[str, ...] = ()  # names the learner may not call (e.g. the library function itself)
    no_loops: bool = False  # True: a Python for/while loop or comprehension fails the check
    floats: bool = False  # True: an integer result fails even with the right values
    predict: bool = False  # True: the learner passes a number, not a function
    note: str | None = None  # what to think about when the answer is wrong and no mistake matches
    mistakes: list[Mistake] = field(default_factory=list)
    nudge: str = ""  # level 1: the idea or the question to ask yourself, no code, shown by hint(id)
    labels: int | None = None  # which argument holds class labels: a shift by one is then recognised
    classes_axis: int = -1  # the axis of the first argument that runs over the classes
    returns: str | None = None  # "tensor" or "array": what the answer must return, not only its values
    cases: list[Case] = field(default_factory=list, repr=False)  # filled on first use
    reference: Callable | None = field(default=None, repr=False)
    failures: int = field(default=0, repr=False)  # failed checks in a row
    last_mistake: Mistake | None = field(default=None, repr=False)
    hints_given: int = field(default=0, repr=False)  # the highest hint level shown so far
    last_diagnosed: bool | None = field(default=None, repr=False)  # did the last failure name its mistake?
    table: dict | None = field(default=None, repr=False)  # its sentences, registered with xentlib.i18n

    def mistake(self, diagnosis: str, fix: str | None = None):
        """Declare a typical mistake: decorate the wrong function (its name is the mistake's id)."""

        def register(wrong: Callable) -> Callable:
            if any(m.name == wrong.__name__ for m in self.mistakes):
                raise ValueError(f"exercise {self.id!r} declares mistake {wrong.__name__!r} twice")
            self.mistakes.append(Mistake(wrong.__name__, wrong, diagnosis, fix))
            return wrong

        return register

    def ready(self) -> Exercise:
        """Build the reference and the cases on first use (torch is imported only here)."""
        if self.reference is None:
            reference, cases = self.build()
            self.cases = list(cases)
            self.reference = reference
        return self

    def messages(self) -> dict[str, str]:
        """Every sentence of this exercise a learner can read, by id (for a later translation)."""
        texts = {f"{self.id}.task": self.task, f"{self.id}.hint": self.hint}
        if self.nudge:
            texts[f"{self.id}.nudge"] = self.nudge
        if self.note:
            texts[f"{self.id}.note"] = self.note
        for m in self.mistakes:
            texts[f"{self.id}.mistake.{m.name}"] = m.diagnosis
            if m.fix:
                texts[f"{self.id}.fix.{m.name}"] = m.fix
        for i, case in enumerate(self.ready().cases):
            texts[f"{self.id}.case.{i}"] = case.name
            if case.note:
                texts[f"{self.id}.case.{i}.note"] = case.note
        return texts

    def text(self, key: str) -> str:
        """One sentence of this exercise by its id's tail ('task', 'hint', 'mistake.<name>', ...), in the
        current language: every language's text is registered with xentlib.i18n on first use."""
        if self.table is None:
            self.table = register(
                f"exercise {self.id}",
                {
                    msg_id: {"en": _literal(en)}
                    | {
                        lang: _literal(texts[msg_id])
                        for lang, texts in TRANSLATIONS.items()
                        if msg_id in texts
                    }
                    for msg_id, en in self.messages().items()
                },
            )
        msg_id = f"{self.id}.{key}"
        if language() not in self.table[msg_id]:
            raise KeyError(f"the exercise text {msg_id!r} has no {language()!r} translation")
        return self.table.tr(msg_id)

    def first_level(self) -> list[str]:
        """The sentences a check or a first hint() may print: everything but the code-level hints."""
        return [text for key, text in self.messages().items() if ".hint" not in key and ".fix." not in key]


class _Registry(Mapping):
    """id -> Exercise, filled by @exercise as the content modules are imported."""

    def __init__(self) -> None:
        self._exercises: dict[str, Exercise] = {}

    def add(self, ex: Exercise) -> None:
        if ex.id in self._exercises:
            raise ValueError(f"exercise id {ex.id!r} is registered twice")
        self._exercises[ex.id] = ex

    def __getitem__(self, key: str) -> Exercise:
        return self._exercises[key]

    def __iter__(self) -> Iterator[str]:
        return iter(dict(self._exercises))

    def __len__(self) -> int:
        return len(self._exercises)


REGISTRY = _Registry()


def exercise(
    exercise_id: str,
    *,
    task: str,
    hint: str,
    nudge: str = "",
    rtol: float = 1e-7,
    atol: float = 1e-10,
    forbid: Sequence[str] = (),
    no_loops: bool = False,
    floats: bool = False,
    predict: bool = False,
    note: str | None = None,
    labels: int | None = None,
    classes_axis: int = -1,
    returns: str | None = None,
):
    """Register an exercise: decorate a function returning (reference, [Case, ...]); get the Exercise.

    `labels` is the position of the argument that holds class labels: an answer that equals the
    reference with those labels shifted by one is then named as such, in every exercise alike."""

    def register(build: Callable[[], tuple[Callable, Sequence[Case]]]) -> Exercise:
        ex = Exercise(
            exercise_id,
            build,
            task,
            hint,
            rtol,
            atol,
            tuple(forbid),
            no_loops,
            floats,
            predict,
            note,
            nudge=nudge,
            labels=labels,
            classes_axis=classes_axis,
            returns=returns,
        )
        REGISTRY.add(ex)
        return ex

    return register


# --------------------------------------------------------------------------------------------------
# Comparing values
# --------------------------------------------------------------------------------------------------


class _NotSolved(Exception):
    """The learner's function raised NotImplementedError or returned None."""


def _to_array(value) -> np.ndarray:
    """NumPy arrays, Python numbers, lists and torch tensors all become a float ndarray."""
    if hasattr(value, "detach") and hasattr(value, "numpy"):  # a torch tensor, without importing torch
        value = value.detach().cpu().numpy()
    arr = np.asarray(value)
    if arr.dtype == np.bool_ or not np.issubdtype(arr.dtype, np.number):
        kind = type(value).__name__
        raise TypeError(
            say("not_numeric_dtype", kind=kind, dtype=arr.dtype)
            if arr.dtype != object
            else say("not_numeric", kind=kind)
        )
    return arr.astype(np.float64)


def _dtype(value) -> str:
    """The dtype's name of an array, tensor or number ('int64', 'float32', 'torch.int64', ...)."""
    return str(getattr(value, "dtype", None) or np.asarray(value).dtype)


def _is_float(value) -> bool:
    return "float" in _dtype(value) or "complex" in _dtype(value)


def _show(arr: np.ndarray) -> str:
    """A short one-line picture of a value, for a message."""
    if arr.ndim == 0:
        return f"{float(arr):.10g}"
    if arr.size <= 12:
        text = np.array2string(
            arr, separator=", ", max_line_width=10_000, formatter={"float_kind": lambda v: f"{v:.6g}"}
        )
        return " ".join(text.split())
    return say("an_array", shape=arr.shape)


def _constant_factor(want: np.ndarray, have: np.ndarray, rtol: float) -> float | None:
    """k if have == k * want everywhere (k != 1, 0, -1), else None."""
    nonzero = want != 0
    if not nonzero.any() or not np.all(np.isfinite(have)) or np.any(have[~nonzero] != 0):
        return None
    ratios = have[nonzero] / want[nonzero]
    k = float(np.median(ratios))
    if k == 0 or abs(k - 1) < 1e-3 or abs(k + 1) < 1e-6:  # "1.00003 times as much" says nothing
        return None
    return k if np.allclose(ratios, k, rtol=max(rtol, 1e-9), atol=0) else None


def _factor_meaning(ex: Exercise, case: Case, expected, got) -> str | None:
    """What a constant factor between the answer and the expected value most likely means, if anything:
    N or 1/N (samples), C or 1/C (classes), 1/ln 10 and 1/ln 2 (the wrong log), ln 2 (nats for bits)."""
    try:
        want, have = _to_array(expected), _to_array(got)
        first = np.asarray(case.args[0]) if case.args else np.array(0.0)
    except (TypeError, ValueError):
        return None
    k = _constant_factor(want, have, 1e-6) if want.shape == have.shape else None
    if k is None or first.dtype == object:
        return None
    n = first.shape[0] if first.ndim >= 2 else 0
    c = first.shape[ex.classes_axis] if first.ndim >= 1 else 0
    options = [(n, "factor_n"), (1 / n, "factor_one_over_n")] if n > 1 else []
    options += [(c, "factor_c"), (1 / c, "factor_one_over_c")] if c > 1 and c != n else []
    options += [(1 / np.log(10), "factor_log10"), (1 / np.log(2), "factor_log2"), (np.log(2), "factor_ln2")]
    for value, key in options:
        if np.isclose(k, value, rtol=1e-6):
            return say(key, factor=f"{k:.6g}", n=n, c=c)
    return None


def _negated(expected, got, rtol: float, atol: float) -> bool:
    try:
        want, have = _to_array(expected), _to_array(got)
    except (TypeError, ValueError):
        return False
    same_shape = have.shape == want.shape and bool(np.any(want != 0))
    return same_shape and np.allclose(-have, want, rtol=rtol, atol=atol)


def _compare(expected, got, rtol: float, atol: float, floats: bool = False, scale: bool = True) -> str | None:
    """None if `got` matches `expected`, else a short description of the difference (with the constant
    factor between them, unless `scale` is False: where the factor would mislead)."""
    want = _to_array(expected)
    try:
        have = _to_array(got)
    except (TypeError, ValueError) as err:
        what = _show(want) if want.ndim == 0 else say("some_array")
        return say("not_numbers", what=what, error=err)
    if have.shape != want.shape:
        what = say("a_number") if want.ndim == 0 else say("an_array", shape=want.shape)
        shown = say("bracket", text=_show(have)) if have.size <= 12 else ""
        return say("wrong_shape", what=what, shape=have.shape) + shown
    bad_value = ~np.isfinite(have) & np.isfinite(want)
    if bad_value.any():
        index = tuple(int(i) for i in np.argwhere(bad_value)[0]) if have.ndim else ()
        where = say("at", position=describe_position(index)) if index else ""
        return say("not_finite", have=have[index], where=where, want=_show(want[index]))
    close = np.isclose(have, want, rtol=rtol, atol=atol, equal_nan=True)
    if close.all():
        return None if not floats or _is_float(got) else say("not_float", dtype=_dtype(got))
    if _negated(want, have, rtol, atol):
        return say("opposite_sign", want=_show(want), have=_show(have))
    factor = _constant_factor(want, have, rtol) if scale else None
    if factor is not None:
        key = "constant_factor" if want.size > 1 else "ratio"
        return say(key, want=_show(want), have=_show(have), factor=f"{factor:.6g}")
    if want.ndim == 0:
        return say("expected_value", want=_show(want), have=_show(have))
    worst = np.argmax(np.where(close, 0, np.abs(np.nan_to_num(have - want, nan=np.inf))))
    index = tuple(int(i) for i in np.unravel_index(worst, want.shape))
    detail = say(
        "at_position", position=describe_position(index), want=_show(want[index]), have=_show(have[index])
    )
    if want.size <= 12:
        detail += say("bracket", text=say("expected_value", want=_show(want), have=_show(have)))
    return detail


# --------------------------------------------------------------------------------------------------
# Running answers
# --------------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What one answer did on one case: returned `value`, or raised `error` (an exception)."""

    value: object = None
    error: BaseException | None = None


def _call(fn: Callable, args: tuple):
    """Call a function on a private copy of the inputs, with numeric warnings silenced."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            result = fn(*copy.deepcopy(args))
        except NotImplementedError as err:
            raise _NotSolved(str(err)) from None
    if result is None:
        raise _NotSolved(say("returned_none"))
    return result


def _outcome(fn: Callable, args: tuple) -> _Outcome:
    try:
        return _Outcome(value=_call(fn, args))
    except _NotSolved as err:
        return _Outcome(error=err)
    except Exception as err:
        return _Outcome(error=err)


def _agree(a: _Outcome, b: _Outcome, case: Case, ex: Exercise) -> bool:
    """Two answers did the same on a case: the same error and message, or the same values (and, where the
    exercise asks for floats, both floats or both not)."""
    if a.error is not None or b.error is not None:
        return type(a.error) is type(b.error) and str(a.error) == str(b.error)
    if ex.floats and _is_float(a.value) != _is_float(b.value):
        return False
    try:
        x, y = _to_array(a.value), _to_array(b.value)
    except (TypeError, ValueError):
        return False
    if x.shape != y.shape:
        return False
    rtol = ex.rtol if case.rtol is None else case.rtol
    atol = ex.atol if case.atol is None else case.atol
    return bool(np.all(np.isclose(x, y, rtol=rtol, atol=atol, equal_nan=True)))


def _classes(ex: Exercise, args: tuple) -> int:
    """C, the number of classes of a case: one_hot's second argument, else an axis of the first."""
    return int(args[1]) if ex.labels == 0 else int(np.shape(args[0])[ex.classes_axis])


def _shifted(ex: Exercise, step: int) -> Callable:
    """The reference run on the labels moved by `step`, as NumPy indexing sees them: label - 1 turns a
    label 0 into -1, which counts from the end, the last class."""

    def wrong(*args):
        args = list(args)
        moved = args[ex.labels] + step
        args[ex.labels] = moved + _classes(ex, args) * (moved < 0)
        return ex.reference(*args)

    return wrong


def _past_the_last_class(ex: Exercise, out: _Outcome, case: Case) -> bool:
    """An index error at index C (one past the last class): what labels shifted up by one raise."""
    found = re.search(r"index (\d+) is out of bounds", str(out.error)) if out.error is not None else None
    return bool(found) and ex.labels is not None and int(found.group(1)) == _classes(ex, case.args)


SHIFTS = ((-1, "labels_shifted_down"), (1, "labels_shifted_up"))


def _diagnose(ex: Exercise, mine: list[_Outcome], failing: int) -> tuple[str | None, Mistake | None]:
    """The diagnosis of a wrong answer: the mistake that matches it on every case (a declared one first,
    then labels shifted by one), else the one that matches on the failing case, else the case's note."""
    suspects = [(m, m.wrong, None) for m in ex.mistakes]
    if ex.labels is not None:
        suspects += [(None, _shifted(ex, step), key) for step, key in SHIFTS]
    theirs = [[_outcome(wrong, case.args) for case in ex.cases] for _, wrong, _ in suspects]
    everywhere = [
        suspect
        for suspect, outs in zip(suspects, theirs, strict=True)
        if all(_agree(a, b, c, ex) for a, b, c in zip(mine, outs, ex.cases, strict=True))
    ]
    here = [
        suspect
        for suspect, outs in zip(suspects, theirs, strict=True)
        if _agree(mine[failing], outs[failing], ex.cases[failing], ex)
    ]
    for found in (everywhere, here):
        if found:
            mistake, _, key = found[0]
            return (ex.text(f"mistake.{mistake.name}"), mistake) if mistake else (say(key), None)
    if _past_the_last_class(ex, mine[failing], ex.cases[failing]):
        return say("labels_shifted_up"), None
    if (generic := _generic_slip(ex, mine, failing)) is not None:
        return generic, None
    if ex.cases[failing].note:
        return ex.text(f"case.{failing}.note"), None
    return (ex.text("note") if ex.note else None), None


def _generic_slip(ex: Exercise, mine: list[_Outcome], failing: int) -> str | None:
    """Slips any exercise can meet: the same value for every input (an answer typed in), or the right
    values rounded (rounding is for printing)."""
    if ex.predict or any(out.error is not None for out in mine):
        return None
    try:
        have = [_to_array(out.value) for out in mine]
        want = [_to_array(_call(ex.reference, case.args)) for case in ex.cases]
    except (TypeError, ValueError):
        return None
    same = all(h.shape == have[0].shape and np.array_equal(h, have[0]) for h in have)
    if len(have) > 1 and same and not all(np.array_equal(w, want[0]) for w in want):
        return say("same_for_every_input")
    w, h = want[failing], have[failing]
    if w.shape == h.shape and np.issubdtype(w.dtype, np.floating) and np.all(np.isfinite(w)):
        for digits in range(7):
            if np.array_equal(np.round(w, digits), h):
                return say("rounded", digits=digits)
    return None


def _style_problem(ex: Exercise, fn: Callable) -> str | None:
    """Look at the learner's source for loops or forbidden calls, if the exercise asks for it."""
    if not (ex.forbid or ex.no_loops):
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None  # no source to read (a builtin, a lambda in a string...): judge by the values only
    own = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    own |= {a.arg for a in ast.walk(tree) if isinstance(a, ast.arg)}  # the learner's own variables
    for node in ast.walk(tree):
        if ex.no_loops and isinstance(
            node, (ast.For, ast.While, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)
        ):
            return say("uses_loop", line=node.lineno)
        if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Load):
            name = node.attr
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in own:
            name = node.id
        else:
            continue
        if name in ex.forbid:
            return say("calls_forbidden", name=name)
    return None


def _kind_problem(ex: Exercise, value) -> str | None:
    """Right numbers of the wrong kind: a float or a NumPy array where a torch tensor is asked for, a
    Python list where a NumPy array is."""
    if ex.returns == "tensor" and not (hasattr(value, "detach") and hasattr(value, "grad_fn")):
        return say("not_a_tensor", kind=type(value).__name__)
    if ex.returns == "array" and not isinstance(value, np.ndarray):
        return say("not_an_array", kind=type(value).__name__)
    return None


# What an exception raised inside a learner's function means, in words: (type, pattern, message id).
# The first that matches explains it; the raw text alone is never all a learner reads.
ERRORS = (
    (
        "IndexError",
        r"index (?P<index>-?\d+) is out of bounds for (?:axis|dimension) (?P<axis>\d+) with size "
        r"(?P<size>\d+)",
        "error_index",
    ),
    ("TypeError", r"return_types\.(?:max|min)", "error_max_pair"),
    ("ValueError", r"operands could not be broadcast together with shapes (?P<shapes>.+)", "error_broadcast"),
    (
        "RuntimeError",
        r"size of tensor a \((?P<a>\d+)\) must match the size of tensor b \((?P<b>\d+)\)",
        "error_tensor_sizes",
    ),
    (
        "AxisError",
        r"axis (?P<axis>-?\d+) is out of bounds for array of dimension (?P<ndim>\d+)",
        "error_axis",
    ),  # noqa: E501
    ("NameError", r"name '(?P<name>\w+)' is not defined", "error_name"),
    ("AttributeError", r"'(?P<kind>[\w.]+)' object has no attribute '(?P<attr>\w+)'", "error_attribute"),
    ("ZeroDivisionError", r"", "error_zero_division"),
    ("IndexError", r"", "error_index_other"),
    ("TypeError", r"", "error_type_other"),
    ("ValueError", r"", "error_value_other"),
)


def _meaning(err: BaseException) -> str:
    """What the error means, in the learner's language (one of ERRORS, else a general sentence)."""
    for kind, pattern, key in ERRORS:
        if type(err).__name__ == kind and (found := re.search(pattern, str(err))):
            return say(key, **{name: value.strip() for name, value in found.groupdict().items()})
    return say("error_other")


def _where(err: BaseException, fn: Callable) -> str:
    """'line 3 of your function (`...`)': the last line of the learner's own code the error went through."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return ""
    line = None
    tb = err.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == code.co_filename and tb.tb_lineno >= code.co_firstlineno:
            line = tb.tb_lineno
        tb = tb.tb_next
    if line is None:
        return ""
    text = linecache.getline(code.co_filename, line).strip()
    return say("error_where", line=line - code.co_firstlineno + 1, text=text) if text else ""


def _explained(err: BaseException, fn: Callable) -> str:
    """The learner's exception: its type and message, where in their function, and what it means."""
    return say("raised_explained", error=_short(err), where=_where(err, fn), meaning=_meaning(err))


def _short(err: BaseException) -> str:
    message = " ".join(str(err).split()) or say("no_message")
    if len(message) > 160:
        message = message[:157] + "..."
    return f"{type(err).__name__}: {message}"


# --------------------------------------------------------------------------------------------------
# The two things a notebook calls
# --------------------------------------------------------------------------------------------------


def check(exercise_id: str, answer) -> bool:
    """Check `answer` (the learner's function, or number for a prediction); print one line; True if right.
    The outcome is also appended to the local log of checks (log.py; XENTLIB_CHECK_LOG=off: not)."""
    shown = io.StringIO()
    try:
        with contextlib.redirect_stdout(shown):
            passed = _check(exercise_id, answer)
    except Exception as err:  # a bug in a reference or a case must not show a traceback to a learner either
        print(shown.getvalue(), end="")
        print(f"{FAIL} {exercise_id}: {say('checker_failed', error=_short(err))}")
        return False
    print(shown.getvalue(), end="")
    ex = REGISTRY.get(exercise_id)
    if ex is not None:
        result = "pass" if passed else "todo" if shown.getvalue().startswith(TODO) else "fail"
        mistake = ex.last_mistake.name if result == "fail" and ex.last_mistake is not None else None
        log_check(exercise_id, result, mistake, diagnosed=result != "fail" or ex.last_diagnosed)
    return passed


def hint(exercise_id: str, code: bool = False) -> None:
    """Help, on request: first a nudge (the idea, no code); asked again, or with code=True, the code-level
    hint and the fix for the mistake the last check found."""
    ex = REGISTRY.get(exercise_id)
    if ex is None:
        print(f"{FAIL} {exercise_id}: {say('unknown_id', known=', '.join(sorted(REGISTRY)))}")
        return
    if not code and ex.hints_given == 0 and ex.nudge:
        ex.hints_given = 1
        print(f"{HINT} {exercise_id}: {say('nudge', text=ex.text('nudge'), id=exercise_id)}")
        return
    ex.hints_given = 2
    print(f"{HINT} {exercise_id}: {say('hint_header', text=ex.text('hint'))}")
    if ex.last_mistake is not None and ex.last_mistake.fix:
        fix = ex.text(f"fix.{ex.last_mistake.name}")
        print(f"{HINT} {exercise_id}: {say('hint_for_mistake', fix=fix)}")


def _fail(ex: Exercise, text: str, mistake: Mistake | None, diagnosed: bool = True) -> bool:
    ex.failures += 1
    ex.last_mistake, ex.last_diagnosed = mistake, diagnosed
    if ex.failures >= OFFER_HINT_AFTER:
        more = say("more_help_stuck", n=ex.failures, id=ex.id)
    else:
        more = say("more_help", id=ex.id)
    print(f"{FAIL} {ex.id}: {say('fail_line', text=text, more_help=more)}")
    return False


def _check(exercise_id: str, answer) -> bool:
    ex = REGISTRY.get(exercise_id)
    if ex is None:
        print(f"{FAIL} {exercise_id}: {say('unknown_id', known=', '.join(sorted(REGISTRY)))}")
        return False
    ex.ready()
    if ex.predict:
        if answer is None:
            todo = say("todo", task=ex.text("task")) + say("bracket", text=say("no_value"))
            print(f"{TODO} {ex.id}: {todo}")
            return False
        if callable(answer) or isinstance(answer, (str, bool)):
            print(f"{FAIL} {ex.id}: {say('not_a_number', what=f'{type(answer).__name__} {answer!r:.40}')}")
            return False
        fn = (lambda value: lambda: value)(answer)
    elif not callable(answer):
        what = f"{type(answer).__name__} {answer!r:.40}"
        print(f"{FAIL} {ex.id}: {say('not_callable', what=what, id=ex.id)}")
        return False
    else:
        fn = answer
    mine: list[_Outcome] = []
    for case in ex.cases:
        out = _outcome(fn, case.args)
        if isinstance(out.error, _NotSolved):
            why = str(out.error)
            extra = say("bracket", text=why) if why == say("returned_none") else ""
            print(f"{TODO} {ex.id}: {say('todo', task=ex.text('task'))}{extra}")
            return False
        mine.append(out)
    for i, (case, out) in enumerate(zip(ex.cases, mine, strict=True)):
        if out.error is not None:
            problem = say("raised", case=ex.text(f"case.{i}"), error=_explained(out.error, fn))
        else:
            rtol = ex.rtol if case.rtol is None else case.rtol
            atol = ex.atol if case.atol is None else case.atol
            expected = _call(ex.reference, case.args)
            problem = _compare(expected, out.value, rtol, atol, ex.floats)
            if problem is None:
                continue
            if ex.predict:  # never show the number to predict
                problem = say("wrong_prediction", have=out.value)
            else:
                problem = say("wrong", case=ex.text(f"case.{i}"), detail=problem)
        diagnosis, mistake = _diagnose(ex, mine, i)
        if diagnosis in {say(key) for _, key in SHIFTS} and out.error is None and not ex.predict:
            detail = _compare(expected, out.value, rtol, atol, ex.floats, scale=False)  # a shift, not a scale
            problem = say("wrong", case=ex.text(f"case.{i}"), detail=detail)
        if diagnosis is None and out.error is None and not ex.predict:
            diagnosis = _factor_meaning(ex, case, expected, out.value)
        if out.error is not None:
            diagnosed = _meaning(out.error) != say("error_other") or diagnosis is not None
        else:
            negated = not ex.predict and _negated(expected, out.value, rtol, atol)
            diagnosed = diagnosis is not None or negated
        if diagnosis:
            text = say("failed", problem=problem, diagnosis=diagnosis)
        else:
            text = say("failed_alone", problem=problem)
        return _fail(ex, text, mistake, diagnosed)
    problem = None if ex.predict else _style_problem(ex, fn) or _kind_problem(ex, mine[0].value)
    if problem is not None:
        return _fail(ex, say("failed_alone", problem=say("style", problem=problem)), None)
    ex.failures, ex.last_mistake = 0, None
    print(f"{PASS} {ex.id}: {say('pass', n=len(ex.cases))}")
    return True
