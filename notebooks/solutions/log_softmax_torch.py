import torch


def log_softmax_torch(x):
    m = x.max(dim=1, keepdim=True).values
    shifted = x - m
    return shifted - torch.log(torch.exp(shifted).sum(dim=1, keepdim=True))
