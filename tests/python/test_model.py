"""accord.Model: questions by text, answers as Python data, checked against the NATO model's
2024 story and against the command line's JSON for the same questions."""

import datetime
import json
import os
import subprocess

import pytest

import accord
from conftest import NATO, REPO


def test_version_is_the_projects():
    cmake = (REPO / "CMakeLists.txt").read_text()
    assert f"project(accord VERSION {accord.__version__} " in cmake


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
    [timeline] = answer["timelines"]
    assert timeline["subject"] == "vote(romania, rutte)"
    states = {change["from"]: change["state"] for change in timeline["changes"]}
    assert states["2024-06-20"] == "approve"
    assert "2024-06-20" in str(answer)
    assert nato.timeline("vote(romania, rutte) = V", max_dates=2)["timelines"] != answer["timelines"]


def test_an_added_fact_changes_the_answer_of_the_same_date(small):
    assert [row["V"] for row in small.query("vote(b, x) = V", as_of="2024-06-01")] == ["block"]
    assert small.add_facts("backs(b, x).") == 1
    assert [row["V"] for row in small.query("vote(b, x) = V", as_of="2024-06-01")] == ["approve"]
    assert small.retract_facts("backs(b, x).") == 1
    assert [row["V"] for row in small.query("vote(b, x) = V", as_of="2024-06-01")] == ["block"]


def test_retracting_removes_rule_file_facts_whatever_their_annotations(nato):
    model = accord.Model.load(NATO)
    assert model.retract_facts('backs(romania, rutte) @0.5 source "anything".') == 1  # romania.rules' fact
    assert [row["V"] for row in model.query("vote(romania, rutte) = V", as_of="2024-07-01")] != ["approve"]


def test_added_facts_change_the_answers_and_can_be_retracted(small):
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V")} == {"a": "approve", "b": "block"}
    small.add_facts("backs(b, x) @0.7 since 2024-01-01")
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V", as_of="2024-06-01")} == {"a": "approve", "b": "approve"}
    assert small.query("vote(S, x) = V", as_of="2023-06-01")[1]["V"] == "block"  # before the fact's validity
    assert small.retract_facts("backs(b, x).") == 1
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V", as_of="2024-06-01")} == {"a": "approve", "b": "block"}


def test_min_confidence_is_honoured(small):
    assert {row["S"]: row["V"] for row in small.query("vote(S, x) = V")}["a"] == "approve"  # backs(a, x) @0.8
    rows = small.query("vote(S, x) = V", min_confidence=0.9)
    assert rows.min_confidence == 0.9 and rows.json["min_confidence"] == 0.9
    assert {row["S"]: row["V"] for row in rows} == {"a": "block", "b": "block"}


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


def test_a_near_miss_is_a_warning():
    model = accord.Model.from_text('p("romania").')  # an untyped column, holding a string
    rows = model.query("p(romania)")
    assert len(rows) == 0 and rows.warnings and "string" in rows.warnings[0]["message"]
    assert model.why_not("p(romania)").warnings


def test_evaluation_errors_say_where(small):
    model = accord.Model.from_text("relation s(n: integer)\ns(9223372036854775807).\nbig(M) if s(N) and M = N + 1.\n", "o.rules")
    with pytest.raises(accord.Error) as raised:
        model.query("big(M)")
    diagnostic = raised.value.diagnostics[0]
    assert (diagnostic["file"], diagnostic["line"], diagnostic["column"]) == ("o.rules", 3, 1)
    small.set_limits(max_facts=2)
    with pytest.raises(accord.Error, match="fact"):
        small.query("vote(S, x) = V")


def test_files_that_are_not_rules_raise_accord_errors(tmp_path):
    latin1 = tmp_path / "latin1.rules"
    latin1.write_bytes(b'relation note(a: symbol, t: string)\nnote(a, "caf\xe9").\n')
    for paths in (latin1, "", [], tmp_path / "missing.rules"):
        with pytest.raises(accord.Error):
            accord.Model.load(paths)


def test_dates_may_be_datetimes(nato):
    rows = nato.query("vote(romania, rutte) = V", as_of=datetime.datetime(2024, 6, 20, 15, 30))
    assert rows.as_of == "2024-06-20" and rows[0]["V"] == "approve"


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
    lambda m: m.what_if(),
    lambda m: m.needs("appointable(rutte)", max_answers=0),
    lambda m: m.what_if(assert_=["backs(romania, rutte)."], query="vote(A,"),
    lambda m: m.query("vote(A, rutte)\0 = V"),
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
    with pytest.raises(TypeError):
        nato.query("vote(A, rutte) = V", min_confidence=True)


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


def cli(*arguments):
    """The command line's answer: its JSON document without the envelope, or its text."""
    command = os.environ.get("ACCORD_CLI")
    if not command:
        pytest.skip("ACCORD_CLI is not set (ctest sets it)")
    # A sanitizer build preloads its runtime for the module; the program carries its own.
    environment = {name: value for name, value in os.environ.items() if name != "LD_PRELOAD"}
    out = subprocess.run([command, *arguments], capture_output=True, text=True, check=False, env=environment)
    if "json" not in arguments:
        return out.stdout
    document = json.loads(out.stdout)
    for key in ("command", "format_version", "ok", "diagnostics"):
        document.pop(key, None)
    return document


QUESTIONS = [
    (["query", "vote(A, rutte) = V"], lambda m: m.query("vote(A, rutte) = V", as_of="2024-06-19").json),
    (["why", "vote(romania, rutte) = block"], lambda m: m.why("vote(romania, rutte) = block", as_of="2024-06-19")),
    (["why", "vote(A, rutte) = block and eu_member(A)"], lambda m: m.why("vote(A, rutte) = block and eu_member(A)", as_of="2024-06-19")),
    (["why-not", "appointable(rutte)"], lambda m: m.why_not("appointable(rutte)", as_of="2024-06-19")),
    (["why-not", "vote(romania, rutte)"], lambda m: m.why_not("vote(romania, rutte)", as_of="2024-06-19")),
    (["what-if", "--assert", "backs(romania, rutte).", "--retract", "nominated_by(iohannis, romania)."],
     lambda m: m.what_if(assert_="backs(romania, rutte).", retract="nominated_by(iohannis, romania).", as_of="2024-06-19")),
    (["needs", "appointable(rutte)"], lambda m: m.needs("appointable(rutte)", as_of="2024-06-19")),
]


@pytest.mark.parametrize("arguments,ask", QUESTIONS, ids=[" ".join(q[0][:2]) for q in QUESTIONS])
def test_answers_are_the_command_lines(nato, arguments, ask):
    """The same question through the command line gives the same data and the same text."""
    command, rest = arguments[0], arguments[1:]
    answer = ask(nato)
    dated = [command, str(NATO), *rest, "--as-of", "2024-06-19"]
    assert dict(answer) == cli(*dated, "--format", "json")
    if isinstance(answer, accord.Explanation):
        assert str(answer) == cli(*dated)


def test_timeline_is_the_command_lines(nato):
    answer = nato.timeline("vote(romania, rutte) = V", from_="2024-03-01", to="2024-07-01")
    arguments = ["timeline", str(NATO), "vote(romania, rutte) = V", "--from", "2024-03-01", "--to", "2024-07-01"]
    assert dict(answer) == cli(*arguments, "--format", "json")
    assert str(answer) == cli(*arguments)
