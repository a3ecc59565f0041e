"""Property-based tests of the API against its own OpenAPI schema (schemathesis).

Bounded and deterministic: 30 examples per operation, derandomized, in-process (ASGI),
no network. Every response must be a non-5xx that conforms to the documented schema.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed (test extra)")

from schemathesis import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    positive_data_acceptance,
)

from ingredients.web import create_app  # noqa: E402

schema = schemathesis.openapi.from_asgi("/openapi.json", create_app())
schema.config.generation.update(max_examples=30, deterministic=True)

EXEMPT = {
    # Batch items are validated one by one, by design: an item that breaks the item schema
    # gets {"id", "error"} in its slot and the batch answers 200 (the documented contract).
    "/api/analyze-batch": [negative_data_rejection],
    # A schema-valid text can hold no ingredient ("/", "0"): the documented 422, checked below.
    "/api/analyze": [positive_data_acceptance],
    # Compared items are validated one by one too (an error in the item's slot), and a
    # schema-valid list can be over the 10-item limit (the documented 413).
    "/api/compare": [negative_data_rejection, positive_data_acceptance],
    # Routine products are validated by the library, so that an error names the product
    # and the field (a schema-valid frequency such as "abc" is the documented 422).
    "/api/routine": [negative_data_rejection, positive_data_acceptance],
}
NO_INGREDIENTS = ("no ingredients found in the text", "the ingredient text is empty")


@schema.parametrize()
@settings(max_examples=30, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.data_too_large])
def test_api_conforms_to_its_schema(case):
    """No 5xx; status codes, content types and bodies as documented."""
    response = case.call_and_validate(excluded_checks=EXEMPT.get(case.operation.path, []))
    assert response.status_code < 500
    if case.meta is not None and case.meta.generation.mode is GenerationMode.POSITIVE \
            and response.status_code == 422:
        # The only reason to refuse a schema-valid analysis: the text holds no ingredient
        # (in a routine: a product's, named, or two products with one name).
        error = response.json()["error"]
        if case.operation.path == "/api/routine":
            assert error.endswith(NO_INGREDIENTS) or "name: used twice" in error, error
        else:
            assert error in NO_INGREDIENTS, response.text
