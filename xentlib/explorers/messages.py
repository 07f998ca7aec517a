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
    # gradient explorer
    "true_class": {"en": "true class", "zh": "真实类别"},
    "class_names_unique": {
        "en": "class_names must be different from each other, got {names}",
        "zh": "class_names 中的名字不能重复，但得到的是 {names}",
    },
    "grad_push_true": {
        "en": "push on the true class ({name}), \u2212\u2202L/\u2202z = q \u2212 p =",
        "zh": "对真实类别（{name}）的推力 \u2212\u2202L/\u2202z = q \u2212 p =",
    },
    "grad_norm": {
        "en": "length of the gradient |p \u2212 q| (never more than \u221a2) =",
        "zh": "梯度的长度 |p \u2212 q|（永远不超过 \u221a2）=",
    },
    "grad_push_axis": {"en": "push \u2212\u2202L/\u2202z", "zh": "推力 \u2212\u2202L/\u2202z"},
    "grad_pushes_caption": {
        "en": "push on each logit, \u2212\u2202L/\u2202z = q \u2212 p: {values}",
        "zh": "每个 logit 受到的推力 \u2212\u2202L/\u2202z = q \u2212 p：{values}",
    },
    "grad_curve_x": {
        "en": "logit of {name} (the true class), the others fixed",
        "zh": "{name}（真实类别）的 logit，其余 logit 不变",
    },
    "grad_curve_ce": {"en": "cross-entropy", "zh": "交叉熵（cross-entropy）"},
    "grad_curve_se": {"en": "squared error of softmax", "zh": "softmax 的平方误差（squared error）"},
    "grad_curve_caption": {
        "en": "push on the logit of {name} as it moves: now, at z = {z}, cross-entropy {ce}, "
        "squared error {se}",
        "zh": "{name} 的 logit 变化时它受到的推力：当前 z = {z}，交叉熵 {ce}，平方误差 {se}",
    },
    "live_gradient": {
        "en": "loss {loss}, push on the true class {push}",
        "zh": "损失 {loss}，真实类别受到的推力 {push}",
    },
    "snapshot_gradient_title": {"en": "GradientExplorer", "zh": "梯度探索器（GradientExplorer）"},
    # training explorer
    "train_steps": {"en": "steps", "zh": "步数"},
    "colon": {"en": ": ", "zh": "："},
    "train_lr": {"en": "learning rate", "zh": "学习率"},
    "train_init": {"en": "initial scale of W", "zh": "W 的初始尺度"},
    "train_play": {"en": "play", "zh": "播放"},
    "train_pause": {"en": "pause", "zh": "暂停"},
    "train_step": {"en": "after {steps} of {max} steps", "zh": "第 {steps} 步（共 {max} 步）"},
    "train_accuracy": {"en": "training accuracy", "zh": "训练准确率"},
    "train_curve_x": {"en": "step", "zh": "步数"},
    "train_regions_caption": {
        "en": "the plane coloured by the class the model predicts, with the points of {names}; "
        "{accuracy} of them classified correctly",
        "zh": "按模型预测的类别给平面着色，并画出 {names} 的数据点；其中 {accuracy} 被正确分类",
    },
    "train_curve_caption": {
        "en": "loss curve of the first {steps} steps; the loss now is {loss}",
        "zh": "前 {steps} 步的损失曲线；当前损失为 {loss}",
    },
    "live_training": {
        "en": "step {steps}, loss {loss}, accuracy {accuracy}",
        "zh": "第 {steps} 步，损失 {loss}，准确率 {accuracy}",
    },
    "train_two_features": {
        "en": "X must have two features (a point in the plane) per row, got shape {shape}",
        "zh": "X 的每一行必须有两个特征（平面上的一个点），但得到的形状是 {shape}",
    },
    "train_classes": {
        "en": "y needs one label per row of X ({rows} rows, labels of shape {shape}) and 2 to {most} classes",
        "zh": "y 需要为 X 的每一行给出一个标签（X 有 {rows} 行，标签的形状是 {shape}），"
        "类别数须在 2 到 {most} 之间",
    },
    "train_steps_range": {
        "en": "steps must be a whole number from 0 to {max}, got {steps}",
        "zh": "步数必须是 0 到 {max} 之间的整数，但得到的是 {steps}",
    },
    "snapshot_training_title": {"en": "TrainingExplorer", "zh": "训练探索器（TrainingExplorer）"},
    # information explorer
    "info_target_name": {"en": "target q, weight of {name}", "zh": "目标 q，{name} 的权重"},
    "info_model_name": {"en": "model p, weight of {name}", "zh": "模型 p，{name} 的权重"},
    "info_units": {"en": "units", "zh": "单位"},
    "info_probability": {"en": "probability", "zh": "概率"},
    "info_reverse": {"en": "the other way round (KL is not symmetric):", "zh": "反过来（KL 不对称）："},
    "info_bars_caption": {
        "en": "target q: {q}; model p: {p}",
        "zh": "目标 q：{q}；模型 p：{p}",
    },
    "info_stack_caption": {
        "en": "H(q) = {h} plus KL(q \u2016 p) = {kl} make H(q, p) = {total} {units}",
        "zh": "H(q) = {h} 加上 KL(q \u2016 p) = {kl}，得到 H(q, p) = {total} {units}",
    },
    "live_information": {
        "en": "H(q) {h}, KL {kl}, H(q, p) {total} {units}",
        "zh": "熵 H(q) {h}，KL 散度 {kl}，交叉熵 H(q, p) {total} {units}",
    },
    "info_weights_shape": {
        "en": "the weights of {which} must be a list of at least two numbers, got shape {shape}",
        "zh": "{which} 的权重必须是至少两个数组成的列表，但得到的形状是 {shape}",
    },
    "info_weight_negative": {
        "en": "weight {c} of {which} is {value}; weights must be finite and 0 or more",
        "zh": "{which} 的第 {c} 个权重是 {value}；权重必须是有限的数，且不小于 0",
    },
    "info_weights_zero": {
        "en": "every weight of {which} is 0: at least one must be more than 0 to make a distribution",
        "zh": "{which} 的权重全是 0：至少要有一个大于 0，才能构成一个分布",
    },
    "info_sizes": {
        "en": "q has {q} classes and p has {p}: they need the same classes",
        "zh": "q 有 {q} 个类别，p 有 {p} 个：两者需要相同的类别",
    },
    "snapshot_information_title": {"en": "InformationExplorer", "zh": "信息论探索器（InformationExplorer）"},
}

TABLE = register("explorers", {f"explorer.{key}": texts for key, texts in MESSAGES.items()})


def msg(key: str, lang: str | None = None, **fields) -> str:
    """The explorer message `key` in the current language (or `lang`), with `fields` filled in."""
    return TABLE.tr(f"explorer.{key}", lang, **fields)
