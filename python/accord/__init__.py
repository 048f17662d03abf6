"""Accord from Python: load a model of rules and facts, ask what follows and why.

    import accord
    m = accord.Model.load("rules/nato")
    m.query("vote(A, rutte) = V", as_of="2024-04-02")        # Rows: a list of dicts
    print(m.why("vote(romania, rutte) = block", as_of="2024-06-19"))
    m.what_if(assert_=["backs(romania, rutte)."], as_of="2024-06-19")
    kb = accord.KnowledgeBase("nato.db")

Every answer says the date it is as of; rows and why/why-not say what they are from
(``from``, ``min_confidence``) too. Explanations are dicts holding the data of the command's
``--format json`` document (docs/schema/), and print as the command prints them. Problems
with the model, a question or a fact raise ``accord.Error``, whose ``diagnostics`` list each
problem's file, line, column and message; arguments of the wrong Python type raise
TypeError. docs/python.md has the whole API.
"""

import datetime as _datetime
import html as _html
import os as _os

from . import _accord

__version__ = _accord.__version__
Error = _accord.Error

__all__ = ["Model", "KnowledgeBase", "Rows", "Explanation", "Error", "__version__"]


def _date_text(value, name):
    """A date argument as the library takes it: None, 'YYYY-MM-DD', a datetime.date, or a
    datetime (pandas' Timestamp is one) at its date."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, _datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, _datetime.date):
        return value.isoformat()
    raise TypeError(f"{name}: expected a date 'YYYY-MM-DD' or a datetime.date, not {type(value).__name__}")


def _confidence(value):
    """A minimum confidence: None or a number (not a bool, which would read as 0 or 1)."""
    if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    raise TypeError(f"min_confidence: expected a number from 0 to 1, not {type(value).__name__}")


def _paths(value):
    """A path (str or os.PathLike) or several: always a list of texts."""
    if isinstance(value, str) or hasattr(value, "__fspath__"):
        return [_os.fspath(value)]
    return [_os.fspath(path) for path in value]


def _texts(value, name):
    """One text (a fact, a relation's name) or several: always a list of texts."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    facts = list(value)
    if not all(isinstance(fact, str) for fact in facts):
        raise TypeError(f"{name}: expected text, e.g. 'backs(romania, rutte).'")
    return facts


class Rows(list):
    """The rows of a query: a list of dicts, one key per variable and ``confidence``.

    ``as_of``, ``min_confidence`` and ``columns`` say what the rows are from; ``json`` is
    ``accord query --format json``'s document.
    """

    def __init__(self, answer):
        super().__init__(answer["rows"])
        self.as_of = answer["as_of"]
        self.min_confidence = answer["min_confidence"]
        self.columns = list(answer["columns"])
        self.json = answer["json"]
        self.warnings = answer["warnings"]

    def to_pandas(self):
        """The rows as a pandas DataFrame (pandas must be installed); ``attrs`` holds as_of."""
        import pandas

        frame = pandas.DataFrame(list(self), columns=self.columns + ["confidence"])
        frame.attrs.update(as_of=self.as_of, min_confidence=self.min_confidence)
        return frame

    def _repr_html_(self):
        header = "".join(f"<th>{_html.escape(column)}</th>" for column in self.columns + ["confidence"])
        body = "".join(
            "<tr>" + "".join(f"<td>{_html.escape(str(row[column]))}</td>" for column in self.columns + ["confidence"]) + "</tr>"
            for row in self
        )
        caption = f"{len(self)} row{'' if len(self) == 1 else 's'}, as of {_html.escape(self.as_of)}"
        if self.min_confidence > 0:
            caption += f", holding at confidence {self.min_confidence} or more"
        if self.json.get("stale"):
            caption += f"; may be out of date: {_html.escape(self.json['stale'])}"
        return f"<table><caption>{caption}</caption><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"


def _proof_html(step):
    """One proof step as nested <details>: the fact, its confidence, rule or source, premises."""
    label = f"{_html.escape(step['fact'])} <small>({step['confidence']:g}"
    if "rule" in step:
        label += f"; rule {_html.escape(str(step['rule'].get('name') or step['rule'].get('location', {}).get('file', '')))}"
    if step.get("source"):
        label += f"; source {_html.escape(step['source'])}"
    label += ")</small>"
    premises = step.get("premises", [])
    if not premises:
        return f"<div>{label}</div>"
    inner = "".join(_proof_html(premise) for premise in premises)
    return f"<details open><summary>{label}</summary><div style='margin-left:1.5em'>{inner}</div></details>"


class Explanation(dict):
    """An explanation (why, why-not, what-if, needs, timeline): a dict of the command's JSON
    data; ``str()`` is the text the command prints, ``text`` the same, and ``warnings`` what
    reading the question noted (a list of diagnostics)."""

    def __init__(self, answer):
        data, text, warnings = answer
        super().__init__(data)
        self.text = text
        self.warnings = warnings

    def __str__(self):
        return self.text

    def _repr_html_(self):
        proofs = self.get("proofs")
        if proofs:
            return "".join(_proof_html(proof) for proof in proofs)
        return f"<pre>{_html.escape(self.text)}</pre>"


class Model:
    """A program of rules and facts, evaluated when a question needs it (once per date)."""

    def __init__(self, compiled):
        self._model = compiled

    @classmethod
    def load(cls, paths):
        """Rule files and directories (a path or a list of them)."""
        return cls(_accord.Model.load(_paths(paths)))

    @classmethod
    def from_text(cls, text, name="<text>"):
        """Rule text that is not in a file; ``name`` is what error messages call it."""
        return cls(_accord.Model.from_text(text, name))

    @classmethod
    def from_knowledge_base(cls, path):
        """A knowledge base's program and asserted facts, evaluated in memory (nothing is written)."""
        return cls(_accord.Model.from_knowledge_base(_os.fspath(path)))

    @property
    def warnings(self):
        """The warnings of loading the program, as ``accord check`` gives them (a list of dicts)."""
        return self._model.warnings

    def add_facts(self, text):
        """Adds facts written as a rule file writes them, all or none; returns how many."""
        return self._model.add_facts(text)

    def retract_facts(self, text):
        """Removes the facts equal to those written in ``text`` — added ones and the rule
        files' alike, whatever their confidence, dates and source (as ``what_if``'s
        retractions do); returns how many were removed."""
        return self._model.retract_facts(text)

    def set_limits(self, max_seconds=None, max_facts=None, max_iterations=None):
        """Bounds every evaluation from now on (None keeps a limit as it is); an evaluation
        that reaches one raises accord.Error."""
        self._model.set_limits(max_seconds, max_facts, max_iterations)

    def query(self, text, as_of=None, min_confidence=None):
        return Rows(self._model.query(text, _date_text(as_of, "as_of"), _confidence(min_confidence)))

    def why(self, text, as_of=None, min_confidence=None, depth=None, limit=None):
        return Explanation(self._model.why(text, _date_text(as_of, "as_of"), _confidence(min_confidence), depth, limit))

    def why_not(self, text, as_of=None, min_confidence=None, depth=None):
        return Explanation(self._model.why_not(text, _date_text(as_of, "as_of"), _confidence(min_confidence), depth))

    def what_if(self, assert_=None, retract=None, as_of=None, min_confidence=None, query=""):
        asserts, retracts = _texts(assert_, "assert_"), _texts(retract, "retract")
        return Explanation(self._model.what_if(asserts, retracts, _date_text(as_of, "as_of"), _confidence(min_confidence), query))

    def needs(self, goal, as_of=None, min_confidence=None, assumable=None, max_answers=None, max_changes=None, max_evaluations=None):
        return Explanation(
            self._model.needs(goal, _date_text(as_of, "as_of"), _confidence(min_confidence), _texts(assumable, "assumable"), max_answers,
                              max_changes, max_evaluations)
        )

    def timeline(self, query, from_=None, to=None, min_confidence=None, max_dates=None):
        return Explanation(
            self._model.timeline(query, _date_text(from_, "from_"), _date_text(to, "to"), _confidence(min_confidence), max_dates)
        )


class KnowledgeBase:
    """A knowledge base file: stored rules, asserted facts, and the conclusions of runs.

    Every write is one transaction; a failed one leaves the file as it was.
    """

    def __init__(self, path, create=True):
        self._kb = _accord.KnowledgeBase(_os.fspath(path), create)

    @property
    def path(self):
        return self._kb.path

    def load_rules(self, paths):
        """Checks rule files and stores them as the program (replacing the previous one)."""
        self._kb.load_rules(_paths(paths))

    def add_facts(self, text):
        """Asserts the facts of ``text``; returns how many were added."""
        return self._kb.add_facts(text)

    def retract_facts(self, text):
        """Retracts the asserted facts equal to those of ``text``; returns how many were
        removed (0 for a fact that was not asserted: the rule files' facts stay)."""
        return self._kb.retract_facts(text)

    def run(self, as_of=None, min_confidence=None):
        """Evaluates the program and facts as of a date and stores the conclusions."""
        return self._kb.run(_date_text(as_of, "as_of"), _confidence(min_confidence))

    def query(self, text):
        """The stored conclusions of the last run matching ``text`` (``json['stale']`` says
        when they may no longer follow from what is stored)."""
        return Rows(self._kb.query_stored(text))

    def model(self):
        """The stored program and facts as a Model, to ask as of any date (nothing is written)."""
        return Model.from_knowledge_base(self.path)
