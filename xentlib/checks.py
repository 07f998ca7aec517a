"""`from xentlib.checks import check, hint`: the notebooks' name for the exercises (xentlib.exercises)."""

from .exercises import FAIL, HINT, PASS, REGISTRY, TODO, check, hint

__all__ = ["FAIL", "HINT", "PASS", "REGISTRY", "TODO", "check", "hint"]
