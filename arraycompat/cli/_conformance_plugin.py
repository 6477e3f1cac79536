"""A pytest plugin the conformance runner loads into the suite (``-p``) for
``run_suite(shrink=False)`` / ``--no-shrink``: the suite's Hypothesis profile
without shrinking, so a failing test reports its first failing example at once
instead of minimising it (torch's tensordot: minutes). Outcomes are unchanged.
"""

import pytest
from hypothesis import Phase, settings


@pytest.hookimpl(trylast=True)  # after the suite's conftest has loaded its profile
def pytest_configure(config: pytest.Config) -> None:
    settings.register_profile(
        "array-api-tests-no-shrink",
        parent=settings.get_profile("array-api-tests"),
        phases=[p for p in Phase if p not in (Phase.shrink, Phase.explain)],
    )
    settings.load_profile("array-api-tests-no-shrink")
