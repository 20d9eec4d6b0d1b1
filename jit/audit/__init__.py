"""Audit: the append-only, hash-chained, keyed log of every sensitive action."""
