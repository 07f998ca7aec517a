"""Every sentence and label the explorers show, in one table (id -> {language: text}), filled by str.format.

The live widgets, the static snapshots and the paste box's errors all take their words from here, so a
translation adds a "zh" entry beside each "en" one and nothing else. Texts are plain (not HTML): callers
escape them. Formulas and code (softmax(z'), cross_entropy(...)) stay in the renderers: they are not
translated.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # controls
    "sample": {"en": "sample {i}"},
    "logit_name": {"en": "logit of {name}"},
    "sample_logit_name": {"en": "sample {i}, logit of {name}"},
    "exact_suffix": {"en": ", exact value"},
    "true_class_menu": {"en": "true class"},
    "label_smoothing": {"en": "label smoothing"},
    "reduction": {"en": "reduction"},
    "temperature": {"en": "temperature T"},
    "scale": {"en": "scale z by"},
    "scale_text": {"en": "\u00d7{scale}"},
    "class_name": {"en": "class {c}"},
    # paste box
    "paste_label": {"en": "logits"},
    "paste_help": {
        "en": "The box shows the current logits, one row per sample. Edit or paste a matrix, "
        "then click outside the box to apply it."
    },
    "paste_placeholder": {"en": "one row per sample, e.g. 1.5, -0.2, 0.3"},
    "paste_applied": {"en": "Applied a {rows}\u00d7{cols} matrix."},
    "labels_moved": {"en": "Labels of samples {moved} moved to the last class."},
    "paste_rejected": {"en": "Not applied, the explorer kept its logits: {error}"},
    "parse_no_numbers": {"en": "no numbers found: paste one row of logits per line, e.g. '1.5, -0.2, 0.3'"},
    "parse_not_a_number": {"en": "row {row}: {word!r} is not a number"},
    "parse_not_finite": {"en": "row {row}: {word!r} is not finite; logits must be finite numbers"},
    "parse_ragged": {"en": "rows have different lengths ({counts}); every row needs one logit per class"},
    "parse_row_length": {"en": "row {row}: {count}"},
    "parse_rows": {"en": "expected {rows} rows (one per sample and label), got {got}"},
    "parse_one_class": {"en": "each row needs at least two logits: softmax over one class is always 1"},
    # readouts
    "loss": {"en": "loss"},
    "live_loss": {"en": "loss {value}"},
    "live_probabilities": {"en": "probabilities {values}"},
    "smoothed": {"en": "with label smoothing {eps}"},
    "sample_head": {"en": "sample {i}, true class: {name}, p = {p}"},
    "sample_nll": {"en": "\u2212log p = {nll}"},
    "sample_smoothed": {"en": "smoothed loss = {loss}"},
    "true_marker": {"en": "true"},
    "bars_caption": {"en": "probabilities of sample {i}"},
    "softmax_caption": {"en": "probabilities"},
    "table_class": {"en": "class"},
    "naive_agrees": {"en": "{top} \u2264 {limit}: exp(z') is finite, both formulas agree."},
    "naive_overflows": {
        "en": "{top} > {limit} = log(largest float64): exp(z') overflows to inf; inf/inf = nan "
        "in softmax_naive."
    },
    "naive_underflows": {"en": "{top}: every exp(z') underflows to 0; 0/0 = nan in softmax_naive."},
    "naive_fix": {"en": "The stable softmax subtracts max z' first: its largest exp is exp(0) = 1."},
    "error_kept": {"en": "(the explorer kept its last good state and still works)"},
    "traceback": {"en": "traceback"},
    "snapshot": {"en": "snapshot: run the notebook to move the sliders"},
    "snapshot_loss_title": {"en": "LossExplorer"},
    "snapshot_softmax_title": {"en": "SoftmaxExplorer"},
}


def msg(key: str, lang: str = "en", **fields) -> str:
    """MESSAGES[key][lang] with `fields` filled in (English when the language has no entry)."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["en"]).format(**fields)
