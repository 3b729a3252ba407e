"""sitrep: turn footnoted reports, news and feeds into a sourced picture of who did what to whom.

The public API is small: read sources into documents, parse their notes, keep them in a store.
"""

from sitrep.model.citation import Citation, Marker, Note
from sitrep.model.document import Boilerplate, Document, Page
from sitrep.model.span import Span

__all__ = ["Boilerplate", "Citation", "Document", "Marker", "Note", "Page", "Span"]
__version__ = "0.1.0"
