"""milia-risk: read a cosmetic's INCI list and estimate its milia / pore-clogging risk.

Nothing is read from disk at import time: the database loads on first use.
"""

from __future__ import annotations

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
