"""The answers the exercise tests hand to check(): the reference solutions and every declared mistake."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from xentlib.exercises import REGISTRY

SOLUTIONS = Path(__file__).resolve().parents[2] / "notebooks" / "solutions"
TORCH_EXERCISES = {"log_softmax_torch", "nll_torch", "training_loop_bugs"}
MISTAKES = [(ex.id, m.name) for ex in REGISTRY.values() for m in ex.mistakes]


def needs_torch(exercise_id):
    if exercise_id in TORCH_EXERCISES:
        pytest.importorskip("torch")


def wrong_answer(ex, mistake):
    """What a learner who makes `mistake` hands to check(): the function, or for a prediction its number."""
    return mistake.wrong() if ex.predict else mistake.wrong


def solution_tree(exercise_id):
    path = SOLUTIONS / f"{exercise_id}.py"
    assert path.exists(), f"exercise {exercise_id!r} has no reference solution at notebooks/solutions/"
    text = path.read_text(encoding="utf-8")
    return path, text, ast.parse(text)


def solution_answer(exercise_id):
    """Exec a solution file (self-contained); its answer is its last top-level def, or for a
    prediction its last top-level assignment."""
    path, text, tree = solution_tree(exercise_id)
    namespace: dict = {}
    exec(compile(text, str(path), "exec"), namespace)
    if REGISTRY[exercise_id].predict:
        names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets]
        return namespace[names[-1]]
    names = [node.name for node in tree.body if isinstance(node, ast.FunctionDef)]
    assert names, f"{path.name} defines no function"
    return namespace[names[-1]]
