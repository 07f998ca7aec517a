"""xentlib's error messages: what is wrong, where, and what is valid, in English and Simplified Chinese."""

from ..i18n import register

MESSAGES = register(
    "errors",
    {
        # fragments used inside other messages
        "position": {
            "en": "position {index}",
            "zh": "位置 {index}",
        },
        "or_probabilities": {
            "en": " or probabilities of shape {shape}",
            "zh": "，或形状为 {shape} 的概率",
        },
        "or_pass_probabilities": {
            "en": ", or pass probabilities of shape {shape}",
            "zh": "，或者传入形状为 {shape} 的概率",
        },
        "or_ignore_index": {
            "en": " (or ignore_index={ignore_index} to skip a position)",
            "zh": "（或用 ignore_index={ignore_index} 跳过该位置）",
        },
        # logits
        "not_real_numbers": {
            "en": "{name} must be real numbers, got an array of dtype {dtype}",
            "zh": "{name} 必须是实数，但得到的是 dtype 为 {dtype} 的数组",
        },
        "scalar_logits": {
            "en": "{name} must have at least one dimension (the classes), got a scalar",
            "zh": "{name} 至少要有一个维度（类别维），但得到的是一个标量",
        },
        "no_classes": {
            "en": "{name} is empty (shape {shape}): no classes, nothing to compute",
            "zh": "{name} 是空的（形状 {shape}）：没有类别，无从计算",
        },
        "empty_batch": {
            "en": "{name} is empty (shape {shape}): an empty batch, nothing to compute",
            "zh": "{name} 是空的（形状 {shape}）：批次（batch）为空，无从计算",
        },
        "not_finite": {
            "en": "{name} has {value} at {position}; logits must be finite numbers "
            "(-inf is allowed to rule a class out)",
            "zh": "{name} 在{position}处是 {value}；logits 必须是有限的数（允许用 -inf 排除某个类别）",
        },
        "all_neg_inf": {
            "en": "{name} are all -inf along axis {axis} at {position}: softmax needs at least one finite logit",
            "zh": "{name} 在{position}处沿第 {axis} 轴全是 -inf：softmax 至少需要一个有限的 logit",
        },
        "not_2d": {
            "en": "logits must be a 2-D (N, C) array, got {ndim} dimension(s) with shape {shape}",
            "zh": "logits 必须是二维 (N, C) 数组，但得到的是 {ndim} 维、形状为 {shape} 的数组",
        },
        # class-index targets
        "target_batch_mismatch": {
            "en": "target batch size does not match: target has shape {shape}, but input of shape "
            "{input_shape} needs class indices of shape {expected} (its shape without the class "
            "dimension){or_probabilities}",
            "zh": "target 的批大小（batch size）不匹配：target 的形状是 {shape}，而形状为 {input_shape} 的"
            "输入需要形状为 {expected} 的类别索引（即去掉类别维后的形状）{or_probabilities}",
        },
        "target_shape_mismatch": {
            "en": "target shape does not match: target has shape {shape}, but input of shape "
            "{input_shape} needs class indices of shape {expected} (its shape without the class "
            "dimension){or_probabilities}",
            "zh": "target 的形状不匹配：target 的形状是 {shape}，而形状为 {input_shape} 的输入需要形状为 "
            "{expected} 的类别索引（即去掉类别维后的形状）{or_probabilities}",
        },
        "labels_bool": {
            "en": "labels must be integer class indices, got booleans (True/False)",
            "zh": "标签必须是整数类别索引，但得到的是布尔值（True/False）",
        },
        "labels_float": {
            "en": "labels must be integer class indices, got dtype {dtype}; "
            "convert with labels.astype(np.int64){or_probabilities}",
            "zh": "标签必须是整数类别索引，但得到的 dtype 是 {dtype}；"
            "请用 labels.astype(np.int64) 转换{or_probabilities}",
        },
        "labels_not_integer": {
            "en": "labels must be integer class indices, got dtype {dtype}",
            "zh": "标签必须是整数类别索引，但得到的 dtype 是 {dtype}",
        },
        "label_negative": {
            "en": "label {label} at {position} is negative; NumPy indexing would silently count it from the "
            "end and use class {wrapped}. For {num_classes} classes valid labels are 0..{last}{or_ignore}",
            "zh": "标签 {label}（{position}）是负数；NumPy 索引会悄悄地从末尾倒数，把它当成类别 {wrapped}。"
            "{num_classes} 个类别的有效标签为 0..{last}{or_ignore}",
        },
        "label_out_of_range": {
            "en": "label {label} at {position} is out of range for {num_classes} classes "
            "(valid labels are 0..{last})",
            "zh": "标签 {label}（{position}）超出 {num_classes} 个类别的范围（有效标签为 0..{last}）",
        },
        # probability targets
        "probabilities_not_float": {
            "en": "a target of the input's shape {shape} is read as class probabilities and must be "
            "floating point, got dtype {dtype}",
            "zh": "与输入形状 {shape} 相同的 target 会被当作类别概率，必须是浮点数，但得到的 dtype 是 {dtype}",
        },
        "probability_invalid": {
            "en": "target probability {value} at {position} is invalid; probabilities must be finite and >= 0",
            "zh": "target 概率 {value}（{position}）无效；概率必须是有限的数且 >= 0",
        },
        "ignore_index_with_probabilities": {
            "en": "ignore_index={ignore_index} cannot be used with probability targets (a target of the "
            "input's shape {shape}); leave it at -100, or give class indices instead",
            "zh": "概率形式的 target（与输入形状 {shape} 相同）不能与 ignore_index={ignore_index} 一起使用；"
            "请保持默认值 -100，或改用类别索引",
        },
        # options
        "weight_not_numbers": {
            "en": "weight must be numbers, got dtype {dtype}",
            "zh": "weight 必须是数，但得到的 dtype 是 {dtype}",
        },
        "weight_shape": {
            "en": "weight must have one entry per class: expected shape ({num_classes},), got {shape}",
            "zh": "weight 必须每个类别一个值：应为形状 ({num_classes},)，实际为 {shape}",
        },
        "weight_invalid": {
            "en": "weight {value} at {position} is invalid; class weights must be finite and >= 0",
            "zh": "weight {value}（{position}）无效；类别权重必须是有限的数且 >= 0",
        },
        "unknown_reduction": {
            "en": "unknown reduction {value}; valid reductions are {valid}",
            "zh": "未知的 reduction {value}；有效值为 {valid}",
        },
        "smoothing_not_number": {
            "en": "label_smoothing must be a number in [0, 1], got {value}",
            "zh": "label_smoothing 必须是 [0, 1] 内的数，但得到的是 {value}",
        },
        "smoothing_out_of_range": {
            "en": "label_smoothing must be in [0, 1], got {value}",
            "zh": "label_smoothing 必须在 [0, 1] 内，但得到的是 {value}",
        },
        # other functions
        "positive_integer": {
            "en": "{name} must be a positive integer, got {value}",
            "zh": "{name} 必须是正整数，但得到的是 {value}",
        },
        "blob_geometry": {
            "en": "radius must be finite and spread finite and >= 0, got {radius}, {spread}",
            "zh": "radius 必须是有限的数，spread 必须是有限的数且 >= 0，但得到的是 {radius}、{spread}",
        },
        "unknown_units": {
            "en": "unknown units {value}; valid units are 'nats' (natural log) and 'bits' (log base 2)",
            "zh": "未知的单位 {value}；有效单位为 'nats'（自然对数 ln）和 'bits'（以 2 为底的对数）",
        },
        "value_outside": {
            "en": "{name} has {value}, outside [{low}, {high}]",
            "zh": "{name} 中有 {value}，超出了 [{low}, {high}]",
        },
        "not_a_distribution": {
            "en": "{name} must sum to 1 along axis {axis}, but {where} {total}; divide it by its sum first",
            "zh": "{name} 沿第 {axis} 轴的和必须为 1，但{where} {total}；请先除以它的和",
        },
        "distribution_sums": {"en": "it sums to", "zh": "它的和是"},
        "distribution_at_sums": {
            "en": "its distribution at {position} sums to",
            "zh": "其中{position} 的分布之和是",
        },
        "pair_shapes": {
            "en": "p and q must have the same shape, got {p_shape} and {q_shape}",
            "zh": "p 和 q 的形状必须相同，但得到的是 {p_shape} 和 {q_shape}",
        },
        "binary_target_shape": {
            "en": "target must have the input's shape {shape}, got {target_shape}",
            "zh": "target 的形状必须与输入相同（{shape}），但得到的是 {target_shape}",
        },
        "binary_not_finite": {
            "en": "logits for a binary loss must be finite, got {value}{where}: -inf would mean a probability of exactly 0, +inf exactly 1, and nan is no number at all",
            "zh": "二元损失的 logits 必须是有限数，但得到了 {value}{where}：-inf 意味着概率恰好为 0，+inf 意味着恰好为 1，而 nan 根本不是数",
        },
        "at_position": {
            "en": " at {position}",
            "zh": "（出现在{position}）",
        },
        "features_not_2d": {
            "en": "X must be a 2-D (N, D) array of features, got shape {shape}",
            "zh": "X 必须是二维 (N, D) 的特征数组，但得到的形状是 {shape}",
        },
        "positive_temperature": {
            "en": "temperature must be > 0, got {value}",
            "zh": "温度（temperature）必须 > 0，但得到的是 {value}",
        },
        "no_cjk_font": {
            "en": "No Chinese font found for plots, so plots show their titles and labels in English. To see "
            "them in Chinese, install one, e.g. 'apt-get install fonts-noto-cjk' (Debian/Ubuntu), then "
            "restart the kernel.",
            "zh": "没有找到可用于绘图的中文字体，所以图中的标题和标签改用英文显示。"
            "若想看到中文，请先安装一种中文字体，例如 'apt-get install fonts-noto-cjk'"
            "（Debian/Ubuntu），然后重启内核（kernel）。",
        },
        "params_shape": {
            "en": "for X of shape {x_shape} need W of shape ({features}, C) and b of shape (C,), "
            "got W {w_shape} and b {b_shape}",
            "zh": "对于形状为 {x_shape} 的 X，需要形状为 ({features}, C) 的 W 和形状为 (C,) 的 b，"
            "但得到的 W 为 {w_shape}，b 为 {b_shape}",
        },
        "probs_not_2d": {
            "en": "probs must be a 2-D (N, C) array of probabilities, got shape {shape}",
            "zh": "probs 必须是二维 (N, C) 的概率数组，但得到的形状是 {shape}",
        },
        "probs_outside_0_1": {
            "en": "probs must lie in [0, 1], got values from {low} to {high}",
            "zh": "probs 的值必须在 [0, 1] 之内，但得到的值从 {low} 到 {high}",
        },
        "labels_shape_for_probs": {
            "en": "labels must have shape ({n},) to match probs {shape}, got {labels_shape}",
            "zh": "labels 的形状必须是 ({n},)，才能与形状为 {shape} 的 probs 对应，但得到的是 {labels_shape}",
        },
        "bins_positive_integer": {
            "en": "bins must be a positive integer, got {value}",
            "zh": "bins 必须是正整数，但得到的是 {value}",
        },
        "logits_not_2d_nonempty": {
            "en": "logits must be a non-empty 2-D (N, C) array, got shape {shape}",
            "zh": "logits 必须是非空的二维 (N, C) 数组，但得到的形状是 {shape}",
        },
        "temperature_chance_level": {
            "en": "the logits do no better than chance on these labels: the loss falls as T grows without end, "
            "so no finite temperature minimises it",
            "zh": "这些 logits 在这些标签上并不比随机猜测好：温度 T 越大损失越小，没有尽头，"
            "所以不存在使损失最小的有限温度",
        },
        "temperature_all_correct": {
            "en": "every sample is classified correctly: the loss keeps falling as T -> 0, so no positive "
            "temperature minimises it (use more held-out data)",
            "zh": "每个样本都分类正确：T 趋于 0 时损失一直下降，所以不存在使损失最小的正温度"
            "（请使用更多的留出数据）",
        },
        "gradients_differ": {
            "en": "analytic and finite-difference gradients differ by {gap} (> {tol})",
            "zh": "解析梯度与有限差分梯度相差 {gap}（超过 {tol}）",
        },
    },
)

tr = MESSAGES.tr  # the library modules call tr("<id>", ...) for their messages
