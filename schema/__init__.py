"""Strawberry declarations (types, inputs, enums, payloads); root.py composes the schema."""
