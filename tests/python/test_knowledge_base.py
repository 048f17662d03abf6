"""accord.KnowledgeBase: rules and facts stored in a file, runs, and what they stored."""

import sqlite3

import pytest

import accord
from conftest import NATO, SMALL


@pytest.fixture
def kb(tmp_path):
    rules = tmp_path / "small.rules"
    rules.write_text(SMALL)
    knowledge_base = accord.KnowledgeBase(tmp_path / "small.db")
    knowledge_base.load_rules(rules)
    return knowledge_base


def test_run_stores_conclusions_that_query_reads(kb):
    report = kb.run(as_of="2024-06-01")
    assert report["as_of"] == "2024-06-01" and report["inserted"] > 0
    rows = kb.query("vote(S, x) = V")
    assert {row["S"]: row["V"] for row in rows} == {"a": "approve", "b": "block"}
    assert rows.as_of == "2024-06-01"
    assert rows.json["from"] == "knowledge base" and rows.json["run"]["id"] == report["run"]
    assert rows.json["stale"] is None


def test_asserted_facts_make_stored_conclusions_stale_until_the_next_run(kb):
    kb.run(as_of="2024-06-01")
    assert kb.add_facts("backs(b, x) source \"analyst\".") == 1
    stale = kb.query("vote(b, x) = V")
    assert stale.json["stale"] and [row["V"] for row in stale] == ["block"]
    assert [row["V"] for row in kb.model().query("vote(b, x) = V", as_of="2024-06-01")] == ["approve"]
    kb.run(as_of="2024-06-01")
    assert [row["V"] for row in kb.query("vote(b, x) = V")] == ["approve"]
    assert kb.retract_facts("backs(b, x).") == 1


def test_a_bad_fact_changes_nothing_in_the_file(kb, tmp_path):
    kb.add_facts("backs(b, y).")
    before = sqlite3.connect(tmp_path / "small.db").execute("select count(*) from sqlite_master").fetchone()
    with pytest.raises(accord.Error) as raised:
        kb.add_facts("backs(b, z).\nbacks(b).")
    assert raised.value.diagnostics[0]["line"] == 2
    assert [row["C"] for row in kb.model().query("backs(b, C)")] == ["y"]
    assert sqlite3.connect(tmp_path / "small.db").execute("select count(*) from sqlite_master").fetchone() == before


def test_query_before_any_run_says_so(kb):
    with pytest.raises(accord.Error, match="no run has stored conclusions"):
        kb.query("vote(S, x) = V")


def test_a_file_that_is_not_a_knowledge_base_is_refused(tmp_path):
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t(x)").connection.commit()
    with pytest.raises(accord.Error):
        accord.KnowledgeBase(other)
    with pytest.raises(accord.Error):
        accord.KnowledgeBase(tmp_path / "missing.db", create=False)


def test_the_nato_model_end_to_end(tmp_path):
    kb = accord.KnowledgeBase(tmp_path / "nato.db")
    kb.load_rules(NATO)
    kb.run(as_of="2024-06-19")
    assert [row["A"] for row in kb.query("vote(A, rutte) = block")] == ["romania"]
    model = kb.model()
    assert len(model.query("appointable(rutte)", as_of="2024-06-20")) == 1
