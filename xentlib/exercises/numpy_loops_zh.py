"""Chinese texts of xentlib/exercises/numpy_loops.py, by message id."""

from ._common_zh import LOG10, SUM_NOT_MEAN

ZH = {
    "cross_entropy_loop.nudge": (
        "对每个样本做一遍你在笔记本 01 里对一个样本做过的事，边算边累加；别忘了一批样本的损失是平均值"
        "，不是总和。"
    ),
    "cross_entropy_loop.task": (
        "让 my_cross_entropy_loop(logits, labels) 用循环遍历各个样本，把每个样本真实类别概率的 -log 加起来，"
        "再返回平均值"
    ),
    "cross_entropy_loop.hint": (
        "for row, label in zip(logits, labels, strict=True): total += -np.log(softmax(row)[label])；然后 "
        "return total / len(labels)"
    ),
    "cross_entropy_loop.mistake.sum_instead_of_mean": SUM_NOT_MEAN,
    "cross_entropy_loop.fix.sum_instead_of_mean": "循环结束后，return total / len(labels)",
    "cross_entropy_loop.mistake.divides_by_the_classes": (
        "你除以的是类别数 C。平均是对样本求的：应除以行（标签）的个数。"
    ),
    "cross_entropy_loop.fix.divides_by_the_classes": "total / len(labels)",
    "cross_entropy_loop.mistake.divides_by_three": (
        "你除以了固定的 3。示例批次有 3 个样本，但这个批次更多：应除以传给你的批次的大小。"
    ),
    "cross_entropy_loop.fix.divides_by_three": "total / len(labels)",
    "cross_entropy_loop.mistake.replaces_instead_of_adding": (
        "你的结果里只有最后一个样本起了作用：循环每走一遍都把总和替换掉了，而不是累加上去。"
    ),
    "cross_entropy_loop.fix.replaces_instead_of_adding": "total += ...（而不是 total = ...）",
    "cross_entropy_loop.mistake.log10_instead_of_ln": LOG10,
    "cross_entropy_loop.fix.log10_instead_of_ln": "np.log 就是 ln",
    "cross_entropy_loop.case.0": "示例批次",
    "cross_entropy_loop.case.1": "一个样本",
    "cross_entropy_loop.case.1.note": "只有一个样本的批次：它的平均损失就是它自己的损失。",
    "cross_entropy_loop.case.2": "标签是 Python 列表",
    "cross_entropy_loop.case.3": "所有标签都是类别 0",
    "cross_entropy_loop.case.4": "标签都是最后一个类别",
    "cross_entropy_loop.case.5": "float32 的 logits",
    "cross_entropy_loop.case.6": "8 个随机样本，6 个类别",
    "true_class_probs.nudge": (
        "第 i 行是样本 i 的各类别概率，它的标签说明哪一列是真实类别。每一行要取出一个数：每次取的是"
        "哪一行、哪一列？"
    ),
    "true_class_probs.task": (
        "让 true_class_probs(probabilities, labels) 对每一行 i 取出元素 probabilities[i, labels[i]]，"
        "返回长度为 N 的数组"
    ),
    "true_class_probs.hint": (
        "用 enumerate(labels) 循环，或者一次索引两个轴：probabilities[np.arange(N), labels]"
    ),
    "true_class_probs.mistake.rows_by_label": (
        "你取出的是整行（第 labels[i] 行），所以得到了一个矩阵。任务要的是每个样本一个数：第 i 行中第 "
        "labels[i] 列的那个。"
    ),
    "true_class_probs.fix.rows_by_label": "每个样本一对索引：probabilities[i, labels[i]]",
    "true_class_probs.mistake.every_row_every_label": (
        "你对每一行都取了所有标签所在的列：得到一张 N x N 的表。第 i 行只和它自己的标签配对。"
    ),
    "true_class_probs.fix.every_row_every_label": (
        "对每个 i 取 probabilities[i, labels[i]]（或一次用两个索引数组）"
    ),
    "true_class_probs.mistake.largest_of_each_row": (
        "你取的是每行最大的概率。真实类别不一定是最可能的那个：应取标签所指的那一列。"
    ),
    "true_class_probs.fix.largest_of_each_row": "probabilities[i, labels[i]]",
    "true_class_probs.mistake.column_and_row_swapped": "行和列弄反了：标签决定列（类别），样本的位置决定行。",
    "true_class_probs.fix.column_and_row_swapped": "probabilities[i, labels[i]]，行在前",
    "true_class_probs.case.0": "示例批次的概率",
    "true_class_probs.case.1": "一个样本",
    "true_class_probs.case.2": "标签是 Python 列表",
    "true_class_probs.case.3": "同一个标签出现两次",
    "true_class_probs.case.4": "四个样本，两个类别",
    "cross_entropy_loop.mistake.returns_inside_the_loop": "你的函数在循环的第一轮就返回了：return 语句缩进到了循环里面，所以只算了第一个样本。等所有样本都加完，在循环结束之后再返回。",
    "cross_entropy_loop.fix.returns_inside_the_loop": "减少 return 的缩进，让它在循环结束后执行",
}
