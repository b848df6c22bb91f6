"""Evaluations and benchmarks: ``python -m bench.<name>``, each printing its figures."""
