#!/usr/bin/env python3
"""Load test of `accord serve` (loopback only, bounded in time): CLIENTS threads, each on a
kept-alive connection, ask `vote(A, C) = V` as of dates in turn for SECONDS, and every answer
is compared with `accord query --format json` for that date (the oracle). Beside it, the
same question asked of `accord query` as a process per question, in the same run.

    bench/serve_load.py ACCORD REPOSITORY [--seconds S] [--clients N] [--models M] [--markdown]

Exit status 1 when any answer is wrong or missing. The tests run it briefly (tests/CMakeLists.txt);
bench/RESULTS.md has the numbers of a longer run.
"""

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import threading
import time

DATES = ["2024-02-01", "2024-04-02", "2024-06-19", "2024-06-20", "2024-06-26"]
QUERY = "vote(A, C) = V"


def start_server(accord, repository, models):
    server = subprocess.Popen([accord, "serve", "rules/nato", "--port", "0", "--models", str(models)], cwd=repository,
                              stdout=subprocess.PIPE, text=True)
    port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
    return server, port


def oracle(accord, repository, date):
    result = subprocess.run([accord, "query", "rules/nato", QUERY, "--as-of", date, "--format", "json"], cwd=repository,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def process_per_question(accord, repository, runs):
    """Seconds per question when each is a process that loads the model and evaluates."""
    times = []
    for i in range(runs):
        started = time.perf_counter()
        oracle(accord, repository, DATES[i % len(DATES)])
        times.append(time.perf_counter() - started)
    return times


class Client(threading.Thread):
    def __init__(self, port, dates, expected, deadline):
        super().__init__()
        self.port, self.dates, self.expected, self.deadline = port, dates, expected, deadline
        self.latencies, self.wrong, self.sent = [], [], 0

    def run(self):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        i = 0
        while time.perf_counter() < self.deadline:
            date = self.dates[i % len(self.dates)]
            i += 1
            self.sent += 1
            started = time.perf_counter()
            try:
                connection.request("POST", "/v1/query", body=json.dumps({"query": QUERY, "as_of": date}),
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                answer = json.loads(response.read())
            except (OSError, http.client.HTTPException, ValueError) as error:
                self.wrong.append(f"{date}: {error!r}")
                connection.close()
                continue
            self.latencies.append(time.perf_counter() - started)
            if response.status != 200 or answer != self.expected[date]:
                self.wrong.append(f"{date}: status {response.status}")


def load(port, dates, expected, clients, seconds):
    deadline = time.perf_counter() + seconds
    threads = [Client(port, dates[i % len(dates):] + dates[:i % len(dates)], expected, deadline) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies = sorted(latency for thread in threads for latency in thread.latencies)
    return {
        "sent": sum(thread.sent for thread in threads),
        "answered": len(latencies),
        "wrong": [wrong for thread in threads for wrong in thread.wrong],
        "per_second": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p99_ms": 1000 * latencies[int(0.99 * (len(latencies) - 1))] if latencies else float("nan"),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("accord")
    parser.add_argument("repository")
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--models", type=int, default=2)
    parser.add_argument("--process-runs", type=int, default=20)
    parser.add_argument("--markdown", action="store_true", help="print the rows of bench/RESULTS.md's table")
    options = parser.parse_args()

    expected = {date: oracle(options.accord, options.repository, date) for date in DATES}
    per_process = process_per_question(options.accord, options.repository, options.process_runs)
    server, port = start_server(options.accord, options.repository, options.models)
    try:
        scenarios = [("one date (each model keeps its evaluation)", ["2024-06-19"]), ("five dates in turn (most questions evaluate)", DATES)]
        results = [(name, load(port, dates, expected, options.clients, options.seconds)) for name, dates in scenarios]
    finally:
        server.terminate()
        server.wait(timeout=30)

    process_seconds = statistics.median(per_process)
    failed = False
    for name, result in results:
        failed |= bool(result["wrong"]) or result["answered"] != result["sent"]
        ratio = result["per_second"] * process_seconds
        if options.markdown:
            print(f"| serve, {name} | {options.clients} | {result['answered']} | {len(result['wrong'])} | {result['per_second']:.0f} | "
                  f"{result['p50_ms']:.1f} | {result['p99_ms']:.1f} | {ratio:.0f}× |")
        else:
            print(f"{name}: {result['answered']}/{result['sent']} answered, {len(result['wrong'])} wrong, {result['per_second']:.0f}/s, "
                  f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms; {ratio:.0f}× a process per question")
        for wrong in result["wrong"][:5]:
            print(f"  wrong: {wrong}", file=sys.stderr)
    line = f"`accord query` as a process per question: {1 / process_seconds:.1f}/s, median {1000 * process_seconds:.0f} ms"
    print(f"| {line} | 1 | {len(per_process)} | 0 | {1 / process_seconds:.1f} | {1000 * process_seconds:.0f} | - | 1× |" if options.markdown else line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
