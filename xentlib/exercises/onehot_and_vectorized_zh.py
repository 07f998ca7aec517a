"""Chinese texts of xentlib/exercises/onehot_and_vectorized.py, by message id."""

from ._common_zh import LOG_OF_SOFTMAX, SUM_NOT_MEAN

ZH = {
    "one_hot.nudge": (
        "每一行除了标签所在的那一列是 1，其余全是 0。有没有一个矩阵，它的每一行本来就是这个样子，每个"
        "类别一行？"
    ),
    "one_hot.task": (
        "让 my_one_hot(labels, num_classes) 返回一个 (N, num_classes) 的浮点矩阵：第 i 行第 labels[i] 列为 "
        "1.0，其余都是 0.0"
    ),
    "one_hot.hint": "np.eye(num_classes) 里正好有你需要的行：用 np.eye(num_classes)[labels] 把它们挑出来",
    "one_hot.mistake.integer_one_hot": (
        "数值对了，但它们是整数。独热（one-hot）行是一个概率分布，损失要把它和浮点的对数概率相乘；torch 的 "
        "cross_entropy 甚至会拒绝整数的 (N, C) target（'Expected floating point type for target with class "
        "probabilities'）。"
    ),
    "one_hot.fix.integer_one_hot": "np.eye(num_classes) 本来就是浮点数；或者用 .astype(float) 转换",
    "one_hot.mistake.width_from_the_labels": (
        "宽度取自你拿到的标签，而不是 num_classes。一个批次不一定含有最后一个类别，但它的独热行仍然必须有 "
        "num_classes 个元素。"
    ),
    "one_hot.fix.width_from_the_labels": "宽度用 num_classes，绝不用 max(labels) + 1",
    "one_hot.mistake.eye_of_the_batch_size": (
        "np.eye(len(labels)) 得到的是 N × N 的单位矩阵，每个标签一行一列；而独热编码的每一行需要每个类别一列，"
        "一共 num_classes 列，与标签的个数无关。"
    ),
    "one_hot.fix.eye_of_the_batch_size": "单位矩阵的大小是类别数：np.eye(num_classes)",
    "one_hot.mistake.transposed": "行和列弄反了：结果应当每个标签一行、每个类别一列。",
    "one_hot.fix.transposed": "np.eye(num_classes)[labels] 已经是 (N, num_classes)：不用转置",
    "one_hot.mistake.one_based": (
        "每个 1 都往左偏了一列：标签本来就从 0 开始（类别 0 是第一列），不需要再平移。"
    ),
    "one_hot.fix.one_based": "直接用 labels 索引，而不是 labels - 1",
    "one_hot.case.0": "示例批次的标签，5 个类别",
    "one_hot.case.1": "一个标签",
    "one_hot.case.2": "第一个和最后一个类别",
    "one_hot.case.3": "同一个标签出现三次",
    "one_hot.case.4": "类别比标签多",
    "one_hot.case.5": "标签是 Python 列表",
    "cross_entropy_vectorized.nudge": (
        "一次处理所有行：先算整个矩阵的对数概率，再按标签在每一行取一个元素，最后取平均。为什么把取对数和"
        " softmax 放在同一步里做，比算完 softmax 再取对数更安全？"
    ),
    "cross_entropy_vectorized.task": (
        "让 cross_entropy_vectorized(logits, labels) 只用数组运算、不用 Python 循环，算出整个批次的平均损失"
    ),
    "cross_entropy_vectorized.hint": (
        "log_p = log_softmax(logits, axis=1)；取出 log_p[np.arange(N), labels]，返回它的平均值的相反数"
    ),
    "cross_entropy_vectorized.mistake.log_of_softmax": LOG_OF_SOFTMAX,
    "cross_entropy_vectorized.fix.log_of_softmax": "用 log_softmax(logits, axis=1) 代替 np.log(softmax(...))",
    "cross_entropy_vectorized.mistake.sum_instead_of_mean": SUM_NOT_MEAN,
    "cross_entropy_vectorized.fix.sum_instead_of_mean": "-(...).mean()，而不是 -(...).sum()",
    "cross_entropy_vectorized.mistake.over_the_wrong_axis": (
        "你是沿样本（第 0 轴）归一化的，而不是沿类别。logits 的每一行是一个样本，需要在它自己的 C "
        "个类别上各做一次 softmax。"
    ),
    "cross_entropy_vectorized.fix.over_the_wrong_axis": "log_softmax 里用 axis=1（或 axis=-1）",
    "cross_entropy_vectorized.mistake.every_row_every_label": (
        "你把每一行在每个标签处的对数概率都平均了（一张 N x N 的表）。第 i 行只和 labels[i] 配对："
        "每个样本一个数。"
    ),
    "cross_entropy_vectorized.fix.every_row_every_label": (
        "用两个长度为 N 的数组索引：log_p[np.arange(N), labels]"
    ),
    "cross_entropy_vectorized.case.0": "示例批次",
    "cross_entropy_vectorized.case.1": "一个样本",
    "cross_entropy_vectorized.case.2": "float32 的 logits",
    "cross_entropy_vectorized.case.3": "50 个随机样本，10 个类别",
    "cross_entropy_vectorized.case.4": "极大的 logits",
    "cross_entropy_vectorized.case.5": "真实类别比最大的 logit 低 800",
}
