"""What an explorer shows on a page, read as text, and the check that it is what xentlib computes."""

from __future__ import annotations

import numpy as np

import xentlib as xl

PANEL = ".jp-NotebookPanel:visible"

# What the page shows, as text: the logits' number boxes, selected labels, options, and the computed numbers.
READ_JS = """(root) => {
  const text = (el) => el ? el.textContent.trim() : null;
  const box = (el) => el ? el.querySelector('.xent-number').value : null;
  const classNumber = (el, prefix) => {
    const c = [...el.classList].find(c => c.startsWith(prefix));
    return c === undefined ? null : Number(c.slice(prefix.length));
  };
  const checked = root.querySelector('.xent-reduction input:checked');
  return {
    kind: root.classList.contains('xent-loss-explorer') ? 'loss' : 'softmax',
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


def expected(shown: dict) -> list[str]:
    """The numbers the explorer should show, computed by xentlib from the controls the page shows."""
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


def displayed(shown: dict) -> list[str]:
    return [shown["loss"]] if shown["kind"] == "loss" else shown["probabilities"]


def read(root) -> dict:
    return root.evaluate(READ_JS)


def assert_consistent(root) -> dict:
    shown = read(root)
    assert not shown["error"], f"the explorer shows an error: {shown['error']}"
    # A screen reader hears what the box shows: no float noise, the same text.
    assert all(item["valuetext"] == item["text"] for item in shown["logits"]), shown["logits"]
    assert displayed(shown) == expected(shown), f"page and xentlib disagree for {shown}"
    return shown
