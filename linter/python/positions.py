"""Where nodes are in a file: libcst's PositionProvider, computed for the few nodes a finding
points at.

PositionProvider (through MetadataWrapper) regenerates the whole module recording a range for
every node, and the wrapper then walks the whole tree once more for batchable providers it does
not have: together two to three times the parse. This runs the same codegen with the same
position state, but records only the asked-for nodes and what is inside them (a node's range
can be hoisted from its children's), and stops after the last of them.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from typing import Any, Collection

import libcst as cst
from libcst.metadata import CodeRange, PositionProvider
from libcst.metadata.position_provider import PositionProvidingCodegenState

_OUTSIDE = contextlib.nullcontext()


class _Done(Exception):
    """Every asked-for node has its range."""


@dataclass(frozen=False)
class _Selective(PositionProvidingCodegenState):
    wanted: Collection[cst.CSTNode] = ()
    left: int = 0  # asked-for nodes not finished yet
    inside: int = field(default=0)  # depth inside asked-for nodes

    def _update_position(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            super()._update_position(value)
        else:  # most tokens: no line break
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        if self.inside or node in self.wanted:
            self.inside += 1
            super().before_codegen(node)

    def after_codegen(self, node: cst.CSTNode) -> None:
        if self.inside:  # this node counted itself in before_codegen
            super().after_codegen(node)
            self.inside -= 1
            if node in self.wanted:
                self.left -= 1
                if not self.left:
                    raise _Done

    def record_syntactic_position(self, node: cst.CSTNode, **hoisted: Any
                                  ) -> contextlib.AbstractContextManager[None]:
        return super().record_syntactic_position(node, **hoisted) if self.inside else _OUTSIDE


def positions(module: cst.Module, nodes: Collection[cst.CSTNode]) -> dict[cst.CSTNode, CodeRange]:
    """The PositionProvider range of each node of `nodes` (all in `module`)."""
    wanted = set(nodes)
    provider = PositionProvider()
    state = _Selective(default_indent=module.default_indent,
                       default_newline=module.default_newline, provider=provider,
                       wanted=wanted, left=len(wanted))
    if wanted:
        with contextlib.suppress(_Done):
            module._codegen(state)  # noqa: SLF001 - what PositionProvider itself runs
    return {node: provider._computed[node] for node in wanted}  # noqa: SLF001

