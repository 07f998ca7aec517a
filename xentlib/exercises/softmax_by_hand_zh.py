"""Chinese texts of xentlib/exercises/softmax_by_hand.py, by message id."""

from ._common_zh import LOG2, LOG10

ZH = {
    "softmax_row.nudge": (
        "概率都是正数，而且加起来等于 1。哪种运算能把任意一个 logit 变成正数？然后除以什么，结果"
        "才会加起来等于 1？"
    ),
    "softmax_row.task": "让 softmax_row(z) 返回一行 logits 的概率：每个 logit 的指数，除以所有指数之和",
    "softmax_row.hint": "e = np.exp(z) 得到各个指数；返回 e / e.sum()。结果之和应为 1",
    "softmax_row.mistake.exp_without_dividing": (
        "这些还不是概率：它们加起来不等于 1。每个指数只是一个权重；概率是它在总和中所占的份额。"
    ),
    "softmax_row.fix.exp_without_dividing": "用指数之和去除各个指数：e / e.sum()",
    "softmax_row.mistake.divides_logits_by_their_sum": (
        "你直接按 logits 本身分配份额，没有取指数：负的 logit 会得到负的“概率”，而全为 0 的相等 logits "
        "会得到 0/0。softmax 先取指数，再做除法。"
    ),
    "softmax_row.fix.divides_logits_by_their_sum": "先算 e = np.exp(z)；再算 e / e.sum()",
    "softmax_row.case.0": "示例批次的第一个样本",
    "softmax_row.case.1": "示例批次的第二个样本",
    "softmax_row.case.2": "所有 logits 相等",
    "softmax_row.case.2.note": "相等的 logits 给出相等的概率，各为 1/4。",
    "softmax_row.case.3": "负的 logits",
    "softmax_row.case.4": "只有一个类别",
    "softmax_row.case.4.note": "只有一个类别时，它的概率是 1。",
    "softmax_row.case.5": "几十大小的 logits",
    "softmax_row.case.6": "float32 的 logits",
    "sample_loss.nudge": (
        "一个样本的损失只看真实类别：模型认为它有多大可能？先把 logits 变成概率，再想一想：怎样让"
        "一个很小的概率变成一个很大的正的损失？"
    ),
    "sample_loss.task": (
        "让 sample_loss(z, label) 返回一个样本的交叉熵（cross-entropy）：softmax 给真实类别的概率取 -log"
    ),
    "sample_loss.hint": "p = softmax(z)[label] 是真实类别的概率；返回 -np.log(p)（注意负号：损失是正的）",
    "sample_loss.mistake.forgets_the_minus": (
        "你的损失是负的。概率的对数至多为 0；损失是这个对数的相反数，所以预测越好，损失越小，但绝不会是负的。"
    ),
    "sample_loss.fix.forgets_the_minus": "返回 -np.log(p)，带上负号",
    "sample_loss.mistake.log10_instead_of_ln": LOG10,
    "sample_loss.fix.log10_instead_of_ln": "np.log 是 ln；np.log10 以 10 为底",
    "sample_loss.mistake.log2_instead_of_ln": LOG2,
    "sample_loss.fix.log2_instead_of_ln": "np.log 是 ln；np.log2 以 2 为底",
    "sample_loss.mistake.most_likely_class": (
        "你用的是最可能的那个类别的概率。损失看的是真实类别，即 `label` 所指的那个，不管模型是否把它排在第一"
        "。"
    ),
    "sample_loss.fix.most_likely_class": "用标签去索引概率：softmax(z)[label]",
    "sample_loss.mistake.sums_over_all_classes": (
        "你把所有类别的 -log p 都加了起来。一个样本的损失只看它的真实类别。"
    ),
    "sample_loss.fix.sums_over_all_classes": "p = softmax(z)[label]；返回 -np.log(p)",
    "sample_loss.mistake.log_of_the_logit": (
        "你对原始的 logit 取了对数。logits 不是概率（它们可以是负数，也可以大于 1）：先用 softmax "
        "把它们变成概率。"
    ),
    "sample_loss.fix.log_of_the_logit": "p = softmax(z)[label]，然后 -np.log(p)",
    "sample_loss.case.0": "示例批次的样本 0（标签 1）",
    "sample_loss.case.1": "示例批次的样本 1（标签 2）",
    "sample_loss.case.2": "示例批次的样本 2（标签 3）",
    "sample_loss.case.3": "真实类别在最前（标签 0）",
    "sample_loss.case.4": "真实类别在最后（标签 4）",
    "sample_loss.case.5": "自信且正确",
    "sample_loss.case.6": "自信但错误",
    "sample_loss.case.6.note": "一个自信的错误应当付出约 8 的代价：损失是一个极小概率的对数的相反数。",
    "uniform_loss_prediction.nudge": "十个 logit 全都相等时，每个类别分到多少概率？损失是真实类别概率的自然对数再取负。",
    "uniform_loss_prediction.task": (
        "先别计算，写下你预测的：当 C = 10 个 logits 全为 0 时，一个样本的损失是多少：my_prediction = "
        "<一个有 3 位有效数字的数>"
    ),
    "uniform_loss_prediction.hint": "相等的 logits 给每个类别的概率都是 1/C；损失是 -ln(1/C) = ln C = ln 10",
    "uniform_loss_prediction.note": (
        "logits 相等时，softmax 给 10 个类别中每一个（包括真实类别）的概率是多少？损失是这个概率的自然对数的"
        "相反数。"
    ),
    "uniform_loss_prediction.mistake.log10_of_10": (
        "1 是 log10(10)。在机器学习中，log 指自然对数 ln（底为 e）；许多中文教材把 log10 写作 lg，"
        "损失从不用它。"
    ),
    "uniform_loss_prediction.fix.log10_of_10": "ln 10 = np.log(10)",
    "uniform_loss_prediction.mistake.log2_of_10": (
        "3.32 是 log2(10)，即以比特（bits）计的损失。损失用的是自然对数 ln（单位是纳特，nats）。"
    ),
    "uniform_loss_prediction.fix.log2_of_10": "ln 10 = np.log(10)",
    "uniform_loss_prediction.mistake.the_probability": (
        "0.1 是每个类别得到的概率。损失不是真实类别的概率，而是它的对数的相反数。"
    ),
    "uniform_loss_prediction.fix.the_probability": "损失是 -ln(0.1)",
    "uniform_loss_prediction.mistake.zero": (
        "logits 全为 0 并不是完美的预测。全部相等的 logits 表示“不知道”：每个类别（包括真实类别）"
        "得到相同的概率，而它的对数离 0 很远。"
    ),
    "uniform_loss_prediction.fix.zero": "10 个相等 logits 的 softmax 给每个类别 1/10",
    "uniform_loss_prediction.mistake.minus_ln_10": (
        "大小对，符号错：损失从不为负。它是一个概率的对数的相反数，而这个对数至多为 0。"
    ),
    "uniform_loss_prediction.fix.minus_ln_10": "-ln(1/10) = +ln 10",
    "uniform_loss_prediction.mistake.the_number_of_classes": (
        "损失并不随类别数成正比增长：它是真实类别概率的对数的相反数，而这个概率是 C 分之一。"
    ),
    "uniform_loss_prediction.fix.the_number_of_classes": "-ln(1/C) = ln C",
    "uniform_loss_prediction.case.0": "你的预测",
    "softmax_row.mistake.divides_by_the_largest": "你除以的是最大的那个指数，于是最大的一项等于 1，而各项加起来并不等于 1。概率是每个指数在它们总和中所占的份额。",
    "softmax_row.fix.divides_by_the_largest": "除以各个指数的总和，而不是它们的最大值",
    "softmax_row.mistake.exp_over_the_sum_of_logits": "你把指数除以的是 logits 本身的总和。分母必须是这些指数自己的总和，这样各份额加起来才等于 1。",
    "softmax_row.fix.exp_over_the_sum_of_logits": "分母是各个指数的总和",
    "sample_loss.mistake.minus_log_of_one_minus_p": "这是 -log(1 - p)：也就是“不是真实类别”这个答案的损失。交叉熵是真实类别自身概率的对数取负，所以自信而正确的回答几乎没有代价。",
    "sample_loss.fix.minus_log_of_one_minus_p": "对 p 本身取对数再取负，而不是对 1 - p",
}
