"""GraphQL declarations for the worker domain."""
