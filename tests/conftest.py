from __future__ import annotations

import os
from typing import Callable

import pytest
from cli_run import Run, run


@pytest.fixture(autouse=True, scope="session")
def _linter_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The linter keeps results between runs (linter/cache.py): the suite's go to a folder of its
    own, not the user's cache."""
    os.environ["APIGW_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("apigw-lint-cache"))


@pytest.fixture
def lint() -> Callable[..., Run]:
    """The installed CLI run as a process: lint(*args, cwd=None) -> Run."""
    return run
