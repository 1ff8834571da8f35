"""Insights endpoints, one module per area: skills (popular, custom), skill insights, progress."""
