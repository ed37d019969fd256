"""Benchmarks (commands, not tests): `lingong bench` (tools/bench/suite.py), `lingong load`."""
