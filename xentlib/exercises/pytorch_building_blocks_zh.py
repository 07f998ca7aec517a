"""Chinese texts of xentlib/exercises/pytorch_building_blocks.py, by message id."""

from ._common_zh import LOG_OF_SOFTMAX, SUM_NOT_MEAN

ZH = {
    "log_softmax_torch.nudge": (
        "log softmax 就是每个 logit 减去它所在行的指数之和的对数。沿用笔记本 04 的"
        "技巧（先减去这一行的最大值），这次用 torch 的运算，沿着类别那一维来做。"
    ),
    "log_softmax_torch.task": (
        "让 log_softmax_torch(x) 亲手沿 dim=1 计算 (N, C) 张量的对数 softmax，对任意大小的 logits 都稳定"
    ),
    "log_softmax_torch.hint": (
        "m = x.max(dim=1, keepdim=True).values；return x - m - torch.log(torch.exp(x - m).sum(dim=1, "
        "keepdim=True))"
    ),
    "log_softmax_torch.mistake.no_shift": (
        "exp 在 709.78 以上会上溢为 inf（float64）：这一行的和是 inf，它的对数也是，于是这一行的每个元素都成了 "
        "-inf。在 exp 之前减去每行最大的 logit，再在 log 外面把它加回来。"
    ),
    "log_softmax_torch.fix.no_shift": "m = x.max(dim=1, keepdim=True).values，然后用 x - m 计算",
    "log_softmax_torch.mistake.global_max": (
        "你减去的是整个张量中最大的 logit。比它低得多的那一行仍会下溢：它所有的 exp 都是 0，而 log(0) = "
        "-inf。每一行都需要它自己的最大值（dim=1）。"
    ),
    "log_softmax_torch.fix.global_max": "x.max(dim=1, keepdim=True).values，而不是 x.max()",
    "log_softmax_torch.mistake.log_of_softmax": LOG_OF_SOFTMAX,
    "log_softmax_torch.fix.log_of_softmax": "x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))",
    "log_softmax_torch.mistake.over_dim_0": (
        "你是沿 dim=0，也就是顺着批次往下算的。每一行是一个样本，它的 C 个类别沿 dim=1 排列："
        "每一行各自归一化。"
    ),
    "log_softmax_torch.fix.over_dim_0": "max 和 sum 里都用 dim=1",
    "log_softmax_torch.mistake.without_keepdim": (
        "形状 (N, C) 和 (N,) 对不齐：每行的和丢掉了它的维度。保留这个维度（作为长度为 1 的一列），"
        "每行的值才能和它那一行对齐。"
    ),
    "log_softmax_torch.fix.without_keepdim": "max 和 sum 里都用 keepdim=True",
    "log_softmax_torch.case.0": "示例批次的 logits",
    "log_softmax_torch.case.1": "一个样本",
    "log_softmax_torch.case.2": "float32 张量",
    "log_softmax_torch.case.3": "极大的 logits",
    "log_softmax_torch.case.4": "一行极大，一行非常负",
    "log_softmax_torch.case.5": "一个类别比其他类别低 800",
    "nll_torch.nudge": (
        "负对数似然在每一行取出真实类别的对数概率，再对它们的相反数取平均。在 torch 里怎样从每一行"
        "各取一个元素？返回的应该是什么类型的对象？"
    ),
    "nll_torch.task": (
        "让 nll_by_hand(log_probs, target) 返回 -log_probs[i, target[i]] 在整个批次上的平均值，结果是一个 "
        "torch 标量"
    ),
    "nll_torch.hint": (
        "用 log_probs[torch.arange(len(target)), target] 取出每行的那个元素，然后 return -(...).mean()"
    ),
    "nll_torch.mistake.forgets_the_minus": (
        "你的损失是负的。对数概率至多为 0；负对数似然（NLL）是它们的相反数，所以至少为 0。"
    ),
    "nll_torch.fix.forgets_the_minus": "return -(...).mean()，带上负号",
    "nll_torch.mistake.abs_instead_of_the_minus": (
        "你用 abs() 把结果变成了正数，而不是取相反数。对真正的对数概率来说两者结果相同，这正是 abs() 会掩盖错误的原因："
        "NLLLoss 不检查它的输入，输入元素为正时损失是负的，abs() 会把它变成一个错误的正数。"
    ),
    "nll_torch.fix.abs_instead_of_the_minus": "对取出的元素取相反数：-(...).mean()，不要用 abs()",
    "nll_torch.mistake.sum_instead_of_mean": SUM_NOT_MEAN,
    "nll_torch.fix.sum_instead_of_mean": ".mean()，而不是 .sum()",
    "nll_torch.mistake.normalises_again": (
        "你又把输入归一化了一次（log-softmax，或者对 exp 取 log）。NLL 原样接受它的输入：取出 -input[i, "
        "target[i]] 再求平均，不取 log，也不做 softmax。对真正的对数概率再归一化一次不会改变任何东西，"
        "所以只有那个用任意数的用例能暴露它。"
    ),
    "nll_torch.fix.normalises_again": "只取元素再求平均：-log_probs[torch.arange(N), target].mean()",
    "nll_torch.mistake.takes_the_log_again": (
        "你对对数概率又取了一次对数。它们已经是对数了（负数，取对数得到 nan）：NLL 只负责取元素和求平均。"
    ),
    "nll_torch.fix.takes_the_log_again": "不要 torch.log：-log_probs[torch.arange(N), target].mean()",
    "nll_torch.mistake.rows_by_target": (
        "你平均的是按 target 挑出来的整行（第 target[i] 行）。第 i 行要和 target[i] 配对：每个样本一个元素。"
    ),
    "nll_torch.fix.rows_by_target": "两个索引张量：log_probs[torch.arange(N), target]",
    "nll_torch.case.0": "示例批次",
    "nll_torch.case.1": "一个样本",
    "nll_torch.case.2": "float32 的对数概率",
    "nll_torch.case.3": "标签 0 和 4",
    "nll_torch.case.4": "任意的数，不只是对数概率",
    "nll_torch.case.5": "正的分数，NLLLoss 并不检查",
    "nll_torch.case.5.note": "NLLLoss 只是把取出的元素取相反数再求平均：元素为正时损失是负的，只有负号才能算对。",
    "nll_torch.mistake.every_row_every_target": "log_probs[:, target] 在每一行都取出了所有目标对应的列：得到的是 N × N 的一块，而不是每个样本一个元素。只让第 i 行与 target[i] 配对。",
    "nll_torch.fix.every_row_every_target": "用 0..N-1 索引行、用 target 索引列，两者一起用",
    "nll_torch.mistake.gather_without_unsqueeze": "gather 要求索引的维数和输入相同：target 的形状是 (N,)，log_probs 是 (N, C)。先给 target 加上长度为 1 的第二个轴（unsqueeze），沿第 1 维 gather，再把那个轴去掉。",
    "nll_torch.fix.gather_without_unsqueeze": "log_probs.gather(1, target.unsqueeze(1)).squeeze(1)",
}
