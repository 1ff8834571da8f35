"""Accounts endpoints (seeds 003 + 004, one implementation serving both), one module per area."""
