"""The event grammar behind the ``events`` stage, one concern per module.

- ``lexicon``: what the grammar needs from a knowledge pack, and the closed word classes of English
  it keys on (light verbs, modals, reporting and blaming verbs);
- ``triggers``: trigger words and claims of responsibility in a sentence;
- ``phrases``: noun phrases and the actors in them;
- ``roles``: actor and recipient from the dependency parse;
- ``attach``: the date, place and numbers that hang from an event;
- ``weapons``: the weapons a sentence names;
- ``modality``: asserted, negated, hypothetical, planned or threatened; generic mentions;
- ``acled``: weapon-driven PLOVER modes and ACLED event types;
- ``frame``: the sentence and event-frame values the grammar works on;
- ``frames``: one sentence's triggers into merged event frames, and frames into Events;
- ``where``: places that come from the grammar (a town as object, a visit, a hosting);
- ``claims``: claims of responsibility and attributions of blame.
"""
