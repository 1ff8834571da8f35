"""Profiles endpoints, one module per face or entity."""
