"""Benchmarks (commands, not tests): `python -m tests.bench.markets` or `lingong bench`."""
