"""Chinese texts of xentlib/exercises/pytorch_modules.py, by message id."""

from ._common_zh import LOG_OF_SOFTMAX, SUM_NOT_MEAN

SMOOTHED_LOG_OF_SOFTMAX = (
    LOG_OF_SOFTMAX + "加了平滑之后每个类别都有 q > 0，所以只要有一个这样的类别，损失就是无穷大。"
)

ZH = {
    "ignore_index_by_hand.nudge": "哪些样本算数？把被忽略的样本完全排除在外：它们既不加进总和，取平均时也不计入个数。",
    "ignore_index_by_hand.task": (
        "让 ce_ignore_index(logits, labels, ignore_index) 返回标签不等于 ignore_index 的那些样本的平均损失"
    ),
    "ignore_index_by_hand.hint": (
        "log_p = log_softmax(logits, axis=1)；rows = np.flatnonzero(labels != ignore_index)；return "
        "-log_p[rows, labels[rows]].mean()"
    ),
    "ignore_index_by_hand.mistake.divides_by_n": (
        "你除以了全部 N 个样本。被忽略的样本完全不参与平均，所以分母里也不能算上它们：应除以保留下来的样本数"
        "。"
    ),
    "ignore_index_by_hand.fix.divides_by_n": "只对保留的行求 -log_p[kept, labels[kept]].mean()",
    "ignore_index_by_hand.mistake.hard_codes_minus_100": (
        "你跳过的是标签为 -100（torch 的默认值）的样本，而不是标签等于 ignore_index 的样本：这里的 ignore_index 是另一个数，"
        "要排除的应该是标签等于它的那些样本。"
    ),
    "ignore_index_by_hand.fix.hard_codes_minus_100": "把标签和参数 ignore_index 比较，而不是和 -100 比较",
    "ignore_index_by_hand.mistake.ignores_nothing": (
        "被忽略的样本仍然参与了计算：标签等于 ignore_index 的样本没有可取的类别（对 -100 来说，NumPy "
        "会把负索引当作从末尾数起，或者直接报错）。按标签取值之前，先把这些行去掉。"
    ),
    "ignore_index_by_hand.fix.ignores_nothing": (
        "kept = np.flatnonzero(labels != ignore_index)，然后用 kept 索引"
    ),
    "ignore_index_by_hand.mistake.zero_when_all_ignored": (
        "所有样本都被忽略时就没有东西可平均：零个数的平均是 0/0，torch 返回的是 nan，而不是 0。不要替换它。"
    ),
    "ignore_index_by_hand.fix.zero_when_all_ignored": "空数组的 np.mean 本来就是 nan",
    "ignore_index_by_hand.case.0": "没有忽略任何样本",
    "ignore_index_by_hand.case.1": "忽略第二个样本",
    "ignore_index_by_hand.case.2": "ignore_index=0 的情形",
    "ignore_index_by_hand.case.2.note": "只要样本的标签等于 ignore_index，不管这个数是多少，都要跳过该样本。",
    "ignore_index_by_hand.case.3": "6 个样本中忽略一半",
    "ignore_index_by_hand.case.4": "float32 的 logits",
    "ignore_index_by_hand.case.5": "所有样本都被忽略",
    "weighted_mean_by_hand.nudge": (
        "每个样本的损失要乘以它真实类别的权重。加权平均最后除以的是样本个数，还是别的什么？想一想：所有权"
        "重都是 2 时，结果应该是什么？"
    ),
    "weighted_mean_by_hand.task": (
        "让 ce_weighted(logits, labels, weight) 返回按类别加权的平均损失：sum_i w[y_i] * loss_i / sum_i "
        "w[y_i]"
    ),
    "weighted_mean_by_hand.hint": (
        "loss_i = -log_softmax(logits, axis=1)[np.arange(N), labels]；w = weight[labels]；return (w * "
        "loss_i).sum() / w.sum()"
    ),
    "weighted_mean_by_hand.mistake.divides_by_n_weighted": (
        "你把加权和除以了 N。加权平均要除以样本的总权重，即各样本真实类别的权重之和，这样它才仍是一个平均值（"
        "把所有权重同乘一个数也不会改变结果）。"
    ),
    "weighted_mean_by_hand.fix.divides_by_n_weighted": (
        "(w * losses).sum() / w.sum()，其中 w = weight[labels]"
    ),
    "weighted_mean_by_hand.mistake.divides_by_all_weights": (
        "你除以的是所有类别的权重之和。只有批次里的样本才算数：把每个样本真实类别的权重加起来。"
    ),
    "weighted_mean_by_hand.fix.divides_by_all_weights": "w = weight[labels]；除以 w.sum()",
    "weighted_mean_by_hand.mistake.weight_by_position": (
        "每个样本的权重是它真实类别的权重 weight[y_i]，而不是它自己所在位置 i 的权重。"
    ),
    "weighted_mean_by_hand.fix.weight_by_position": "w = weight[labels]",
    "weighted_mean_by_hand.mistake.ignores_the_weights": (
        "权重对你的结果毫无影响：它就是普通的平均值。把每个样本的损失乘以它真实类别的权重。"
    ),
    "weighted_mean_by_hand.fix.ignores_the_weights": "(w * losses).sum() / w.sum()，其中 w = weight[labels]",
    "weighted_mean_by_hand.case.0": "所有权重都是 1",
    "weighted_mean_by_hand.case.0.note": "权重都相等时，结果就是普通的平均值。",
    "weighted_mean_by_hand.case.1": "笔记本里的权重",
    "weighted_mean_by_hand.case.2": "权重乘以 10",
    "weighted_mean_by_hand.case.2.note": "把所有权重同乘一个数，任何加权平均都不会变。",
    "weighted_mean_by_hand.case.3": "有一个类别的权重为 0",
    "weighted_mean_by_hand.case.4": "8 个样本，6 个类别",
    "label_smoothing_by_hand.nudge": (
        "目标不再是独热编码：把 eps 的概率平均分给全部 C 个类别（包括真实类别），其余的留给真实类"
        "别。损失就是对这一整行目标计算的交叉熵。"
    ),
    "label_smoothing_by_hand.task": (
        "让 ce_label_smoothing(logits, labels, eps) 返回 -sum_c q_c log p_c 的平均值，其中平滑后的目标为 q = "
        "(1 - eps) * one_hot(labels) + eps / C"
    ),
    "label_smoothing_by_hand.hint": (
        "q = (1 - eps) * np.eye(C)[labels] + eps / C；log_p = log_softmax(logits, axis=1)；return -(q * "
        "log_p).sum(axis=1).mean()"
    ),
    "label_smoothing_by_hand.mistake.eps_over_c_minus_1": (
        "你把 eps 分给了其余 C - 1 个类别。torch（以及本笔记本）给每个类别（包括真实类别）都分 eps / C，"
        "所以真实类别得到 1 - eps + eps / C。"
    ),
    "label_smoothing_by_hand.fix.eps_over_c_minus_1": "q = (1 - eps) * one_hot + eps / C，加到每个元素上",
    "label_smoothing_by_hand.mistake.keeps_the_whole_one": (
        "你的目标加起来不再等于 1：真实类别保留了整个 1，又额外加上了 eps / C。它必须先让出 eps。"
    ),
    "label_smoothing_by_hand.fix.keeps_the_whole_one": "q = (1 - eps) * one_hot + eps / C",
    "label_smoothing_by_hand.mistake.forgets_eps_over_c": (
        "你的损失里只有真实类别：其他类别的 eps / C 不见了。"
    ),
    "label_smoothing_by_hand.fix.forgets_eps_over_c": (
        "q = (1 - eps) * one_hot + eps / C，然后 -(q * log_p).sum(axis=1)"
    ),
    "label_smoothing_by_hand.mistake.log_of_softmax": SMOOTHED_LOG_OF_SOFTMAX,
    "label_smoothing_by_hand.fix.log_of_softmax": "用 log_softmax(logits, axis=1) 代替 np.log(softmax(...))",
    "label_smoothing_by_hand.mistake.sum_instead_of_mean": SUM_NOT_MEAN,
    "label_smoothing_by_hand.fix.sum_instead_of_mean": "先对类别求和，再对样本求 .mean()",
    "label_smoothing_by_hand.case.0": "eps = 0（不平滑）",
    "label_smoothing_by_hand.case.1": "eps = 0.1 的情形",
    "label_smoothing_by_hand.case.2": "eps = 1（均匀的目标）",
    "label_smoothing_by_hand.case.3": "10 个样本，7 个类别，eps = 0.25",
    "label_smoothing_by_hand.case.3.note": "C 是列数。",
    "label_smoothing_by_hand.case.4": "极大的 logits",
    "kdim_cross_entropy.nudge": (
        "torch 把类别放在第 1 轴，所以 softmax 要沿第 1 轴计算，而不是最后一轴。每个"
        "序列的每个位置都是一个有自己标签的样本，损失是对所有这些样本取平均。"
    ),
    "kdim_cross_entropy.task": (
        "让 ce_sequence(logits, labels) 返回一批序列的平均交叉熵：logits 的形状为 (N, C, T)，按 torch "
        "的排布（类别在第 1 轴），labels 的形状为 (N, T)"
    ),
    "kdim_cross_entropy.hint": (
        "log_p = log_softmax(logits, axis=1)；picked = np.take_along_axis(log_p, labels[:, None, :], "
        "axis=1)；return -picked.mean()"
    ),
    "kdim_cross_entropy.mistake.softmax_over_the_last_axis": (
        "你沿最后一个轴，也就是沿位置做了 softmax。在 torch 的 (N, C, T) 排布中，类别在第 1 轴："
        "在每个位置上，沿第 1 轴的那 C 个数构成一个分布。"
    ),
    "kdim_cross_entropy.fix.softmax_over_the_last_axis": "log_softmax(logits, axis=1)",
    "kdim_cross_entropy.mistake.reshape_without_moving_the_classes": (
        "你把 (N, C, T) 直接展平成了每行 C 个数。这会把类别和位置混在一起：一行里装的是不同位置的数。"
        "展平之前，先把类别轴移到最后。"
    ),
    "kdim_cross_entropy.fix.reshape_without_moving_the_classes": (
        "logits.transpose(0, 2, 1).reshape(-1, C) 与 labels.reshape(-1) 对应"
    ),
    "kdim_cross_entropy.mistake.sums_over_positions": (
        "你的值大了 T 倍（T 是位置数）：你把每个序列各位置的损失加了起来。torch 对全部 N x T 个位置求平均。"
    ),
    "kdim_cross_entropy.fix.sums_over_positions": "对所有样本和位置求 -picked.mean()",
    "kdim_cross_entropy.mistake.sum_over_everything": (
        "每个值都大了 N x T 倍：你把所有损失加了起来。损失是它们在所有样本和位置上的平均值。"
    ),
    "kdim_cross_entropy.fix.sum_over_everything": "-picked.mean()",
    "kdim_cross_entropy.case.0": "2 个序列，3 个类别，4 个位置",
    "kdim_cross_entropy.case.1": "一个序列，只有一个位置",
    "kdim_cross_entropy.case.2": "3 个序列，4 个类别，4 个位置",
    "kdim_cross_entropy.case.3": "4 个序列，5 个类别，2 个位置",
    "soft_targets_by_hand.nudge": (
        "现在目标的概率分摊在各个类别上，而不只落在一个类别上。对每个样本，用每个类别的目标概率去加权"
        "该类别的对数概率，再对类别求和；损失是这些和在样本上的平均值。"
    ),
    "soft_targets_by_hand.task": (
        "让 ce_soft_targets(logits, targets) 返回 -sum_c q_c log p_c 在样本上的平均值，其中 targets 的每一行"
        "都是类别上的一个概率分布 q"
    ),
    "soft_targets_by_hand.hint": "log_p = log_softmax(logits, axis=1)；return -(targets * log_p).sum(axis=1).mean()",
    "soft_targets_by_hand.mistake.picks_the_argmax": (
        "你只保留了每个目标中概率最大的那个类别，好像目标是一个类别索引。软目标要算上它给了概率的每一个类别："
        "把整行目标与对数概率逐项相乘。"
    ),
    "soft_targets_by_hand.fix.picks_the_argmax": "-(targets * log_p).sum(axis=1).mean()",
    "soft_targets_by_hand.mistake.mean_over_classes_too": (
        "你的值小了 C 倍（C 是类别数）：你把类别也一起平均了。对每个样本先在类别上求和，再在样本上求平均。"
    ),
    "soft_targets_by_hand.fix.mean_over_classes_too": "先对类别 .sum(axis=1)，再对样本 .mean()",
    "soft_targets_by_hand.mistake.log_of_softmax_soft": LOG_OF_SOFTMAX
    + "软目标可能给这个类别分了概率，于是损失成了无穷大。",
    "soft_targets_by_hand.fix.log_of_softmax_soft": "用 log_softmax(logits, axis=1) 代替 np.log(softmax(...))",
    "soft_targets_by_hand.mistake.sum_instead_of_mean_soft": SUM_NOT_MEAN,
    "soft_targets_by_hand.fix.sum_instead_of_mean_soft": "先对类别求和，再对样本求 .mean()",
    "soft_targets_by_hand.case.0": "笔记本里的软目标",
    "soft_targets_by_hand.case.1": "独热的行",
    "soft_targets_by_hand.case.1.note": "独热目标给出普通的损失。",
    "soft_targets_by_hand.case.2": "6 个样本，4 个类别",
    "soft_targets_by_hand.case.3": "有一个 logit 比其余的低 800",
    "soft_targets_by_hand.case.4": "float32 的 logits",
}
