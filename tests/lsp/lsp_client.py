"""A small Language Server Protocol client for tests: starts `accord lsp`, sends framed
JSON-RPC messages (or raw bytes), and reads the server's messages with a timeout."""

import json
import os
import queue
import subprocess
import threading


class LspClient:
    def __init__(self, accord, cwd=None):
        self.process = subprocess.Popen([accord, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, cwd=cwd)
        self.messages = queue.Queue()
        self.next_id = 0
        self.stderr = []
        threading.Thread(target=self._read_stdout, daemon=True).start()
        threading.Thread(target=self._read_stderr, daemon=True).start()

    def _read_stdout(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii").rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            self.messages.put(json.loads(body))

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def send_raw(self, data: bytes):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def request(self, method, params=None):
        """Sends a request and returns its response, keeping notifications that came first."""
        self.next_id += 1
        message = {"jsonrpc": "2.0", "id": self.next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.wait_for(lambda m: m.get("id") == self.next_id and "method" not in m)

    def wait_for(self, predicate, timeout=20):
        """The first message that satisfies predicate; those before it are kept in self.seen."""
        while True:
            message = self.messages.get(timeout=timeout)
            if message is None:
                raise EOFError("the server closed its output; stderr:\n" + "".join(self.stderr))
            self.seen.append(message)
            if predicate(message):
                return message

    seen = []

    def diagnostics_for(self, uri, timeout=20):
        """The next diagnostics published for a URI."""
        message = self.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri,
                                timeout)
        return message["params"]["diagnostics"]

    def close(self, timeout=20):
        """Closes the server's input (the client goes away) and returns its exit status."""
        self.process.stdin.close()
        status = self.process.wait(timeout=timeout)
        self._close_pipes()
        return status

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=20)
        self._close_pipes()

    def _close_pipes(self):
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass


def file_uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))
