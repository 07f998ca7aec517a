"""Notebook pytorch_building_blocks: log-softmax and NLL by hand, on tensors."""

from __future__ import annotations

from ._common import F32, LOG_OF_SOFTMAX, SUM_NOT_MEAN, seed
from .engine import Case, exercise


def _torch_seed():
    import torch

    z, y = seed()
    return torch, torch.from_numpy(z), torch.from_numpy(y)


@exercise(
    "log_softmax_torch",
    returns="tensor",
    nudge=(
        "log softmax is each logit minus the log of the sum of the exponentials of its row. Use the "
        "trick of notebook 04, shifting by the row's largest value, now with torch operations along "
        "the class dimension."
    ),
    task="make log_softmax_torch(x) return log softmax of a (N, C) tensor along dim=1, by hand, "
    "stable for logits of any size",
    hint="m = x.max(dim=1, keepdim=True).values; return x - m - torch.log(torch.exp(x - m).sum(dim=1, "
    "keepdim=True))",
    forbid=("log_softmax", "LogSoftmax", "logsumexp", "cross_entropy", "CrossEntropyLoss"),
)
def log_softmax_torch():
    torch, x, _ = _torch_seed()

    def reference(t):
        return torch.log_softmax(t, dim=1)

    cases = [
        Case("the seed logits", (x,)),
        Case("one sample", (x[:1],)),
        Case("float32 tensor", (x.float(),), **F32),
        Case("huge logits", (x * 1000,)),
        Case(
            "one row huge, one row very negative",
            (torch.tensor([[1000.0, 999.0, 998.0], [-1000.0, -1001.0, -1002.0]], dtype=torch.float64),),
        ),
        Case("a class 800 below the others", (torch.tensor([[0.0, 0.0, -800.0]], dtype=torch.float64),)),
    ]
    return reference, cases


@log_softmax_torch.mistake(
    "exp overflows to inf above 709.78 (float64): the row's sum is inf, its log too, and every entry "
    "of that row comes out -inf. Subtract each row's largest logit before exp, and add it back "
    "outside the log.",
    fix="m = x.max(dim=1, keepdim=True).values, then work with x - m",
)
def no_shift(x):
    import torch

    return x - torch.log(torch.exp(x).sum(dim=1, keepdim=True))


@log_softmax_torch.mistake(
    "You shifted by the largest logit of the whole tensor. A row far below it still underflows: all "
    "its exps are 0 and log(0) = -inf. Each row needs its own maximum (dim=1).",
    fix="x.max(dim=1, keepdim=True).values, not x.max()",
)
def global_max(x):
    import torch

    m = x.max()
    return x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))


@log_softmax_torch.mistake(LOG_OF_SOFTMAX, fix="x - m - torch.log(torch.exp(x - m).sum(dim=1, keepdim=True))")
def log_of_softmax(x):
    import torch

    e = torch.exp(x - x.max(dim=1, keepdim=True).values)
    return torch.log(e / e.sum(dim=1, keepdim=True))


@log_softmax_torch.mistake(
    "You worked along dim=0, down the batch. Each row is one sample and its C classes run along "
    "dim=1: normalise every row on its own.",
    fix="dim=1 in max and sum",
)
def over_dim_0(x):
    import torch

    m = x.max(dim=0, keepdim=True).values
    return x - m - torch.log(torch.exp(x - m).sum(dim=0, keepdim=True))


@log_softmax_torch.mistake(
    "Shapes (N, C) and (N,) do not line up: the row sums lose their dimension. Keep it (as a column "
    "of length 1) so that each row's value lines up with its row.",
    fix="keepdim=True in max and sum",
)
def without_keepdim(x):
    import torch

    m = x.max(dim=1).values
    return x - m - torch.log(torch.exp(x - m).sum(dim=1))


@exercise(
    "nll_torch",
    returns="tensor",
    labels=1,
    nudge=(
        "Negative log-likelihood takes the true class's log-probability in each row and averages "
        "their negatives. How do you pick one entry per row in torch, and what kind of object should "
        "come back?"
    ),
    task="make nll_by_hand(log_probs, target) return the mean of -log_probs[i, target[i]] over the "
    "batch, as a torch scalar",
    hint="pick each row's entry with log_probs[torch.arange(len(target)), target], then return -(...).mean()",
    forbid=("nll_loss", "NLLLoss", "cross_entropy", "CrossEntropyLoss"),
)
def nll_torch():
    torch, x, y = _torch_seed()

    def reference(log_probs, target):
        return torch.nn.functional.nll_loss(log_probs, target)

    log_p = torch.log_softmax(x, dim=1)
    cases = [
        Case("the seed batch", (log_p, y)),
        Case("one sample", (log_p[1:2], y[1:2])),
        Case("float32 log-probabilities", (log_p.float(), y), **F32),
        Case("labels 0 and 4", (log_p[:2], torch.tensor([0, 4]))),
        Case(
            "any numbers, not only log-probabilities",
            (torch.arange(12.0, dtype=torch.float64).reshape(3, 4) - 6, torch.tensor([3, 0, 1])),
        ),
        Case(
            "positive scores, which NLLLoss does not check",
            (torch.tensor([[1.0, 2.0], [3.0, 0.5]], dtype=torch.float64), torch.tensor([1, 0])),
            note="NLLLoss only negates and averages the entries you pick: positive entries give a "
            "negative loss, and only the minus sign gets that right.",
        ),
    ]
    return reference, cases


def _picked(log_probs, target):
    import torch

    return log_probs[torch.arange(len(target)), target]


@nll_torch.mistake(
    "Your loss is negative. Log-probabilities are at most 0; NLL is minus them, so it is at least 0.",
    fix="return -(...).mean(), with the minus",
)
def forgets_the_minus(log_probs, target):
    return _picked(log_probs, target).mean()


@nll_torch.mistake(
    "You made the result positive with abs() instead of negating it. On true log-probabilities the two "
    "agree, which is why abs() hides bugs: NLLLoss does not check its input, and on positive entries "
    "the loss is negative, which abs() turns into a wrong positive number.",
    fix="negate the picked entries: -(...).mean(), no abs()",
)
def abs_instead_of_the_minus(log_probs, target):
    return _picked(log_probs, target).mean().abs()


@nll_torch.mistake(SUM_NOT_MEAN, fix=".mean(), not .sum()")
def sum_instead_of_mean(log_probs, target):
    return -_picked(log_probs, target).sum()


@nll_torch.mistake(
    "You normalised the input again (log-softmax, or log of exp). NLL takes its input as given: it "
    "picks -input[i, target[i]] and averages, with no log and no softmax. On real log-probabilities "
    "normalising again changes nothing, which is why only the case with arbitrary numbers shows it.",
    fix="just pick and average: -log_probs[torch.arange(N), target].mean()",
)
def normalises_again(log_probs, target):
    import torch

    return -_picked(torch.log_softmax(log_probs, dim=1), target).mean()


@nll_torch.mistake(
    "You took the log of the log-probabilities. They are logs already (negative numbers, whose log "
    "is nan): NLL only picks and averages.",
    fix="no torch.log: -log_probs[torch.arange(N), target].mean()",
)
def takes_the_log_again(log_probs, target):
    import torch

    return -_picked(torch.log(log_probs), target).mean()


@nll_torch.mistake(
    "You averaged whole rows picked by the target (rows number target[i]). Pair row i with "
    "target[i]: one entry per sample.",
    fix="two index tensors: log_probs[torch.arange(N), target]",
)
def rows_by_target(log_probs, target):
    return -log_probs[target].mean()


@nll_torch.mistake(
    (
        "log_probs[:, target] takes, in every row, the columns of all the targets: an N x N block, not "
        "one entry per sample. Pair row i with target[i] only."
    ),
    fix="index the rows with 0..N-1 and the columns with target, together",
)
def every_row_every_target(log_probs, target):
    return -log_probs[:, target].mean()


@nll_torch.mistake(
    (
        "gather needs an index with as many dimensions as the input: target has shape (N,), log_probs "
        "(N, C). Give target a second axis of length 1 (unsqueeze), gather along dim 1, then drop that "
        "axis again."
    ),
    fix="log_probs.gather(1, target.unsqueeze(1)).squeeze(1)",
)
def gather_without_unsqueeze(log_probs, target):
    return -log_probs.gather(1, target).mean()
