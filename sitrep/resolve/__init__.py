"""The picture across documents: actors resolved to canonical actors, the same event from many
sources joined into one incident. Derived tables, rebuilt whole from the facts and the user's decisions."""
