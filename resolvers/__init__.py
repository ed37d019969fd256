"""Behaviour: context, loaders, pagination, permissions and per-domain queries, mutations, services."""
