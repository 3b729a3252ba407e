"""Value objects shared by every layer: documents, spans, notes and citations."""
