"""The web page for shoppers and the HTTP API for integrators (``milia serve``).

Built on FastAPI, served by uvicorn; needs the ``web`` extra
(``pip install 'milia-risk[web]'``). ``import ingredients`` never imports this
module, so the library works without FastAPI.

Endpoints:

- ``GET /`` - the page: paste a list, get the score and every ingredient explained.
- ``POST /api/analyze`` - one list -> exactly ``Report.to_dict()`` (the JSON of
  ``milia check --format json``, ``report.schema.json``).
- ``POST /api/analyze-batch`` - up to :data:`MAX_BATCH_ITEMS` lists -> one result per
  item, in order; a bad item gets ``{"id", "error"}`` in its slot, the others still run.
- ``GET /api/ingredient/{name}`` - what ``milia explain --format json`` shows.
- ``GET /api/health`` - status, database version, package version.
- ``GET /openapi.json`` - the schema, with examples.

Every error is a JSON body ``{"error": "<what is wrong>"}`` with a 4xx status:
413 for a text over :data:`MAX_TEXT_CHARS` characters, a batch over
:data:`MAX_BATCH_ITEMS` items or :data:`MAX_BATCH_CHARS` characters in all, or a
body over :data:`MAX_BODY_BYTES` bytes; 422 for a body that is not JSON, a missing
or mistyped field, an unknown product type or area, and a text with no
ingredients; 404 / 405 for unknown paths and methods; 408 for a body that stops
coming; 421 for a Host header other than this machine's when served on loopback;
503 when the server is busy (``retry-after`` says when to try again).
"""

from __future__ import annotations

import asyncio
import html
import math
import os
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SkipValidation,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    ValidationError,
)
from starlette.convertors import PathConvertor, register_url_convertor
from starlette.exceptions import HTTPException as StarletteHTTPException

# (the class uvicorn serves HTTP/1.1 with, extended by GuardedH11Protocol; uvicorn
# comes with FastAPI in the web extra)
from uvicorn.protocols.http.h11_impl import H11Protocol as _H11Protocol

import ingredients
from ingredients._database import Database, default_database
from ingredients._format import explain_dict
from ingredients._match import matcher_for
from ingredients._score import BANDS, CAVEAT, Area, ProductType
from ingredients.errors import IngredientsError, InputError

__all__ = [
    "MAX_BATCH_CHARS",
    "MAX_BATCH_ITEMS",
    "MAX_BODY_BYTES",
    "MAX_IN_FLIGHT",
    "MAX_NAME_CHARS",
    "MAX_TEXT_CHARS",
    "create_app",
]

MAX_TEXT_CHARS = 100_000
"""Longest ingredient text accepted (characters); longer is a 413. Real labels are ~2,000."""
MAX_BATCH_ITEMS = 100
"""Most items in one ``/api/analyze-batch`` request; more is a 413."""
MAX_BATCH_CHARS = 200_000
"""Most characters of text in one batch, all items together (a 413 beyond): the work a
request may ask for is bounded, not only each item's (100 real labels are ~200,000)."""
MAX_BODY_BYTES = 12 * 1024 * 1024
"""Largest request body read at all (bytes); larger is a 413 before it is parsed."""
MAX_IN_FLIGHT = 64
"""Requests a server process works on at once; one more is answered 503 at once."""
BODY_TIMEOUT = float(os.environ.get("MILIA_BODY_TIMEOUT", "10"))
"""Seconds the server waits for the next part of a request body (then 408): a body
shorter than its Content-Length does not hold a request open. (The environment
variables named here set these limits for ``milia serve``.)"""
HEADER_TIMEOUT = float(os.environ.get("MILIA_HEADER_TIMEOUT", "10"))
"""Seconds a connection may take to send a request's headers (see :class:`GuardedH11Protocol`)."""
MAX_CONNECTIONS = int(os.environ.get("MILIA_MAX_CONNECTIONS", "1000"))
"""Open connections a server process keeps; more are answered 503 and closed."""
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]", "::1")
"""Host headers a server bound to this machine only answers (DNS rebinding)."""
MAX_NAME_CHARS = 500
"""Longest name ``/api/ingredient/{name}`` looks up; longer is a 422."""

STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
"""The page loads nothing but its own files: no inline script, no CDN, no fonts."""
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
]

_EXAMPLE_TEXT = ("Aqua, Paraffinum Liquidum, Petrolatum, Lanolin Alcohol, Glycerin, "
                 "Phenoxyethanol")

# --------------------------------------------------------------------------- request models


_Id = StrictStr | StrictInt | StrictFloat | StrictBool | None
"""An id as the client sent it: any JSON scalar, echoed back with its JSON type."""


class AnalyzeRequest(BaseModel):
    """One product's ingredient list and where it is used."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"text": _EXAMPLE_TEXT, "product_type": "leave-on", "area": "eye"},
        {"text": "Water, Glycerin, Salicylic Acid 2%, Xanthan Gum", "product_type": "rinse-off"},
    ]})

    text: str = Field(description=f"The ingredient list as printed (at most {MAX_TEXT_CHARS:,} "
                                  "characters; longer is refused with 413).",
                      examples=[_EXAMPLE_TEXT])
    product_type: ProductType = Field("leave-on", description="Left on the skin, or washed off.")
    area: Area = Field("face", description="Where the product is used.")


class BatchItem(AnalyzeRequest):
    """One item of a batch: an :class:`AnalyzeRequest` with an optional id echoed back."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"id": "sku-1042", "text": _EXAMPLE_TEXT, "area": "eye"},
    ]})

    id: _Id = Field(None, description="Your identifier (a string, number, true/false or "
                                      "null), returned with the result as given.")


class BatchRequest(BaseModel):
    """Several products at once."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"id": "sku-1042", "text": _EXAMPLE_TEXT, "area": "eye"},
        {"id": 7, "text": "Aqua, Sodium Laureth Sulfate, Cocamidopropyl Betaine",
         "product_type": "rinse-off"},
    ]}]})

    # Items are validated one by one in the endpoint, so that a bad item fails alone.
    items: list[SkipValidation[BatchItem]] = Field(
        description=f"At most {MAX_BATCH_ITEMS} items (more is refused with 413). An item "
                    "that is invalid gets an error in its slot; the others are analysed.")


# --------------------------------------------------------------------------- response models
# These mirror report.schema.json (a test compares them), so /openapi.json is the real shape.

_Strict = ConfigDict(extra="forbid")


class FindingOut(BaseModel):
    """One ingredient of the label (``Finding.to_dict()``)."""

    model_config = _Strict

    position: int = Field(ge=1)
    label_name: str
    raw: str
    span: tuple[int, int]
    percent: float | None
    may_contain: bool
    parse_flags: list[str]
    inci: str | None
    read: bool
    possibly: list[str]
    match_method: Literal["exact", "synonym", "number", "family", "fuzzy", "unknown"]
    match_confidence: float = Field(ge=0, le=1)
    candidates: list[str]
    role: Literal["risk", "protective", "flag", "neutral", "unknown"]
    comedogenic: tuple[int, int] | None
    occlusivity: Literal["none", "light", "moderate", "heavy"] | None
    estimated_percent: float = Field(ge=0, le=100)
    weight: float = Field(ge=0, le=1)
    risk: tuple[float, float, float]
    contribution: float
    explanation: str
    sources: list[str]


class FlagOut(BaseModel):
    """Something reported but not scored."""

    model_config = _Strict

    kind: Literal["corticosteroid", "retinoid-eye", "avoid", "allergen", "malassezia"]
    ingredient: str
    message: str


class ReportOut(BaseModel):
    """A product's milia-risk report (``Report.to_dict()``, ``report.schema.json``)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "schema_version": "2.0", "score": 96.0, "score_range": [95.1, 98.9], "band": "high",
        "band_range": ["high", "high"], "unread_share": 0.0, "nothing_read": False,
        "confidence": 0.98, "confidence_label": "high", "coverage": 1.0,
        "product_type": "leave-on", "area": "eye", "database_version": "2025.1",
        "line_position": 6, "summary": "Milia / pore-clogging risk 96/100 (high). ...",
        "caveat": CAVEAT, "notes": [], "findings": [], "flags": [], "unread": [], "unknown": [],
        "sources": {},
    }]})

    schema_version: str
    score: float = Field(ge=0, le=100)
    score_range: tuple[float, float]
    band: Literal["low", "moderate", "high", "uncertain"]
    band_range: tuple[Literal["low", "moderate", "high"], Literal["low", "moderate", "high"]]
    unread_share: float = Field(ge=0, le=1)
    nothing_read: bool
    confidence: float = Field(ge=0, le=1)
    confidence_label: Literal["low", "medium", "high"]
    coverage: float = Field(ge=0, le=1)
    product_type: ProductType
    area: Area
    language: str | None = Field(description="Language of the label (a language pack code), detected.")
    database_version: str
    line_position: int | None
    summary: str
    caveat: str
    notes: list[str]
    findings: list[FindingOut]
    flags: list[FlagOut]
    unread: list[str]
    unknown: list[str]
    """The same as ``unread`` (its name before schema 2.0)."""
    sources: dict[str, str]


class BatchOk(BaseModel):
    """A batch slot whose item was analysed."""

    model_config = _Strict

    id: _Id
    report: ReportOut


class BatchFailed(BaseModel):
    """A batch slot whose item could not be analysed, and why."""

    model_config = _Strict

    id: _Id
    error: str


class BatchResponse(BaseModel):
    """One result per item, in the order of the request."""

    model_config = _Strict

    results: list[BatchOk | BatchFailed]


class MatchOut(BaseModel):
    """How a name was recognised (``Match.to_dict()``)."""

    model_config = _Strict

    query: str
    inci: str | None
    method: Literal["exact", "synonym", "number", "family", "fuzzy", "unknown"]
    confidence: float = Field(ge=0, le=1)
    candidates: list[str]
    reason: str
    rated: bool
    read: bool


class RatingOut(BaseModel):
    """One source's comedogenicity rating."""

    model_config = _Strict

    source: str
    low: int = Field(ge=0, le=5)
    high: int = Field(ge=0, le=5)
    as_listed: str | None
    locator: str | None = Field(description="Page, table or 'abstract' (papers)")
    at_percent: float | None = Field(description="Concentration the study tested (100 = neat)")
    reading: Literal["source", "ours"]
    lineage: str = Field(description="The origin the value counts under (one origin counts once)")
    primary: bool = Field(description="From a primary study, not a compilation")


class ClaimOut(BaseModel):
    """One factual claim of the explanation and where its source makes it."""

    model_config = _Strict

    kind: str
    source: str
    locator: str


class EntryOut(BaseModel):
    """A curated risk entry (or one extrapolated from a family rule)."""

    model_config = _Strict

    inci: str
    names: list[str]
    synonyms: list[str]
    comedogenicity: list[RatingOut]
    comedogenic_range: tuple[int, int] | None
    occlusivity: Literal["none", "light", "moderate", "heavy"]
    role: Literal["risk", "protective", "flag", "neutral"]
    evidence: str
    protection: str | None
    flag: str | None
    family: str | None
    explanation: str
    sources: list[str]
    lineage: str = Field(description="e.g. '3 lists, 1 independent origin; primary study: 0 at 10%'")
    claims: list[ClaimOut]


class UnreadBoundOut(BaseModel):
    """The riskiest kind an unread name could be, from the words of the name."""

    model_config = _Strict

    kind: str
    comedogenic: int = Field(ge=0, le=5)
    occlusivity: Literal["none", "light", "moderate", "heavy"]
    reason: str


class ExplainOut(BaseModel):
    """What the database knows about one name (``milia explain --format json``).

    ``inci`` ... ``synonyms`` are present when the name was read; ``entry`` and
    ``sources`` when it has a risk entry; ``possibly`` and ``unread_bound`` when it
    was not read (a weak guess lists what it might be).
    """

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "query": "IPM",
        "match": {"query": "IPM", "inci": "ISOPROPYL MYRISTATE", "method": "synonym",
                  "confidence": 0.97, "candidates": [], "reason": "...", "rated": True,
                  "read": True},
        "inci": "ISOPROPYL MYRISTATE", "in_cosing": True, "cas": ["110-27-0"],
        "ec": ["203-751-4"], "functions": ["SKIN CONDITIONING - EMOLLIENT"], "synonyms": ["IPM"],
    }]})

    query: str
    match: MatchOut
    inci: str | None = None
    in_cosing: bool | None = None
    cas: list[str] | None = None
    ec: list[str] | None = None
    functions: list[str] | None = None
    synonyms: list[str] | None = None
    entry: EntryOut | None = None
    sources: dict[str, str] | None = None
    possibly: list[str] | None = None
    unread_bound: UnreadBoundOut | None = None
    flags: list[dict[str, str]] | None = None
    """Sourced flags (fragrance allergen, Malassezia): kind, source, locator, message."""
    source_urls: dict[str, str] | None = None
    """Source id -> address, for the sources that have one."""


class HealthOut(BaseModel):
    """The service is up, and which data it answers with."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"status": "ok", "database_version": "2025.1", "version": "0.1.0"},
    ]})

    status: Literal["ok"]
    database_version: str
    version: str


class ErrorOut(BaseModel):
    """Every error response: one line naming the problem."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"error": "product_type: Input should be 'leave-on' or 'rinse-off'"},
    ]})

    error: str


_ERRORS: dict[int | str, dict[str, Any]] = {
    413: {"model": ErrorOut, "description": "Too large: text, batch or body over its limit."},
    503: {"model": ErrorOut, "description": "Busy: too many requests at once; retry later."},
    422: {"model": ErrorOut, "description": "Invalid request: not JSON, a missing or wrong "
                                            "field, or a text with no ingredients."},
}

# --------------------------------------------------------------------------- helpers


class _TooLargeError(InputError):
    """Input over one of the documented size limits (413)."""


def _check_text(text: str) -> None:
    """Size and encoding checks the library leaves to its callers."""
    if len(text) > MAX_TEXT_CHARS:
        raise _TooLargeError(f"text is {len(text):,} characters; the limit is {MAX_TEXT_CHARS:,}")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"text is not valid Unicode (lone surrogate at character {exc.start})"
                         ) from None


def _error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


def _describe(errors: Any) -> str:
    """Pydantic / FastAPI validation errors as one line: ``field: problem; ...``."""
    parts = []
    for err in list(errors)[:5]:
        loc = [str(x) for x in err.get("loc", ()) if x not in ("body", "path", "query")]
        if err.get("type") == "json_invalid":
            detail = (err.get("ctx") or {}).get("error", "")
            parts.append(f"the body is not valid JSON ({detail})" if detail
                         else "the body is not valid JSON")
            continue
        msg = str(err.get("msg", "invalid"))
        if err.get("type") == "model_attributes_type" and not loc:
            msg = "the body must be a JSON object (send Content-Type: application/json)"
        parts.append(f"{'.'.join(loc)}: {msg}" if loc else msg)
    return "; ".join(parts) or "invalid request"


def _analyze_one(db: Database, text: str, product_type: str, area: str) -> dict[str, object]:
    _check_text(text)
    return ingredients.analyze(text, product_type=product_type, area=area, db=db).to_dict()


def _batch_slot(db: Database, raw: object) -> dict[str, object]:
    if not isinstance(raw, dict):
        return {"id": None, "error": "the item must be a JSON object with a text field"}
    ident = raw.get("id")
    if not (ident is None or isinstance(ident, str | int | bool)
            or (isinstance(ident, float) and math.isfinite(ident))):
        return {"id": None, "error": "id must be a string, a number, true/false or null"}
    if isinstance(ident, str):
        try:
            ident.encode("utf-8")
        except UnicodeEncodeError:
            return {"id": None, "error": "id is not valid Unicode (lone surrogate)"}
    try:
        item = BatchItem.model_validate(raw)
    except ValidationError as exc:
        return {"id": ident, "error": _describe(exc.errors())}
    try:  # (the id as sent: 7 stays a number, "7" a string, true true)
        return {"id": ident, "report": _analyze_one(db, item.text, item.product_type, item.area)}
    except IngredientsError as exc:
        return {"id": ident, "error": str(exc)}


def _batch_chars(items: list[Any]) -> int:
    return sum(len(t) for item in items if isinstance(item, dict)
               for t in (item.get("text"),) if isinstance(t, str))


Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
ASGIApp = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class _Guard:
    """ASGI middleware: refuse bodies over :data:`MAX_BODY_BYTES` (413) before they are
    read whole, a body that stops coming (408 after :data:`BODY_TIMEOUT`), more than
    :data:`MAX_IN_FLIGHT` requests at once (503), and, when ``allowed_hosts`` is
    given, a Host header not among them (421: a page on another site that a
    rebound DNS name points here); add the security headers (CSP) to every response."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES,
                 allowed_hosts: tuple[str, ...] | None = None,
                 max_in_flight: int = MAX_IN_FLIGHT) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        headers = dict(scope.get("headers", []))
        if self.allowed_hosts is not None and not _host_allowed(headers.get(b"host"),
                                                                self.allowed_hosts):
            await _error(421, "this server answers only requests addressed to "
                              f"{self.allowed_hosts[0]} (Host header)")(
                scope, receive, send_with_headers)
            return
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            await _error(413, f"request body is {int(declared):,} bytes; the limit is "
                              f"{self.max_body:,}")(scope, receive, send_with_headers)
            return
        if self.in_flight >= self.max_in_flight:
            await _error(503, "the server is busy; retry in a moment",
                         {"retry-after": "1"})(scope, receive, send_with_headers)
            return
        seen = 0
        more = True

        async def limited_receive() -> MutableMapping[str, Any]:
            nonlocal seen, more
            if not more:  # (the body is read: nothing to time)
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), BODY_TIMEOUT)
            except TimeoutError:
                raise HTTPException(408, f"the request body stopped coming for {BODY_TIMEOUT:g} s "
                                         "(a Content-Length longer than the body?)",
                                    headers={"connection": "close"}) from None
            if message["type"] == "http.request":
                more = bool(message.get("more_body", False))
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    # Raised inside the body read: FastAPI passes HTTPException through.
                    raise HTTPException(413, f"request body is over the limit of "
                                             f"{self.max_body:,} bytes")
            else:
                more = False
            return message

        self.in_flight += 1
        try:
            await self.app(scope, limited_receive, send_with_headers)
        finally:
            self.in_flight -= 1


def _host_allowed(host: bytes | None, allowed: tuple[str, ...]) -> bool:
    if host is None:
        return False
    name = host.decode("latin-1").strip().lower()
    if name.startswith("["):  # [::1]:8000
        name = name[: name.find("]") + 1]
    elif name.count(":") == 1:
        name = name.split(":")[0]
    return name in allowed


class GuardedH11Protocol(_H11Protocol):
    """uvicorn's HTTP/1.1 protocol with the limits it lacks: a connection must send a
    request's headers within :data:`HEADER_TIMEOUT` seconds (idle and slow
    connections are closed, so they cannot pile up until descriptors run out), and
    past :data:`MAX_CONNECTIONS` open connections a new one gets a 503 and is closed."""

    _header_timer: asyncio.TimerHandle | None = None
    _waiting_for: object = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        if len(self.connections) > MAX_CONNECTIONS:
            body = b'{"error":"the server has too many open connections; retry in a moment"}'
            transport.write(b"HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/json"
                            b"\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: "
                            + str(len(body)).encode() + b"\r\n\r\n" + body)
            transport.close()
            return
        self._arm()

    def data_received(self, data: bytes) -> None:
        if self._header_timer is None and (self.cycle is None or self.cycle.response_complete):
            self._arm()  # (the next request on a kept-alive connection)
        super().data_received(data)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._waiting_for = self.cycle
        self._header_timer = self.loop.call_later(HEADER_TIMEOUT, self._headers_late)

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.cycle is self._waiting_for and not self.transport.is_closing():
            self.transport.close()  # (no request began in time)


def serve_app() -> FastAPI:
    """The app of ``milia serve`` (a factory each server process calls): the Host
    check is on when ``MILIA_ALLOWED_HOSTS`` (set by ``milia serve`` for a loopback
    address) lists the names to answer."""
    hosts = os.environ.get("MILIA_ALLOWED_HOSTS")
    return create_app(allowed_hosts=tuple(hosts.split(",")) if hosts else None)


# --------------------------------------------------------------------------- the app


class _AnyText(PathConvertor):
    """The rest of the path, slashes and line breaks included (Starlette's ``path`` is
    ``.*``, which stops at a newline and would turn ``Aqua%0A`` into a 404)."""

    regex = r"[\s\S]*"


register_url_convertor("milia_text", _AnyText())


def _page(db: Database) -> str:
    """index.html with the caveat, versions and band cut-offs filled in (all escaped)."""
    cuts = {band: cut for cut, band in BANDS}
    values = {
        "caveat": CAVEAT,
        "version": ingredients.__version__,
        "database_version": db.version,
        "band_moderate": f"{cuts['moderate']:g}",
        "band_high": f"{cuts['high']:g}",
    }
    text = (STATIC / "index.html").read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace("{{" + key + "}}", html.escape(value))
    return text


def create_app(db: Database | None = None, *,
               allowed_hosts: tuple[str, ...] | None = None) -> FastAPI:
    """The web page and HTTP API as an ASGI app (run it with uvicorn).

    ``db`` is the database to answer with; the shipped one by default. It is loaded
    once, at start-up (the app's lifespan), not per request. With ``allowed_hosts``,
    a request whose Host header names another host is refused (421).
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        loaded = db or default_database()
        matcher_for(loaded)._index()  # build the fuzzy index now, not on the first request
        app.state.db = loaded
        app.state.page = _page(loaded)
        yield

    app = FastAPI(
        title="milia-risk",
        version=ingredients.__version__,
        summary="Milia / pore-clogging risk of a cosmetic's ingredient list, with a checkable "
                "explanation.",
        description=(
            "A screening estimate, not medical advice. Errors are `{\"error\": \"...\"}` with a "
            f"4xx status: 413 for a text over {MAX_TEXT_CHARS:,} characters, a batch over "
            f"{MAX_BATCH_ITEMS} items or a body over {MAX_BODY_BYTES:,} bytes; 422 for a body "
            "that is not JSON, a missing or wrong field, an unknown product type or area, or a "
            "text with no ingredients."
        ),
        lifespan=lifespan,
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /openapi.json is the schema.
        redoc_url=None,
    )
    app.add_middleware(_Guard, allowed_hosts=allowed_hosts)

    def database(request: Request) -> Database:
        held: Database | None = getattr(request.app.state, "db", None)
        return held if held is not None else (db or default_database())

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _describe(exc.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:
            # FastAPI's body reader: bytes that are not UTF-8 JSON. Same answer as bad JSON.
            return _error(422, "the body is not valid JSON (it must be UTF-8 JSON text)")
        return _error(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    @app.exception_handler(_TooLargeError)
    async def on_too_large(request: Request, exc: _TooLargeError) -> JSONResponse:
        return _error(413, str(exc))

    @app.exception_handler(IngredientsError)
    async def on_input(request: Request, exc: IngredientsError) -> JSONResponse:
        return _error(422, str(exc))

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> JSONResponse:  # pragma: no cover
        # Last resort: a bug. The tests check that no request reaches this.
        return _error(500, "internal error")

    @app.api_route("/", methods=["GET", "HEAD"], response_class=HTMLResponse,
                   include_in_schema=False)
    def page(request: Request) -> HTMLResponse:
        """The page for shoppers."""
        text = getattr(request.app.state, "page", None) or _page(database(request))
        return HTMLResponse(text, headers={"cache-control": "no-cache"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.post("/api/analyze", response_model=ReportOut, responses=_ERRORS,
              summary="Analyse one ingredient list")
    def analyze(body: AnalyzeRequest, request: Request) -> JSONResponse:
        """Score one product: exactly the JSON of `milia check --format json`."""
        return JSONResponse(_analyze_one(database(request), body.text, body.product_type,
                                         body.area))

    @app.post("/api/analyze-batch", response_model=BatchResponse, responses=_ERRORS,
              summary="Analyse several ingredient lists")
    def analyze_batch(body: BatchRequest, request: Request) -> JSONResponse:
        """Score up to `MAX_BATCH_ITEMS` products; a bad item fails alone, in its slot."""
        if len(body.items) > MAX_BATCH_ITEMS:
            raise _TooLargeError(f"batch has {len(body.items)} items; the limit is "
                                 f"{MAX_BATCH_ITEMS}")
        total = _batch_chars(body.items)
        if total > MAX_BATCH_CHARS:
            raise _TooLargeError(f"batch has {total:,} characters of text in all; the limit "
                                 f"is {MAX_BATCH_CHARS:,}")
        db_ = database(request)
        return JSONResponse({"results": [_batch_slot(db_, raw) for raw in body.items]})

    @app.get("/api/ingredient/{name:milia_text}", response_model=ExplainOut,
             responses={422: _ERRORS[422]}, summary="What the database knows about a name")
    def ingredient(
        request: Request,
        name: str = PathParam(min_length=1, max_length=MAX_NAME_CHARS,
                              examples=["Isopropyl Myristate"]),
    ) -> JSONResponse:
        """How `name` is recognised, its ratings and their sources (`milia explain`)."""
        return JSONResponse(explain_dict(name, database(request)))

    @app.get("/api/health", response_model=HealthOut, summary="Is the service up")
    def health(request: Request) -> HealthOut:
        """Status, and the database and package versions answers are computed with."""
        return HealthOut(status="ok", database_version=database(request).version,
                         version=ingredients.__version__)

    # The shopper's endpoints (compare, routine) live in their own module.
    from ingredients._web_shopper import register_shopper_routes

    register_shopper_routes(app, database)

    return app

