import numpy as np

from xentlib import softmax


def sample_loss(z, label):
    p = softmax(z)[label]  # the probability the model gives to the true class
    return -np.log(p)  # minus sign: log(p) <= 0, the loss is >= 0
