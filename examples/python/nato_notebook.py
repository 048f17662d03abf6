"""The NATO model from Python, as an analyst would work through it in a notebook.

    PYTHONPATH=build/python python3 examples/python/nato_notebook.py rules/nato

Each step prints what it shows; the test suite runs this file (ctest -R python_example) and
it stops with an error if the story it tells no longer holds.
"""

import sys

import accord


def expect(holds, what):
    """Stops the example when its story no longer holds (unlike assert, also under python -O)."""
    if not holds:
        sys.exit(f"nato_notebook.py: {what}")


rules = sys.argv[1] if len(sys.argv) > 1 else "rules/nato"
model = accord.Model.load(rules)

# 1. Where does each ally stand on 2024-06-19, the day before Romania's decision?
votes = model.query("vote(A, rutte) = V", as_of="2024-06-19")
holdouts = [row for row in votes if row["V"] != "approve"]
print(f"{len(votes)} allies as of {votes.as_of}; not approving:", ", ".join(f"{r['A']} ({r['V']})" for r in holdouts))
expect([r["A"] for r in holdouts] == ["romania"], "Romania alone should hold out on 2024-06-19")

# 2. Why does Romania block? The proof names its own candidate.
why = model.why("vote(romania, rutte) = block", as_of="2024-06-19", depth=2)
print(why)
expect("iohannis" in str(why), "the proof should name Iohannis")

# 3. What would have to change? Each answer is checked by evaluating the model again.
needs = model.needs("appointable(rutte)", as_of="2024-06-19")
print(needs)
expect(needs["answers"], "no change found that makes Rutte appointable")

# 4. What if Romania had dropped Iohannis and backed Rutte a day earlier?
#    (Only the votes on Rutte and his appointability: dropping Iohannis changes much more.)
change = {"assert_": ["backs(romania, rutte)."], "retract": ["nominated_by(iohannis, romania)."], "as_of": "2024-06-19"}
print(model.what_if(**change, query="vote(A, rutte) = V"))
what_if = model.what_if(**change, query="appointable(C)")
print(what_if)
expect([c["after"]["fact"] for c in what_if["changes"]] == ["appointable(rutte)"], "the change should make Rutte appointable")

# 5. When did Romania's vote change, and what changed it?
print(model.timeline("vote(romania, rutte) = V"))

# 6. As a table, for plotting or joining with other data (when pandas is installed).
try:
    frame = votes.to_pandas()
    print(frame.groupby("V").size().to_string())
except ImportError:
    print("(pandas is not installed: Rows.to_pandas() needs it)")
