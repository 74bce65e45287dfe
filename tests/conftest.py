from __future__ import annotations

import os

import pytest


@pytest.fixture(autouse=True, scope="session")
def _linter_cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The linter keeps results between runs (linter/cache.py): the suite's go to a folder of its
    own, not the user's cache."""
    os.environ["APIGW_LINT_CACHE_DIR"] = str(tmp_path_factory.mktemp("apigw-lint-cache"))
