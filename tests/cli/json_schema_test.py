#!/usr/bin/env python3
"""Every JSON document a command prints matches its published schema (docs/schema/).

Usage: json_schema_test.py ACCORD_BINARY REPO_ROOT

Runs each command that takes `--format json` in the ways a script would meet it — answers,
empty answers, the "no" answers (exit 1), and errors (a bad query, a bad fact, a missing
knowledge base) — and validates each document against docs/schema/COMMAND.schema.json,
which forbids fields it does not name. It also checks that every subcommand offering
`--format json` has a schema, and that each schema was used here, so the two cannot drift.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema

accord, repo = sys.argv[1], sys.argv[2]
schema_dir = os.path.join(repo, "docs", "schema")
nato = os.path.join(repo, "rules", "nato")


def load_schemas():
    schemas = {}
    for name in os.listdir(schema_dir):
        if name.endswith(".schema.json"):
            with open(os.path.join(schema_dir, name), encoding="utf-8") as f:
                schemas[name] = json.load(f)
    return schemas


SCHEMAS = load_schemas()


def validator_for(schema):
    """A 2020-12 validator resolving `common.schema.json#/...` from the files here, with the
    `referencing` registry of recent jsonschema releases or the RefResolver of older ones
    (Debian 12 ships 4.10)."""
    try:
        from referencing import Registry, Resource

        registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in SCHEMAS.values())
        return jsonschema.Draft202012Validator(schema, registry=registry)
    except ImportError:
        store = {s["$id"]: s for s in SCHEMAS.values()}
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)


failures = []
used = set()
checked = 0


def check(name, schema_file, args, expected_status, stdin=None, cwd=None):
    """Runs accord ARGS, expects the exit status, and validates standard output."""
    global checked
    result = subprocess.run([accord] + args, capture_output=True, text=True, input=stdin, cwd=cwd)
    if result.returncode != expected_status:
        failures.append(f"{name}: exit {result.returncode}, expected {expected_status}\n{result.stderr[:2000]}")
        return None
    try:
        document = json.loads(result.stdout)
    except json.JSONDecodeError as error:
        failures.append(f"{name}: not one JSON document ({error}):\n{result.stdout[:500]}")
        return None
    used.add(schema_file)
    errors = sorted(validator_for(SCHEMAS[schema_file]).iter_errors(document), key=lambda e: list(e.path))
    for error in errors[:5]:
        failures.append(f"{name}: {'/'.join(map(str, error.path))}: {error.message[:300]}")
    checked += 1
    return document


def commands_with_json():
    """The subcommands whose --help offers --format with json."""
    out = subprocess.run([accord, "--help"], capture_output=True, text=True).stdout
    names = re.findall(r"^  ([a-z][a-z-]+)\s{2,}", out.split("Subcommands:")[1], re.M)
    offering = []
    for name in names:
        help_text = subprocess.run([accord, name, "--help"], capture_output=True, text=True).stdout
        if re.search(r"--format[^\n]*\bjson\b", help_text):
            offering.append(name)
    return offering


with tempfile.TemporaryDirectory() as work:
    kb = os.path.join(work, "nato.db")
    scenario = os.path.join(work, "romania.rules")
    with open(scenario, "w", encoding="utf-8") as f:
        f.write("- nominated_by(iohannis, romania).\n+ backs(romania, rutte) @0.9 since 2024-06-01.\n")
    with open(os.path.join(work, "bad.rules"), "w", encoding="utf-8") as f:
        f.write("relation ally(name: symbol)\nvote(A) if ally(A), not blocks(B).\n")
    with open(os.path.join(work, "rows.csv"), "w", encoding="utf-8") as f:
        f.write("ally,candidate\nromania,rutte\n")

    J = ["--format", "json"]
    check("check", "check.schema.json", ["check", nato] + J, 0)
    check("check with errors", "check.schema.json", ["check", os.path.join(work, "bad.rules")] + J, 1)
    check("run files", "run.schema.json", ["run", nato, "--as-of", "2024-06-19"] + J, 0)
    check("run with a profile", "run.schema.json", ["run", nato, "--as-of", "2024-06-19", "--profile"] + J, 0)
    check("load", "load.schema.json", ["load", "--kb", kb, nato] + J, 0)
    check("load of a bad file", "load.schema.json", ["load", "--kb", kb, os.path.join(work, "bad.rules")] + J, 1)
    check("run the knowledge base", "run.schema.json", ["run", "--kb", kb, "--as-of", "2024-06-19"] + J, 0)
    check("run the knowledge base again", "run.schema.json", ["run", "--kb", kb, "--as-of", "2024-06-20", "--profile"] + J, 0)
    check("assert", "assert.schema.json", ["assert", "--kb", kb, "backs(romania, rutte) @0.8."] + J, 0)
    check("assert a bad fact", "assert.schema.json", ["assert", "--kb", kb, "backs(1, rutte)."] + J, 1)
    check("retract", "retract.schema.json", ["retract", "--kb", kb, "backs(romania, rutte)."] + J, 0)
    check("retract a missing fact", "retract.schema.json", ["retract", "--kb", kb, "backs(malta, rutte)."] + J, 1)
    check("import", "import.schema.json", ["import", "--kb", kb, "-r", "backs", os.path.join(work, "rows.csv")] + J, 0)
    check("status", "status.schema.json", ["status", "--kb", kb] + J, 0)
    check("status of no knowledge base", "status.schema.json", ["status", "--kb", os.path.join(work, "none.db")] + J, 1)
    rows = check("export", "export.schema.json", ["export", "--kb", kb, "vote", "--format", "json"], 0)

    for where, source in (("files", [nato, "--as-of", "2024-06-19"]), ("stored", ["--kb", kb]), ("kb evaluated", ["--kb", kb, "--as-of", "2024-04-02"])):
        check(f"query {where}", "query.schema.json", ["query"] + source + ["vote(A, rutte) = V"] + J, 0)
        check(f"why {where}", "why.schema.json", ["why"] + source + ["vote(A, rutte) = V"] + J, 0)
        check(f"why nothing {where}", "why.schema.json", ["why"] + source + ["appointed(iohannis)"] + J, 1)
        check(f"why-not {where}", "why_not.schema.json", ["why-not"] + source + ["appointable(iohannis)"] + J, 0)
        check(f"why-not holds {where}", "why_not.schema.json", ["why-not"] + source + ["ally(turkey)"] + J, 1)
    check("query with a profile", "query.schema.json", ["query", nato, "vote(A, rutte) = V", "--as-of", "2024-06-19", "--profile"] + J, 0)
    check("query a bad atom", "query.schema.json", ["query", nato, "vote(A, rutte"] + J, 1)
    check("query an unknown relation", "query.schema.json", ["query", nato, "votes(A)"] + J, 1)
    check("query over dates", "query.schema.json", ["query", nato, "vote(A, rutte) = V", "--over", "2024-03-01..2024-06-30"] + J, 0)
    check("query over weeks", "query.schema.json", ["query", nato, "appointed(C)", "--over", "2024-06-01..2024-07-01", "--every", "week"] + J, 0)
    check("why --all", "why.schema.json", ["why", nato, "--as-of", "2024-06-19", "--all", "approvals(rutte, N)"] + J, 0)
    check("why a weakened conclusion", "why.schema.json", ["why", nato, "--as-of", "2024-02-20", "vote(bulgaria, rutte) = V"] + J, 0)
    check("why-not with a for all", "why_not.schema.json", ["why-not", nato, "--as-of", "2024-06-19", "appointable(rutte)"] + J, 0)
    check("why-not of a bad fact", "why_not.schema.json", ["why-not", nato, "appointable(R)"] + J, 1)
    check("why of several conditions", "why.schema.json",
          ["why", nato, "--as-of", "2024-06-19", "vote(A, rutte) = block and nominated_by(C, A)"] + J, 0)
    check("why-not of a key without its value", "why_not.schema.json",
          ["why-not", nato, "--as-of", "2024-06-19", "vote(romania, rutte)"] + J, 0)
    check("why-not of a key without any value", "why_not.schema.json",
          ["why-not", nato, "--as-of", "2024-06-19", "vote(romania, nobody)"] + J, 0)
    check("why-not of several conditions", "why_not.schema.json",
          ["why-not", nato, "--as-of", "2024-06-19", "vote(romania, rutte) = approve or appointable(rutte)"] + J, 0)
    check("why-not of several conditions that hold", "why_not.schema.json",
          ["why-not", nato, "--as-of", "2024-06-19", "vote(A, rutte) = block and eu_member(A)"] + J, 1)
    check("what-if", "what_if.schema.json", ["what-if", nato, "--as-of", "2024-06-19", "--scenario", scenario] + J, 0)
    check("what-if of several conditions", "what_if.schema.json",
          ["what-if", nato, "--as-of", "2024-06-19", "--scenario", scenario, "vote(A, rutte) = V and eastern_flank(A)"] + J, 0)
    check("what-if on the knowledge base", "what_if.schema.json", ["what-if", "--kb", kb, "--as-of", "2024-06-20", "--retract", "backs(turkey, rutte)."] + J, 0)
    check("what-if with a bad fact", "what_if.schema.json", ["what-if", nato, "--assert", "backs(1, rutte)."] + J, 1)
    failing = os.path.join(work, "failing")  # a model of its own, with tests that fail
    os.mkdir(failing)
    with open(os.path.join(failing, "m.rules"), "w", encoding="utf-8") as f:
        f.write("p(a) @0.5.\nq(X) if p(X).\n")
    with open(os.path.join(failing, "m.test.rules"), "w", encoding="utf-8") as f:
        f.write("test fails as of 2024-06-19\n  expect q(b)\n  expect q(a) @0.9\n  expect exactly q(X)\n    row X = b\n")
    check("test", "test.schema.json", ["test", nato] + J, 0)
    check("test with coverage", "test.schema.json", ["test", nato, "--coverage"] + J, 0)
    document = check("test that fails", "test.schema.json", ["test", failing] + J, 1)
    if document is not None and [len(t["failures"]) for t in document.get("tests", [])] != [3]:
        failures.append(f"test that fails: expected one test with 3 failures, got {document.get('tests')}")
    check("test without tests", "test.schema.json", ["test", os.path.join(work, "bad.rules")] + J, 1)
    check("diff of dates", "diff.schema.json", ["diff", nato, "--as-of", "2024-04-02", "--to", "2024-06-26"] + J, 0)
    check("diff of scenarios", "diff.schema.json", ["diff", "--kb", kb, "appointable(C)", "--scenario", scenario, "--scenario", scenario] + J, 0)
    check("diff of nothing", "diff.schema.json", ["diff", nato] + J, 2)
    check("needs", "needs.schema.json", ["needs", nato, "appointable(rutte)", "--as-of", "2024-06-19"] + J, 0)
    check("needs that holds", "needs.schema.json", ["needs", nato, "ally(turkey)"] + J, 0)
    check("needs without an answer", "needs.schema.json", ["needs", nato, "appointed(iohannis)", "--as-of", "2024-06-19", "--max-evaluations", "5"] + J, 1)
    check("needs of an unknown relation", "needs.schema.json", ["needs", nato, "appointed(rutte)", "--assumable", "nosuch"] + J, 1)
    check("grid", "grid.schema.json", ["grid", nato, "vote", "--as-of", "2024-06-19"] + J, 0)
    check("grid of a relation without a value", "grid.schema.json", ["grid", nato, "backs", "--as-of", "2024-06-19"] + J, 0)
    check("grid of an unknown relation", "grid.schema.json", ["grid", nato, "votes"] + J, 1)
    check("timeline", "timeline.schema.json", ["timeline", nato, "vote(A, rutte) = V"] + J, 0)
    check("timeline from and to", "timeline.schema.json", ["timeline", nato, "appointed(C)", "--from", "2024-06-01", "--to", "2024-07-01"] + J, 0)
    check("timeline backwards", "timeline.schema.json", ["timeline", nato, "appointed(C)", "--from", "2024-06-01", "--to", "2024-05-01"] + J, 2)

    offering = commands_with_json()
    for command in offering:
        if f"{command.replace('-', '_')}.schema.json" not in SCHEMAS:
            failures.append(f"`accord {command}` offers --format json but docs/schema has no {command}.schema.json")
    for name in SCHEMAS:
        if name != "common.schema.json" and name not in used:
            failures.append(f"{name} was not checked against any command's output here")

for failure in failures:
    print("FAIL", failure)
print(f"{checked} documents checked against {len(SCHEMAS)} schemas, {len(failures)} failures")
sys.exit(1 if failures else 0)
