"""Finding actors in a parsed document: the pieces the ``mentions`` stage puts together.

``spans``: clean character spans and the parse positions where a name acts; ``people``: people,
their roles and what a bare surname refers to; ``groups``: actors named by common nouns ("Iraqi
police and soldiers", "the militias").
"""
