"""Behaviour of the worker domain: queries, mutations, loaders and business rules."""
