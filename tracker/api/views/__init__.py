"""Tracker endpoints (seed 003 plus calendar and CSV), one module per area. Each view: parse → one service or selector → serialize.

Objects are always looked up through the owner-scoped selectors before a body is validated,
so someone else's object is a 404 whatever the body says.
"""
