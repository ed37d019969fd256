"""Operator written by the database (resolvers/compiled/texts.py): a market's operating
company on its public page. Serves frontend teams (the public app's market page)."""

from __future__ import annotations

from resolvers.compiled.texts import column, node_id, register

register("Operator", {"id": node_id("Operator"), "name": column("name")})
