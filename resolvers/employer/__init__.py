"""Behaviour of the employer domain: queries, mutations, loaders and business rules."""
