"""accord.Model: questions by text, answers as Python data, checked against the NATO model's
2024 story and against the command line's JSON for the same questions."""

import datetime
import json
import os
import subprocess

import pytest

import accord
from conftest import NATO


def test_version_is_the_projects():
    assert accord.__version__.count(".") == 2


def test_query_gives_rows_of_plain_values_with_their_date(nato):
    rows = nato.query("vote(A, rutte) = V", as_of="2024-06-19")
    assert isinstance(rows, list) and len(rows) == 32
    assert rows.as_of == "2024-06-19" and rows.columns == ["A", "V"]
    votes = {row["A"]: row["V"] for row in rows}
    assert votes["romania"] == "block"
    assert sum(stance == "approve" for stance in votes.values()) == 31
    assert all(0 < row["confidence"] <= 1 for row in rows)


def test_the_date_changes_the_answer_and_takes_datetime_dates(nato):
    before = nato.query("vote(romania, rutte) = V", as_of="2024-06-19")
    after = nato.query("vote(romania, rutte) = V", as_of=datetime.date(2024, 6, 20))
    assert [row["V"] for row in before] == ["block"]
    assert [row["V"] for row in after] == ["approve"]
    assert after.as_of == "2024-06-20"
    assert len(nato.query("appointable(rutte)", as_of="2024-06-20")) == 1
    assert len(nato.query("appointable(rutte)", as_of="2024-06-19")) == 0


def test_query_json_is_the_commands_document(nato):
    rows = nato.query("vote(A, rutte) = block", as_of="2024-04-01")
    assert rows.json["query"] == "vote(A, rutte) = block"
    assert rows.json["as_of"] == "2024-04-01" and rows.json["from"] == "rule files"
    assert [row["A"] for row in rows.json["rows"]] == ["hungary", "romania"]


def test_values_keep_their_kinds(small):
    rows = small.query("since(S) = D")
    assert rows[0]["D"] == datetime.date(2024, 1, 2)
    integers = accord.Model.from_text("relation n(x: integer, y: decimal)\nn(3, 2.5).")
    row = integers.query("n(X, Y)")[0]
    assert row["X"] == 3 and isinstance(row["X"], int)
    assert row["Y"] == 2.5 and isinstance(row["Y"], float)


def test_why_names_iohannis_and_prints_as_the_cli(nato):
    answer = nato.why("vote(romania, rutte) = block", as_of="2024-06-19")
    assert answer["matches"] == 1 and answer["as_of"] == "2024-06-19"
    assert "iohannis" in json.dumps(answer["proofs"])
    assert str(answer).startswith("vote(romania, rutte) = block")
    assert "nominated_by(iohannis, romania)" in str(answer)


def test_why_of_several_conditions_explains_each_row(nato):
    answer = nato.why("vote(A, rutte) = block and eu_member(A)", as_of="2024-06-19")
    assert [row["bindings"]["A"] for row in answer["rows"]] == ["romania"]


def test_why_not_explains_each_rule_attempt(nato):
    answer = nato.why_not("appointable(rutte)", as_of="2024-06-19")
    assert answer["holds"] is False
    assert "does not hold" in str(answer)
    key = nato.why_not("vote(romania, rutte)", as_of="2024-06-19")
    assert key["key"] == "vote(romania, rutte)" and key["value"] == "block"


def test_what_if_lists_the_changed_conclusions(nato):
    answer = nato.what_if(assert_=["backs(romania, rutte)."], retract=["nominated_by(iohannis, romania)."], as_of="2024-06-19")
    assert {"kind": "added", "after": {"fact": "appointable(rutte)", "confidence": 0.9}} in answer["changes"]
    assert answer["as_of"] == "2024-06-19" and answer["not_found"] == []
    # The model itself is unchanged afterwards.
    assert [row["V"] for row in nato.query("vote(romania, rutte) = V", as_of="2024-06-19")] == ["block"]


def test_what_if_restricted_to_a_query(nato):
    answer = nato.what_if(assert_="backs(romania, rutte).", retract="nominated_by(iohannis, romania).", as_of="2024-06-19",
                          query="vote(romania, rutte) = V")
    assert answer["changes"] == [{"kind": "changed", "before": {"fact": "vote(romania, rutte) = block", "confidence": 1.0},
                                  "after": {"fact": "vote(romania, rutte) = approve", "confidence": 1.0}}]


def test_needs_finds_what_romania_waited_for(nato):
    answer = nato.needs("appointable(rutte)", as_of="2024-06-19")
    changes = [{(c["change"], c["fact"]) for c in answer_set} for answer_set in answer["answers"]]
    assert {("remove", "nominated_by(iohannis, romania)"), ("add", "backs(romania, rutte)")} in changes
    assert "would hold" in str(answer)


def test_timeline_shows_when_a_vote_changed(nato):
    answer = nato.timeline("vote(romania, rutte) = V")
    entries = answer["timelines"][0]["entries"] if "entries" in answer["timelines"][0] else answer["timelines"][0]
    assert "2024-06-20" in json.dumps(entries)
    assert "2024-06-20" in str(answer)


def test_added_facts_change_the_answers_and_can_be_retracted(small):
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V")} == {"a": "approve", "b": "block"}
    small.add_facts("backs(b, x) @0.7 since 2024-01-01")
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V", as_of="2024-06-01")} == {"a": "approve", "b": "approve"}
    assert small.query("vote(S, x) = V", as_of="2023-06-01")[1]["V"] == "block"  # before the fact's validity
    assert small.retract_facts("backs(b, x).") == 1
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V", as_of="2024-06-01")} == {"a": "approve", "b": "block"}


def test_min_confidence_is_honoured(small):
    rows = small.query("vote(S, x) = V", min_confidence=0.9)
    assert rows.min_confidence == 0.9
    assert "a" not in {row["S"] for row in rows if row["V"] == "approve"}


def test_bad_facts_raise_with_diagnostics_and_change_nothing(small):
    with pytest.raises(accord.Error) as raised:
        small.add_facts("backs(c, x).\nbacks(a, y, z).")
    error = raised.value
    assert error.diagnostics and error.diagnostics[0]["line"] == 2
    assert error.diagnostics[0]["file"] == "<facts>"
    assert "error:" in str(error)
    assert {row["S"] for row in small.query("backs(S, C)")} == {"a"}  # all or nothing


def test_load_warnings_are_kept(tmp_path):
    rules = tmp_path / "warn.rules"
    rules.write_text("relation p(x: symbol)\nrule r: p(X) if q(X).\n")
    model = accord.Model.load(rules)
    assert [w["code"] for w in model.warnings] == ["unknown-relation"]
    assert model.warnings[0]["line"] == 2
    assert accord.Model.from_text("p(1).").warnings == []


def test_bad_rules_raise_with_file_line_and_column(tmp_path):
    rules = tmp_path / "bad.rules"
    rules.write_text("relation p(x: symbol)\nrule r: p(X) if p(X) and .\n")
    with pytest.raises(accord.Error) as raised:
        accord.Model.load(rules)
    diagnostic = raised.value.diagnostics[0]
    assert diagnostic["file"].endswith("bad.rules") and diagnostic["line"] == 2 and diagnostic["column"] > 1
    assert f"{diagnostic['file']}:2:" in str(raised.value)


@pytest.mark.parametrize("call", [
    lambda m: m.query("vote(A, rutte = V"),
    lambda m: m.query("nosuch(X)"),
    lambda m: m.query("vote(A, rutte) = V", as_of="2024-13-01"),
    lambda m: m.query("vote(A, rutte) = V", min_confidence=1.5),
    lambda m: m.why("vote(A,"),
    lambda m: m.why_not("nosuch(x)"),
    lambda m: m.needs("vote(A, rutte) = approve"),
    lambda m: m.needs("appointable(rutte)", assumable=["nosuch"]),
    lambda m: m.timeline("vote(A, rutte) = V", from_="2024-06-01", to="2024-01-01"),
    lambda m: m.what_if(assert_=["nosuch(x)."]),
])
def test_bad_questions_raise_accord_errors(nato, call):
    with pytest.raises(accord.Error) as raised:
        call(nato)
    assert raised.value.diagnostics and str(raised.value).strip()


def test_wrong_types_raise_type_errors(nato):
    with pytest.raises(TypeError):
        nato.query("vote(A, rutte) = V", as_of=20240619)
    with pytest.raises(TypeError):
        nato.what_if(assert_=[1])
    with pytest.raises(ValueError):
        nato.what_if()


def test_to_pandas_keeps_columns_and_date(nato):
    pandas = pytest.importorskip("pandas")
    frame = nato.query("vote(A, rutte) = V", as_of="2024-06-19").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == ["A", "V", "confidence"] and len(frame) == 32
    assert frame.attrs["as_of"] == "2024-06-19"
    assert frame.set_index("A").loc["romania", "V"] == "block"


def test_html_display_escapes_every_value(small):
    html = small.query("backs(S, C)")._repr_html_()
    assert "<table>" in html and "as of" in html
    proof = small.why("vote(a, x) = approve")._repr_html_()
    assert "<script>" not in proof and "&lt;script&gt;" in proof
    assert "<details" in proof


def test_answers_match_the_command_line(nato):
    """The same question through the CLI's --format json gives the same data."""
    cli = os.environ.get("ACCORD_CLI")
    if not cli:
        pytest.skip("ACCORD_CLI not set")
    for command, question, call in [
        ("query", "vote(A, rutte) = V", lambda: nato.query("vote(A, rutte) = V", as_of="2024-06-19").json),
        ("why", "vote(romania, rutte) = block", lambda: dict(nato.why("vote(romania, rutte) = block", as_of="2024-06-19"))),
        ("why-not", "appointable(rutte)", lambda: dict(nato.why_not("appointable(rutte)", as_of="2024-06-19"))),
    ]:
        out = subprocess.run([cli, command, str(NATO), question, "--as-of", "2024-06-19", "--format", "json"], capture_output=True,
                             text=True, check=False)
        document = json.loads(out.stdout)
        for key in ("command", "format_version", "ok", "diagnostics"):
            document.pop(key, None)
        assert call() == document, command
