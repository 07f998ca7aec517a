"""Chinese texts of xentlib/exercises/beyond.py, by message id."""

from ._common_zh import LOG2, LOG10

ZERO_TIMES_LOG_ZERO = (
    "概率为 0 的元素给出 0 * log 0，NumPy 把它算成 nan。按照约定（x 趋于 0 时 x log x 的极限），它等于 0："
    "这样的元素没有任何贡献。"
)
EXAMPLE = "笔记本里的例子"
SOFT = "软目标（soft targets）"

ZH = {
    "entropy_bits.nudge": (
        "熵是平均的“意外程度”：每个概率以 2 为底的对数取负，再按这个概率加权。概率为 0 的类别应该"
        "贡献多少（想一想 p 趋于 0 时 p log p 的极限）？为什么不能直接把它算出来？"
    ),
    "entropy_bits.task": (
        "让 entropy_bits(p) 返回一维分布的熵（entropy）-sum_c p_c log2 p_c，以比特（bits）为单位"
    ),
    "entropy_bits.hint": "只保留非零元素 nz = p[p > 0]，然后 return -np.sum(nz * np.log2(nz))",
    "entropy_bits.mistake.in_nats": (
        "你的值以纳特（nats）为单位，这是自然对数的单位：它们等于比特数乘以 ln 2 = 0.6931。比特用以 2 "
        "为底的对数来计（一枚均匀硬币恰好是 1 比特）。"
    ),
    "entropy_bits.fix.in_nats": "用 np.log2，而不是 np.log",
    "entropy_bits.mistake.includes_zeros": ZERO_TIMES_LOG_ZERO,
    "entropy_bits.fix.includes_zeros": "取对数之前只保留 p > 0 的元素",
    "entropy_bits.mistake.forgets_the_minus": (
        "你的熵是负的：对概率而言 log2 p_c 至多为 0，所以求和前面要加负号，才能度量信息量，而信息量从不为负。"
    ),
    "entropy_bits.fix.forgets_the_minus": "-np.sum(...)",
    "entropy_bits.mistake.in_log10": (
        "你的值等于比特数乘以 log10(2) = 0.301：这是 log10。比特用以 2 为底的对数。"
    ),
    "entropy_bits.fix.in_log10": "np.log2",
    "entropy_bits.case.0": "一枚均匀硬币",
    "entropy_bits.case.0.note": "一枚均匀硬币的熵恰好是 1 比特。",
    "entropy_bits.case.1": "一枚不均匀的硬币",
    "entropy_bits.case.2": "8 个结果上的均匀分布",
    "entropy_bits.case.3": "一个确定的结果",
    "entropy_bits.case.4": "示例批次的 softmax",
    "kl_divergence.nudge": (
        "KL(q || p) 是对 q_c / p_c 的对数按 q_c 加权求平均。两个分布中哪一个提"
        "供权重？q_c = 0 的类别不贡献任何东西，即使那里 p_c 也是 0。"
    ),
    "kl_divergence.task": (
        "让 my_kl(q, p) 返回两个一维分布的 KL 散度 KL(q || p) = sum_c q_c log(q_c / p_c)，以纳特（nats）"
        "为单位"
    ),
    "kl_divergence.hint": "m = q > 0；return np.sum(q[m] * np.log(q[m] / p[m]))（q_c = 0 的元素没有贡献）",
    "kl_divergence.mistake.reversed_kl": (
        "你算的是 KL(p || q)。KL 散度不对称：KL(q || p) 用第一个分布的 q_c 给每个对数比 log(q_c / p_c) 加权。"
    ),
    "kl_divergence.fix.reversed_kl": "q * log(q / p) 之和，按这个顺序",
    "kl_divergence.mistake.ratio_upside_down": (
        "比值颠倒了，成了 log(p_c / q_c)：这给出散度的相反数，而散度从不为负。"
    ),
    "kl_divergence.fix.ratio_upside_down": "log(q / p)",
    "kl_divergence.mistake.in_bits": LOG2,
    "kl_divergence.fix.in_bits": "用 np.log，而不是 np.log2",
    "kl_divergence.mistake.in_log10_kl": LOG10,
    "kl_divergence.fix.in_log10_kl": "用 np.log，而不是 np.log10",
    "kl_divergence.mistake.includes_zeros_kl": ZERO_TIMES_LOG_ZERO,
    "kl_divergence.fix.includes_zeros_kl": "只对 q > 0 的元素求和",
    "kl_divergence.mistake.cross_entropy_instead": (
        "这是交叉熵 H(q, p) = -sum q_c log p_c。KL 散度是交叉熵减去熵 H(q)：它只衡量用 p 代替 q "
        "多付出的代价，p = q 时为 0。"
    ),
    "kl_divergence.fix.cross_entropy_instead": "q * log(q / p) 之和",
    "kl_divergence.case.0": "不均匀硬币对均匀硬币",
    "kl_divergence.case.1": "均匀硬币对不均匀硬币",
    "kl_divergence.case.2": "一个分布和它自己",
    "kl_divergence.case.3": "q 中有一个 0",
    "kl_divergence.case.4": "p 排除了 q 允许的结果",
    "kl_divergence.case.4.note": "当 p_c = 0 而 q_c > 0 时，散度是无穷大：log(q_c / 0) = inf。",
    "bce_with_logits.nudge": (
        "公式已经给出，要做的是让它的值保持有限：任何一项都不能对很大的正数取指数。用 +1000 和 −"
        "1000 的 logit 逐项检查一遍。"
    ),
    "bce_with_logits.task": (
        "让 my_bce_with_logits(x, t) 返回 logits x 与目标 t 的平均二元交叉熵（binary cross-entropy），按 "
        "max(x, 0) - t * x + log(1 + exp(-|x|)) 计算后取平均"
    ),
    "bce_with_logits.hint": "np.mean(np.maximum(x, 0) - t * x + np.log1p(np.exp(-np.abs(x))))",
    "bce_with_logits.mistake.through_the_sigmoid": (
        "经过 sigmoid 计算时，|x| 很大就会出问题：sigmoid(800) 舍入后恰好是 1，而 log(1 - 1) = -inf（sigmoid("
        "-800) 是 0，log 0 = -inf）。任务中的公式从不算出 sigmoid。"
    ),
    "bce_with_logits.fix.through_the_sigmoid": "max(x, 0) - t * x + log1p(exp(-|x|))",
    "bce_with_logits.mistake.without_the_absolute_value": (
        "当 x 非常负时，exp(-x) 上溢为 inf。公式里用的是 -|x|，这样指数永远不会是正的。"
    ),
    "bce_with_logits.fix.without_the_absolute_value": "np.exp(-np.abs(x))",
    "bce_with_logits.mistake.sum_instead_of_mean_bce": (
        "每个值都大了 N 倍（N 是元素个数）：你把各个损失加了起来。任务要的是它们的平均值。"
    ),
    "bce_with_logits.fix.sum_instead_of_mean_bce": "np.mean(...)",
    "bce_with_logits.case.0": "logit 为 0",
    "bce_with_logits.case.0.note": "logit 为 0 时 sigmoid = 0.5：损失为 ln 2。",
    "bce_with_logits.case.1": EXAMPLE,
    "bce_with_logits.case.2": SOFT,
    "bce_with_logits.case.2.note": "目标可以是 [0, 1] 中的任意数，不只是 0 或 1。",
    "bce_with_logits.case.3": "极大的 logits",
    "bce_grad.nudge": (
        "把一个元素的损失写成 s = sigmoid(x) 的函数，再用链式法则：先对 s 求导，再求 "
        "s 对 x 的导数（它可以用 s 本身来表示）。先在纸上化简，再写代码；最后的平均是对 x 的全"
        "部元素取的，不管 x 是什么形状。"
    ),
    "bce_grad.task": (
        "推导单个 logit 的二元交叉熵的导数，然后让 bce_grad(x, t) 返回平均损失对每个 logit 的梯度，"
        "一个形状与 x 相同的数组"
    ),
    "bce_grad.hint": (
        "设 s = sigmoid(x)，损失 -[t log s + (1 - t) log(1 - s)] 对 s 的导数 d/ds = -t / s + (1 - t) / (1 - s)，"
        "而 ds/dx = s (1 - s)：把两者相乘并化简（大部分都会消掉），再除以元素的个数 x.size，就得到平均损失的梯度"
    ),
    "bce_grad.mistake.forgets_to_divide_by_n": (
        "每个值都大了 N 倍（N 是元素个数）：这是求和损失的梯度。取平均会给每个 logit 带上因子 1/N。"
    ),
    "bce_grad.fix.forgets_to_divide_by_n": "除以 x.size",
    "bce_grad.mistake.opposite_sign": (
        "符号反了：目标为 0 的元素，抬高它的 logit 必然让损失变大，所以那里的梯度是正的。"
    ),
    "bce_grad.fix.opposite_sign": "在一个目标为 0 的元素上检查符号：它的 logit 越大，它的损失就应该越大",
    "bce_grad.mistake.sigmoid_slope_only": (
        "这只是 sigmoid 的斜率 ds/dx = s (1 - s)。链式法则还要把它乘以损失对 s 的导数；把这个乘积算出来，"
        "大部分都会消掉。"
    ),
    "bce_grad.fix.sigmoid_slope_only": "把它乘以损失对 s 的导数 -t / s + (1 - t) / (1 - s)，再化简",
    "bce_grad.mistake.squared_error_gradient": (
        "这是 sigmoid 输出的平方误差 (s - t)^2 / 2 的梯度，它多带一个因子 s (1 - s)，当模型自信地犯错时这个因"
        "子趋于 0。交叉熵里的 log 正好把这个因子消掉。"
    ),
    "bce_grad.fix.squared_error_gradient": "对交叉熵本身 -[t log s + (1 - t) log(1 - s)] 求导，而不是对平方误差求导",
    "bce_grad.mistake.divides_by_len": (
        "x 是一维时没错，但对于不止一个轴的一批数据，每个值都偏大了：len(x) 只数了行数，而平均是对 x 的全部元素取的。"
    ),
    "bce_grad.fix.divides_by_len": "除以元素的个数 x.size，而不是 len(x)",
    "bce_grad.case.0": "logit 为 0，目标为 1",
    "bce_grad.case.1": EXAMPLE,
    "bce_grad.case.2": SOFT,
    "bce_grad.case.3": "较大的 logits",
    "bce_grad.case.4": "二维的一批 logits",
    "bce_grad.case.4.note": "平均是对 x 的全部元素取的，这里一共 2 × 3 = 6 个。",
}
