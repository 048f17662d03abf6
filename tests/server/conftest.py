"""Starts `accord serve` for the server's tests and speaks HTTP to it (the standard library's
http.client: no dependency). Each server listens on a free loopback port (--port 0) and is
stopped with SIGTERM, which must end it cleanly."""

import http.client
import json
import os
import pathlib
import re
import signal
import subprocess

import pytest

REPO = pathlib.Path(os.environ.get("ACCORD_SOURCE_DIR", pathlib.Path(__file__).resolve().parents[2]))
ACCORD = os.environ.get("ACCORD_CLI", str(REPO / "build" / "werror" / "accord"))
NATO = str(REPO / "rules" / "nato")


class Server:
    """A running `accord serve ARGS --port 0`."""

    def __init__(self, *args, cwd=REPO):
        self.process = subprocess.Popen([ACCORD, "serve", *args, "--port", "0"], cwd=cwd, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True)
        line = self.process.stdout.readline()
        match = re.search(r"listening on http://127\.0\.0\.1:(\d+)/", line)
        if not match:
            self.process.kill()
            raise AssertionError(f"the server did not start: {line}{self.process.stderr.read()}")
        self.port = int(match.group(1))

    def request(self, method, path, body=None, headers=None, raw=None, timeout=60):
        """(status, headers, parsed JSON or text). `body` is sent as JSON; `raw` as it is."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        sent_headers = {"Content-Type": "application/json"} if body is not None or raw is not None else {}
        sent_headers.update(headers or {})
        payload = raw if raw is not None else (json.dumps(body) if body is not None else None)
        connection.request(method, path, body=payload, headers=sent_headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8")
        connection.close()
        content_type = response.getheader("Content-Type", "")
        return response.status, response, json.loads(text) if content_type.startswith("application/json") else text

    def post(self, path, body=None, **options):
        return self.request("POST", path, body if body is not None else {}, **options)

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        out, err = self.process.communicate(timeout=30)
        assert self.process.returncode == 0, err
        assert "stopped" in out
        return err


def cli_json(*args):
    """`accord ARGS --format json`'s document."""
    result = subprocess.run([ACCORD, *args, "--format", "json"], cwd=REPO, capture_output=True, text=True, timeout=120)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def nato_server():
    server = Server(NATO, "--models", "2")
    yield server
    server.stop()
