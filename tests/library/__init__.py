"""The NumPy library: every function against torch (the oracle), bad input, the teaching versions."""
