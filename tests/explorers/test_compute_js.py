"""The page's computation (xentlib/explorers/compute.js, run in Node) against xentlib on random states.

The explorers paint a move with numbers computed in the page, then the kernel's (xentlib's) replace them:
the two must agree. Bound: 1e-12 relative, plus a few ulps of the largest |logit|, because both compute
log p = z - logsumexp(z), whose rounding is an ulp of logsumexp (~2e-12 absolute for logits of 1e4), and
JavaScript's exp and log may differ from the C library's by an ulp. Python's repr of a float is matched
character for character.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess

import numpy as np
import pytest

from xentlib.explorers.html import _naive_note, _naive_words, loss_text
from xentlib.explorers.state import loss_state, softmax_state

COMPUTE = os.path.join(os.path.dirname(__file__), "..", "..", "xentlib", "explorers", "compute.js")
STATES = 3000
RUNNER = """
import { lossState, lossText, naiveNote, pyG6, pyRepr, softmaxState } from %s;
import { readFileSync } from "node:fs";
const { states, floats, softmax, words } = JSON.parse(readFileSync(0, "utf8"));
const out = states.map((s) => {
  const r = lossState(s.logits, s.labels, s.eps, s.reduction);
  return { ...r, text: lossText(r.loss) };
});
const soft = softmax.map((s) => {
  const r = softmaxState(s.logits, s.temperature, s.scale);
  return { ...r, note: naiveNote(r.scaled, words).text };
});
process.stdout.write(JSON.stringify({ states: out, reprs: floats.map(pyRepr), g6: floats.map(pyG6), soft }));
"""


def node() -> str:
    found = shutil.which("node")
    if found is None:
        message = "Node.js runs the explorers' page computation: apt-get install nodejs (.ci/run does)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    return found


def random_states(rng) -> list[dict]:
    states = []
    for k in range(STATES):
        n, c = int(rng.integers(1, 7)), int(rng.integers(2, 9))
        scale = [0.1, 1.0, 10.0, 100.0, 1e4][k % 5]
        z = np.round(rng.normal(size=(n, c)) * scale, 6)
        if k % 7 == 0:
            z[0, 0] = 1e4 if k % 2 else -1e4  # extreme logits
        eps = 0.0 if k % 3 == 0 else float(np.round(rng.uniform(0, 1), 6))
        states.append(
            {
                "logits": z.tolist(),
                "labels": rng.integers(0, c, size=n).tolist(),
                "eps": eps,
                "reduction": ["mean", "sum", "none"][k % 3],
            }
        )
    return states


def random_softmax_states(rng) -> list[dict]:
    """A softmax explorer's controls: logits, temperature and the scale (x1 ... x10000: overflows)."""
    return [
        {
            "logits": np.round(rng.normal(size=int(rng.integers(2, 9))) * 3, 6).tolist(),
            "temperature": float(np.round(rng.uniform(0.05, 10), 6)),
            "scale": [1, 10, 100, 1000, 10000][k % 5],
        }
        for k in range(1000)
    ]


def random_floats(rng) -> list[float]:
    magnitudes = 10.0 ** rng.uniform(-12, 22, size=2000)
    values = magnitudes * rng.choice([-1, 1], size=2000)
    return [*values.tolist(), 0.0, 1.0, 1e16, 1e-5, 0.0001, 123456789.0, 1.0155949508195155, 2.5, 1e22]


def test_the_page_computes_what_xentlib_computes():
    rng = np.random.default_rng(0)
    states, floats, soft = random_states(rng), random_floats(rng), random_softmax_states(rng)
    runner = RUNNER % json.dumps("file://" + os.path.abspath(COMPUTE))
    result = subprocess.run(
        [node(), "--input-type=module", "-e", runner],
        input=json.dumps({"states": states, "floats": floats, "softmax": soft, "words": _naive_words()}),
        capture_output=True,
        text=True,
        check=True,
    )
    page = json.loads(result.stdout)
    assert page["reprs"] == [repr(x) for x in floats], "pyRepr differs from Python's repr"
    assert page["g6"] == [f"{x:.6g}" for x in floats], "pyG6 differs from Python's .6g"
    for s, js in zip(soft, page["soft"], strict=True):
        kernel = softmax_state(s["logits"], s["temperature"], s["scale"])
        np.testing.assert_allclose(js["scaled"], kernel.scaled, rtol=1e-15)
        rtol = 1e-12 + 8 * np.finfo(np.float64).eps * max(1.0, float(np.abs(kernel.scaled).max()))
        np.testing.assert_allclose(js["probabilities"], kernel.probabilities, rtol=rtol, atol=1e-300)
        naive = np.array([np.nan if v is None else v for v in js["naive"]], dtype=np.float64)
        np.testing.assert_allclose(naive, kernel.naive, rtol=rtol, atol=1e-300, equal_nan=True)
        note = html.unescape(re.sub(r"<[^>]+>", "", _naive_note(kernel)))
        assert js["note"] == note, (js["note"], note)
    worst = 0.0
    for s, js in zip(states, page["states"], strict=True):
        kernel = loss_state(s["logits"], s["labels"], s["eps"], s["reduction"])
        ulps = 8 * np.finfo(np.float64).eps * max(1.0, float(np.abs(s["logits"]).max()))
        for name, ours in (
            ("probabilities", kernel.probabilities),
            ("nll", kernel.nll),
            ("perSample", kernel.per_sample),
            ("loss", kernel.loss),
        ):
            theirs = np.array(js[name], dtype=np.float64)
            bound = 1e-12 * np.abs(ours) + ulps * (np.abs(ours) if name == "probabilities" else 1.0)
            error = np.abs(theirs - ours)
            assert (error <= bound).all(), f"{name} differs: page {theirs}, xentlib {ours}, state {s}"
            sizeable = np.abs(ours) >= 1e-6  # below, the bound's absolute part (ulps of the logits) rules
            if sizeable.any():
                worst = max(worst, float((error[sizeable] / np.abs(ours)[sizeable]).max()))
        if s["eps"] == 0 and np.abs(s["logits"]).max() < 100:
            assert js["text"] == loss_text(kernel.loss) or _close_text(js["text"], loss_text(kernel.loss))
    print(
        f"\n{STATES} random states: largest relative difference page vs xentlib {worst:.2e} (values >= 1e-6)"
    )


def _close_text(a: str, b: str) -> bool:
    """Two readouts of the same loss that differ in the last digit only (an ulp apart)."""
    parse = lambda t: np.array(json.loads(t) if t.startswith("[") else [float(t)])  # noqa: E731
    return bool(np.allclose(parse(a), parse(b), rtol=1e-15, atol=0))
