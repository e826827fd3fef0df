"""Benchmarks of techbridge: each prints its figures beside the baseline it must beat."""
