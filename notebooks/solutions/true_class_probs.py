import numpy as np


def true_class_probs(probabilities, labels):
    picked = []
    for i, label in enumerate(labels):
        picked.append(probabilities[i, label])
    return np.array(picked)
