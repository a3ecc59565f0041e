"""milia-risk: read a cosmetic's INCI list and estimate its milia / pore-clogging risk.

Nothing is read from disk at import time: the database loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # (what type checkers and editors see; at run time names load lazily)
    from ingredients._batch import score_dask, score_frame
    from ingredients._compare import Comparison, compare
    from ingredients._database import (
        Database,
        Family,
        Rating,
        RiskEntry,
        Source,
        VocabularyEntry,
        database_info,
        default_database,
        load_database,
        validate_database,
    )
    from ingredients._match import Match, match, match_many
    from ingredients._normalize import normalize
    from ingredients._parse import Ingredient, parse
    from ingredients._routine import Routine, RoutineProduct, analyze_routine, load_routine
    from ingredients._scan import ScanSummary, scan
    from ingredients._score import Finding, Flag, Report, analyze, score_ingredients
    from ingredients.claims import ClaimCheck, ClaimConflict, check_claims, find_claims
    from ingredients.errors import DatabaseError, IngredientsError, InputError

# Each public name -> the module that defines it, imported on first use (PEP 562), so
# that `import ingredients` and `milia check` do not pay for pandas-facing batch code,
# the scanner, claims or comparisons they do not use.
_LAZY: dict[str, str] = {
    "ClaimCheck": "ingredients.claims",
    "ClaimConflict": "ingredients.claims",
    "Comparison": "ingredients._compare",
    "Database": "ingredients._database",
    "DatabaseError": "ingredients.errors",
    "Family": "ingredients._database",
    "Finding": "ingredients._score",
    "Flag": "ingredients._score",
    "Ingredient": "ingredients._parse",
    "IngredientsError": "ingredients.errors",
    "InputError": "ingredients.errors",
    "Match": "ingredients._match",
    "Rating": "ingredients._database",
    "Report": "ingredients._score",
    "RiskEntry": "ingredients._database",
    "Routine": "ingredients._routine",
    "RoutineProduct": "ingredients._routine",
    "ScanSummary": "ingredients._scan",
    "Source": "ingredients._database",
    "VocabularyEntry": "ingredients._database",
    "analyze": "ingredients._score",
    "analyze_routine": "ingredients._routine",
    "check_claims": "ingredients.claims",
    "compare": "ingredients._compare",
    "database_info": "ingredients._database",
    "default_database": "ingredients._database",
    "find_claims": "ingredients.claims",
    "load_database": "ingredients._database",
    "load_routine": "ingredients._routine",
    "match": "ingredients._match",
    "match_many": "ingredients._match",
    "normalize": "ingredients._normalize",
    "parse": "ingredients._parse",
    "scan": "ingredients._scan",
    "score_dask": "ingredients._batch",
    "score_frame": "ingredients._batch",
    "score_ingredients": "ingredients._score",
    "validate_database": "ingredients._database",
}


__all__ = [
    "ClaimCheck",
    "ClaimConflict",
    "Comparison",
    "Database",
    "DatabaseError",
    "Family",
    "Finding",
    "Flag",
    "Ingredient",
    "IngredientsError",
    "InputError",
    "Match",
    "Rating",
    "Report",
    "RiskEntry",
    "Routine",
    "RoutineProduct",
    "ScanSummary",
    "Source",
    "VocabularyEntry",
    "analyze",
    "analyze_routine",
    "check_claims",
    "compare",
    "database_info",
    "default_database",
    "find_claims",
    "load_database",
    "load_routine",
    "match",
    "match_many",
    "normalize",
    "parse",
    "scan",
    "score_dask",
    "score_frame",
    "score_ingredients",
    "validate_database",
]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'ingredients' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # (looked up once)
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
