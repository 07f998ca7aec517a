"""The notebooks, run top to bottom in a fresh kernel, unsolved and solved, in both editions."""
