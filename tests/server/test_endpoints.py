"""Every question endpoint answers with the document its command prints with --format json
(the commands are the oracle), and the others (health, program, grid) with their shapes."""

import subprocess
import xml.etree.ElementTree as ElementTree

import pytest

from conftest import ACCORD, NATO, REPO, cli_json

QUESTIONS = [
    ("/v1/query", {"query": "vote(A, rutte) = V", "as_of": "2024-06-19"},
     ["query", NATO, "vote(A, rutte) = V", "--as-of", "2024-06-19"]),
    ("/v1/query", {"query": "vote(A, rutte) = block and eu_member(A)", "as_of": "2024-06-19", "min_confidence": 0.95},
     ["query", NATO, "vote(A, rutte) = block and eu_member(A)", "--as-of", "2024-06-19", "--min-confidence", "0.95"]),
    ("/v1/why", {"query": "vote(romania, rutte) = block", "as_of": "2024-06-19"},
     ["why", NATO, "vote(romania, rutte) = block", "--as-of", "2024-06-19"]),
    ("/v1/why", {"query": "vote(A, rutte) = block", "as_of": "2024-06-19", "depth": 2, "limit": 1},
     ["why", NATO, "vote(A, rutte) = block", "--as-of", "2024-06-19", "--depth", "2", "--limit", "1"]),
    ("/v1/why-not", {"query": "appointable(rutte)", "as_of": "2024-06-19"},
     ["why-not", NATO, "appointable(rutte)", "--as-of", "2024-06-19"]),
    ("/v1/why-not", {"query": "vote(romania, rutte)", "as_of": "2024-06-19", "depth": 1},
     ["why-not", NATO, "vote(romania, rutte)", "--as-of", "2024-06-19", "--depth", "1"]),
    ("/v1/what-if", {"retract": ["nominated_by(iohannis, romania)"], "as_of": "2024-06-19", "query": "vote(A, rutte) = V"},
     ["what-if", NATO, "vote(A, rutte) = V", "--retract", "nominated_by(iohannis, romania)", "--as-of", "2024-06-19"]),
    ("/v1/what-if", {"assert": ["ally(narnia)"], "retract": ["candidate(iohannis)"], "as_of": "2024-06-19"},
     ["what-if", NATO, "--assert", "ally(narnia)", "--retract", "candidate(iohannis)", "--as-of", "2024-06-19"]),
    ("/v1/needs", {"query": "appointable(rutte)", "as_of": "2024-06-19", "max": 2, "max_changes": 2},
     ["needs", NATO, "appointable(rutte)", "--as-of", "2024-06-19", "--max", "2", "--max-changes", "2"]),
    ("/v1/needs", {"query": "vote(romania, rutte) = approve", "as_of": "2024-06-19", "assumable": ["nominated_by"]},
     ["needs", NATO, "vote(romania, rutte) = approve", "--as-of", "2024-06-19", "--assumable", "nominated_by"]),
    ("/v1/timeline", {"query": "vote(romania, rutte) = V"}, ["timeline", NATO, "vote(romania, rutte) = V"]),
    ("/v1/timeline", {"query": "vote(hungary, rutte) = V", "from": "2024-03-01", "to": "2024-06-30"},
     ["timeline", NATO, "vote(hungary, rutte) = V", "--from", "2024-03-01", "--to", "2024-06-30"]),
    ("/v1/grid", {"relation": "vote", "as_of": "2024-06-19"}, ["grid", NATO, "vote", "--as-of", "2024-06-19"]),
]


@pytest.mark.parametrize("path,body,command", QUESTIONS, ids=[f"{q[0]} {q[1].get('query', q[1].get('relation'))}" for q in QUESTIONS])
def test_a_question_answers_as_its_command(nato_server, path, body, command):
    status, _, answer = nato_server.post(path, body)
    assert status == 200, answer
    assert answer == cli_json(*command)


def test_answers_say_what_they_are_from(nato_server):
    _, _, answer = nato_server.post("/v1/query", {"query": "appointable(C)", "as_of": "2024-06-20"})
    assert (answer["as_of"], answer["from"], answer["min_confidence"]) == ("2024-06-20", "rule files", 0.5)
    assert [row["C"] for row in answer["rows"]] == ["rutte"]


def test_health(nato_server):
    status, _, health = nato_server.request("GET", "/v1/health")
    assert status == 200
    assert health["status"] == "ok"
    assert health["model"] == f"rule files {NATO}"
    assert health["writes"] is False and health["models"] == 2


def test_program_lists_relations_with_columns_and_docs(nato_server):
    status, _, program = nato_server.request("GET", "/v1/program")
    assert status == 200 and program["ok"] is True
    vote = next(r for r in program["relations"] if r["name"] == "vote")
    assert [c["name"] for c in vote["columns"]] == ["ally", "candidate"]
    assert vote["value"] == {"name": "stance", "type": "symbol"}
    assert vote["docs"] and vote["location"].startswith(f"{NATO}/votes.rules:")
    assert any(rule["name"] == "unanimity" for rule in program["rules"])


def test_the_grid_shows_every_ally_with_romania_blocking_then_approving(nato_server):
    def romanias_vote_for_rutte(as_of):
        _, _, grid = nato_server.post("/v1/grid", {"relation": "vote", "as_of": as_of})
        assert len(grid["rows"]) == 32
        rutte = [c["label"] for c in grid["columns"]].index("rutte")
        romania = [r["label"] for r in grid["rows"]].index("romania")
        return next(c for c in grid["cells"] if (c["row"], c["column"]) == (romania, rutte))

    assert romanias_vote_for_rutte("2024-06-19")["fact"] == "vote(romania, rutte) = block"
    assert romanias_vote_for_rutte("2024-06-20")["fact"] == "vote(romania, rutte) = approve"


def test_pictures_are_svg_documents(nato_server):
    for path, body in [("/v1/grid", {"relation": "vote", "as_of": "2024-06-19"}), ("/v1/timeline", {"query": "vote(A, rutte) = V"})]:
        status, response, text = nato_server.post(path, {**body, "format": "svg"})
        assert status == 200 and response.getheader("Content-Type").startswith("image/svg+xml")
        root = ElementTree.fromstring(text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_the_grid_picture_is_the_commands(nato_server):
    _, _, picture = nato_server.post("/v1/grid", {"relation": "vote", "as_of": "2024-06-19", "format": "svg"})
    printed = subprocess.run([ACCORD, "grid", NATO, "vote", "--as-of", "2024-06-19", "--format", "svg"], cwd=REPO,
                             capture_output=True, text=True, check=True).stdout
    assert picture == printed


def test_the_explorer_page_and_its_files_are_served(nato_server):
    for path, kind in [("/", "text/html"), ("/explorer.js", "text/javascript"), ("/explorer.css", "text/css")]:
        status, response, text = nato_server.request("GET", path)
        assert status == 200 and response.getheader("Content-Type").startswith(kind)
        assert "script-src 'self'" in response.getheader("Content-Security-Policy")
        assert text
