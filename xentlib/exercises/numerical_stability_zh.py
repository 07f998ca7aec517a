"""Chinese texts of xentlib/exercises/numerical_stability.py, by message id."""

GLOBAL_MAX = (
    "你对整个数组只减去了同一个最大值。比整个数组最大 logit 低得多的那一行仍会下溢成 0/0："
    "每一行都需要它自己的最大值。"
)
ONE_D = "沿最后一个轴计算，这样一维和二维的输入都能用。"

ZH = {
    "stable_softmax.nudge": (
        "把一行里的每个 logit 都减去同一个数，softmax 的结果不变。减去哪个数，能让最大的那"
        "个指数正好等于 1，从而不会上溢？注意每一行各算各的。"
    ),
    "stable_softmax.task": "让 stable_softmax(z) 沿最后一个轴计算 softmax，对任意大小的 logits 都不上溢",
    "stable_softmax.hint": (
        "m = z.max(axis=-1, keepdims=True)；e = np.exp(z - m)；return e / e.sum(axis=-1, keepdims=True)"
    ),
    "stable_softmax.mistake.no_shift": (
        "exp 上溢了：float64 在 709.78 以上给出 inf（float32 在 88.72 以上），而 inf/inf 是 "
        "nan（略低于这个值时，先上溢的是求和，概率会悄无声息地变成 0）；值为 -1000 的 logits 全部下溢为 0，"
        "而 0/0 也是 nan。给一行中的每个 logit 减去同一个数，结果完全不变：选这个数，使得没有一个指数是正的。"
    ),
    "stable_softmax.fix.no_shift": "m = z.max(axis=-1, keepdims=True)，然后 np.exp(z - m)",
    "stable_softmax.mistake.global_max": GLOBAL_MAX,
    "stable_softmax.fix.global_max": "z.max(axis=-1, keepdims=True)，而不是 z.max()",
    "stable_softmax.mistake.shift_by_the_minimum": (
        "你减去的是最小的 logit。这样最大的指数就是这一行的整个跨度，仍然可能上溢：平移之后，"
        "最大的指数应当是 0。"
    ),
    "stable_softmax.fix.shift_by_the_minimum": "减去这一行的最大值，而不是最小值",
    "stable_softmax.mistake.over_the_wrong_axis": (
        "你是沿列（第 0 轴）往下算的。类别在最后一个轴上：每一行是一个分布，加起来必须是 1。"
    ),
    "stable_softmax.fix.over_the_wrong_axis": "max 和 sum 都用 axis=-1",
    "stable_softmax.mistake.sums_down_the_columns": (
        "你减去的数是对的，即每一行自己的最大值，但你除以的是沿列（第 0 轴）往下的和。每一行是一个分布："
        "它自己的那些指数加起来必须是 1。"
    ),
    "stable_softmax.fix.sums_down_the_columns": "e.sum(axis=-1, keepdims=True)",
    "stable_softmax.mistake.shifts_by_the_column_max": (
        "你减去的是每一列的最大值（第 0 轴）。只有整行都减去同一个数时，softmax 才不变；而列的最大值在同一行的"
        "各个元素之间各不相同。每一行要减去它自己的最大值。"
    ),
    "stable_softmax.fix.shifts_by_the_column_max": "z.max(axis=-1, keepdims=True)",
    "stable_softmax.mistake.axis_one_not_last": (
        "你用 axis=1 表示类别轴。对二维的一批数据这没错，但单独一行 logits 只有第 0 轴：最后一个轴 axis=-1 "
        "在两种情形下都是类别轴。"
    ),
    "stable_softmax.fix.axis_one_not_last": "用 axis=-1 代替 axis=1",
    "stable_softmax.mistake.without_keepdims": (
        "形状 (N, C) 和 (N,) 对不齐：每行的最大值丢掉了它所在的轴，NumPy 就没法把它和它那一行配对。"
        "保留被归约的轴（作为长度为 1 的一列）。"
    ),
    "stable_softmax.fix.without_keepdims": "max 和 sum 里都用 keepdims=True",
    "stable_softmax.case.0": "示例批次的 logits",
    "stable_softmax.case.1": "一行，一维",
    "stable_softmax.case.1.note": ONE_D,
    "stable_softmax.case.2": "极大的 logits（1000）",
    "stable_softmax.case.3": "非常负的 logits（-1000）",
    "stable_softmax.case.4": "一行极大，一行很小",
    "stable_softmax.case.5": "值为 100 的 float32 logits",
    "logsumexp_rows.nudge": (
        "对指数之和取对数，在 logit 很大时同样会上溢。先把这一行最大的 logit 从求和里提出来"
        "：对数里剩下的部分至少是 1，而对数外面要加回什么？"
    ),
    "logsumexp_rows.task": (
        "让 my_logsumexp(z) 沿最后一个轴返回 log(sum(exp(z)))，每行一个数，对任意大小的 logits 都不上溢、"
        "也不出现 log(0)"
    ),
    "logsumexp_rows.hint": (
        "m = z.max(axis=-1, keepdims=True)；return (m + np.log(np.exp(z - m).sum(axis=-1, keepdims=True)))[.."
        "., 0]（log sum exp z = m + log sum exp(z - m)）"
    ),
    "logsumexp_rows.mistake.no_shift_lse": (
        "exp 在 709.78 以上会上溢为 inf（float64），而值为 -1000 的 logits 下溢为 0，它的对数是 -inf。"
        "先把这一行最大的 logit m 提出来：log sum exp z 等于 m 加上 z - m 的 log-sum-exp，后者最大的一项是 "
        "exp(0) = 1。"
    ),
    "logsumexp_rows.fix.no_shift_lse": (
        "m = z.max(axis=-1, keepdims=True)；m + np.log(np.exp(z - m).sum(...))"
    ),
    "logsumexp_rows.mistake.forgets_to_add_the_max_back": (
        "你减去了最大值，却没有把它加回来：log sum exp(z - m) 等于 z 的 log-sum-exp 减去 m。"
        "每个结果都差了它那一行的最大值。"
    ),
    "logsumexp_rows.fix.forgets_to_add_the_max_back": "return m + log(sum(exp(z - m)))",
    "logsumexp_rows.mistake.global_max_lse": GLOBAL_MAX,
    "logsumexp_rows.fix.global_max_lse": "z.max(axis=-1, keepdims=True)，而不是 z.max()",
    "logsumexp_rows.mistake.just_the_max": (
        "你返回的是每行的最大值。当某个 logit 占绝对优势时，它与 log-sum-exp 很接近，但其余各项最多还会再加上"
        " log C。"
    ),
    "logsumexp_rows.fix.just_the_max": "m + np.log(np.exp(z - m).sum(axis=-1))",
    "logsumexp_rows.case.0": "示例批次的 logits",
    "logsumexp_rows.case.1": "一行，一维",
    "logsumexp_rows.case.1.note": ONE_D,
    "logsumexp_rows.case.2": "极大的 logits（1000）",
    "logsumexp_rows.case.3": "非常负的 logits（-1000）",
    "logsumexp_rows.case.4": "一行极大，一行很小",
    "logsumexp_rows.case.5": "值为 100 的 float32 logits",
    "stable_softmax.mistake.clips_instead_of_shifting": "你把 logits 截断了，而不是平移。截断会改变 logits 之间的差，而 softmax 恰恰只取决于这些差：两个被截到同一个上限的巨大 logit 会得到相同的概率。而所有 logit 都减去这一行最大的 logit，这些差一个也不会变。",
    "stable_softmax.fix.clips_instead_of_shifting": "每一行都减去这一行自己最大的 logit，而不是截断",
    "logsumexp_rows.mistake.log10_in_the_lse": "你对总和取的是 log10。log-sum-exp 是自然指数之和的自然对数：用 log10，不管怎么平移，结果都差了 ln 10 这个因子。",
    "logsumexp_rows.fix.log10_in_the_lse": "np.log 是自然对数，它才是 np.exp 的反函数",
}
