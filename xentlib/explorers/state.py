"""The numbers behind the live explorers, as pure functions: no widgets here, only NumPy and xentlib."""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from ..loss import cross_entropy
from ..messages.errors import tr
from ..softmax import softmax, softmax_naive
from .messages import msg

#: Largest z with a finite exp(z) in float64: softmax_naive overflows above it.
EXP_OVERFLOW = math.log(np.finfo(np.float64).max)

#: Multipliers offered by the overflow demo (x1 leaves the logits as they are).
SCALES = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)


@dataclass(frozen=True)
class LossState:
    """Everything a LossExplorer shows, for one set of logits, labels and options."""

    logits: np.ndarray  # (N, C)
    labels: np.ndarray  # (N,)
    probabilities: np.ndarray  # (N, C) softmax of each row
    nll: np.ndarray  # (N,) -log p_i[y_i], no smoothing
    per_sample: np.ndarray  # (N,) each sample's loss with the chosen smoothing: loss reduces these
    loss: np.ndarray | np.float64  # cross_entropy with the chosen smoothing and reduction
    label_smoothing: float
    reduction: str


@dataclass(frozen=True)
class SoftmaxState:
    """Everything a SoftmaxExplorer shows: the stable and the naive softmax of scale * z / T."""

    logits: np.ndarray  # (C,)
    temperature: float
    scale: float
    scaled: np.ndarray  # scale * z / T, what both softmaxes see
    probabilities: np.ndarray  # softmax(scaled)
    naive: np.ndarray  # softmax_naive(scaled): nan once exp overflows
    overflows: bool  # some exp(scaled_c) is inf: inf / inf = nan
    sum_overflows: bool  # every exp(scaled_c) is finite but their sum is inf: silent zeros
    underflows: bool  # every exp(scaled_c) is 0: 0 / 0 = nan


def loss_state(logits, labels, label_smoothing: float = 0.0, reduction: str = "mean") -> LossState:
    """p = softmax(z), nll_i = -log p_i[y_i], l_i = (1-eps) nll_i + eps/C sum_c -log p_ic, loss = reduce(l).

    Every number is xentlib's cross_entropy: per_sample with reduction="none", loss with `reduction`,
    so the per-sample readouts add up to the loss.
    """
    z = np.array(logits, dtype=np.float64)
    y = np.array(labels, dtype=np.int64)
    loss = cross_entropy(z, y, reduction=reduction, label_smoothing=label_smoothing)
    nll = cross_entropy(z, y, reduction="none")
    per_sample = (
        cross_entropy(z, y, reduction="none", label_smoothing=label_smoothing) if label_smoothing else nll
    )
    return LossState(z, y, softmax(z, axis=1), nll, per_sample, loss, float(label_smoothing), reduction)


def softmax_state(logits, temperature: float = 1.0, scale: float = 1.0) -> SoftmaxState:
    """p = softmax(scale * z / T), beside softmax_naive of the same, which overflows for z' > ~709.78."""
    if not temperature > 0:
        raise ValueError(tr("positive_temperature", value=temperature))
    z = np.array(logits, dtype=np.float64)
    scaled = z * (float(scale) / float(temperature))
    with np.errstate(over="ignore", under="ignore"):
        e = np.exp(scaled)
        total = e.sum()
    overflows, underflows = bool(np.isinf(e).any()), bool((e == 0).all())
    sum_overflows = not overflows and bool(np.isinf(total))
    naive = softmax_naive(scaled)
    flags = (overflows, sum_overflows, underflows)
    return SoftmaxState(z, float(temperature), float(scale), scaled, softmax(scaled), naive, *flags)


def snap(value: float, decimals: int) -> float:
    """round(value, decimals): what the number box shows, without float noise (0.093 + 0.1 -> 0.193)."""
    return round(float(value), decimals)


def slider_range(values, half_width: float = 10.0) -> tuple[float, float]:
    """(min(-w, floor(min v)), max(w, ceil(max v))): room for big moves, and every given value fits."""
    arr = np.asarray(values, dtype=np.float64)
    return float(min(-half_width, math.floor(arr.min()))), float(max(half_width, math.ceil(arr.max())))


def format_matrix(z) -> str:
    """One row per line, numbers joined by ', ' in their shortest exact form; parse_matrix reads it back."""
    return "\n".join(", ".join(repr(float(v)) for v in row) for row in np.atleast_2d(z))


#: Characters a Chinese (or other full-width) keyboard types, mapped to the ASCII the parser reads.
#: NFKC already maps full-width digits, signs, commas, semicolons, brackets and the ideographic space.
_WIDE = str.maketrans({"\u3001": ",", "\u2212": "-", "\u00a0": " "})


def parse_matrix(text: str, rows: int | None = None) -> np.ndarray:
    """Read a matrix: rows on newlines, ';' or [...] groups, numbers split by commas or spaces.

    Full-width punctuation is read as its ASCII twin (，；、, the ideographic space, full-width digits and
    the minus sign). Raises ValueError saying what is wrong: no numbers, a word that is not a number,
    nan or infinity, rows of different lengths, or (when `rows` is given) the wrong number of rows.
    """
    text = unicodedata.normalize("NFKC", text).translate(_WIDE)
    if "[" in text:
        lines = re.findall(r"\[([^\[\]]*)\]", text)
    else:
        lines = re.split(r"[\n;]", text)
    parsed = [_parse_row(line, k + 1) for k, line in enumerate(ln for ln in lines if ln.strip(" ,\t\r"))]
    if not parsed:
        raise ValueError(msg("parse_no_numbers"))
    lengths = sorted({len(r) for r in parsed})
    if len(lengths) > 1:
        counts = ", ".join(msg("parse_row_length", row=k + 1, count=len(r)) for k, r in enumerate(parsed))
        raise ValueError(msg("parse_ragged", counts=counts))
    if rows is not None and len(parsed) != rows:
        raise ValueError(msg("parse_rows", rows=rows, got=len(parsed)))
    if lengths[0] < 2:
        raise ValueError(msg("parse_one_class"))
    return np.array(parsed, dtype=np.float64)


def _parse_row(line: str, number: int) -> list[float]:
    row = []
    for word in re.split(r"[,\s]+", line.strip(" ,\t\r")):
        try:
            value = float(word)
        except ValueError:
            raise ValueError(msg("parse_not_a_number", row=number, word=word)) from None
        if not math.isfinite(value):
            raise ValueError(msg("parse_not_finite", row=number, word=word))
        row.append(value)
    return row
