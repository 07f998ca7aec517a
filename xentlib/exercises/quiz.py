"""A ten-question quiz to take before the course and after it: each wrong option names the misconception it
reveals, and the quiz scores itself in the notebook.

    quiz("pre")                    # shows the questions
    quiz("pre", "abca dcab ad")    # scores your answers (one letter per question; spaces ignored)

Each scored answer goes to the local log of checks (log.py) as exercise quiz.<pre|post>.<n>, with the
misconception as its mistake, so `python -m tools.stuck` can put a class's pre and post results side by
side. ITEMS is the answer key: the right option, and for every wrong one its misconception.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..i18n import register
from .log import record

LETTERS = "abcd"


@dataclass(frozen=True)
class Item:
    """One question: its right option (a letter) and, per wrong option, the misconception it detects."""

    right: str
    misconceptions: dict[str, str]  # wrong letter -> misconception name (its text: quiz.<name>)


ITEMS = {
    1: Item("a", {"b": "probabilities_in", "c": "predictions_in", "d": "one_hot_in"}),
    2: Item("a", {"b": "labels_from_one", "c": "negative_label", "d": "names_as_labels"}),
    3: Item("c", {"a": "loss_is_probability", "b": "uniform_is_perfect", "d": "log_base_ten"}),
    4: Item("a", {"b": "shift_changes_softmax", "c": "softmax_always_overflows", "d": "big_logits_sharper"}),
    5: Item("b", {"a": "gradient_sign", "c": "gradient_only_true_class", "d": "gradient_without_target"}),
    6: Item("d", {"a": "loss_zero_when_right", "b": "zero_logits_perfect", "c": "true_logit_zero"}),
    7: Item("b", {"a": "reduction_ignored", "c": "mean_over_classes", "d": "sum_over_classes"}),
    8: Item("c", {"a": "smoothing_misses_uniform_part", "b": "smoothing_is_eps", "d": "smoothing_adds_eps"}),
    9: Item("a", {"b": "log_softmax_same", "c": "stable_always", "d": "underflow_is_overflow"}),
    10: Item("b", {"a": "units_multiply", "c": "bits_are_log10", "d": "units_do_not_matter"}),
}

TEXTS = {
    "title": {
        "en": "Quiz ({which}): one letter per question, a to d.",
        "zh": "小测验（{which}）：每题选一个字母，a 到 d。",
    },
    "pre": {"en": "before the course", "zh": "课前"},
    "post": {"en": "after the course", "zh": "课后"},
    "how": {
        "en": 'Answer in the next cell: quiz("{which}", "your ten letters"), e.g. quiz("{which}", "abcd abcd ab").',
        "zh": '在下一个单元格作答：quiz("{which}", "你的十个字母")，例如 quiz("{which}", "abcd abcd ab")。',
    },
    "unanswered": {
        "en": "Not answered yet: replace the empty string with your ten letters, then run the cell again.",
        "zh": "还没有作答：把空字符串换成你的十个字母，再运行这个单元格。",
    },
    "bad_answers": {
        "en": "Give ten letters a to d, one per question (spaces are ignored); got {count}: {answers!r}.",
        "zh": "请给出十个字母（a 到 d），每题一个（空格会被忽略）；收到 {count} 个：{answers!r}。",
    },
    "bad_which": {
        "en": 'The quiz is "pre" or "post", not {which!r}.',
        "zh": '小测验只有 "pre" 和 "post"，没有 {which!r}。',
    },
    "score": {"en": "Score: {right} of {total}.", "zh": "得分：{total} 题中答对 {right} 题。"},
    "right_line": {"en": "{n}. {letter} is right: {why}", "zh": "{n}. {letter} 正确：{why}"},
    "wrong_line": {
        "en": "{n}. {letter}: {misconception} The answer is {right}: {why}",
        "zh": "{n}. {letter}：{misconception}正确答案是 {right}：{why}",
    },
    # 1
    "q1": {
        "en": "What does F.cross_entropy(input, target) expect as input?",
        "zh": "F.cross_entropy(input, target) 的 input 应该是什么？",
    },
    "q1.a": {"en": "the raw scores of the last layer (logits)", "zh": "最后一层的原始得分（logits）"},
    "q1.b": {"en": "probabilities, after a softmax", "zh": "经过 softmax 的概率"},
    "q1.c": {"en": "the predicted class of each sample (the argmax)", "zh": "每个样本预测的类别（argmax）"},
    "q1.d": {"en": "one-hot rows of the true classes", "zh": "真实类别的 one-hot 行"},
    "q1.why": {"en": "it applies log_softmax itself.", "zh": "它自己会做 log_softmax。"},
    "probabilities_in": {
        "en": "a softmax before the loss makes it compute on a softmax of probabilities: wrong, without an error.",
        "zh": "在损失之前做 softmax，损失就算在概率的 softmax 上：结果是错的，却不报错。",
    },
    "predictions_in": {
        "en": "the loss needs a score for every class, not only the class the model picked.",
        "zh": "损失需要每个类别的得分，而不只是模型选出的那个类别。",
    },
    "one_hot_in": {
        "en": "one-hot rows describe the target, not the model's output.",
        "zh": "one-hot 行描述的是目标，不是模型的输出。",
    },
    # 2
    "q2": {
        "en": "Three classes. How are the class-index targets written?",
        "zh": "有三个类别。类别索引形式的目标怎么写？",
    },
    "q2.a": {"en": "0, 1, 2", "zh": "0、1、2"},
    "q2.b": {"en": "1, 2, 3", "zh": "1、2、3"},
    "q2.c": {"en": "0, 1, -1 (the last class as -1)", "zh": "0、1、-1（用 -1 表示最后一个类别）"},
    "q2.d": {"en": 'the class names, such as "cat"', "zh": '类别名称，例如 "cat"'},
    "q2.why": {"en": "classes are counted from 0 to C - 1.", "zh": "类别从 0 数到 C - 1。"},
    "labels_from_one": {
        "en": "counting from 1 shifts every label, and the label 3 is out of range (an IndexError on the CPU).",
        "zh": "从 1 开始数会把每个标签都错开一位，而且标签 3 超出范围（在 CPU 上引发 IndexError）。",
    },
    "negative_label": {
        "en": "NumPy indexing silently reads -1 as the last class; PyTorch refuses it.",
        "zh": "NumPy 的索引会悄悄把 -1 当作最后一个类别；PyTorch 不接受它。",
    },
    "names_as_labels": {
        "en": "the loss needs integer indices (int64), not names.",
        "zh": "损失需要整数索引（int64），不是名称。",
    },
    # 3
    "q3": {
        "en": "A model gives all 10 classes the same probability. Its loss on any sample:",
        "zh": "一个模型给 10 个类别相同的概率。它在任意样本上的损失是：",
    },
    "q3.a": {"en": "0.1", "zh": "0.1"},
    "q3.b": {"en": "0", "zh": "0"},
    "q3.c": {"en": "ln 10 = 2.303", "zh": "ln 10 = 2.303"},
    "q3.d": {"en": "1", "zh": "1"},
    "q3.why": {"en": "-ln(1/10) = ln 10: the cost of guessing.", "zh": "-ln(1/10) = ln 10：这是瞎猜的代价。"},
    "loss_is_probability": {
        "en": "0.1 is the probability of the true class; the loss is minus its log.",
        "zh": "0.1 是真实类别的概率；损失是它的对数取负。",
    },
    "uniform_is_perfect": {
        "en": "an even spread is the least certain answer, not a perfect one.",
        "zh": "平均分配是最没有把握的回答，不是完美的回答。",
    },
    "log_base_ten": {
        "en": "log10(10) = 1, but the loss uses the natural log (nats).",
        "zh": "log10(10) = 1，但损失用的是自然对数（纳特）。",
    },
    # 4
    "q4": {
        "en": "Compare softmax([1, 2, 3]) with softmax([101, 102, 103]).",
        "zh": "比较 softmax([1, 2, 3]) 和 softmax([101, 102, 103])。",
    },
    "q4.a": {"en": "they are equal", "zh": "两者相等"},
    "q4.b": {"en": "the second gives class 2 more probability", "zh": "第二个给类别 2 更大的概率"},
    "q4.c": {"en": "the second is nan in every implementation", "zh": "第二个在任何实现中都是 nan"},
    "q4.d": {"en": "the second is closer to uniform", "zh": "第二个更接近均匀分布"},
    "q4.why": {
        "en": "adding the same number to every logit changes nothing; only differences count.",
        "zh": "给每个 logit 加上同一个数不改变任何结果；起作用的只有差。",
    },
    "shift_changes_softmax": {
        "en": "the gaps are the same (1 and 2), so the probabilities are too.",
        "zh": "两者的差相同（1 和 2），所以概率也相同。",
    },
    "softmax_always_overflows": {
        "en": "exp(103) is finite, and a stable softmax subtracts the max first: nothing overflows.",
        "zh": "exp(103) 是有限值，而且稳定的 softmax 先减去最大值：不会上溢。",
    },
    "big_logits_sharper": {
        "en": "the size of logits does not matter, their differences do.",
        "zh": "logits 的大小不重要，重要的是它们的差。",
    },
    # 5
    "q5": {
        "en": "One sample, probabilities p, true class y. The gradient of its loss with respect to the logits:",
        "zh": "一个样本，概率为 p，真实类别为 y。它的损失对 logits 的梯度是：",
    },
    "q5.a": {"en": "onehot(y) - p", "zh": "onehot(y) - p"},
    "q5.b": {"en": "p - onehot(y)", "zh": "p - onehot(y)"},
    "q5.c": {"en": "-1 / p_y for the true class, 0 for the others", "zh": "真实类别为 -1 / p_y，其余为 0"},
    "q5.d": {"en": "p", "zh": "p"},
    "q5.why": {
        "en": "gradient descent then raises the true class's logit and lowers the others.",
        "zh": "于是梯度下降会升高真实类别的 logit，降低其他的。",
    },
    "gradient_sign": {
        "en": "that is minus the gradient: the direction gradient descent moves.",
        "zh": "这是梯度取负：梯度下降移动的方向。",
    },
    "gradient_only_true_class": {
        "en": "that is the gradient with respect to p_y; through the softmax every logit gets a push.",
        "zh": "这是对 p_y 的梯度；经过 softmax，每个 logit 都会受到推动。",
    },
    "gradient_without_target": {
        "en": "the target must appear: the gradient is zero only when p = onehot(y).",
        "zh": "目标必须出现：只有 p = onehot(y) 时梯度才为零。",
    },
    # 6
    "q6": {"en": "When is one sample's loss exactly 0?", "zh": "什么时候一个样本的损失正好是 0？"},
    "q6.a": {"en": "when the true class has the highest probability", "zh": "当真实类别的概率最高时"},
    "q6.b": {"en": "when all logits are 0", "zh": "当所有 logits 都是 0 时"},
    "q6.c": {"en": "when the true class's logit is 0", "zh": "当真实类别的 logit 是 0 时"},
    "q6.d": {"en": "only when the true class has probability 1", "zh": "只有当真实类别的概率为 1 时"},
    "q6.why": {
        "en": "-log p_y is 0 only at p_y = 1; every other probability costs something.",
        "zh": "-log p_y 只在 p_y = 1 时为 0；其他概率都有代价。",
    },
    "loss_zero_when_right": {
        "en": "a right prediction (the highest probability) can still cost: p_y = 0.4 gives 0.916.",
        "zh": "预测正确（概率最高）仍然有代价：p_y = 0.4 时损失是 0.916。",
    },
    "zero_logits_perfect": {
        "en": "all-zero logits give a uniform softmax: the loss is ln C.",
        "zh": "logits 全为 0 时 softmax 是均匀分布：损失是 ln C。",
    },
    "true_logit_zero": {
        "en": "a logit of 0 says nothing by itself: only differences between logits count.",
        "zh": "logit 为 0 本身说明不了什么：起作用的只是 logits 之间的差。",
    },
    # 7
    "q7": {
        "en": 'A batch of 4 samples. How do reduction="sum" and reduction="mean" compare?',
        "zh": '一个批次有 4 个样本。reduction="sum" 和 reduction="mean" 的关系是：',
    },
    "q7.a": {"en": "they are equal", "zh": "两者相等"},
    "q7.b": {"en": "sum = 4 x mean", "zh": "sum = 4 x mean"},
    "q7.c": {"en": "mean = sum / (number of classes)", "zh": "mean = sum /（类别数）"},
    "q7.d": {
        "en": "sum adds the loss over the classes of each sample",
        "zh": "sum 把每个样本各个类别上的损失加起来",
    },
    "q7.why": {
        "en": "both reduce the 4 per-sample losses: the mean divides their sum by 4.",
        "zh": "两者都归约 4 个样本的损失：mean 把它们的和除以 4。",
    },
    "reduction_ignored": {
        "en": "the reduction changes the number, and so the size of every gradient step.",
        "zh": "归约方式会改变结果，从而改变每一步梯度的大小。",
    },
    "mean_over_classes": {
        "en": "the mean is over samples, not classes.",
        "zh": "平均是对样本求的，不是对类别。",
    },
    "sum_over_classes": {
        "en": "each sample already has one loss; sum adds the samples' losses.",
        "zh": "每个样本本来就只有一个损失；sum 把各样本的损失相加。",
    },
    # 8
    "q8": {
        "en": "5 classes, label_smoothing=0.1. The target probability of the true class:",
        "zh": "5 个类别，label_smoothing=0.1。真实类别的目标概率是：",
    },
    "q8.a": {"en": "0.9", "zh": "0.9"},
    "q8.b": {"en": "0.1", "zh": "0.1"},
    "q8.c": {"en": "0.92", "zh": "0.92"},
    "q8.d": {"en": "1.1", "zh": "1.1"},
    "q8.why": {
        "en": "(1 - 0.1) + 0.1 / 5 = 0.92: the uniform part goes to every class, the true one too.",
        "zh": "(1 - 0.1) + 0.1 / 5 = 0.92：均匀的那一部分分给每个类别，也包括真实类别。",
    },
    "smoothing_misses_uniform_part": {
        "en": "the true class also gets its share eps / C of the uniform part.",
        "zh": "真实类别也会分到均匀部分中的 eps / C。",
    },
    "smoothing_is_eps": {
        "en": "eps is the weight of the uniform part, not the true class's target.",
        "zh": "eps 是均匀部分的权重，不是真实类别的目标。",
    },
    "smoothing_adds_eps": {
        "en": "a target is a distribution: no probability exceeds 1.",
        "zh": "目标是一个概率分布：没有概率会超过 1。",
    },
    # 9
    "q9": {
        "en": "float32 logits z = [0, 200]. Class 0's log-probability from torch.log(torch.softmax(z, 0)) and from torch.log_softmax(z, 0):",
        "zh": "float32 的 logits z = [0, 200]。类别 0 的对数概率，用 torch.log(torch.softmax(z, 0)) 和 torch.log_softmax(z, 0) 分别算出：",
    },
    "q9.a": {"en": "-inf and -200", "zh": "-inf 和 -200"},
    "q9.b": {"en": "-200 and -200", "zh": "-200 和 -200"},
    "q9.c": {"en": "-inf and -inf", "zh": "-inf 和 -inf"},
    "q9.d": {"en": "+inf and -200", "zh": "+inf 和 -200"},
    "q9.why": {
        "en": "e^-200 underflows to 0 in float32, and log 0 = -inf; log_softmax subtracts instead: 0 - 200.",
        "zh": "e^-200 在 float32 中下溢为 0，而 log 0 = -inf；log_softmax 改用减法：0 - 200。",
    },
    "log_softmax_same": {
        "en": "the probability itself is already 0 in float32 before the log.",
        "zh": "在取对数之前，这个概率在 float32 中就已经是 0 了。",
    },
    "stable_always": {
        "en": "log_softmax never takes the log of a rounded-away probability: it stays finite.",
        "zh": "log_softmax 从不对被舍入掉的概率取对数：它始终是有限值。",
    },
    "underflow_is_overflow": {
        "en": "the tiny probability underflows to 0; nothing overflows to +inf.",
        "zh": "极小的概率下溢为 0；没有任何值上溢为 +inf。",
    },
    # 10
    "q10": {"en": "A loss of 0.693 nats, in bits:", "zh": "0.693 纳特的损失，换成比特是："},
    "q10.a": {"en": "0.480", "zh": "0.480"},
    "q10.b": {"en": "1.000", "zh": "1.000"},
    "q10.c": {"en": "0.301", "zh": "0.301"},
    "q10.d": {"en": "0.693: units do not change it", "zh": "0.693：单位不改变它"},
    "q10.why": {
        "en": "bits = nats / ln 2, and 0.693 = ln 2: one bit, a fair coin's surprise.",
        "zh": "比特 = 纳特 / ln 2，而 0.693 = ln 2：一比特，相当于抛一枚公平硬币的意外程度。",
    },
    "units_multiply": {
        "en": "that multiplies by ln 2; converting to bits divides by it.",
        "zh": "这是乘以 ln 2；换成比特要除以它。",
    },
    "bits_are_log10": {
        "en": "bits use log base 2, not base 10.",
        "zh": "比特用以 2 为底的对数，不是以 10 为底。",
    },
    "units_do_not_matter": {
        "en": "the same uncertainty is a different number in another log base.",
        "zh": "同样的不确定性，换一个对数的底就是另一个数。",
    },
}
TABLE = register("quiz", {f"quiz.{key}": texts for key, texts in TEXTS.items()})


def _say(key: str, **values) -> str:
    return TABLE.tr(f"quiz.{key}", **values)


def questions(which: str) -> str:
    """The ten questions and their options, as printed text."""
    lines = [_say("title", which=_say(which))]
    for n in ITEMS:
        lines.append(f"\n{n}. {_say(f'q{n}')}")
        lines += [f"   {letter}) {_say(f'q{n}.{letter}')}" for letter in LETTERS]
    lines.append("\n" + _say("how", which=which))
    return "\n".join(lines)


def score(which: str, answers: str) -> int:
    """Score ten letters against the key; each wrong pick names its misconception. Returns the score."""
    picks = [c for c in answers.lower() if not c.isspace()]
    if len(picks) != len(ITEMS) or any(c not in LETTERS for c in picks):
        raise ValueError(_say("bad_answers", count=len(picks), answers=answers))
    right, lines = 0, []
    for (n, item), pick in zip(ITEMS.items(), picks, strict=True):
        why = _say(f"q{n}.why")
        if pick == item.right:
            right += 1
            lines.append("\u2705 " + _say("right_line", n=n, letter=pick, why=why))
        else:
            misconception = _say(item.misconceptions[pick])
            lines.append(
                "\u274c "
                + _say("wrong_line", n=n, letter=pick, misconception=misconception, right=item.right, why=why)
            )
        record(f"quiz.{which}.{n}", "pass" if pick == item.right else "fail",
               None if pick == item.right else item.misconceptions[pick])  # fmt: skip
    print(_say("score", right=right, total=len(ITEMS)))
    print("\n".join(lines))
    return right


def quiz(which: str = "pre", answers: str | None = None) -> int | None:
    """quiz("pre") shows the questions; quiz("pre", "abcd...") scores ten answers (also "post")."""
    if which not in ("pre", "post"):
        raise ValueError(_say("bad_which", which=which))
    if answers is None:
        print(questions(which))
        return None
    if not answers.strip():
        print(_say("unanswered"))
        return None
    return score(which, answers)
