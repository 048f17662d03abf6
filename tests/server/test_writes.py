"""POST /v1/facts with --allow-writes: to the models in memory for rule files, to the
knowledge base in one transaction for --kb; all or nothing, as `accord assert` and `retract`."""

import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import ACCORD, Server

RULES = """
relation member(state: symbol)
relation backs(state: symbol, candidate: symbol)
relation vote(state: symbol, candidate: symbol) -> stance: symbol
resolve vote: approve overrides block.

member(a). member(b).
backs(a, x) source "Reuters <script>alert(1)</script>".
vote(S, C) = approve if backs(S, C).
vote(S, x) = block if member(S) and not backs(S, x).
"""


def votes(server):
    _, _, answer = server.post("/v1/query", {"query": "vote(S, x) = V", "as_of": "2024-06-19"})
    return {row["S"]: row["V"] for row in answer["rows"]}


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "small.rules"
    path.write_text(RULES)
    return path


def test_writes_change_every_model_in_memory_only(rules):
    server = Server(str(rules), "--allow-writes", "--models", "3")
    try:
        assert votes(server) == {"a": "approve", "b": "block"}
        code, _, answer = server.post("/v1/facts", {"assert": ['backs(b, x) source "analyst"'], "retract": ["backs(a, x)."]})
        assert code == 200, answer
        assert (answer["asserted"], answer["retracted"], answer["not_found"]) == (1, 1, [])
        assert answer["written"].startswith("memory")
        for _ in range(6):  # whichever model answers
            assert votes(server) == {"a": "block", "b": "approve"}
        assert rules.read_text() == RULES
    finally:
        server.stop()


def test_a_bad_fact_changes_nothing(rules):
    server = Server(str(rules), "--allow-writes")
    try:
        for body in [{"assert": ["backs(b, x).", "backs(b)."]}, {"assert": ["backs(b, x)."], "retract": ["nonesuch(a)."]},
                     {"assert": ["vote(S, x) = approve."]}]:
            code, _, answer = server.post("/v1/facts", body)
            assert code == 400 and answer["ok"] is False, answer
            assert votes(server) == {"a": "approve", "b": "block"}
        code, _, answer = server.post("/v1/facts", {"retract": ["backs(b, y)."]})
        assert code == 200 and answer["not_found"] == ["backs(b, y)."]
        assert "nothing to retract" in answer["diagnostics"][0]["message"]
    finally:
        server.stop()


def test_writes_go_to_the_knowledge_base_in_one_transaction(rules, tmp_path):
    kb = tmp_path / "small.db"
    subprocess.run([ACCORD, "load", str(rules), "--kb", str(kb)], check=True, capture_output=True)
    subprocess.run([ACCORD, "assert", "backs(b, y).", "--kb", str(kb)], check=True, capture_output=True)
    server = Server("--kb", str(kb), "--allow-writes")
    try:
        assert votes(server) == {"a": "approve", "b": "block"}
        code, _, answer = server.post("/v1/facts", {"assert": ["backs(b, x)."], "retract": ["backs(b, y)."]})
        assert code == 200 and (answer["asserted"], answer["retracted"], answer["written"]) == (1, 1, "knowledge base")
        assert votes(server) == {"a": "approve", "b": "approve"}
        code, _, answer = server.post("/v1/facts", {"assert": ["backs(a, z)."], "retract": ["backs(q)."]})
        assert code == 400
        code, _, answer = server.post("/v1/facts", {"retract": ["backs(a, x)."]})  # of the rule files, not asserted
        assert code == 200 and answer["not_found"] == ["backs(a, x)"]
        assert "was not an asserted fact" in answer["diagnostics"][0]["message"]
    finally:
        server.stop()
    exported = subprocess.run([ACCORD, "export", "backs", "--asserted", "--kb", str(kb)], check=True, capture_output=True, text=True).stdout
    assert "b,x" in exported and "b,y" not in exported and "a,z" not in exported


def test_a_request_never_names_a_file(rules):
    server = Server(str(rules))
    try:
        code, _, answer = server.post("/v1/query", {"query": "member(S)", "file": "/etc/passwd"})
        assert code == 400 and 'does not take "file"' in answer["diagnostics"][0]["message"]
        code, _, answer = server.post("/v1/facts", {"assert": ['include "/etc/passwd".']})
        assert code == 403  # read-only; and with writes allowed, not a fact:
        code, _, answer = server.post("/v1/what-if", {"assert": ['include "/etc/passwd".']})
        assert code == 400 and answer["diagnostics"][0]["message"] == "only facts can be given here"
    finally:
        server.stop()


def test_values_are_escaped_in_pictures(tmp_path):
    rules = tmp_path / "hostile.rules"
    rules.write_text(RULES.replace("member(a).", "member('<script>alert(2)</script>'). member(a)."))
    server = Server(str(rules))
    try:
        code, _, picture = server.post("/v1/grid", {"relation": "vote", "format": "svg", "as_of": "2024-06-19"})
        assert code == 200
        root = ElementTree.fromstring(picture)  # well-formed
        assert not [element for element in root.iter() if element.tag.endswith("script")]
        assert "&lt;script&gt;alert(2)&lt;/script&gt;" in picture and "<script>" not in picture
        labels = [element.text for element in root.iter() if element.get("class") == "row-label"]
        assert "<script>alert(2)</script>" in labels
        _, _, why = server.post("/v1/why", {"query": "backs(a, x)", "as_of": "2024-06-19"})
        assert why["proofs"][0]["source"] == "Reuters <script>alert(1)</script>"
    finally:
        server.stop()


def test_a_knowledge_base_written_by_another_program_is_read_again(rules, tmp_path):
    kb = tmp_path / "shared.db"
    subprocess.run([ACCORD, "load", str(rules), "--kb", str(kb)], check=True, capture_output=True)
    server = Server("--kb", str(kb), "--models", "2")
    try:
        assert votes(server) == {"a": "approve", "b": "block"}
        subprocess.run([ACCORD, "assert", "backs(b, x).", "--kb", str(kb)], check=True, capture_output=True)
        for _ in range(4):  # every model, not only the one that answered first
            assert votes(server) == {"a": "approve", "b": "approve"}
    finally:
        server.stop()


def test_answers_after_writes_in_memory_say_so(rules):
    server = Server(str(rules), "--allow-writes")
    try:
        assert "writes_in_memory" not in server.post("/v1/query", {"query": "member(S)"})[2]
        server.post("/v1/facts", {"assert": ["member(c)."]})
        _, _, answer = server.post("/v1/query", {"query": "member(S)"})
        assert answer["writes_in_memory"] == 1 and {row["S"] for row in answer["rows"]} == {"a", "b", "c"}
        assert server.request("GET", "/v1/health")[2]["writes_in_memory"] == 1
    finally:
        server.stop()
