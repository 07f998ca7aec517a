"""Chinese texts of xentlib/exercises/gradients.py, by message id."""

NOT_MEAN = (
    "每个值都大了 N 倍（N 是样本数）：这是求和损失的梯度。损失是平均值，"
    "所以每个样本在梯度中的那一份都带着因子 1/N。"
)
SIGN = (
    "符号反了。梯度在错误类别处为正（抬高它们的 logits 会让损失变大），在真实类别处为负；"
    "你的结果是它的相反数，也就是参数更新一步应走的方向。"
)

ZH = {
    "ce_grad.nudge": (
        "先看一个样本：提高某个错误类别的 logit，损失怎样变化？提高真实类别的 logit 呢？然后"
        "别忘了损失是对 N 个样本取的平均。"
    ),
    "ce_grad.task": (
        "让 ce_grad(logits, labels) 返回平均交叉熵的梯度 (softmax(logits) - one_hot(labels)) / N，一个与 "
        "logits 形状相同的数组"
    ),
    "ce_grad.hint": (
        "p = softmax(logits, axis=1)；在每一行的真实类别处减 1，p[np.arange(N), labels] -= 1；再除以 N"
    ),
    "ce_grad.mistake.forgets_to_divide_by_n": NOT_MEAN,
    "ce_grad.fix.forgets_to_divide_by_n": "最后除以 N = len(labels)",
    "ce_grad.mistake.opposite_sign": SIGN,
    "ce_grad.fix.opposite_sign": "softmax 减独热（one-hot），而不是独热减 softmax",
    "ce_grad.mistake.softmax_over_axis_0": (
        "你是沿列（第 0 轴），也就是跨样本做的 softmax。每一行是一个样本；它的概率来自它自己那一行 logits。"
    ),
    "ce_grad.fix.softmax_over_axis_0": "softmax(logits, axis=1)",
    "ce_grad.mistake.unshifted_softmax": (
        "对极大的 logits，exp 会上溢（inf/inf = nan）：你的 softmax 需要先减去最大值，而 xentlib 的 softmax "
        "已经替你做了。"
    ),
    "ce_grad.fix.unshifted_softmax": "用 xl.softmax(logits, axis=1)，而不是 np.exp(logits) / ...",
    "ce_grad.mistake.subtracts_in_every_row": (
        "你在每一行、每个标签所在的列都减了 1。每一行只有一个真实类别：只在第 i 行、第 labels[i] 列减 1。"
    ),
    "ce_grad.fix.subtracts_in_every_row": (
        "p[np.arange(N), labels] -= 1（两个索引数组），而不是 p[:, labels] -= 1"
    ),
    "ce_grad.case.0": "示例批次",
    "ce_grad.case.1": "一个样本",
    "ce_grad.case.2": "10 个样本，4 个类别",
    "ce_grad.case.3": "所有标签都相同",
    "ce_grad.case.4": "float32 的 logits",
    "ce_grad.case.5": "极大的 logits",
    "central_difference.nudge": (
        "每次只改一个元素：往上走一小步，往下走一小步，再算两个结果之间的斜率。算完以后，每个元素以及传进"
        "来的数组都要恢复原样。"
    ),
    "central_difference.task": (
        "让 central_difference(f, z, eps) 对 z 的每个元素 k 返回 (f(z + eps e_k) - f(z - eps e_k)) / (2 "
        "eps)，结果是与 z 形状相同的数组"
    ),
    "central_difference.hint": (
        "z = np.array(z, dtype=float)；g = np.zeros_like(z)；for k in np.ndindex(z.shape)：先把 z[k] 设为 "
        "old + eps，再设为 old - eps，每次都计算一次 f，然后恢复 z[k] = old，存下差值 / (2 eps)"
    ),
    "central_difference.mistake.forward_difference": (
        "单侧差分 (f(z + eps e_k) - f(z)) / eps 的误差约为 eps/2 乘以二阶导数；eps 较大时就会显现出来。向上、"
        "向下各走一步，再除以两点之间的距离。"
    ),
    "central_difference.fix.forward_difference": "(f(z + eps e_k) - f(z - eps e_k)) / (2 eps)",
    "central_difference.mistake.divides_by_eps": "每个值都是梯度的两倍：两个点相距 2 eps，而不是 eps。",
    "central_difference.fix.divides_by_eps": "除以 2 * eps",
    "central_difference.mistake.does_not_restore": (
        "你已经挪动过的元素一直没有复原，于是后面的导数都是在一个偏移了的点上求的。挪动下一个元素之前，"
        "先把这一个放回原处。"
    ),
    "central_difference.fix.does_not_restore": "两次求值之后执行 z[k] = old",
    "central_difference.mistake.integer_copy": (
        "这里的 z 存的是整数，整数数组装不下 z + eps：这一步被舍入掉了，差值就是 0。在 z "
        "的一个浮点副本上计算。"
    ),
    "central_difference.fix.integer_copy": "z = np.array(z, dtype=float)",
    "central_difference.mistake.moves_every_entry": (
        "你一次挪动了所有元素：这测的是 f 沿对角线方向的变化，每个元素得到的都是同一个数。"
        "偏导数一次只挪动一个元素。"
    ),
    "central_difference.fix.moves_every_entry": "对 np.ndindex(z.shape) 中的 k 循环，每次只挪动 z[k]",
    "central_difference.mistake.moves_whole_rows": (
        "对二维的 logits，range(len(z)) 遍历的是行，所以 z[k] 是一整行：你一次移动了这一行的全部元素，得到的是每行一个斜率，"
        "又被写进了这一行的每个元素。偏导数一次只移动一个元素：要遍历 z 的形状中的每个下标，而不只是第一个轴。"
    ),
    "central_difference.fix.moves_whole_rows": "用 k in np.ndindex(z.shape) 循环，它会给出每一个（行，列）下标",
    "central_difference.case.0": "平方和（梯度为 2z）",
    "central_difference.case.1": "示例批次的损失，3 x 5 的 logits",
    "central_difference.case.1.note": "返回一个形状与 z 相同的数组，每个元素一个偏导数，z 是二维时也一样。",
    "central_difference.case.2": "一行的 log-sum-exp",
    "central_difference.case.3": "一个元素",
    "central_difference.case.4": "较大的 eps，z^3",
    "central_difference.case.5": "z 中是整数",
    "central_difference.case.6": "一个乘积，eps = 0.1",
    "smoothed_grad.nudge": (
        "交叉熵对 logits 的梯度总是“预测减去目标”。标签平滑以后，目标的那一行是什么？对 N 个"
        "样本取平均又会给它带来什么变化？"
    ),
    "smoothed_grad.task": (
        "让 smoothed_grad(logits, labels, eps) 返回 (softmax(logits) - q) / N，其中平滑后的目标为 q = (1 - "
        "eps) * one_hot(labels) + eps / C"
    ),
    "smoothed_grad.hint": (
        "q = (1 - eps) * np.eye(C)[labels] + eps / C；return (softmax(logits, axis=1) - q) / len(labels)"
    ),
    "smoothed_grad.mistake.eps_over_c_minus_1": (
        "你把 eps 分给了其余 C - 1 个类别。这里的平滑（即 torch 的做法）给每个类别（包括真实类别）都分 eps / "
        "C。"
    ),
    "smoothed_grad.fix.eps_over_c_minus_1": "q = (1 - eps) * one_hot + eps / C",
    "smoothed_grad.mistake.forgets_eps_over_c": (
        "你的目标丢掉了每个类别都应得到的 eps / C：它加起来不再等于 1。"
    ),
    "smoothed_grad.fix.forgets_eps_over_c": "q = (1 - eps) * one_hot + eps / C",
    "smoothed_grad.mistake.forgets_to_divide_by_n_smoothed": NOT_MEAN,
    "smoothed_grad.fix.forgets_to_divide_by_n_smoothed": "除以 N = len(labels)",
    "smoothed_grad.mistake.opposite_sign_smoothed": SIGN,
    "smoothed_grad.fix.opposite_sign_smoothed": "softmax 减 q，而不是 q 减 softmax",
    "smoothed_grad.case.0": "eps = 0（不平滑）",
    "smoothed_grad.case.1": "eps = 0.1 的情形",
    "smoothed_grad.case.2": "eps = 1（均匀的目标）",
    "smoothed_grad.case.3": "6 个样本，4 个类别，eps = 0.3",
    "smoothed_grad.case.3.note": "C 是列数，N 是行数。",
}
