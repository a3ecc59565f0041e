"""The shopper's endpoints of the HTTP API: ``POST /api/compare`` and ``POST /api/routine``.

Registered by :func:`ingredients.web.create_app` (one call), kept here so the
general server code and these endpoints can change apart. Items are validated one
by one, like the batch endpoint: an item that is invalid or holds no ingredient gets
an error in its slot, and the others are still compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError

from ingredients._compare import MAX_ITEMS, CompareItem, Failed, compare
from ingredients._database import Database
from ingredients.errors import InputError
from ingredients.web import (
    _ERRORS,
    BatchItem,
    ReportOut,
    _check_text,
    _describe,
    _TooLargeError,
)

__all__ = ["register_shopper_routes"]

_A = "Aqua, Petrolatum, Butyrospermum Parkii Butter, Glycerin, Phenoxyethanol"
_B = "Aqua, Glycerin, Squalane, Butyrospermum Parkii Butter, Phenoxyethanol"


class CompareRequest(BaseModel):
    """Two to ten products to compare."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"items": [
        {"id": "old cream", "text": _A, "area": "eye"},
        {"id": "new cream", "text": _B, "area": "eye"},
    ]}]})

    items: list[SkipValidation[BatchItem]] = Field(
        min_length=2,
        description=f"2 to {MAX_ITEMS} items (more is refused with 413), each like a batch "
                    "item. An item that is invalid or holds no ingredient gets an error in its "
                    "slot; the others are compared.")


class ComparedOk(BaseModel):
    """An item that was analysed."""

    model_config = ConfigDict(extra="forbid")

    id: str | int | None
    label: str
    report: ReportOut


class ComparedFailed(BaseModel):
    """An item that could not be analysed, and why."""

    model_config = ConfigDict(extra="forbid")

    id: str | int | None
    label: str
    error: str


class ChangeOut(BaseModel):
    """One ingredient's part in a difference."""

    model_config = ConfigDict(extra="forbid")

    ingredient: str
    kind: str
    points: float
    words: str


class DifferenceOut(BaseModel):
    """Why one product scores differently from the first one that could be read."""

    model_config = ConfigDict(extra="forbid")

    first: int
    other: int
    delta: float
    decided: bool
    verdict: str
    changes: list[ChangeOut]


class CompareResponse(BaseModel):
    """The comparison (``Comparison.to_dict()`` with each item's id)."""

    model_config = ConfigDict(extra="forbid")

    items: list[ComparedOk | ComparedFailed]
    shared: list[str]
    only: list[list[str]]
    differences: list[DifferenceOut]
    summary: str


def _item(raw: object, k: int) -> tuple[CompareItem | Failed, str | int | None]:
    """One raw request item, validated: ``(item or its error, id)``."""
    label = chr(ord("A") + k)
    if not isinstance(raw, dict):
        return Failed("the item must be a JSON object with a text field", label), None
    ident = raw.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int):
        ident = None
    try:
        item = BatchItem.model_validate(raw)
    except ValidationError as exc:
        return Failed(_describe(exc.errors()), label), ident
    if isinstance(item.id, str):
        try:
            item.id.encode("utf-8")
        except UnicodeEncodeError:
            return Failed("id is not valid Unicode (lone surrogate)", label), None
    label = label if item.id is None else str(item.id)
    try:
        _check_text(item.text)
    except InputError as exc:
        return Failed(str(exc), label), item.id
    return CompareItem(item.text, item.product_type, item.area, label=label), item.id


def compare_body(items: list[Any], db: Database) -> dict[str, object]:
    """The response of ``POST /api/compare`` for the raw request items."""
    if len(items) > MAX_ITEMS:
        raise _TooLargeError(f"a comparison takes at most {MAX_ITEMS} items, got {len(items)}")
    parsed = [_item(raw, k) for k, raw in enumerate(items)]
    result = compare([item for item, _id in parsed], db=db).to_dict()
    slots: list[dict[str, object]] = result["items"]  # type: ignore[assignment]
    result["items"] = [{"id": ident, **slot} for (_item_, ident), slot in
                       zip(parsed, slots, strict=True)]
    return result


def register_shopper_routes(app: FastAPI, database: Callable[[Request], Database]) -> None:
    """Add ``POST /api/compare`` (and the routine endpoint) to ``app``."""

    @app.post("/api/compare", response_model=CompareResponse, responses=_ERRORS,
              summary="Compare 2 to 10 ingredient lists")
    def compare_products(body: CompareRequest, request: Request) -> JSONResponse:
        """The reports side by side, the ingredients shared and those only in each, and the
        differences ranked by the points they explain. A comparison never says which is
        lower when what was not read could change the order."""
        return JSONResponse(compare_body(list(body.items), database(request)))
