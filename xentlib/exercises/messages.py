"""The exercise checker's own sentences (engine.py), in English and Simplified Chinese.

An exercise's sentences (task, hint, diagnoses, case names) are in the content modules beside this one
(English) and their *_zh.py modules (Chinese); these are the engine's words around them.
"""

from ..i18n import register

MESSAGES = register(
    "checks",
    {
        "check.pass": {
            "en": "all {n} cases pass",
            "zh": "全部 {n} 个用例通过",
        },
        "check.todo": {
            "en": "not solved yet — {task}",
            "zh": "尚未完成——{task}",
        },
        "check.returned_none": {
            "en": "your function returned None: finish it with a `return`",
            "zh": "你的函数返回了 None：请用 `return` 语句把它写完",
        },
        "check.no_value": {
            "en": "write your number in place of None",
            "zh": "把 None 换成你预测的数",
        },
        "check.unknown_id": {
            "en": "there is no exercise with this id (known ids: {known})",
            "zh": "没有这个 id 的练习（已有的 id：{known}）",
        },
        "check.not_callable": {
            "en": "check() needs your function itself, got {what}; pass the name without calling it, "
            "e.g. check({id!r}, my_function)",
            "zh": "check() 需要的是你的函数本身，但得到的是 {what}；请只写函数名，不要调用它，"
            "例如 check({id!r}, my_function)",
        },
        "check.not_a_number": {
            "en": "check() needs a number here, got {what}",
            "zh": "check() 在这里需要一个数，但得到的是 {what}",
        },
        "check.raised": {
            "en": "case '{case}' raised {error}",
            "zh": "用例“{case}”抛出了 {error}",
        },
        "check.wrong": {
            "en": "case '{case}': {detail}",
            "zh": "用例“{case}”：{detail}",
        },
        "check.wrong_prediction": {
            "en": "{have} is not it",
            "zh": "{have} 不对",
        },
        "check.style": {
            "en": "the values are right, but your function {problem}",
            "zh": "数值是对的，但你的函数{problem}",
        },
        "check.uses_loop": {
            "en": "uses a Python loop (line {line} of the function)",
            "zh": "用了 Python 循环（函数的第 {line} 行）",
        },
        "check.calls_forbidden": {
            "en": "calls {name}, which is what this exercise asks you to write by hand",
            "zh": "调用了 {name}，而这个练习要你亲手写的正是它",
        },
        "check.more_help": {
            "en": "(stuck? hint({id!r}) has a nudge)",
            "zh": "（卡住了？hint({id!r}) 会给一点提示）",
        },
        "check.labels_shifted_down": {
            "en": "Your numbers are those of the class one below the true one: the labels were shifted down "
            "by one (label - 1), as when labels that already start at 0 are converted from 1-based a second "
            "time. Labels are class indices 0..C-1, the same numbers as the columns: use them as they are.",
            "zh": "你的结果对应的是比真实类别小 1 的那个类别：标签被整体减了 1（labels - 1），就像已经从 0 开始的标签又被"
            "当作从 1 开始的标签转换了一次。标签是类别索引 0..C-1，和列号是同一套编号：直接使用即可。",
        },
        "check.labels_shifted_up": {
            "en": "Your numbers are those of the class one above the true one: the labels were shifted up by "
            "one (label + 1), as when labels that start at 0 are taken for 1-based ones. Labels are class "
            "indices 0..C-1, the same numbers as the columns: use them as they are.",
            "zh": "你的结果对应的是比真实类别大 1 的那个类别：标签被整体加了 1（labels + 1），就像把从 0 开始的标签当成了"
            "从 1 开始的标签。标签是类别索引 0..C-1，和列号是同一套编号：直接使用即可。",
        },
        "check.not_a_tensor": {
            "en": "returned a {kind}, and the task asks for a torch tensor. "
            ".item() and NumPy arrays leave torch: autograd can no longer follow the result, and no "
            "backward() can reach the logits",
            "zh": "返回的是 {kind}，而题目要的是 torch 张量（tensor）。.item() 和 NumPy 数组都离开了 torch："
            "自动求导再也跟踪不到这个结果，backward() 也就传不回 logits",
        },
        "check.not_an_array": {
            "en": "returned a {kind}, and the task asks for a NumPy array, "
            "which the next line can compute with (a list of numbers cannot be added or averaged "
            "element by element)",
            "zh": "返回的是 {kind}，而题目要的是 NumPy 数组：后面的代码要拿它做运算"
            "（一个数的列表不能逐元素相加或求平均）",
        },
        "check.raised_explained": {
            "en": "{error}{where}. {meaning}",
            "zh": "{error}{where}。{meaning}",
        },
        "check.error_where": {
            "en": ", in line {line} of your function: {text}",
            "zh": "，出错的是你的函数的第 {line} 行：{text}",
        },
        "check.error_index": {
            "en": "An index ran past the end: index {index} on axis {axis}, which has only {size} entries "
            "(valid indices are 0 to {size} - 1). Check which axis the index is meant for and how long that "
            "axis really is",
            "zh": "索引越界了：在第 {axis} 轴上用了索引 {index}，而这一轴只有 {size} 个元素（有效索引是 0 到 {size} - 1）。"
            "检查这个索引本该用在哪一轴上，以及那一轴实际有多长",
        },
        "check.error_max_pair": {
            "en": "max(dim=...) and min(dim=...) in torch return a pair (values, indices), not a tensor: "
            "take its .values before you compute with it",
            "zh": "torch 的 max(dim=...) 和 min(dim=...) 返回的是一对结果（values, indices），而不是一个张量："
            "先取它的 .values，再拿来计算",
        },
        "check.error_broadcast": {
            "en": "Two arrays of shapes {shapes} cannot be combined entry by entry. A reduction that drops its "
            "axis (a sum or max without keepdims=True) or one over the wrong axis is the usual cause",
            "zh": "形状为 {shapes} 的两个数组无法逐元素组合。最常见的原因是归约时丢掉了那一轴（求和或求最大值时没有 "
            "keepdims=True），或者沿错了轴",
        },
        "check.error_tensor_sizes": {
            "en": "Two tensors whose sizes ({a} and {b}) do not fit together were combined entry by entry. "
            "A reduction that drops its dimension (without keepdim=True) or one over the wrong dim is the "
            "usual cause",
            "zh": "两个大小（{a} 和 {b}）不相配的张量被逐元素组合。最常见的原因是归约时丢掉了那一维"
            "（没有 keepdim=True），或者沿错了维",
        },
        "check.error_name": {
            "en": "The name {name} does not exist where your function runs: a typo, or a variable from another "
            "cell (or a notebook cell that was not run). A function should use its own arguments",
            "zh": "在你的函数运行的地方不存在名字 {name}：可能是拼写错误，也可能用到了另一个单元格里的变量（或者那个单元格还没有运行）。"
            "函数应该只用它自己的参数",
        },
        "check.error_attribute": {
            "en": "A {kind} has no {attr}: the value is not the kind of object you expected there (a NumPy "
            "array and a torch tensor, for one, have different methods)",
            "zh": "{kind} 没有 {attr}：这个值并不是你以为的那种对象（比如 NumPy 数组和 torch 张量的方法就不一样）",
        },
        "check.error_zero_division": {
            "en": "A division by zero: a count or a sum that you divide by is 0 in this case",
            "zh": "除以了零：在这个用例里，你用来做除数的个数或总和是 0",
        },
        "check.error_axis": {
            "en": "There is no axis {axis} here: the array has {ndim} dimension(s), so its axes are 0 to {ndim} - 1. "
            "axis=-1, the last axis, works for every shape",
            "zh": "这里没有第 {axis} 轴：这个数组只有 {ndim} 维，它的轴是 0 到 {ndim} - 1。axis=-1（最后一个轴）对任何形状都适用",
        },
        "check.error_index_other": {
            "en": "An index does not fit the array: check each index against the array's shape",
            "zh": "有一个索引和数组对不上：把每个索引和数组的形状逐一核对",
        },
        "check.error_type_other": {
            "en": "An operation got a kind of value it cannot work with: check what each variable holds there "
            "(a number, an array, a tensor, a pair)",
            "zh": "某个运算收到了它处理不了的那类值：检查那里每个变量装的是什么（一个数、一个数组、一个张量，还是一对结果）",
        },
        "check.error_value_other": {
            "en": "A value has the right type but not a usable shape or content: check the shapes there",
            "zh": "某个值的类型对，但形状或内容用不了：检查那里的形状",
        },
        "check.error_other": {
            "en": "Your function stopped with this error before it returned: read the line above",
            "zh": "你的函数还没返回就因为这个错误停下了：看看上面指出的那一行",
        },
        "check.more_help_stuck": {
            "en": "({n} tries in a row: hint({id!r}) has a nudge, and a second hint({id!r}) a code-level hint)",
            "zh": "（已经连续试了 {n} 次：hint({id!r}) 会给一点提示，再调用一次 hint({id!r}) 会给出代码提示）",
        },
        "check.nudge": {
            "en": "{text} (for a code-level hint, call hint({id!r}) again)",
            "zh": "{text}（想看代码提示，请再调用一次 hint({id!r})）",
        },
        "check.checker_failed": {
            "en": "the checker itself failed ({error}); please tell your teacher or open an issue",
            "zh": "检查程序本身出错了（{error}）；请告诉老师，或向项目报告这个问题",
        },
        "check.no_message": {
            "en": "(no message)",
            "zh": "（没有说明）",
        },
        "check.hint_header": {
            "en": "{text}",
            "zh": "{text}",
        },
        "check.hint_for_mistake": {
            "en": "for the mistake above: {fix}",
            "zh": "针对上面的错误：{fix}",
        },
        # how the pieces of a line are joined
        "check.failed": {
            "en": "{problem}. {diagnosis}",
            "zh": "{problem}。{diagnosis}",
        },
        "check.failed_alone": {
            "en": "{problem}.",
            "zh": "{problem}。",
        },
        "check.fail_line": {
            "en": "{text} {more_help}",
            "zh": "{text}{more_help}",
        },
        "check.bracket": {
            "en": " ({text})",
            "zh": "（{text}）",
        },
        # comparing values
        "check.expected_value": {
            "en": "expected {want}, got {have}",
            "zh": "应为 {want}，实际为 {have}",
        },
        "check.opposite_sign": {
            "en": "expected {want}, got {have}: the right size but the opposite sign",
            "zh": "应为 {want}，实际为 {have}：大小对，但符号相反",
        },
        "check.constant_factor": {
            "en": "expected {want}, got {have}: every value is {factor} times the expected one",
            "zh": "应为 {want}，实际为 {have}：每个值都是应有值的 {factor} 倍",
        },
        "check.same_for_every_input": {
            "en": "Your function returns the same value whatever its input: it looks like one case's answer "
            "typed in. Compute the result from the arguments.",
            "zh": "不管输入是什么，你的函数都返回同一个值：看起来像是把某个情形的答案直接写了进去。请根据参数计算结果。",
        },
        "check.rounded": {
            "en": "Your values are the right ones rounded to {digits} decimals. Round only what you print "
            "(an f-string or np.round in the print), never what you return.",
            "zh": "你的值是正确值四舍五入到 {digits} 位小数的结果。只在打印时取整（在 print 里用 f-string 或 np.round），"
            "返回的值不要取整。",
        },
        "check.factor_n": {
            "en": "{factor} is N, the number of samples here: most likely the losses were added up where "
            "their mean is meant.",
            "zh": "{factor} 正是 N，即这里的样本数：很可能是把损失加了起来，而这里要的是它们的平均值。",
        },
        "check.factor_one_over_n": {
            "en": "{factor} is 1/N (N = {n} samples): most likely a division by N once too often, or a mean "
            "where a sum is meant.",
            "zh": "{factor} 正是 1/N（N = {n} 个样本）：很可能多除了一次 N，或者在该求和的地方求了平均。",
        },
        "check.factor_c": {
            "en": "{factor} is C, the number of classes here: most likely a sum over the classes where one "
            "entry per row, or their mean, is meant.",
            "zh": "{factor} 正是 C，即这里的类别数：很可能是对类别求了和，而这里每行要的是一个元素，或者它们的平均值。",
        },
        "check.factor_one_over_c": {
            "en": "{factor} is 1/C (C = {c} classes): most likely a mean over the classes where their sum is meant.",
            "zh": "{factor} 正是 1/C（C = {c} 个类别）：很可能在该对类别求和的地方求了平均。",
        },
        "check.factor_log10": {
            "en": "{factor} is 1/ln 10: a log10 where the natural log ln is meant.",
            "zh": "{factor} 正是 1/ln 10：在该用自然对数 ln 的地方用了 log10。",
        },
        "check.factor_log2": {
            "en": "{factor} is 1/ln 2: a log2 (bits) where the natural log ln (nats) is meant.",
            "zh": "{factor} 正是 1/ln 2：在该用自然对数 ln（纳特）的地方用了 log2（比特）。",
        },
        "check.factor_ln2": {
            "en": "{factor} is ln 2: nats where bits are meant (divide by ln 2), or ln where log2 is meant.",
            "zh": "{factor} 正是 ln 2：在该用比特的地方给出了纳特（要除以 ln 2），或者在该用 log2 的地方用了 ln。",
        },
        "check.ratio": {
            "en": "expected {want}, got {have} ({factor} times as much)",
            "zh": "应为 {want}，实际为 {have}（是应有值的 {factor} 倍）",
        },
        "check.wrong_shape": {
            "en": "should return {what}, got shape {shape}",
            "zh": "应返回{what}，但得到的形状是 {shape}",
        },
        "check.a_number": {
            "en": "a single number",
            "zh": "单个数",
        },
        "check.an_array": {
            "en": "an array of shape {shape}",
            "zh": "形状为 {shape} 的数组",
        },
        "check.some_array": {
            "en": "an array",
            "zh": "一个数组",
        },
        "check.not_numbers": {
            "en": "should return {what}, but {error}",
            "zh": "应返回：{what}；可是{error}",
        },
        "check.not_numeric": {
            "en": "expected numbers, got {kind}",
            "zh": "得到的是 {kind}，不是数值",
        },
        "check.not_numeric_dtype": {
            "en": "expected numbers, got {kind} of dtype {dtype}",
            "zh": "得到的是 dtype 为 {dtype} 的 {kind}，不是数值",
        },
        "check.not_finite": {
            "en": "got {have}{where} where {want} was expected (overflow, or 0/0?)",
            "zh": "{where}得到 {have}，而应为 {want}（是上溢了，还是 0/0？）",
        },
        "check.at": {
            "en": " at {position}",
            "zh": "在{position} 处",
        },
        "check.at_position": {
            "en": "at {position} expected {want}, got {have}",
            "zh": "在{position} 处应为 {want}，实际为 {have}",
        },
        "check.not_float": {
            "en": "should return floats, got dtype {dtype}",
            "zh": "应返回浮点数，但得到的 dtype 是 {dtype}",
        },
    },
)
