"""Several requests at once: a slow question does not hold up others, a server with every
model busy says 503, a client that stalls is dropped, and concurrent answers are all right."""

import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import NATO, Server, cli_json

# Cheap as of 2024 (no edges); as of 2031 a ring of 4000 nodes whose closure (16 million
# facts) no evaluation finishes within the servers' --max-seconds here.
SLOW = """
relation node(n: integer)
relation edge(a: integer, b: integer)
relation reach(a: integer, b: integer)
relation ready(state: symbol)
relation heavy(state: symbol)

ready(yes).
heavy(on) since 2030-01-01.
node(0).
node(X + 1) if node(X) and X < 3999.
edge(X, X + 1) if heavy(on) and node(X) and X < 3999.
edge(3999, 0) if heavy(on).
reach(X, Y) if edge(X, Y).
reach(X, Z) if reach(X, Y) and edge(Y, Z).
"""

SLOW_QUESTION = {"query": "reach(0, X)", "as_of": "2031-01-01"}
QUICK_QUESTION = {"query": "ready(X)", "as_of": "2024-01-01"}


@pytest.fixture
def slow_rules(tmp_path):
    path = tmp_path / "slow.rules"
    path.write_text(SLOW)
    return str(path)


def in_background(server, body):
    """Posts `body` on another thread; the result is [status, document] once it ends."""
    result = []
    thread = threading.Thread(target=lambda: result.extend(server.post("/v1/query", body)[::2]))
    thread.start()
    return thread, result


def wait_until_busy(server, models):
    for _ in range(200):
        if server.request("GET", "/v1/health")[2]["models_in_use"] == models:
            return
        time.sleep(0.02)
    raise AssertionError("the slow question never started")


def test_a_slow_question_does_not_hold_up_a_quick_one(slow_rules):
    server = Server(slow_rules, "--models", "2", "--max-seconds", "4")
    try:
        slow, slow_result = in_background(server, SLOW_QUESTION)
        wait_until_busy(server, 1)
        code, _, answer = server.post("/v1/query", QUICK_QUESTION)
        assert code == 200 and answer["rows"] == [{"X": "yes", "confidence": 1.0}]
        assert slow.is_alive(), "the quick answer came after the slow one ended"
        slow.join()
        assert slow_result[0] == 422 and "longer than 4 seconds" in slow_result[1]["diagnostics"][0]["message"]
    finally:
        server.stop()


def test_every_model_busy_is_503_then_served(slow_rules):
    server = Server(slow_rules, "--models", "1", "--max-seconds", "3", "--busy-wait", "0.2")
    try:
        slow, _ = in_background(server, SLOW_QUESTION)
        wait_until_busy(server, 1)
        code, response, answer = server.post("/v1/query", QUICK_QUESTION)
        assert code == 503 and response.getheader("Retry-After") == "1"
        assert "busy" in answer["diagnostics"][0]["message"]
        assert server.request("GET", "/v1/health")[0] == 200  # health needs no model
        slow.join()
        assert server.post("/v1/query", QUICK_QUESTION)[0] == 200
    finally:
        server.stop()


def test_a_stalled_client_is_dropped_and_others_are_served():
    server = Server(NATO, "--client-timeout", "1")
    try:
        with socket.create_connection(("127.0.0.1", server.port), timeout=30) as stalled:
            stalled.sendall(b"POST /v1/query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"qu")
            assert server.request("GET", "/v1/health")[0] == 200
            started = time.monotonic()
            while stalled.recv(4096):  # the server answers or closes; either way the connection ends
                pass
            assert time.monotonic() - started < 20
        assert server.post("/v1/query", {"query": "appointable(C)", "as_of": "2024-06-20"})[0] == 200
    finally:
        server.stop()


def test_concurrent_clients_all_get_the_right_answers():
    dates = ["2024-02-01", "2024-04-02", "2024-06-19", "2024-06-20", "2024-06-26"]
    expected = {date: cli_json("query", NATO, "vote(A, C) = V", "--as-of", date) for date in dates}
    server = Server(NATO, "--models", "3")
    try:
        def ask(i):
            date = dates[i % len(dates)]
            code, _, answer = server.post("/v1/query", {"query": "vote(A, C) = V", "as_of": date})
            return code, answer, expected[date]

        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(ask, range(120)))
        assert len(results) == 120
        for code, answer, oracle in results:
            assert code == 200 and answer == oracle
        assert server.request("GET", "/v1/health")[2]["answered"] >= 120
    finally:
        server.stop()
