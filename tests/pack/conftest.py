from __future__ import annotations

from typing import Iterator

import pytest

from harness.pack import PackClient


@pytest.fixture(scope="session")
def pack() -> Iterator[PackClient]:
    """One pack process per session, started as the engine starts it."""
    with PackClient() as client:
        client.configure()
        yield client
