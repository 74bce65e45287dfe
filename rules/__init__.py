"""The rule catalogue and its checks: pure Python, no Pulumi, gRPC or libcst import."""
from . import (connections, credentials, files, integration_types, lifecycle,  # noqa: F401
               mappings, methods, payload, program, responses, subtypes, timeouts, uris,
               websocket)
from .catalogue import (BOTH, ERROR, INFO, LINTER, PACK, RULES, SEVERITIES, WARNING, Example,
                        Hit, Rule, possible_defaults, run, run_alone,
                        with_provider_defaults)
from .model import Context, Finding, Integration
from . import samples  # noqa: F401 (examples to build on, for tests and docs)
from .values import ABSENT, UNKNOWN, is_known

_in_id_order = sorted(RULES.items())  # the catalogue reads in id order
RULES.clear()
RULES.update(_in_id_order)

__all__ = ["ABSENT", "BOTH", "Context", "ERROR", "Example", "Finding", "Hit", "INFO", "Integration",
           "LINTER", "PACK", "RULES", "Rule", "SEVERITIES", "UNKNOWN", "WARNING", "is_known",
           "possible_defaults", "run", "run_alone", "with_provider_defaults"]
