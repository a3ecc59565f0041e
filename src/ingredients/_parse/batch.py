"""What batch scoring needs from the parser beyond :func:`parse`.

A catalogue scan reads a text's comma-separated parts itself, remembering
each part across rows (:func:`plain_parts`, :func:`read_plain_part`,
:func:`plain_verdict`), and asks the full parser only for the rest
(:func:`parse_not_plain`, :func:`items_not_plain`). The rules these follow
are in :mod:`ingredients._parse.plain` and :mod:`ingredients._parse.document`.
"""

from ingredients._parse.document import items_not_plain, joins_locant, parse, parse_not_plain, starts_locant
from ingredients._parse.labels import PROSE_WINDOW
from ingredients._parse.plain import PlainPart, plain_parts, plain_verdict, read_plain_part

__all__ = [
    "PROSE_WINDOW",
    "PlainPart",
    "items_not_plain",
    "joins_locant",
    "parse",
    "parse_not_plain",
    "plain_parts",
    "plain_verdict",
    "read_plain_part",
    "starts_locant",
]
