"""The store's one schema, as SQLAlchemy Core tables that run on SQLite and PostgreSQL alike.

Provenance pattern. Every fact sitrep writes points back at the words that support it:

- a document's text is stored once, exactly as read; every offset anywhere is a half-open
  ``[start, end)`` character range into ``documents.text`` and never changes;
- ``sentences`` are the passages later facts point at; ``markers`` tie an in-text ``[n]`` to its
  sentence (``sentence_id``) and, through ``(document_id, number)``, to ``notes``, whose
  ``citations`` are the published sources behind it;
- every later fact row (mentions, events, actors' aliases, relations, statements) carries
  ``document_id`` + ``start``/``end`` (its span in the text). The sentences containing that span
  give the passage, and the markers inside those sentences → notes → citations give its sources,
  so "which footnote supports this?" is a join, never a copy.

Rules the tables follow, so that the next migrations can follow them too:

- children of ``documents`` cascade on delete: deleting a document removes all it carries;
- each table that mirrors a tuple of the model has ``seq``, the item's position in that tuple, so
  that a stored reading comes back exactly as it was written;
- portable types only (``JSON``, ``Date``, ``DateTime(timezone=True)``, ``Text``); strings that
  are indexed or keyed have an explicit length; names come from the naming convention below.

Extraction's facts (revision 0002) follow the same rules. A document's facts are replaced whole
(``Store.replace_extraction``), so they carry no ids of their own that anything outside relies on,
except ``events.id``: a hash of the document id, the trigger's span and the type, the same each time
the same event is extracted. An actor as one passage names it (``ActorRef``) is an ``actors`` row
(who: name, kind, country, pack id, title, origin) plus an ``actor_mentions`` row (which words);
events, relations and quotes point at both.
"""

from __future__ import annotations

import sqlalchemy as sa

NAMING_CONVENTION: dict[str, str] = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)

ID_LENGTH = 64  # document ids are 32 hex chars today; room for a longer hash later
PRECISION_LENGTH = 8  # day | week | month | year

RUN_RUNNING = "running"
RUN_FINISHED = "finished"


def _document_fk(*, nullable: bool = False) -> sa.Column[str]:
    return sa.Column(
        "document_id",
        sa.String(ID_LENGTH),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        nullable=nullable,
    )


def _optional_span(prefix: str) -> list[sa.Column[int] | sa.CheckConstraint]:
    """Nullable ``{prefix}start``/``{prefix}end``: both null, or a span."""
    start, end = f"{prefix}start", f"{prefix}end"
    return [
        sa.Column(start, sa.Integer, nullable=True),
        sa.Column(end, sa.Integer, nullable=True),
        sa.CheckConstraint(
            sa.or_(
                sa.and_(sa.column(start).is_(None), sa.column(end).is_(None)),
                sa.and_(sa.column(start) >= 0, sa.column(end) >= sa.column(start)),
            ),
            name=f"{prefix}span",
        ),
    ]


def _span(prefix: str = "") -> list[sa.Column[int] | sa.CheckConstraint]:
    """``start``/``end`` columns (optionally prefixed) and the check that they form a span."""
    start, end = f"{prefix}start", f"{prefix}end"
    return [
        sa.Column(start, sa.Integer, nullable=False),
        sa.Column(end, sa.Integer, nullable=False),
        sa.CheckConstraint(
            sa.and_(sa.column(start) >= 0, sa.column(end) >= sa.column(start)),
            name=f"{prefix}span",
        ),
    ]


ingest_runs = sa.Table(
    "ingest_runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("command", sa.Text, nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("new_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("known_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("failed_count", sa.Integer, nullable=False, server_default="0"),
    sa.Column("status", sa.String(16), nullable=False),
)

ingest_failures = sa.Table(
    "ingest_failures",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("error_kind", sa.String(64), nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(ID_LENGTH), primary_key=True),
    # Not indexed: sources can be URLs of any length; looking one up by name is rare (resolve_document).
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("media_type", sa.String(255), nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.Date, nullable=True),
    # Readers do not report it yet; kept so that a day/month/year date is never mistaken for exact.
    sa.Column("published_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("publisher", sa.Text, nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("char_count", sa.Integer, nullable=False),
    # The notes section's span; both null when the document has none.
    sa.Column("notes_start", sa.Integer, nullable=True),
    sa.Column("notes_end", sa.Integer, nullable=True),
    sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False, index=True),
    sa.Column(
        "run_id", sa.Integer, sa.ForeignKey("ingest_runs.id", ondelete="SET NULL"), nullable=True, index=True
    ),
    sa.CheckConstraint(
        sa.or_(
            sa.and_(sa.column("notes_start").is_(None), sa.column("notes_end").is_(None)),
            sa.and_(sa.column("notes_start") >= 0, sa.column("notes_end") >= sa.column("notes_start")),
        ),
        name="notes_span",
    ),
)

pages = sa.Table(
    "pages",
    metadata,
    sa.Column(
        "document_id",
        sa.String(ID_LENGTH),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
)

boilerplate = sa.Table(
    "boilerplate",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    # Position in Reading.boilerplate (what extraction skips); null if only the reader marked it.
    sa.Column("seq", sa.Integer, nullable=True),
    # Position in Document.boilerplate (what the reader marked); null if only cleaning found it.
    sa.Column("reader_seq", sa.Integer, nullable=True),
    sa.Column("kind", sa.String(32), nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index(None, "document_id", "start"),
    sa.CheckConstraint(
        sa.or_(sa.column("seq").is_not(None), sa.column("reader_seq").is_not(None)), name="listed"
    ),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.UniqueConstraint("document_id", "seq"),
    sa.Index(None, "document_id", "start"),
)

notes = sa.Table(
    "notes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.UniqueConstraint("document_id", "number"),
)

citations = sa.Table(
    "citations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("note_number", sa.Integer, nullable=False),
    # Position among its note's citations.
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("idx", sa.Integer, nullable=False),
    *_span(),
    sa.Column("raw", sa.Text, nullable=False),
    sa.Column("authors", sa.JSON, nullable=False),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("outlet", sa.Text, nullable=True),
    sa.Column("date", sa.Date, nullable=True),
    sa.Column("date_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("url", sa.Text, nullable=True),
    sa.Column("commentary", sa.Text, nullable=True),
    sa.ForeignKeyConstraint(
        ["document_id", "note_number"], ["notes.document_id", "notes.number"], ondelete="CASCADE"
    ),
    sa.UniqueConstraint("document_id", "note_number", "idx"),
)

markers = sa.Table(
    "markers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    # No foreign key to notes: a marker whose note is missing is kept (the citation audit reports it).
    sa.Column("number", sa.Integer, nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    *_span(),
    *_span("sentence_"),
    # The stored sentence that carries the marker; null when none contains it.
    sa.Column(
        "sentence_id",
        sa.Integer,
        sa.ForeignKey("sentences.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    ),
    sa.UniqueConstraint("document_id", "seq"),
    sa.Index(None, "document_id", "number"),
)

# -- extraction (revision 0002) ---------------------------------------------------------------

KIND_LENGTH = 32
KEY_LENGTH = 255  # pack ids, labels, origins ("pack:NAME")


def _sentence_fk() -> sa.Column[int]:
    """The stored sentence that holds a fact's sentence span; null when none does."""
    return sa.Column(
        "sentence_id",
        sa.Integer,
        sa.ForeignKey("sentences.id", ondelete="SET NULL"),
        nullable=True,
        index=True,
    )


def _actor_fks(prefix: str, *, nullable: bool) -> list[sa.Column[int]]:
    """``{prefix}actor_id`` (who) and ``{prefix}mention_id`` (which words) of one actor reference."""
    return [
        sa.Column(
            f"{prefix}actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"),
            nullable=nullable, index=True,
        ),
        sa.Column(
            f"{prefix}mention_id", sa.Integer, sa.ForeignKey("actor_mentions.id", ondelete="CASCADE"),
            nullable=nullable, index=True,
        ),
    ]


extractions = sa.Table(
    "extractions",
    metadata,
    # One row per extracted document: "extracted, found nothing" differs from "never extracted".
    sa.Column(
        "document_id",
        sa.String(ID_LENGTH),
        sa.ForeignKey("documents.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("extracted_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("stages", sa.JSON, nullable=False),  # the pipeline's stage names, when known
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(KIND_LENGTH), nullable=False),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("label", sa.String(KEY_LENGTH), nullable=True),
    sa.Column("key", sa.String(KEY_LENGTH), nullable=True),
    sa.UniqueConstraint("document_id", "seq"),
)

actors = sa.Table(
    "actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(KIND_LENGTH), nullable=True),
    sa.Column("country", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("pack_id", sa.String(KEY_LENGTH), nullable=True, index=True),  # ActorRef.actor_id
    sa.Column("role", sa.Text, nullable=True),  # a person's title
    sa.Column("origin", sa.String(KEY_LENGTH), nullable=False),
    sa.Index(None, "document_id", "name"),
)

actor_mentions = sa.Table(
    "actor_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    _document_fk(),
    # Position in Extraction.actors; null for an actor only an event, relation or quote names.
    sa.Column("seq", sa.Integer, nullable=True),
    *_span(),
    sa.Column("text", sa.Text, nullable=False),
    sa.Index(None, "document_id", "start"),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(ID_LENGTH), primary_key=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(KIND_LENGTH), nullable=False, index=True),
    sa.Column("mode", sa.String(KIND_LENGTH), nullable=True),
    sa.Column("acled_event_type", sa.String(KEY_LENGTH), nullable=True),
    sa.Column("acled_sub_event_type", sa.String(KEY_LENGTH), nullable=True),
    sa.Column("trigger", sa.Text, nullable=False),
    *_span("trigger_"),
    *_span("sentence_"),
    _sentence_fk(),
    sa.Column("weapon", sa.Text, nullable=True),
    # The date as the text gives it; all null when the text gives none.
    sa.Column("date_value", sa.Date, nullable=True, index=True),
    sa.Column("date_end", sa.Date, nullable=True),
    sa.Column("date_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("date_kind", sa.String(16), nullable=True),
    sa.Column("date_text", sa.Text, nullable=True),
    sa.Column("date_future", sa.Boolean, nullable=True),
    *_optional_span("date_text_"),  # where date_text lies
    # The place; all null when the text gives none.
    sa.Column("place_text", sa.Text, nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_admin1", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("place_lat", sa.Float, nullable=True),
    sa.Column("place_lon", sa.Float, nullable=True),
    sa.Column("place_precision", sa.Integer, nullable=True),
    sa.Column("place_geonameid", sa.Integer, nullable=True),
    sa.Column("place_feature_code", sa.String(16), nullable=True),
    sa.Column("place_source", sa.String(KIND_LENGTH), nullable=True),
    *_optional_span("place_text_"),
    # The most conservative figure of each kind, for filtering and sorting; every Quantity as found
    # (with its span, "at least", unit) is in ``quantities``.
    sa.Column("killed", sa.Float, nullable=True),
    sa.Column("injured", sa.Float, nullable=True),
    sa.Column("arrested", sa.Float, nullable=True),
    sa.Column("size", sa.Float, nullable=True),
    sa.Column("money", sa.Float, nullable=True),
    sa.Column("quantities", sa.JSON, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("notes", sa.JSON, nullable=False),  # note numbers
    sa.Column("context", sa.JSON, nullable=False),
    # text | citation (revision 0003): stated by the document, or by the title of a source it cites
    sa.Column("origin", sa.String(KIND_LENGTH), nullable=False, server_default="text"),
    # The building or street within the place (Event.site, revision 0003): its words, kept as text.
    sa.Column("site_text", sa.Text, nullable=True),
    sa.Column("site_start", sa.Integer, nullable=True),
    sa.Column("site_end", sa.Integer, nullable=True),
    sa.UniqueConstraint("document_id", "seq"),
)

# The fields of Event.date and Event.place that events stores as ``date_FIELD`` and ``place_FIELD``.
DATE_FIELDS: tuple[str, ...] = ("value", "end", "precision", "kind", "text", "future")
PLACE_FIELDS: tuple[str, ...] = (
    "text", "name", "admin1", "country", "lat", "lon", "precision", "geonameid", "feature_code", "source",
)

EVENT_ROLES: tuple[str, ...] = ("actor", "recipient", "claimed_by", "attributed_to", "attributed_by")

event_roles = sa.Table(
    "event_roles",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "event_id", sa.String(ID_LENGTH), sa.ForeignKey("events.id", ondelete="CASCADE"), nullable=False
    ),
    sa.Column("role", sa.String(16), nullable=False),  # one of EVENT_ROLES
    # Position in its tuple (Event.actors, …); attributed_to and attributed_by of one Attribution share it.
    sa.Column("position", sa.Integer, nullable=False),
    *_actor_fks("", nullable=False),
    sa.Column("text", sa.Text, nullable=True),  # Attribution.text, on attributed_to rows
    sa.UniqueConstraint("event_id", "role", "position"),
)

relations = sa.Table(
    "relations",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    *_actor_fks("source_", nullable=False),
    sa.Column("type", sa.String(KIND_LENGTH), nullable=False, index=True),
    *_actor_fks("target_", nullable=False),
    *_span(),
    *_span("sentence_"),
    _sentence_fk(),
    sa.Column("notes", sa.JSON, nullable=False),
    sa.Column("origin", sa.String(KEY_LENGTH), nullable=False),  # text | pack:NAME
    sa.UniqueConstraint("document_id", "seq"),
)

quotes = sa.Table(
    "quotes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    _document_fk(),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    *_span(),
    *_span("sentence_"),
    _sentence_fk(),
    *_actor_fks("speaker_", nullable=True),
    sa.Column("notes", sa.JSON, nullable=False),
    sa.UniqueConstraint("document_id", "seq"),
)


# --- The picture across documents (revision 0003) ---------------------------------------------
#
# Derived tables, rebuilt whole from the facts above and the user's ``decisions`` by
# ``sitrep.resolve`` (never edited by hand): ``canonical_actors`` (one row per actor across the
# store) and ``actor_links`` (which canonical actor each ``actors`` row is, by which rule, with the
# evidence); ``incidents`` (one event as all sources report it) and ``incident_events`` (its
# reports, with the reason each joined). ``decisions`` is the user's own data (merge/split of
# actors or events): it survives every rebuild and is applied last.

canonical_actors = sa.Table(
    "canonical_actors",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # Stable identity across rebuilds: "pack:ID", "person:FOLDED NAME", "group:FOLDED NAME", …
    sa.Column("key", sa.String(KEY_LENGTH), nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("kind", sa.String(KIND_LENGTH), nullable=True),
    sa.Column("country", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("pack_id", sa.String(KEY_LENGTH), nullable=True, index=True),
)

actor_links = sa.Table(
    "actor_links",
    metadata,
    sa.Column(
        "actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "canonical_id",
        sa.Integer,
        sa.ForeignKey("canonical_actors.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("rule", sa.String(KIND_LENGTH), nullable=False),  # pack | same_name | alias | … | user
    sa.Column("evidence", sa.Text, nullable=False),  # why, in words
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # Stable identity across rebuilds: the id of its earliest-stored report (events.id).
    sa.Column("key", sa.String(ID_LENGTH), nullable=False, unique=True),
    sa.Column("type", sa.String(KIND_LENGTH), nullable=False, index=True),
    sa.Column("mode", sa.String(KIND_LENGTH), nullable=True),
    sa.Column("date_value", sa.Date, nullable=True, index=True),
    sa.Column("date_end", sa.Date, nullable=True),
    sa.Column("date_precision", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("place_name", sa.Text, nullable=True),
    sa.Column("place_admin1", sa.Text, nullable=True),
    sa.Column("place_country", sa.String(PRECISION_LENGTH), nullable=True),
    sa.Column("place_lat", sa.Float, nullable=True),
    sa.Column("place_lon", sa.Float, nullable=True),
    sa.Column("place_precision", sa.Integer, nullable=True),
    # The most conservative figure of each kind across the reports (ACLED's rule).
    sa.Column("killed", sa.Float, nullable=True),
    sa.Column("injured", sa.Float, nullable=True),
    sa.Column("sources", sa.Integer, nullable=False),  # independent sources
    sa.Column("reliability", sa.String(1), nullable=True),  # Admiralty A-F of the best source
    sa.Column("credibility", sa.Integer, nullable=True),  # Admiralty 1-6
    sa.Column("contradictions", sa.JSON, nullable=False),  # field -> [{value, sources}]
)

incident_events = sa.Table(
    "incident_events",
    metadata,
    sa.Column(
        "event_id", sa.String(ID_LENGTH), sa.ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "incident_id",
        sa.Integer,
        sa.ForeignKey("incidents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    sa.Column("reason", sa.Text, nullable=False),  # why this report joined, in words
)

decisions = sa.Table(
    "decisions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("subject", sa.String(16), nullable=False),  # actor | event
    sa.Column("action", sa.String(16), nullable=False),  # merge | split
    sa.Column("a", sa.Text, nullable=False),  # actor: canonical key or name; event: events.id
    sa.Column("b", sa.Text, nullable=True),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("note", sa.Text, nullable=True),
)

# Indexes for the analyst's queries over incidents (revision 0004, ``sitrep.analysis``). Timelines,
# trends and alerts read them alone, in their order, never the table's rows (a million incidents
# are counted in a fraction of a second): "dates" holds every column their filters and counts need,
# in date order; "types" the same for one type; "places" one type by country, province and date,
# for alerts per place.
_COUNTED = (incidents.c.date_value, incidents.c.date_end, incidents.c.date_precision)
_FILTERED = (incidents.c.killed, incidents.c.place_country, incidents.c.place_admin1, incidents.c.place_name)
sa.Index("ix_incidents_dates", *_COUNTED, incidents.c.type, *_FILTERED)
sa.Index("ix_incidents_types", incidents.c.type, *_COUNTED, *_FILTERED)
sa.Index("ix_incidents_places", incidents.c.type, incidents.c.place_country, incidents.c.place_admin1,
         *_COUNTED)
# Ranges that began long before a timeline's first day but reach into it.
sa.Index("ix_incidents_date_end", incidents.c.date_end)


# --- Milestones (revision 0004) ----------------------------------------------------------------
#
# The user's own data, like ``decisions``: dated decision points ("US withdrawal deadline") that
# timelines, trends and alerts are read against. Never rebuilt.

milestones = sa.Table(
    "milestones",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("day", sa.Date, nullable=False, index=True),
    sa.Column("label", sa.Text, nullable=False),
    sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
)

# Who did each incident (revision 0005): every canonical actor any of its reports names as actor or
# claimant. Derived, rebuilt with the incidents; read by the analyst's per-actor counts.
incident_actors = sa.Table(
    "incident_actors",
    metadata,
    sa.Column(
        "incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "canonical_id", sa.Integer, sa.ForeignKey("canonical_actors.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Index(None, "canonical_id", "incident_id"),
)

# Incidents counted per series, type and period (revision 0006): derived, rebuilt with the picture,
# read when every series of the store is judged (``sitrep.analysis.series_counts``). ``kind`` actor
# (``series`` the canonical actor's id) or place (``series`` the country, ``area`` the province).
series_counts = sa.Table(
    "series_counts",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("by", sa.String(PRECISION_LENGTH), nullable=False),  # week | month
    sa.Column("kind", sa.String(PRECISION_LENGTH), nullable=False),  # actor | place
    sa.Column("series", sa.Text, nullable=True),
    sa.Column("area", sa.Text, nullable=True),
    sa.Column("type", sa.String(KIND_LENGTH), nullable=False),
    sa.Column("period", sa.Integer, nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Index(None, "by", "type", "kind"),
)
