"""PyTorch as the oracle: the same call through torch.nn.functional, value and autograd gradient."""

import numpy as np
import torch
import torch.nn.functional as F

TOL = {np.float64: dict(rtol=1e-12, atol=1e-12), np.float32: dict(rtol=1e-6, atol=1e-6)}


def tolerance(dtype) -> dict:
    return TOL[np.dtype(dtype).type]


def torch_cross_entropy(input, target, **options):
    """(loss, d loss / d input) from torch; for reduction='none' the gradient of the sum."""
    x = torch.tensor(np.asarray(input), requires_grad=True)
    t = torch.tensor(np.asarray(target))
    if "weight" in options and options["weight"] is not None:
        options = {**options, "weight": torch.tensor(np.asarray(options["weight"]), dtype=x.dtype)}
    loss = F.cross_entropy(x, t, **options)
    loss.sum().backward()
    return loss.detach().numpy(), x.grad.numpy()


def torch_nll_loss(log_probs, target, **options):
    x = torch.tensor(np.asarray(log_probs))
    if options.get("weight") is not None:
        options = {**options, "weight": torch.tensor(np.asarray(options["weight"]), dtype=x.dtype)}
    return F.nll_loss(x, torch.tensor(np.asarray(target)), **options).numpy()
