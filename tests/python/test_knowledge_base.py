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


def dump(path):
    """Every row of every table of a SQLite file, to compare two states of it."""
    connection = sqlite3.connect(path)
    tables = [name for (name,) in connection.execute("select name from sqlite_master where type = 'table' order by name")]
    return {table: sorted(map(repr, connection.execute(f'select * from "{table}"'))) for table in tables}


def test_a_bad_fact_changes_nothing_in_the_file(kb, tmp_path):
    kb.add_facts("backs(b, y).")
    before = dump(tmp_path / "small.db")
    with pytest.raises(accord.Error) as raised:
        kb.add_facts("backs(b, z).\nbacks(b).")
    assert raised.value.diagnostics[0]["line"] == 2
    assert dump(tmp_path / "small.db") == before
    assert [row["C"] for row in kb.model().query("backs(b, C)")] == ["y"]


def test_run_refuses_a_confidence_out_of_range(kb, tmp_path):
    kb.run(as_of="2024-06-01")
    before = dump(tmp_path / "small.db")
    for bad in (1.5, -1, float("nan"), float("inf")):
        with pytest.raises(accord.Error, match="min_confidence"):
            kb.run(as_of="2024-06-01", min_confidence=bad)
    assert dump(tmp_path / "small.db") == before


def test_the_model_of_a_knowledge_base_survives_a_change_of_directory(kb, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path.parent)
    assert len(kb.model().query("member(S)")) == 2


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
    with pytest.raises(accord.Error):
        accord.KnowledgeBase("")


def test_the_nato_model_end_to_end(tmp_path):
    kb = accord.KnowledgeBase(tmp_path / "nato.db")
    kb.load_rules(NATO)
    kb.run(as_of="2024-06-19")
    assert [row["A"] for row in kb.query("vote(A, rutte) = block")] == ["romania"]
    model = kb.model()
    assert len(model.query("appointable(rutte)", as_of="2024-06-20")) == 1
