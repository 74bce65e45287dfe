from __future__ import annotations

from cli_run import EXECUTABLE  # noqa: F401 - the tests here import it from this module
