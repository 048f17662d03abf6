#!/usr/bin/env python3
"""Runs every example command in the documentation, so the docs cannot rot.

Usage: run_doc_examples.py [--update] ACCORD_BINARY REPO_ROOT [MARKDOWN_FILE...]

With --update, a transcript that differs is rewritten with what the commands print now
(review the diff before committing it).

In a Markdown file (README.md, docs/*.md, examples/*/README.md by default):

- a ```console block is a transcript: each line starting with "$ " is a command, and the
  lines after it, up to the next command or the end of the block, are what it prints
  (stdout and stderr together). A line that is exactly "..." matches any number of lines.
- a ```sh block lists commands; each must exit with status 0 (its output is not shown).
- <!-- doctest: file NAME --> before a block writes the block's text to NAME first.
- <!-- doctest: skip (why) --> before a block leaves it out.

Each file's commands run in order in one fresh directory (so a tour can build on its
earlier steps), with `accord` on PATH and a copy of the repository's rules/ and examples/.
Any other fenced block whose lines start with "$ accord" or "accord " is an error: every
command shown must be run here, or marked skipped.
"""
import difflib
import os
import re
import shutil
import subprocess
import sys
import tempfile

DIRECTIVE = re.compile(r"^<!--\s*doctest:\s*(skip\b[^>]*|file\s+\S+)\s*-->\s*$")
FENCE = re.compile(r"^```(\S*)\s*$")


def blocks(path):
    """Yields (line number, info string, lines, directive) for each fenced block."""
    directive = None
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        match = DIRECTIVE.match(lines[i])
        if match:
            directive = match.group(1)
            i += 1
            continue
        fence = FENCE.match(lines[i])
        if fence:
            start = i + 1
            j = start
            while j < len(lines) and lines[j].rstrip() != "```":
                j += 1
            yield start, fence.group(1), lines[start:j], directive
            directive = None
            i = j + 1
            continue
        if lines[i].strip():
            directive = None
        i += 1


def transcript(lines):
    """[(command, expected lines)] of a console block."""
    steps = []
    for line in lines:
        if line.startswith("$ "):
            steps.append((line[2:], []))
        elif steps:
            steps[-1][1].append(line)
        elif line.strip():
            raise ValueError("text before the first '$ ' command: " + line)
    return steps


def matches(expected, actual):
    """Line-wise equality where a line "..." matches any run of lines (including none)."""
    if not expected:
        return not actual
    if expected[0] == "...":
        return any(matches(expected[1:], actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


class Runner:
    def __init__(self, accord, repo, update):
        self.update = update
        self.rewrites = []  # (start line index, old length, new lines) of the current file
        self.env = dict(os.environ, PATH=os.path.dirname(accord) + os.pathsep + os.environ.get("PATH", ""),
                        NO_COLOR="1", COLUMNS="100")
        self.repo = repo
        self.failures = 0
        self.commands = 0

    def run(self, command, cwd):
        self.commands += 1
        done = subprocess.run(["bash", "-c", command], cwd=cwd, env=self.env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=300)
        return done.returncode, done.stdout.decode("utf-8", "replace")

    def fail(self, where, message, detail=""):
        self.failures += 1
        print(f"FAIL {where}: {message}")
        if detail:
            print("".join("  | " + line + "\n" for line in detail.rstrip("\n").split("\n")))

    def document(self, path):
        relative = os.path.relpath(path, self.repo)
        self.rewrites = []
        work = tempfile.mkdtemp(prefix="accord-doc-")
        try:
            for folder in ("rules", "examples"):  # copies: a command may not change the repository
                shutil.copytree(os.path.join(self.repo, folder), os.path.join(work, folder))
            for line, info, lines, directive in blocks(path):
                where = f"{relative}:{line}"
                if directive and directive.startswith("skip"):
                    continue
                if directive and directive.startswith("file"):
                    name = directive.split(None, 1)[1]
                    target = os.path.join(work, name)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    with open(target, "w", encoding="utf-8") as out:
                        out.write("\n".join(lines) + "\n")
                    continue
                if info == "console":
                    self.console(where, lines, work, line)
                elif info == "sh":
                    self.script(where, lines, work)
                elif info in ("", "bash", "shell") and any(l.startswith(("$ ", "accord ")) for l in lines):
                    self.fail(where, "a block shows accord commands but is neither ```console nor ```sh "
                                     "(nor marked <!-- doctest: skip -->)")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        if self.rewrites:
            text = open(path, encoding="utf-8").read().split("\n")
            for start, length, new in sorted(self.rewrites, reverse=True):
                text[start:start + length] = new
            with open(path, "w", encoding="utf-8") as out:
                out.write("\n".join(text))
            print(f"updated {len(self.rewrites)} transcripts in {relative}")

    def console(self, where, lines, work, start):
        try:
            steps = transcript(lines)
        except ValueError as error:
            self.fail(where, str(error))
            return
        printed, differs = [], False
        for command, expected in steps:
            _, output = self.run(command, work)
            actual = [line.removesuffix("\r") for line in output.split("\n")]  # CSV ends lines with CRLF
            if actual and actual[-1] == "":
                actual.pop()
            while expected and expected[-1] == "":
                expected = expected[:-1]
            printed += ["$ " + command] + actual
            if expected and all(line == "..." for line in expected) and not self.update:
                self.fail(where, "$ " + command + ": shows no output to compare (only '...')")
                continue
            if not matches(expected, actual):
                differs = True
                if not self.update:
                    diff = "\n".join(difflib.unified_diff(expected, actual, "documented", "printed", lineterm=""))
                    self.fail(where, "$ " + command, diff)
        if differs and self.update:
            self.rewrites.append((start, len(lines), printed))

    def script(self, where, lines, work):
        for command in lines:
            if not command.strip() or command.lstrip().startswith("#"):
                continue
            status, output = self.run(command, work)
            if status != 0:
                self.fail(where, f"{command}: exit status {status}", output)


def main(argv):
    update = "--update" in argv
    argv = [a for a in argv if a != "--update"]
    if len(argv) < 3:
        print(__doc__)
        return 2
    accord, repo = os.path.abspath(argv[1]), os.path.abspath(argv[2])
    files = [os.path.abspath(f) for f in argv[3:]]
    if not files:
        files = [os.path.join(repo, "README.md")]
        for folder in ("docs", "examples", "rules"):
            for root, _, names in sorted(os.walk(os.path.join(repo, folder))):
                files += [os.path.join(root, n) for n in sorted(names) if n.endswith(".md")]
    runner = Runner(accord, repo, update)
    for path in files:
        runner.document(path)
    print(f"{runner.commands} documented commands run, {runner.failures} failed, in {len(files)} files")
    return 1 if runner.failures or runner.commands == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
