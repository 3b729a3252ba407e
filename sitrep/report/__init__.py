"""Footnoted briefs: key judgments, then paragraphs of events and relations, every sentence with
its footnotes, the notes with full citations. Built as a data structure (``brief.build_brief``),
then written by separate renderers (``render_md``, ``render_html``, ``render_pdf``)."""
