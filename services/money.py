"""Money as people read it: integer fen stored, yuan shown (one formatter for every domain)."""

from __future__ import annotations

from decimal import Decimal


def yuan(fen: int) -> str:
    """12345 → "123.45 元" (thousands separated)."""
    return f"{Decimal(fen).scaleb(-2):,.2f} 元"
