"""Chinese texts of xentlib/exercises/training_a_classifier.py, by message id."""

BLOBS = "30 个团状（blob）数据点，3 个类别"
ONE_POINT = "一个数据点"
BIAS = "偏置（bias）起作用的情形"
SEVEN = "7 个数据点，5 个特征，4 个类别"

ZH = {
    "predict_classes.nudge": (
        "预测的类别就是 logit 最大的那个类别（softmax 不会改变哪个最大）。先算出所有行的 "
        "logits，再找出每一行最大值的位置。"
    ),
    "predict_classes.task": (
        "让 my_predict(X, W, b) 返回 X 每一行的预测类别：它最大 logit 的索引，其中 logits 为 XW + b"
    ),
    "predict_classes.hint": "np.argmax(X @ W + b, axis=1)：每行一个类别（axis=1 遍历的是类别）",
    "predict_classes.mistake.argmax_over_rows": (
        "你是沿列（第 0 轴）取的 argmax：对每个类别找 logit 最大的那一行。一个点的预测是它自己那一行中最大 "
        "logit 所在的位置。"
    ),
    "predict_classes.fix.argmax_over_rows": "np.argmax(..., axis=1)",
    "predict_classes.mistake.the_largest_logit": (
        "你返回的是最大的 logit 本身。预测类别是最大 logit 所在的位置，即它的列索引。"
    ),
    "predict_classes.fix.the_largest_logit": "用 argmax，而不是 max",
    "predict_classes.mistake.forgets_the_bias": (
        "少了偏置：logits 是 X @ W 加上 b，单是 b 就可能改变哪个类别胜出。"
    ),
    "predict_classes.fix.forgets_the_bias": "np.argmax(X @ W + b, axis=1)",
    "predict_classes.mistake.one_based_classes": (
        "每个预测的类别都大了 1：类别是从 1 开始编号的。类别索引从 0 到 C-1，和 logits 的列号以及用来比较的标签是同一套编号。"
    ),
    "predict_classes.fix.one_based_classes": "argmax 本身就是类别索引：不要再给它加任何数",
    "predict_classes.case.0": BLOBS,
    "predict_classes.case.1": ONE_POINT,
    "predict_classes.case.2": BIAS,
    "predict_classes.case.3": SEVEN,
    "accuracy.nudge": (
        "把每个预测的类别和它的标签比较：每一行得到一个“对”或“错”。准确率就是“对”所占的比例，一个介"
        "于 0 和 1 之间的数。"
    ),
    "accuracy.task": "让 my_accuracy(X, y, W, b) 返回预测类别等于标签的行所占的比例（0 到 1 之间）",
    "accuracy.hint": "predicted = np.argmax(X @ W + b, axis=1)；return np.mean(predicted == y)",
    "accuracy.mistake.percentage": "这是百分数（比例的 100 倍）。任务要的是 0 到 1 之间的比例。",
    "accuracy.fix.percentage": "np.mean(predicted == y)，不要 * 100",
    "accuracy.mistake.count_of_correct": "这是预测正确的行数。比例要再除以总行数。",
    "accuracy.fix.count_of_correct": "np.mean(predicted == y)",
    "accuracy.mistake.error_rate": "这是错误率，即预测错误的比例：准确率（accuracy）数的是预测正确的。",
    "accuracy.fix.error_rate": "np.mean(predicted == y)",
    "accuracy.case.0": BLOBS,
    "accuracy.case.1": ONE_POINT,
    "accuracy.case.2": BIAS,
    "accuracy.case.3": SEVEN,
    "weight_gradient.nudge": (
        "链式法则：损失通过 logits XW + b 依赖于 W。损失对 logits 的梯度你在笔记"
        "本 08 里已经知道了。每个 logit 怎样依赖于权重？哪两个形状相乘才能得到 W 的形状？"
    ),
    "weight_gradient.task": (
        "让 weight_gradient(W, b, X, y) 返回 dL/dW = X^T G，其中 G = (softmax(XW + b) - onehot(y)) / N，"
        "结果是与 W 形状相同的数组"
    ),
    "weight_gradient.hint": (
        "G = softmax(X @ W + b, axis=1)；G[np.arange(N), y] -= 1；G /= N；return X.T @ G（形状 (D, N) @ (N, "
        "C) = (D, C)）"
    ),
    "weight_gradient.mistake.forgets_to_divide_by_n": (
        "每个值都大了 N 倍（N 是数据点数）：这是求和损失的梯度。平均损失会把每个点的那一份除以 N。"
    ),
    "weight_gradient.fix.forgets_to_divide_by_n": "在 X.T @ G 之前先 G /= N",
    "weight_gradient.mistake.transposed": (
        "你的结果形状是 (C, D)，是 W 的转置。dL/dW 与 W 形状相同，为 (D, C)：特征沿行，类别沿列；相乘时要让 "
        "N 个样本被求和消去。"
    ),
    "weight_gradient.fix.transposed": "X.T @ G：(D, N) @ (N, C) = (D, C)",
    "weight_gradient.mistake.logits_instead_of_probabilities": (
        "该用概率的地方你用了 logits：损失对 logits 的梯度是 logits 的 softmax 减去独热（one-hot）目标。"
    ),
    "weight_gradient.fix.logits_instead_of_probabilities": "G = softmax(X @ W + b, axis=1) - one_hot",
    "weight_gradient.mistake.opposite_sign": (
        "符号反了：你的结果是权重应当移动的方向，即梯度的相反数。梯度本身是概率减去独热向量。"
    ),
    "weight_gradient.fix.opposite_sign": "softmax 减独热向量，而不是反过来",
    "weight_gradient.case.0": BLOBS,
    "weight_gradient.case.1": ONE_POINT,
    "weight_gradient.case.2": BIAS,
    "weight_gradient.case.3": SEVEN,
    "training_loop_bugs.nudge": (
        "把这个循环和笔记本里的循环逐行对照：损失函数要的输入是什么？两次反向传播之间，"
        "存放在 .grad 里的梯度会发生什么？"
    ),
    "training_loop_bugs.task": (
        "删掉 train(X, y, steps, lr) 中 raise 那一行，运行检查，然后找出并修正两个错误，"
        "使它的损失与正确的训练过程一致"
    ),
    "training_loop_bugs.hint": (
        "cross_entropy 要的是原始 logits，即 F.cross_entropy(model(X), y)，因为它自己会做 log-softmax；"
        "并且每一步都要在 loss.backward() 之前调用 model.zero_grad()"
    ),
    "training_loop_bugs.mistake.as_given": (
        "这是原样给出的循环的损失：它们在远高于这个模型能达到的水平上就不再下降了。有两处错误。看看传给 "
        "cross_entropy 的是什么，再看看每个参数的 .grad 从一步到下一步发生了什么。"
    ),
    "training_loop_bugs.mistake.softmax_twice": (
        "损失停在远高于正确训练所达到的水平（比较最后几个值）：输出经过了两次 softmax。cross_entropy "
        "会对它收到的东西做 log-softmax，所以它要的是原始 logits；先被压缩到 [0, 1] 之后，"
        "它们就再也表达不出置信程度了。"
    ),
    "training_loop_bugs.fix.softmax_twice": "F.cross_entropy(model(X), y)，前面不加 softmax",
    "training_loop_bugs.mistake.gradients_pile_up": (
        "损失先快速下降，然后来回摆动或者又爬回去：backward 会把梯度累加到 .grad 上，直到有代码把它清零，"
        "所以每一步都是用之前所有梯度之和在推动参数。每一步清零一次梯度。"
    ),
    "training_loop_bugs.fix.gradients_pile_up": "在 loss.backward() 之前调用 model.zero_grad()",
    "training_loop_bugs.mistake.cleared_too_late": (
        "更新时找不到梯度（p.grad 是 None，所以出现 TypeError）：梯度在 backward 和更新之间被清零了，"
        "还没用上就被扔掉了。改为在 backward 之前清零。"
    ),
    "training_loop_bugs.fix.cleared_too_late": "在 loss.backward() 之前清零，而不是在 backward 和更新之间",
    "training_loop_bugs.case.0": "60 个数据点，3 个类别，50 步",
    "training_loop_bugs.case.1": "60 个数据点，4 个类别，40 步",
}
