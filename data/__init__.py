"""Curated data shipped with milia-risk (read through importlib.resources)."""
