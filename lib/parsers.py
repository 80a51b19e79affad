"""The API's one JSON parser: a body's size and depth are checked before it is parsed.

Python's ``json`` parser recurses once per ``[`` or ``{``: 100 kB of ``[`` reaches the
recursion limit (a 500) and a large body costs memory before any serializer can refuse it.
Both are refused here as 400 problem+json (lib.problem), with a message that says why.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

# No request of Schakel nests deeper than a few levels (a signal with its subject).
MAX_DEPTH = 32
# A string (with its escapes) is skipped whole; outside strings only brackets count.
_TOKENS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]', re.DOTALL)
_OPENING = frozenset(b"[{")


def max_body_size() -> int:
    # The same limit Django applies to a form's body (settings.DATA_UPLOAD_MAX_MEMORY_SIZE).
    return int(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)


def nesting_depth(body: bytes, *, stop_at: int) -> int:
    """How deep the arrays and objects of ``body`` nest, counting no further than
    ``stop_at``; the body need not be valid JSON."""
    depth = deepest = 0
    for token in _TOKENS.finditer(body):
        first = token.group()[0]
        if first in _OPENING:
            depth += 1
            deepest = max(deepest, depth)
            if deepest >= stop_at:
                break
        elif first != ord('"'):
            depth -= 1
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(
        self,
        stream: IO[Any] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        limit = max_body_size()
        body = stream.read(limit + 1) if stream is not None else b""
        if len(body) > limit:
            raise ParseError(
                _("The request body is too large: at most %(limit)d bytes.") % {"limit": limit}
            )
        if nesting_depth(body, stop_at=MAX_DEPTH + 1) > MAX_DEPTH:
            raise ParseError(
                _("The JSON is nested too deeply: at most %(depth)d levels.") % {"depth": MAX_DEPTH}
            )
        try:
            return super().parse(io.BytesIO(body), media_type, parser_context)
        except ParseError:
            # DRF's message quotes the decoder's internals (line, column, character).
            raise ParseError(_("The request body is not valid JSON.")) from None
