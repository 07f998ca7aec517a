"""The explorers' own controls: native, named HTML inputs (anywidget), so screen readers and keyboards work.

ipywidgets' sliders are noUiSlider handles with no accessible name and float noise in their values; these
are `<input type="range">` and `<input type="number">` named by `label`, whose value text is what the page
shows. The front end is `controls.js` and the styles `explorer.css`, shipped in the package (no
CDN). Tests drive them like any widget: set `.value`, read `.value`.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets as t

HERE = Path(__file__).parent
ESM = HERE / "controls.js"
COMPUTE = HERE / "compute.js"  # the page's own loss computation (one frame per move), before the controls
PAINT = HERE / "paint.js"  # the painters of the gradient, training and information explorers
CSS = HERE / "explorer.css"


class _Control(anywidget.AnyWidget):
    _esm = "\n".join(path.read_text(encoding="utf-8") for path in (COMPUTE, PAINT, ESM))
    _css = CSS
    kind = t.Unicode().tag(sync=True)
    description = t.Unicode("").tag(sync=True)  # the visible name

    def __init__(self, *css_classes: str, **kwargs):
        super().__init__(**kwargs)
        for name in css_classes:
            self.add_class(name)


class Slider(_Control):
    """A range input and a number input for one float: arrows move by `step`, the box takes exact values.

    Values are rounded to `decimals` in the page, so the kernel gets 0.143, never 0.14300000000000002.
    With `choices`, the range picks one of those values and shows `choice_texts` (no number box).
    """

    kind = t.Unicode("slider").tag(sync=True)
    value = t.Float(0.0).tag(sync=True)
    min = t.Float(-10.0).tag(sync=True)
    max = t.Float(10.0).tag(sync=True)
    step = t.Float(0.1).tag(sync=True)
    decimals = t.Int(6).tag(sync=True)
    label = t.Unicode("").tag(sync=True)  # the accessible name, e.g. "sample 0, logit of class 1"
    exact_suffix = t.Unicode(", exact value").tag(sync=True)
    choices = t.List(t.Float()).tag(sync=True)
    choice_texts = t.List(t.Unicode()).tag(sync=True)
    play_label = t.Unicode("").tag(sync=True)  # with a name, a play button moves the value up by `step`
    pause_label = t.Unicode("").tag(sync=True)


class Choice(_Control):
    """A labelled radio group: one of `options`, the checked one exposed to assistive technology."""

    kind = t.Unicode("choice").tag(sync=True)
    value = t.Unicode("").tag(sync=True)
    options = t.List(t.Unicode()).tag(sync=True)


class View(_Control):
    """HTML computed in the kernel, replaced in place; `live` is a short text announced politely on change."""

    kind = t.Unicode("view").tag(sync=True)
    value = t.Unicode("").tag(sync=True)
    live = t.Unicode("").tag(sync=True)
