"""Every sentence and label the explorers show (live widgets, static snapshots, paste-box errors).

Texts are plain (not HTML): callers escape them. Formulas and code (softmax(z'), cross_entropy(...)) stay
in the renderers. Registered with xentlib.i18n under "explorer.<key>"; read one with msg(key).
"""

from __future__ import annotations

from ..i18n import register

MESSAGES: dict[str, dict[str, str]] = {
    # controls
    "sample": {"en": "sample {i}", "zh": "样本 {i}"},
    "logit_name": {"en": "logit of {name}", "zh": "{name} 的 logit"},
    "sample_logit_name": {"en": "sample {i}, logit of {name}", "zh": "样本 {i}，{name} 的 logit"},
    "exact_suffix": {"en": ", exact value", "zh": "，精确值"},
    "true_class_menu": {"en": "sample {i}, true class", "zh": "样本 {i}，真实类别"},
    "label_smoothing": {"en": "label smoothing", "zh": "标签平滑"},
    "reduction": {"en": "reduction", "zh": "归约方式"},
    "temperature": {"en": "temperature T", "zh": "温度 T"},
    "scale": {"en": "scale z by", "zh": "z 乘以"},
    "scale_text": {"en": "\u00d7{scale}", "zh": "\u00d7{scale}"},
    "class_name": {"en": "class {c}", "zh": "类别 {c}"},
    "class_names_count": {
        "en": "class_names has {count} names for {num_classes} classes",
        "zh": "class_names 有 {count} 个名字，但类别有 {num_classes} 个",
    },
    "logits_matrix": {
        "en": "logits must be an (N, C) matrix, got shape {shape}",
        "zh": "logits 必须是 (N, C) 矩阵，但得到的形状是 {shape}",
    },
    "logits_vector": {
        "en": "logits must be a vector of C logits, got shape {shape}",
        "zh": "logits 必须是由 C 个 logit 组成的向量，但得到的形状是 {shape}",
    },
    "read_only": {
        "en": "{name} is read-only: it reports what the explorer's controls show. Move the controls, "
        "or start a new explorer from your own numbers: {new_one}",
        "zh": "{name} 是只读的：它反映的是探索器上各个控件当前的值。"
        "请移动控件，或者用你自己的数新建一个探索器：{new_one}",
    },
    # paste box
    "paste_label": {"en": "logits", "zh": "logits"},
    "paste_help": {
        "en": "The box shows the current logits, one row per sample. Edit or paste a matrix, "
        "then click outside the box to apply it.",
        "zh": "框中显示当前的 logits，每行一个样本。修改数字或粘贴一个矩阵，然后点击框外即可应用。",
    },
    "paste_placeholder": {
        "en": "one row per sample, e.g. 1.5, -0.2, 0.3",
        "zh": "每行一个样本，例如 1.5, -0.2, 0.3",
    },
    "paste_applied": {
        "en": "Applied a {rows}\u00d7{cols} matrix.",
        "zh": "已应用一个 {rows}\u00d7{cols} 的矩阵。",
    },
    "paste_applied_labels_moved": {
        "en": "Applied a {rows}\u00d7{cols} matrix. Labels of samples {moved} moved to the last class.",
        "zh": "已应用一个 {rows}\u00d7{cols} 的矩阵。样本 {moved} 的标签已改为最后一个类别。",
    },
    "paste_rejected": {
        "en": "Not applied, the explorer kept its logits: {error}",
        "zh": "未应用，探索器保留了原来的 logits：{error}",
    },
    "parse_no_numbers": {
        "en": "no numbers found: paste one row of logits per line, e.g. '1.5, -0.2, 0.3'",
        "zh": "没有找到数字：请每行粘贴一个样本的 logits，例如 '1.5, -0.2, 0.3'",
    },
    "parse_not_a_number": {
        "en": "row {row}: {word!r} is not a number",
        "zh": "第 {row} 行：{word!r} 不是数字",
    },
    "parse_not_finite": {
        "en": "row {row}: {word!r} is not finite; logits must be finite numbers",
        "zh": "第 {row} 行：{word!r} 不是有限的数；logits 必须是有限的数",
    },
    "parse_ragged": {
        "en": "rows have different lengths ({counts}); every row needs one logit per class",
        "zh": "各行的长度不同（{counts}）；每一行都需要每个类别一个 logit",
    },
    "parse_row_length": {"en": "row {row}: {count}", "zh": "第 {row} 行：{count} 个"},
    "parse_rows": {
        "en": "expected {rows} rows (one per sample and label), got {got}",
        "zh": "应有 {rows} 行（每个样本及其标签一行），实际有 {got} 行",
    },
    "parse_one_class": {
        "en": "each row needs at least two logits: softmax over one class is always 1",
        "zh": "每行至少需要两个 logit：只有一个类别时，softmax 恒为 1",
    },
    # readouts
    "loss": {"en": "loss", "zh": "损失"},
    "live_loss": {"en": "loss {value}", "zh": "损失 {value}"},
    "live_probabilities": {"en": "probabilities {values}", "zh": "概率 {values}"},
    "smoothed": {"en": "with label smoothing {eps}", "zh": "标签平滑 {eps}"},
    "sample_head": {
        "en": "sample {i}, true class: {name}, p = {p}",
        "zh": "样本 {i}，真实类别：{name}，p = {p}",
    },
    "sample_nll": {"en": "\u2212log p = {nll}", "zh": "\u2212log p = {nll}"},
    "sample_smoothed": {"en": "smoothed loss = {loss}", "zh": "平滑后的损失 = {loss}"},
    "true_marker": {"en": "true", "zh": "真实"},
    "bars_caption": {"en": "probabilities of sample {i}", "zh": "样本 {i} 的概率"},
    "softmax_caption": {"en": "probabilities", "zh": "概率"},
    "table_class": {"en": "class", "zh": "类别"},
    "naive_agrees": {
        "en": "{top} \u2264 {limit}: exp(z') and its sum are finite, both formulas agree.",
        "zh": "{top} \u2264 {limit}：exp(z') 及其总和都是有限的，两个公式的结果一致。",
    },
    "naive_sum_overflows": {
        "en": "{top} \u2264 {limit}, but the sum of exp(z') overflows to inf: softmax_naive silently "
        "gives 0 for every class.",
        "zh": "{top} \u2264 {limit}，但 exp(z') 的总和上溢为 inf：softmax_naive 悄悄地给每个类别都算出 0。",
    },
    "naive_overflows": {
        "en": "{top} > {limit} = log(largest float64): exp(z') overflows to inf, so softmax_naive "
        "gives inf/inf = nan there and 0 for the other classes.",
        "zh": "{top} > {limit} = ln(float64 的最大值)：exp(z') 上溢为 inf，softmax_naive 在那里得到 "
        "inf/inf = nan，其余类别得到 0。",
    },
    "naive_underflows": {
        "en": "{top}: every exp(z') underflows to 0; 0/0 = nan in softmax_naive.",
        "zh": "{top}：每个 exp(z') 都下溢为 0；softmax_naive 中 0/0 = nan。",
    },
    "naive_fix": {
        "en": "The stable softmax subtracts max z' first: its largest exp is exp(0) = 1.",
        "zh": "稳定的 softmax 先减去 max z'：它最大的指数项是 exp(0) = 1。",
    },
    "error_kept": {
        "en": "(the explorer kept its last good state and still works)",
        "zh": "（探索器保留了上一个有效的状态，仍可继续使用）",
    },
    "traceback": {"en": "traceback", "zh": "回溯信息（traceback）"},
    "snapshot": {
        "en": "snapshot: run the notebook to move the sliders",
        "zh": "快照：运行笔记本后才能拖动滑块",
    },
    "snapshot_loss_title": {"en": "LossExplorer", "zh": "损失探索器（LossExplorer）"},
    "page_live": {
        "en": "live in this page: your browser computes every number with xentlib's formulas, no kernel",
        "zh": "在本页中实时计算：浏览器用 xentlib 的公式算出每个数，不需要内核",
    },
    "snapshot_softmax_title": {"en": "SoftmaxExplorer", "zh": "softmax 探索器（SoftmaxExplorer）"},
}

TABLE = register("explorers", {f"explorer.{key}": texts for key, texts in MESSAGES.items()})


def msg(key: str, lang: str | None = None, **fields) -> str:
    """The explorer message `key` in the current language (or `lang`), with `fields` filled in."""
    return TABLE.tr(f"explorer.{key}", lang, **fields)
