"""Behaviour of the account domain: queries, mutations, loaders and business rules."""
