"""Piccolo tables, enums and migrations: the lowest layer, importing nothing else of ours."""
