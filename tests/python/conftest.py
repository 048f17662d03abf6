"""Shared fixtures of the Python module's tests: the NATO model, and a small model of its own."""

import os
import pathlib

import pytest

import accord

REPO = pathlib.Path(os.environ.get("ACCORD_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
NATO = REPO / "rules" / "nato"

SMALL = """
## A member state.
relation member(state: symbol)
relation backs(state: symbol, candidate: symbol)
relation vote(state: symbol, candidate: symbol) -> stance: symbol
relation since(state: symbol) -> day: date

member(a). member(b).
backs(a, x) @0.8 source "Reuters <script>alert(1)</script>".
since(a) = 2024-01-02.

resolve vote: approve overrides block.
rule approve: vote(S, C) = approve if backs(S, C).
rule block: vote(S, x) = block if member(S) and not backs(S, x).
"""


@pytest.fixture(scope="session")
def nato():
    return accord.Model.load(NATO)


@pytest.fixture
def small():
    return accord.Model.from_text(SMALL, "small.rules")
