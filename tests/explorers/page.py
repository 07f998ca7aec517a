"""What an explorer shows on a page, read as text, and the check that it is what xentlib computes."""

from __future__ import annotations

import numpy as np

import xentlib as xl
from xentlib.datasets import make_blobs
from xentlib.explorers.gradient import gradient_state
from xentlib.explorers.information import information_state
from xentlib.explorers.training import Run, plane, training_state

PANEL = ".jp-NotebookPanel:visible"

# What the page shows, as text: the logits' number boxes, selected labels, options, and the computed numbers.
READ_JS = """(root) => {
  const text = (el) => el ? el.textContent.trim() : null;
  const box = (el) => { const b = el && el.querySelector('.xent-number'); return b ? b.value : null; };
  const classNumber = (el, prefix) => {
    const c = [...el.classList].find(c => c.startsWith(prefix));
    return c === undefined ? null : Number(c.slice(prefix.length));
  };
  const checked = root.querySelector('.xent-reduction input:checked');
  const kinds = ['loss', 'softmax', 'gradient', 'training', 'information'];
  const classes = (el) => [...el.classList].filter(c => c.startsWith('xent-') && c !== 'xent-anywidget');
  return {
    kind: kinds.find(k => root.classList.contains(`xent-${k}-explorer`)),
    sliders: [...root.querySelectorAll('[data-xent-value]')].map(el => ({
      classes: classes(el), value: Number(el.dataset.xentValue), text: box(el),
      valuetext: el.querySelector('.xent-range').getAttribute('aria-valuetext')})),
    checked: Object.fromEntries([...root.querySelectorAll('fieldset.xent-choice')].map(f => [
      classes(f.closest('.xent-anywidget')).join(' '),
      [...f.querySelectorAll('input')].findIndex(i => i.checked)])),
    keys: Object.fromEntries([...root.querySelectorAll('[data-xent-key]')].map(el => [el.dataset.xentKey,
      el.textContent.trim()])),
    logits: [...root.querySelectorAll('.xent-logit')].map(el => ({
      sample: classNumber(el, 'xent-sample-'), cls: classNumber(el, 'xent-class-'), text: box(el),
      valuetext: el.querySelector('.xent-range').getAttribute('aria-valuetext')})),
    labels: [...root.querySelectorAll('.xent-label select')].map(s => s.selectedIndex),
    smoothing: box(root.querySelector('.xent-smoothing')),
    reduction: checked ? checked.value : null,
    temperature: box(root.querySelector('.xent-temperature')),
    scale: text(root.querySelector('.xent-scale .xent-choice-text')),
    loss: text(root.querySelector('.xent-loss-value')),
    probabilities: [...root.querySelectorAll('.xent-p')].map(text),
    error: text(root.querySelector('.xent-error .xent-view-body')),
  };
}"""


def number(text: str) -> float:
    return float(text.replace("\u2212", "-"))  # readouts use the Unicode minus sign


def _slider(shown: dict, *css: str) -> list[float]:
    """The values of the sliders that have every class in css, ordered by their xent-class-c."""
    found = [s for s in shown["sliders"] if all(c in s["classes"] for c in css)]
    order = lambda s: next((int(c[11:]) for c in s["classes"] if c.startswith("xent-class-")), 0)  # noqa: E731
    return [s["value"] for s in sorted(found, key=order)]


def expected_keys(shown: dict) -> dict[str, str]:
    """A gradient, training or information explorer's readout numbers, computed by xentlib from the
    values of the controls the page shows."""
    kind = shown["kind"]
    if kind == "gradient":
        label = shown["checked"]["xent-label-choice"]
        s = gradient_state(_slider(shown, "xent-logit"), label, _slider(shown, "xent-smoothing")[0])
        values = {"loss": s.loss, "push": s.push[label], "norm": np.linalg.norm(s.gradient)}
    elif kind == "training":
        x, y = make_blobs(n_per_class=100, num_classes=3, seed=0)
        (lr,), (scale,), (eps,) = (_slider(shown, css) for css in ("xent-lr", "xent-init", "xent-smoothing"))
        s = training_state(Run(x, y, lr, scale, eps), int(_slider(shown, "xent-steps")[0]), plane(x))
        values = {"loss": s.losses[-1], "accuracy": s.accuracy}
    else:
        units = ["nats", "bits"][shown["checked"]["xent-units"]]
        s = information_state(
            _slider(shown, "xent-target-weight"), _slider(shown, "xent-model-weight"), units
        )
        values = {
            "cross_entropy": s.cross_entropy,
            "entropy": s.entropy,
            "kl": s.kl,
            "reverse_kl": s.reverse_kl,
        }
    return {k: repr(float(v)) for k, v in values.items()}


def expected(shown: dict) -> list[str]:
    """The numbers the explorer should show, computed by xentlib from the controls the page shows."""
    if shown["kind"] in ("gradient", "training", "information"):
        return sorted(expected_keys(shown).items())
    if shown["kind"] == "loss":
        rows = 1 + max(item["sample"] for item in shown["logits"])
        cols = 1 + max(item["cls"] for item in shown["logits"])
        z = np.zeros((rows, cols))
        for item in shown["logits"]:
            z[item["sample"], item["cls"]] = number(item["text"])
        loss = xl.cross_entropy(
            z,
            np.array(shown["labels"]),
            label_smoothing=number(shown["smoothing"]),
            reduction=shown["reduction"],
        )
        return ["[" + ", ".join(map(repr, loss.tolist())) + "]" if np.ndim(loss) else repr(float(loss))]
    z = np.array([number(item["text"]) for item in sorted(shown["logits"], key=lambda item: item["cls"])])
    scale = number(shown["scale"].lstrip("\u00d7"))
    return [repr(float(p)) for p in xl.softmax(z * (scale / number(shown["temperature"])))]


def displayed(shown: dict) -> list:
    if shown["kind"] in ("gradient", "training", "information"):
        return sorted(shown["keys"].items())
    return [shown["loss"]] if shown["kind"] == "loss" else shown["probabilities"]


def read(root) -> dict:
    return root.evaluate(READ_JS)


def assert_consistent(root) -> dict:
    shown = read(root)
    assert not shown["error"], f"the explorer shows an error: {shown['error']}"
    # A screen reader hears what the box shows: no float noise, the same text.
    assert all(item["valuetext"] == item["text"] for item in shown["logits"]), shown["logits"]
    assert all(s["text"] is None or s["valuetext"] == s["text"] for s in shown["sliders"]), shown["sliders"]
    assert displayed(shown) == expected(shown), f"page and xentlib disagree for {shown}"
    return shown
