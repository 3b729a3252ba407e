"""Extraction: a pipeline of named stages over one document (see ``pipeline``)."""
