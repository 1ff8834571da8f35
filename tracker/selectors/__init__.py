"""Reads for the tracker, one module per entity. Every queryset is scoped to its owner first."""
