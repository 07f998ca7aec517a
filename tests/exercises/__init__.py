"""The exercises: the checker (engine) and every exercise's reference, mistakes and Chinese texts."""
