"""The checker in Chinese: every sentence of every exercise has a Chinese text with the same blanks, stamped
with the English it translates (an English edit makes it stale), and in a Chinese run every line check()
and hint() print is Chinese (the '<glyph> <id>: ' prefix kept), with no English word but code.

After re-translating a sentence whose English changed:
    .venv/bin/python -m tools.translate stamp-texts <message id>...
"""

import ast
import builtins
import functools
import keyword
import re
from pathlib import Path

import pytest

from tests.edition.words import CJK, CODE_WORDS
from tests.exercises.answers import MISTAKES, needs_torch, solution_answer, wrong_answer
from tools import translate
from xentlib import i18n
from xentlib.exercises import FAIL, HINT, PASS, REGISTRY, TODO, check, hint
from xentlib.exercises.engine import TRANSLATIONS

ROOT = Path(__file__).resolve().parents[2]
EXERCISES = sorted(REGISTRY)
# Words that stay English in the Chinese texts besides CODE_WORDS and the exercise's own code.
TERMS = {
    "ln",
    "lg",
    "log",
    "exp",
    "NumPy",
    "PyTorch",
    "Python",
    "torch",
    "nats",
    "bits",
    "None",
    "hint",
    "check",
    "NLL",
    "xentlib",
    "xl",
}


def module(exercise_id) -> str:
    return REGISTRY[exercise_id].build.__module__.rsplit(".", 1)[-1]


@functools.cache
def code_words(exercise_id) -> set[str]:
    """Every identifier in the exercise's module and its reference solution: names a text may quote."""
    paths = [
        ROOT / "xentlib" / "exercises" / f"{module(exercise_id)}.py",
        ROOT / "notebooks" / "solutions" / f"{exercise_id}.py",
    ]
    words = set()
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            words |= {
                getattr(node, attr)
                for attr in ("id", "attr", "arg", "name")
                if isinstance(getattr(node, attr, None), str)
            }
    for text in REGISTRY[exercise_id].messages().values():  # variables the English texts assign: nz = ...
        words |= set(re.findall(r"([A-Za-z_]\w*) *=(?!=)", text))
    return words | {exercise_id}


def english_words(line: str, exercise_id: str) -> list[str]:
    """The words of a line that are neither Chinese nor code."""
    text = re.sub(r"`[^`]*`|'[^']*'", "", line)  # code in backticks, the learner's values echoed back
    text = re.sub(r"抛出了 [A-Za-z.]+: [^。]*", "", text)  # the learner's exception, as Python wrote it
    text = re.sub(r"（[A-Za-z][A-Za-z -]*[，）]", "", text)  # a term's English name beside the Chinese one
    text = re.sub(r"[A-Za-z]+/[A-Za-z]+", "", text)  # maths: ds/dx, dL/dW
    # code: snake_case names, .attributes, calls(
    text = re.sub(r"[A-Za-z0-9]*_[A-Za-z0-9_]*|\.[A-Za-z][A-Za-z0-9]*|[A-Za-z][A-Za-z0-9]*(?=\()", "", text)
    words = re.findall(r"[A-Za-z_][A-Za-z_0-9]+", text)
    allowed = CODE_WORDS | TERMS | code_words(exercise_id) | set(keyword.kwlist) | set(dir(builtins))
    # a capital inside a word marks maths or a name (XW, dL/dW, NumPy), never an English prose word
    return [w for w in words if w not in allowed and not any(c.isupper() for c in w[1:])]


@pytest.fixture(autouse=True)
def chinese():
    for ex in REGISTRY.values():
        ex.failures, ex.last_mistake, ex.hints_given = 0, None, 0
    i18n.set_language("zh")
    yield
    i18n.set_language("en")


def printed(capsys, exercise_id, answer) -> list[str]:
    check(exercise_id, answer)
    return capsys.readouterr().out.strip().splitlines()


def assert_chinese(lines, exercise_id, glyph):
    assert lines, "nothing printed"
    for line in lines:
        assert line.startswith((f"{glyph} {exercise_id}: ", f"{HINT} {exercise_id}: ")), line
        english = english_words(line, exercise_id)
        assert not english, f"English words {english} in: {line}"
        assert CJK.search(line) or line.startswith(HINT), line  # a code hint may be code alone


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_sentence_has_a_chinese_text_with_the_same_blanks(exercise_id):
    english = REGISTRY[exercise_id].messages()
    zh = TRANSLATIONS["zh"]
    missing = [key for key in english if key not in zh]
    where = f"xentlib/exercises/{module(exercise_id)}_zh.py"
    assert not missing, f"no Chinese text in {where} for {missing}"
    for key, text in english.items():
        assert i18n.placeholders(zh[key]) == i18n.placeholders(text), key
        all_code = not english_words(text, exercise_id)  # e.g. 'ln 10 = np.log(10)' stays as it is
        assert CJK.search(zh[key]) or all_code, f"{key}: the Chinese text has no Chinese: {zh[key]!r}"
        assert not english_words(zh[key], exercise_id), (key, english_words(zh[key], exercise_id))


def test_each_exercise_module_has_its_chinese_module():
    folder = ROOT / "xentlib" / "exercises"
    content = {module(exercise_id) for exercise_id in REGISTRY}
    chinese = {p.stem.removesuffix("_zh") for p in folder.glob("[!_]*_zh.py")}
    assert content == chinese


def test_no_chinese_text_is_stale():
    stale = translate.stale_texts()
    assert not stale, (
        f"the English of {stale} changed since its Chinese text was written (or it is new): update "
        "xentlib/exercises/<topic>_zh.py, then .venv/bin/python -m tools.translate stamp-texts <id>..."
    )


def test_an_english_edit_makes_its_chinese_text_stale(monkeypatch):
    ex = REGISTRY["softmax_row"]
    monkeypatch.setattr(ex, "task", ex.task + " (now for a whole batch)")
    with pytest.raises(AssertionError, match=r"softmax_row\.task"):
        test_no_chinese_text_is_stale()


def test_no_chinese_text_without_an_english_sentence():
    known = {key for ex in REGISTRY.values() for key in ex.messages()}
    stale = sorted(set(TRANSLATIONS["zh"]) - known)
    assert not stale, f"Chinese texts whose English sentence is gone (renamed mistake? moved case?): {stale}"


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_unsolved_passing_and_hint_lines_are_chinese(capsys, exercise_id):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]

    def unsolved(*args):
        raise NotImplementedError

    lines = printed(capsys, exercise_id, None if ex.predict else unsolved)
    assert_chinese(lines, exercise_id, TODO)
    assert lines[0].startswith(f"{TODO} {exercise_id}: 尚未完成——{ex.text('task')}")
    if not ex.predict:
        lines = printed(capsys, exercise_id, lambda *args: None)
        assert_chinese(lines, exercise_id, TODO)
        assert "return" in lines[0]
    lines = printed(capsys, exercise_id, solution_answer(exercise_id))
    assert lines == [f"{PASS} {exercise_id}: 全部 {len(ex.cases)} 个用例通过"]
    hint(exercise_id)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [
        f"{HINT} {exercise_id}: {ex.text('nudge')}（想看代码提示，请再调用一次 hint({exercise_id!r})）"
    ]
    assert_chinese(lines, exercise_id, HINT)
    hint(exercise_id)
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines == [f"{HINT} {exercise_id}: {ex.text('hint')}"]
    assert_chinese(lines, exercise_id, HINT)


@pytest.mark.parametrize("exercise_id,name", MISTAKES, ids=[f"{e}-{n}" for e, n in MISTAKES])
def test_each_mistake_is_diagnosed_in_chinese(capsys, exercise_id, name):
    needs_torch(exercise_id)
    ex = REGISTRY[exercise_id]
    mistake = next(m for m in ex.mistakes if m.name == name)
    # three failures in a row, then both levels of hint
    outs = [printed(capsys, exercise_id, wrong_answer(ex, mistake)) for _ in range(3)]
    assert all(len(out) == 1 for out in outs), outs  # a check prints one line, never a hint by itself
    lines = [out[0] for out in outs]
    hint(exercise_id)
    hint(exercise_id)
    lines += capsys.readouterr().out.strip().splitlines()
    assert_chinese(lines, exercise_id, FAIL)
    assert ex.text(f"mistake.{name}") in lines[0]
    assert lines[0].endswith(f"（卡住了？hint({exercise_id!r}) 会给一点提示）"), lines[0]
    offer = f"hint({exercise_id!r}) 会给一点提示，再调用一次 hint({exercise_id!r}) 会给出代码提示）"
    assert lines[2].endswith(f"（已经连续试了 3 次：{offer}"), lines[2]
    if mistake.fix:
        assert lines[-1] == f"{HINT} {exercise_id}: 针对上面的错误：{ex.text(f'fix.{name}')}"


def test_the_english_run_stays_english(capsys):
    i18n.set_language("en")
    ex = REGISTRY["softmax_row"]
    check("softmax_row", ex.mistakes[0].wrong)
    line = capsys.readouterr().out
    assert not CJK.search(line) and ex.mistakes[0].diagnosis in line


def test_a_missing_translation_is_an_error_not_english(capsys, monkeypatch):
    ex = REGISTRY["softmax_row"]
    ex.text("task")
    monkeypatch.setitem(ex.table, "softmax_row.task", {"en": ex.task})
    with pytest.raises(KeyError, match="no 'zh' translation"):
        ex.text("task")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_the_leak_detector_finds_every_english_diagnosis(exercise_id):
    """The checks above are not vacuous: left untranslated, any diagnosis or task would be caught."""
    ex = REGISTRY[exercise_id]
    texts = [ex.task] + [m.diagnosis for m in ex.mistakes]
    assert all(english_words(text, exercise_id) for text in texts)


def test_a_label_shift_is_named_in_chinese(capsys):
    from xentlib.exercises.engine import _shifted

    ex = REGISTRY["cross_entropy_vectorized"].ready()
    i18n.set_language("zh")
    try:
        lines = printed(capsys, ex.id, _shifted(ex, -1))
    finally:
        i18n.set_language("en")
    assert "标签被整体减了 1" in lines[0] and "倍" not in lines[0], lines[0]
    assert_chinese(lines, ex.id, FAIL)
