"""HTML of what the explorers show (bars, readouts, tables), shared by the live views and the static snapshot.

Pure functions of an explorer state. Styles are inline, so the same markup reads the same in JupyterLab,
in an nbconvert export or on a site that strips <style>: colours are JupyterLab's theme variables with
light fallbacks, sizes in em (they grow with the notebook's font, e.g. in Presentation Mode). The bar
colours need no theme: each has a contrast of at least 3:1 on white and on JupyterLab's dark
backgrounds (#111, #212121).
"""

from __future__ import annotations

import html
import json
import traceback

import numpy as np

from .messages import msg
from .state import EXP_OVERFLOW, LossState, SoftmaxState

FG = "var(--jp-content-font-color1, #1a1a1a)"
FG2 = "var(--jp-content-font-color2, #595959)"
BG = "var(--jp-layout-color0, #ffffff)"
ERROR = "var(--jp-error-color1, #c62828)"
BORDER = "var(--jp-border-color2, #bdbdbd)"
MONO = "var(--jp-code-font-family, monospace)"
BLUE, ORANGE = "#3b82d6", "#c96a00"  # 3.9:1 / 3.8:1 on white, 4.1:1 / 4.3:1 on #212121
BAR_EM = 5  # height of a bar at p = 1


def e(text) -> str:
    return html.escape(str(text))


def num(x) -> str:
    """Shortest text that reads back as the same float64 (16-17 significant digits)."""
    return repr(float(x))


def loss_text(loss) -> str:
    """A scalar loss as its shortest exact float64 text; a per-sample loss as [l_0, l_1, ...]."""
    return "[" + ", ".join(map(num, loss)) + "]" if np.ndim(loss) else num(loss)


def class_names(names, num_classes: int) -> list[str]:
    """The given names as strings, or 'class 0', 'class 1', ...; refuses a list of the wrong length."""
    if names is None:
        return [msg("class_name", c=c) for c in range(num_classes)]
    names = [str(n) for n in names]
    if len(names) != num_classes:
        raise ValueError(msg("class_names_count", count=len(names), num_classes=num_classes))
    return names


def class_names_unique(names, num_classes: int) -> list[str]:
    """class_names(...), refusing two classes of the same name (a radio group picks a class by name)."""
    found = class_names(names, num_classes)
    if len(set(found)) != len(found):
        raise ValueError(msg("class_names_unique", names=found))
    return found


def bars_html(probabilities, names, true_class: int | None = None, caption: str = "") -> str:
    """A bar of height 100 * p_c % per class, p_c under it; the true class orange, bold and marked."""
    columns = []
    for c, (p, name) in enumerate(zip(probabilities, names, strict=True)):
        true = c == true_class
        mark = f'<div style="font-size:0.85em;font-weight:bold">&#10003; {e(msg("true_marker"))}</div>'
        columns.append(
            f'<div role="listitem" style="display:flex;flex-direction:column;align-items:center;width:4.6em">'
            f'<div style="height:{BAR_EM}em;width:2em;display:flex;flex-direction:column-reverse;'
            f'border-bottom:1px solid {FG2}">'
            f'<div class="xent-bar{" xent-true" if true else ""}" data-class="{c}" title="{num(p)}" '
            f'style="height:{100 * p:.6f}%;background:{ORANGE if true else BLUE}"></div></div>'
            f'<div style="font-size:0.85em;font-family:{MONO}">{p:.4f}</div>'
            f'<div style="font-size:0.85em;text-align:center;{"font-weight:bold" if true else ""}">'
            f"{e(name)}</div>{mark if true else ''}</div>"
        )
    label = f' aria-label="{e(caption)}"' if caption else ""
    return (
        f'<div class="xent-bars" role="list"{label} style="display:flex;flex-wrap:wrap;gap:0.4em 0.15em;'
        f"align-items:flex-start;"
        f'color:{FG}">{"".join(columns)}</div>'
    )


def sample_html(state: LossState, i: int, names) -> str:
    """Sample i: true class y_i, p_i[y_i], -log p_i[y_i] (and its smoothed loss), and its bars."""
    y = int(state.labels[i])
    head = e(msg("sample_head", i=i, name=names[y], p=f"{state.probabilities[i, y]:.4f}"))
    nll = e(msg("sample_nll", nll="\x00")).replace(
        "\x00", f'<span class="xent-nll">{num(state.nll[i])}</span>'
    )
    parts = [head, nll]
    if state.label_smoothing:
        smoothed = e(msg("sample_smoothed", loss="\x00"))
        parts.append(
            smoothed.replace("\x00", f'<span class="xent-sample-loss">{num(state.per_sample[i])}</span>')
        )
    text = f'<div style="font-size:0.9em">{"<br>".join(parts)}</div>'
    bars = bars_html(state.probabilities[i], names, y, msg("bars_caption", i=i))
    bars = f'<div style="margin-top:0.4em">{bars}</div>'
    return f'<div class="xent-sample" data-sample="{i}" style="color:{FG}">{text}{bars}</div>'


def loss_html(state: LossState) -> str:
    """The loss readout: cross_entropy's value with every digit, and reduce(l_0, ..., l_{N-1}) written out."""
    terms = [f"{v:.4f}" for v in state.per_sample]
    n = len(terms)
    shown = {"mean": f"({' + '.join(terms)}) / {n}", "sum": " + ".join(terms), "none": ", ".join(terms)}
    smooth = f", label_smoothing={state.label_smoothing:g}" if state.label_smoothing else ""
    call = f"cross_entropy(z, y, reduction='{state.reduction}'{smooth})"
    return (
        f'<div class="xent-loss-readout" style="color:{FG}">'
        f'<div style="font-size:1.3em">{e(msg("loss"))} = '
        f'<b class="xent-loss-value" style="font-family:{MONO}">{loss_text(state.loss)}</b></div>'
        f'<div style="color:{FG2};font-size:0.9em">= '
        f'<span class="xent-loss-terms">{shown[state.reduction]}</span>'
        f"{' (' + e(msg('smoothed', eps=f'{state.label_smoothing:g}')) + ')' if smooth else ''}</div>"
        f'<div style="color:{FG2};font-size:0.9em;font-family:{MONO}">{e(call)}</div></div>'
    )


def loss_announcement(state: LossState) -> str:
    """What a screen reader says after a change: the loss to 4 decimals."""
    value = ", ".join(f"{v:.4f}" for v in np.atleast_1d(state.loss))
    return msg("live_loss", value=value)


def _naive_note(state: SoftmaxState) -> str:
    """Why softmax_naive(z') agrees, is nan (exp overflows: inf/inf; all underflow: 0/0) or is silently 0."""
    top, limit = f"max z' = {np.max(state.scaled):.6g}", f"{EXP_OVERFLOW:.2f}"
    if state.overflows:
        why = msg("naive_overflows", top=top, limit=limit)
    elif state.sum_overflows:
        why = msg("naive_sum_overflows", top=top, limit=limit)
    elif state.underflows:
        why = msg("naive_underflows", top=top)
    else:
        return e(msg("naive_agrees", top=top, limit=limit))
    return f'<span style="color:{ERROR}">{e(why)} {e(msg("naive_fix"))}</span>'


def _naive_words() -> dict:
    """The overflow note's sentences with {top} left open, for the page to fill in (compute.js naiveNote)."""
    top, limit = "{top}", f"{EXP_OVERFLOW:.2f}"
    return {
        "agrees": msg("naive_agrees", top=top, limit=limit),
        "sum_overflows": msg("naive_sum_overflows", top=top, limit=limit),
        "overflows": msg("naive_overflows", top=top, limit=limit),
        "underflows": msg("naive_underflows", top=top),
        "fix": msg("naive_fix"),
    }


def softmax_table_html(state: SoftmaxState, names) -> str:
    """Per class: z, z' = scale * z / T, softmax(z') (stable) beside softmax_naive(z'), all digits."""
    cell = "padding:0.15em 0.7em;text-align:right"
    rows = "".join(
        f'<tr><th scope="row" style="{cell};text-align:left;font-weight:normal">{e(name)}</th>'
        f'<td style="{cell}">{z:.6g}</td><td style="{cell}">{s:.6g}</td>'
        f'<td class="xent-p" data-class="{c}" style="{cell}">{num(p)}</td>'
        f'<td class="xent-naive" data-class="{c}" '
        f'style="{cell}{"" if np.isfinite(q) else ";color:" + ERROR}">'
        f"{num(q)}</td></tr>"
        for c, (name, z, s, p, q) in enumerate(
            zip(names, state.logits, state.scaled, state.probabilities, state.naive, strict=True)
        )
    )
    heads = (e(msg("table_class")), "z", "z' = scale&middot;z/T", "softmax(z')", "softmax_naive(z')")
    head = "".join(f'<th scope="col" style="{cell}">{h}</th>' for h in heads)
    return (
        f'<table style="font-family:{MONO};font-size:0.9em;border-collapse:collapse;color:{FG}">'
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f'<div class="xent-overflow" data-xent-words="{e(json.dumps(_naive_words(), ensure_ascii=False))}" '
        f'style="font-size:0.9em;color:{FG};margin-top:0.3em">'
        f"{_naive_note(state)}</div>"
    )


def error_html(exc: BaseException) -> str:
    """The message of an exception raised in a callback, with its traceback folded away."""
    detail = e("".join(traceback.format_exception(exc)))
    return (
        f'<div style="color:{ERROR}"><b>{e(type(exc).__name__)}: {e(exc)}</b> {e(msg("error_kept"))}'
        f"<details><summary>{e(msg('traceback'))}</summary><pre>{detail}</pre></details></div>"
    )


def status_html(text: str, error: bool = False) -> str:
    """A line under the paste box: what was applied, or (in the error colour) why nothing was."""
    return f'<div style="color:{ERROR if error else FG2};font-size:0.9em">{e(text)}</div>'


def _snapshot(kind: str, body: str, live: dict | None = None) -> str:
    """A self-contained frame (inline styles, no script, no request) saying that this is a snapshot; with
    `live`, the state a page's script (static.js, in the book and exports) needs to bring it alive."""
    note = f"<b>{e(msg(kind))}</b> &mdash; {e(msg('snapshot'))}"
    data = f' data-xent-live="{e(json.dumps(live, ensure_ascii=False))}"' if live else ""
    return (
        f'<div class="xent-snapshot" role="group" aria-label="{e(msg(kind))}: {e(msg("snapshot"))}"{data} '
        f'style="color:{FG};background:{BG};border:1px solid {BORDER};border-radius:0.3em;'
        "padding:0.6em 0.8em;"
        f'font-size:var(--jp-content-font-size1, 1rem);line-height:1.4;max-width:60em">'
        f'<div class="xent-snapshot-title" style="color:{FG2};font-size:0.9em;margin-bottom:0.4em">'
        f"{note}</div>{body}</div>"
    )


def _live_state(state: LossState, names, bounds) -> dict:
    """What static.js needs: the controls' values and range, their names and the readouts' words."""
    n = len(state.labels)
    words = {
        "sample_head": msg("sample_head", i="{i}", name="{name}", p="{p}"),
        "sample_nll": msg("sample_nll", nll="{nll}"),
        "sample_smoothed": msg("sample_smoothed", loss="{loss}"),
        "smoothed": msg("smoothed", eps="{eps}"),
        "true_marker": msg("true_marker"),
        "label_smoothing": msg("label_smoothing"),
        "reduction": msg("reduction"),
        "live": f"{msg('snapshot_loss_title')} \u2014 {msg('page_live')}",
    }
    return {
        "logits": state.logits.tolist(),
        "labels": state.labels.tolist(),
        "smoothing": state.label_smoothing,
        "reduction": state.reduction,
        "reductions": ["mean", "sum", "none"],
        "bounds": [float(b) for b in bounds],
        "names": list(names),
        "logit_names": [[msg("sample_logit_name", i=i, name=name) for name in names] for i in range(n)],
        "menu_names": [msg("true_class_menu", i=i) for i in range(n)],
        "words": words,
    }


def loss_snapshot_html(state: LossState, names, bounds=None) -> str:
    """A LossExplorer as static HTML: its loss readout, then each sample's bars (with bounds, the sliders'
    range, it also carries what a page needs to make it live)."""
    samples = "".join(sample_html(state, i, names) for i in range(len(state.labels)))
    samples = f'<div style="display:flex;flex-wrap:wrap;gap:0.8em 2.5em;margin-top:0.6em">{samples}</div>'
    live = _live_state(state, names, bounds) if bounds is not None else None
    return _snapshot("snapshot_loss_title", loss_html(state) + samples, live)


def _live_softmax(state: SoftmaxState, names, bounds, scales) -> dict:
    """What static.js needs to move a SoftmaxExplorer's snapshot: values, ranges, names, words."""
    return {
        "kind": "softmax",
        "logits": state.logits.tolist(),
        "temperature": state.temperature,
        "scale": state.scale,
        "scales": list(scales),
        "scale_texts": [msg("scale_text", scale=v) for v in scales],
        "bounds": [float(b) for b in bounds],
        "logit_names": [msg("logit_name", name=name) for name in names],
        "words": {
            "temperature": msg("temperature"),
            "scale": msg("scale"),
            "live": f"{msg('snapshot_softmax_title')} \u2014 {msg('page_live')}",
        },
    }


def softmax_snapshot_html(state: SoftmaxState, names, bounds=None, scales=()) -> str:
    """A SoftmaxExplorer as static HTML: its bars and its table (with bounds, live in a page too)."""
    bars = bars_html(state.probabilities, names, caption=msg("softmax_caption"))
    live = _live_softmax(state, names, bounds, scales) if bounds is not None else None
    return _snapshot(
        "snapshot_softmax_title",
        f'<div class="xent-bars-view">{bars}</div>'
        f'<div class="xent-probabilities" style="margin-top:0.6em">{softmax_table_html(state, names)}</div>',
        live,
    )
