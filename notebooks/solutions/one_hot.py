import numpy as np


def my_one_hot(labels, num_classes):
    return np.eye(num_classes)[labels]  # row c of the identity is the one-hot vector of class c
