"""Exports: sitrep's facts in the formats other tools read (PLOVER JSONL today)."""
