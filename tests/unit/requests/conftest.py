"""Fixtures of the request tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from requests_fixtures import rendered


@pytest.fixture
def render() -> Callable[..., bytes]:
    """Render an example draft (cached: many tests look at the same documents)."""
    return rendered
