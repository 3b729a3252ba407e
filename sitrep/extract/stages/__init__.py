"""Extraction stages, one module each."""
