"""The shopper's endpoints of the HTTP API: ``POST /api/compare`` and ``POST /api/routine``.

Registered by :func:`ingredients.web.create_app` (one call), kept here so the
general server code and these endpoints can change apart. Items are validated one
by one, like the batch endpoint: an item that is invalid or holds no ingredient gets
an error in its slot, and the others are still compared.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, SkipValidation, ValidationError

from ingredients._compare import MAX_ITEMS, CompareItem, Failed, compare
from ingredients._database import Database
from ingredients._routine import MAX_PRODUCTS, analyze_routine
from ingredients._score import Area, ProductType
from ingredients.errors import InputError
from ingredients.web import (
    _ERRORS,
    MAX_BATCH_CHARS,
    BatchItem,
    ReportOut,
    _check_text,
    _describe,
    _Id,
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

    id: _Id
    label: str
    report: ReportOut


class ComparedFailed(BaseModel):
    """An item that could not be analysed, and why."""

    model_config = ConfigDict(extra="forbid")

    id: _Id
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


def _item(raw: object, k: int) -> tuple[CompareItem | Failed, str | int | float | None]:
    """One raw request item, validated: ``(item or its error, id)``."""
    label = chr(ord("A") + k)
    if not isinstance(raw, dict):
        return Failed("the item must be a JSON object with a text field", label), None
    ident = raw.get("id")  # (echoed with its JSON type, as the batch endpoint does)
    if not isinstance(ident, str | int | float):
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
    _check_total(items, "text", "comparison")
    parsed = [_item(raw, k) for k, raw in enumerate(items)]
    result = compare([item for item, _id in parsed], db=db).to_dict()
    slots: list[dict[str, object]] = result["items"]  # type: ignore[assignment]
    result["items"] = [{"id": ident, **slot} for (_item_, ident), slot in
                       zip(parsed, slots, strict=True)]
    return result


Frequency = Literal["twice daily", "daily", "every other day", "3 times a week", "twice a week",
                    "weekly"]


class RoutineProductIn(BaseModel):
    """One product of a routine (the fields of a routine file, without ``file``)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200, pattern=r"\S")
    ingredients: str = Field(description="The ingredient list as printed.")
    product_type: ProductType = "leave-on"
    areas: list[Area] = Field(default_factory=lambda: list[Area](["face"]), min_length=1)
    frequency: Frequency | Annotated[float, Field(gt=0, le=100)] = Field(
        "daily", description="Uses per week (a number), or words ('3 times a week', "
                             "'2x per day' are read too).")


class RoutineRequest(BaseModel):
    """A routine: the products and where they go."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"products": [
        {"name": "Eye cream", "ingredients": _A, "areas": ["eye"], "frequency": "twice daily"},
        {"name": "Serum", "ingredients": _B, "areas": ["face", "eye"], "frequency": "daily"},
    ]}]})

    # Validated one by one by the library, so an error names the product and the field.
    products: list[SkipValidation[RoutineProductIn]] = Field(
        min_length=1,
        description=f"1 to {MAX_PRODUCTS} products (more is refused with 413). Products are "
                    "kept in the browser; the server keeps nothing.")


def routine_body(products: list[Any], db: Database) -> dict[str, object]:
    """The response of ``POST /api/routine``."""
    if len(products) > MAX_PRODUCTS:
        raise _TooLargeError(f"a routine takes at most {MAX_PRODUCTS} products, "
                             f"got {len(products)}")
    _check_total(products, "ingredients", "routine")
    for k, raw in enumerate(products):
        if isinstance(raw, dict):
            for key, value in raw.items():
                try:
                    f"{key}{value}".encode()
                except UnicodeEncodeError:
                    raise InputError(f"product {k + 1}: {str(key).encode('utf-8', 'replace').decode()}"
                                     ": not valid Unicode (lone surrogate)") from None
            if "file" in raw:
                raise InputError(f"product {k + 1}: file: not accepted here; send ingredients")
            text = raw.get("ingredients")
            if isinstance(text, str):
                try:
                    _check_text(text)
                except InputError as exc:
                    raise type(exc)(f"product {k + 1}: ingredients: {exc}") from None
    return analyze_routine(products, db=db).to_dict()


def _check_total(items: list[Any], key: str, what: str) -> None:
    """The batch endpoint's budget of characters in all: each list costs CPU in
    proportion to its length, so ten lists of 100,000 new names would hold a worker."""
    total = sum(len(t) for item in items if isinstance(item, dict)
                for t in (item.get(key),) if isinstance(t, str))
    if total > MAX_BATCH_CHARS:
        raise _TooLargeError(f"a {what} has {total:,} characters of text in all; the limit is "
                             f"{MAX_BATCH_CHARS:,}")


def register_shopper_routes(app: FastAPI, database: Callable[[Request], Database]) -> None:
    """Add ``POST /api/compare`` and ``POST /api/routine`` to ``app``."""

    @app.post("/api/compare", response_model=CompareResponse, responses=_ERRORS,
              summary="Compare 2 to 10 ingredient lists")
    def compare_products(body: CompareRequest, request: Request) -> JSONResponse:
        """The reports side by side, the ingredients shared and those only in each, and the
        differences ranked by the points they explain. A comparison never says which is
        lower when what was not read could change the order."""
        return JSONResponse(compare_body(list(body.items), database(request)))

    @app.post("/api/routine", responses=_ERRORS, summary="Analyse a routine, area by area")
    def routine(body: RoutineRequest, request: Request) -> JSONResponse:
        """Per area (face, eye, lips, body): the load, which products and ingredients load it
        most, and each product's report. How products add up is a model (docs/scoring.md,
        "A routine"). An error names the product and the field."""
        return JSONResponse(routine_body(list(body.products), database(request)))
