"""Trace context of the current request or command (W3C Trace Context)."""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar
from dataclasses import dataclass

_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")
_ZERO_TRACE = "0" * 32
_ZERO_SPAN = "0" * 16


@dataclass(frozen=True)
class TraceContext:
    trace_id: str
    span_id: str
    origin: str  # web | api | cli | system
    client_address: str | None = None
    parent_span_id: str | None = None

    def traceparent(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-01"


def new_span_id() -> str:
    return secrets.token_hex(8)


def parse_traceparent(header: str | None) -> tuple[str, str] | None:
    """The trace id and parent span id of a valid ``traceparent`` header, else None.

    A malformed header is ignored (a new trace starts); it is never an error for the caller.
    """
    if not header:
        return None
    match = _TRACEPARENT.match(header.strip().lower())
    if match is None:
        return None
    trace_id, parent_span_id, _flags = match.groups()
    if trace_id == _ZERO_TRACE or parent_span_id == _ZERO_SPAN:
        return None
    return trace_id, parent_span_id


def context_from_header(
    header: str | None, *, origin: str, client_address: str | None
) -> TraceContext:
    parsed = parse_traceparent(header)
    if parsed is None:
        return TraceContext(secrets.token_hex(16), new_span_id(), origin, client_address)
    trace_id, parent = parsed
    return TraceContext(trace_id, new_span_id(), origin, client_address, parent)


_current: ContextVar[TraceContext | None] = ContextVar("schakel_trace", default=None)


def current_trace() -> TraceContext:
    """The context of this request; outside a request (commands, jobs) a fresh one."""
    context = _current.get()
    if context is None:
        context = TraceContext(secrets.token_hex(16), new_span_id(), "system")
        _current.set(context)
    return context


def set_trace(context: TraceContext | None) -> object:
    return _current.set(context)


def reset_trace(token: object) -> None:
    _current.reset(token)  # type: ignore[arg-type]
