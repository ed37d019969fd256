"""Benchmarks (commands, not tests): `python -m tools.bench.markets` or `lingong bench`."""
