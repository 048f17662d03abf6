"""Bad requests get an error document with the right status, and the server keeps serving."""

import socket

import pytest

from conftest import NATO, Server


def messages(document):
    return " ".join(d["message"] for d in document["diagnostics"])


@pytest.mark.parametrize("raw,status,says", [
    ("{not json", 400, "not JSON"),
    ("[1, 2]", 400, "not an object"),
    ('{"query": 42}', 400, '"query" must be a string, not number'),
    ('{"query": "vote(A, rutte) = V", "as_of": 20240619}', 400, '"as_of" must be a string'),
    ('{"query": "vote(A, rutte) = V", "min_confidence": "high"}', 400, '"min_confidence" must be a number'),
    ('{"query": "vote(A, rutte) = V", "asof": "2024-06-19"}', 400, 'does not take "asof"'),
    ('{"as_of": "2024-06-19"}', 400, '"query" is required'),
    ('{"query": ""}', 400, '"query" is required'),
    ('{"query": "vote(A, rutte) = V", "as_of": "2024-13-45"}', 400, "expected a date"),
    ('{"query": "vote(A, rutte) = V", "min_confidence": 1.5}', 400, "from 0 to 1"),
])
def test_a_bad_query_request(nato_server, raw, status, says):
    code, _, document = nato_server.request("POST", "/v1/query", raw=raw)
    assert code == status
    assert document["ok"] is False and document["command"] == "query"
    assert says in messages(document)


def test_a_query_with_a_syntax_error_is_placed(nato_server):
    code, _, document = nato_server.post("/v1/query", {"query": "vote(A, rutte = V"})
    assert code == 400
    [diagnostic] = document["diagnostics"]
    assert (diagnostic["file"], diagnostic["line"], diagnostic["column"]) == ("<query>", 1, 15)


def test_an_unknown_relation_is_named(nato_server):
    code, _, document = nato_server.post("/v1/why", {"query": "votes(A, rutte) = V"})
    assert code == 400 and "vote" in messages(document)


@pytest.mark.parametrize("path,body,says", [
    ("/v1/why", {"query": "vote(A, rutte) = V", "depth": -1}, '"depth" must be a whole number'),
    ("/v1/why", {"query": "vote(A, rutte) = V", "limit": 0}, '"limit" must be a whole number from 1'),
    ("/v1/what-if", {"assert": "ally(narnia)."}, '"assert" must be a list of strings'),
    ("/v1/what-if", {"assert": [1]}, '"assert" must be a list of strings'),
    ("/v1/what-if", {}, "give facts to assert or to retract"),
    ("/v1/timeline", {"query": "vote(A, rutte) = V", "as_of": "2024-06-19"}, 'does not take "as_of"'),
    ("/v1/timeline", {"query": "vote(A, rutte) = V", "from": "2024-06-01", "to": "2024-01-01"}, "before from"),
    ("/v1/grid", {"relation": "votes"}, "did you mean 'vote'"),
    ("/v1/grid", {"relation": "vote", "format": "png"}, '"format" must be "json" or "svg"'),
    ("/v1/needs", {"query": "vote(romania, rutte) = approve", "assumable": ["nonesuch"]}, "nonesuch"),
    ("/v1/needs", {"query": "appointable(rutte)", "max_evaluations": 100000}, '"max_evaluations" may be at most 2000'),
    ("/v1/timeline", {"query": "vote(A, rutte) = V", "max_dates": 5000}, '"max_dates" may be at most 2000'),
    ("/v1/what-if", {"assert": ['include "/etc/passwd".']}, "only facts can be given here"),
])
def test_a_bad_option(nato_server, path, body, says):
    code, _, document = nato_server.post(path, body)
    assert code == 400, document
    assert says in messages(document)


def test_an_unknown_path_is_404_with_a_document(nato_server):
    for method, path in [("GET", "/v1/nope"), ("POST", "/v1/nope"), ("GET", "/../../etc/passwd")]:
        code, _, document = nato_server.request(method, path, body={} if method == "POST" else None)
        assert code == 404 and document["ok"] is False
        assert "no such endpoint" in messages(document) and "POST /v1/why-not" in messages(document)


def test_a_path_asked_with_the_wrong_method_is_405(nato_server):
    for method, path, allowed in [("GET", "/v1/query", "POST"), ("POST", "/v1/health", "GET"), ("DELETE", "/v1/facts", "POST")]:
        code, response, document = nato_server.request(method, path)
        assert code == 405 and response.getheader("Allow") == allowed, document
        assert f"{path} takes {allowed}, not {method}" in messages(document)


def test_an_unknown_field_is_named_before_a_missing_one(nato_server):
    code, _, document = nato_server.post("/v1/query", {"q": "vote(A, rutte) = V"})
    assert code == 400 and 'does not take "q"' in messages(document)


def test_a_refused_body_is_not_read_as_another_request(nato_server):
    """A form of another site (text/plain) whose body holds a second request: the refusal
    must consume the body, or the second request would be answered (and a write done)."""
    smuggled = ("POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 21\r\n\r\n"
                '{"query": "ally(A)"}\n')
    request = ("POST /v1/query HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
               f"Content-Length: {len(smuggled)}\r\n\r\n{smuggled}")
    received = exchange(nato_server.port, request)
    assert received.count(b"HTTP/1.1 ") == 1 and received.startswith(b"HTTP/1.1 415"), received
    foreign = request.replace("Host: 127.0.0.1\r\nContent-Type: text/plain", "Host: evil.example\r\nContent-Type: application/json", 1)
    received = exchange(nato_server.port, foreign)
    assert received.count(b"HTTP/1.1 ") == 1 and received.startswith(b"HTTP/1.1 421"), received


def exchange(port, request):
    """What the server sends back on one kept-alive connection within 2 s of `request`."""
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=2) as connection:
        connection.sendall(request.encode())
        try:
            while chunk := connection.recv(65536):
                received += chunk
        except socket.timeout:
            pass
    return received


def test_a_body_over_the_limit_is_413(nato_server):
    code, _, document = nato_server.request("POST", "/v1/query", raw='{"query": "' + "x" * (2 << 20) + '"}')
    assert code == 413 and "larger than" in messages(document)


def test_a_form_post_is_refused(nato_server):
    code, _, document = nato_server.request("POST", "/v1/query", raw="query=vote(A,rutte)%3DV",
                                            headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert code == 415 and "application/json" in messages(document)


def test_the_port_of_a_running_server_is_not_shared(nato_server):
    import subprocess
    from conftest import ACCORD
    other = subprocess.run([ACCORD, "serve", NATO, "--port", str(nato_server.port)], capture_output=True, text=True, timeout=30)
    assert other.returncode == 1 and "cannot listen" in other.stderr


def test_a_request_to_another_host_name_is_refused(nato_server):
    """A page of another site whose name points at 127.0.0.1 (DNS rebinding) gets nothing."""
    code, _, document = nato_server.request("GET", "/v1/health", headers={"Host": "evil.example:8181"})
    assert code == 421 and "localhost only" in messages(document)
    for host in ["localhost", "127.0.0.1:1234", "[::1]:8181"]:
        assert nato_server.request("GET", "/v1/health", headers={"Host": host})[0] == 200


def test_a_read_only_server_refuses_writes(nato_server):
    code, _, document = nato_server.post("/v1/facts", {"assert": ["ally(narnia)."]})
    assert code == 403 and "--allow-writes" in messages(document)
    assert nato_server.post("/v1/query", {"query": "ally(narnia)"})[2]["rows"] == []


def test_garbage_and_half_requests_leave_it_serving(nato_server):
    for junk in [b"\x00\x01\x02 nonsense\r\n\r\n", b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999999999\r\n\r\n",
                 b"POST /v1/query HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 5\r\n\r\n{"]:
        with socket.create_connection(("127.0.0.1", nato_server.port), timeout=10) as connection:
            connection.sendall(junk)
            connection.shutdown(socket.SHUT_WR)
            while connection.recv(4096):
                pass
    assert nato_server.request("GET", "/v1/health")[0] == 200


def test_an_evaluation_over_its_limit_is_422():
    server = Server(NATO, "--max-facts", "10")
    try:
        code, _, document = server.post("/v1/query", {"query": "vote(A, rutte) = V", "as_of": "2024-06-19"})
        assert code == 422
        [diagnostic] = document["diagnostics"]
        assert "more than 10 facts" in diagnostic["message"], diagnostic
    finally:
        server.stop()
