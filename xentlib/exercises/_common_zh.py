"""Chinese texts of the diagnoses several exercises share (xentlib/exercises/_common.py)."""

SUM_NOT_MEAN = (
    "每个值都大了 N 倍（N 是样本数）：你把各样本的损失加了起来。损失应取它们的平均值，"
    "这样才不会随批大小（batch size）变大。"
)
LOG_OF_SOFTMAX = (
    "这里有一个概率比最小的正 float64 数（约 5e-324 = e^-745）还小：它的 logit 比所在行的最大值低了约 745 "
    "以上，于是 softmax 把它舍入成 0，而 log(0) = -inf。要在不算出这个概率的前提下取对数："
    "对数 softmax（log-softmax）直接由 logits 之差算出它。"
)
LOG10 = (
    "你的值等于正确值除以 ln 10 = 2.3026：这是 log10。这里（以及 NumPy、torch 和所有机器学习论文中）"
    "log 指自然对数 ln，底为 e。"
)
LOG2 = (
    "你的值等于正确值除以 ln 2 = 0.6931：这是 log2，它以比特（bits）为单位。"
    "损失用的是自然对数 ln，以纳特（nats）为单位。"
)
