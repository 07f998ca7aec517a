"""`from xentlib.checks import check, hint, quiz`: the notebooks' names for the exercises and the quiz."""

from .exercises import FAIL, HINT, PASS, REGISTRY, TODO, check, hint
from .exercises.quiz import quiz

__all__ = ["FAIL", "HINT", "PASS", "REGISTRY", "TODO", "check", "hint", "quiz"]
