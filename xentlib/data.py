"""The worked example from the original post: three samples, five classes, labels 1, 2 and 3."""

import numpy as np

#: Raw network outputs (logits) for three samples over five classes.
SEED_LOGITS = np.array(
    [
        [0.093, 0.1939, -1.0649, 0.4476, -2.0769],
        [-1.8024, 0.3696, 0.7796, -1.0346, 0.473],
        [0.5593, -2.5067, -2.1275, 0.5548, -1.6639],
    ]
)

#: The true class of each sample.
SEED_LABELS = np.array([1, 2, 3])

#: Mean cross-entropy of SEED_LOGITS and SEED_LABELS, as float64 prints it.
SEED_LOSS = 1.0155949508195155

for _array in (SEED_LOGITS, SEED_LABELS):
    _array.setflags(write=False)  # shared by every notebook: nobody may change it by accident
