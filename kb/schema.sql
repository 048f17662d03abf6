-- The Accord knowledge base, schema version 3: one SQLite file, readable with the plain
-- sqlite3 shell. Each relation of the loaded program also gets a table of its own, named
-- after the relation, with one column per declared column (c0, c1, ... when undeclared)
-- and the hidden columns _confidence, _source, _since, _until, _origin, _rule, _premises,
-- _held (kb/relation_table.cpp writes its CREATE TABLE).
--   _origin:   'asserted' (accord assert or import, or a row a user inserts with sqlite3: the
--              default), 'program' (a fact in a rule file), 'derived' (a rule)
--   _rule:     for derived rows, the accord_rules.id of the rule of the best derivation
--   _premises: for derived rows, the facts that derivation rests on, as a JSON array of
--              facts in rule syntax: ["ally(turkey)", "vote(turkey, rutte) = block"]
--   _held:     for asserted rows, 1 when the last run found the fact holding (valid on its
--              date and not overridden by another value of a keyed relation), 0 when not,
--              NULL when no run has seen the row yet
-- What held as of the last run is every row with _origin != 'asserted' OR _held = 1.
-- Values: declared integer, decimal columns are INTEGER, REAL; other declared columns
-- TEXT (dates as YYYY-MM-DD); undeclared columns hold the value as rule text ("quoted").
-- Every column has a CHECK constraint that refuses a value that does not fit, and triggers
-- record every change of a relation's rows in accord_changes, so the next run sees it.
-- Older versions are migrated on open: version 1 (no _premises, accord_changes, mode,
-- recomputed), version 2 (no _held, triggers or accord_relations.types; its tables get
-- their CHECK constraints when the program is next loaded).

CREATE TABLE accord_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The rule files of the program, as loaded (all or nothing, by `accord load`).
CREATE TABLE accord_rule_files (
    path      TEXT PRIMARY KEY,
    hash      TEXT NOT NULL,   -- FNV-1a 64 of the text, hex
    text      TEXT NOT NULL,
    loaded_at TEXT NOT NULL
);

-- The rules of the program, for explanations in a later process.
CREATE TABLE accord_rules (
    id       INTEGER PRIMARY KEY,
    name     TEXT,
    docs     TEXT,
    text     TEXT NOT NULL,
    location TEXT NOT NULL
);

-- The relations of the program and the tables that hold them.
CREATE TABLE accord_relations (
    name       TEXT PRIMARY KEY,
    arity      INTEGER NOT NULL,
    keyed      INTEGER NOT NULL,
    columns    TEXT NOT NULL,  -- column names, comma-separated
    types      TEXT            -- their types, comma-separated (symbol, string, integer, decimal,
                               -- date; empty: undeclared); NULL when made by version 2
);

-- One row per `accord run`.
CREATE TABLE accord_runs (
    id         INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    as_of      TEXT NOT NULL,
    rules      INTEGER NOT NULL,
    facts      INTEGER NOT NULL,
    seconds    REAL NOT NULL,
    mode       TEXT NOT NULL DEFAULT 'full',   -- 'full' or 'incremental'
    recomputed INTEGER,                        -- relations evaluated (the others were kept)
    min_confidence REAL NOT NULL DEFAULT 0     -- facts and conclusions below this did not hold (0: none)
);

-- Relations whose rows changed since the last run (by accord or anyone else: each relation
-- table's triggers write here): what an incremental run starts from. accord_meta's
-- 'last_run' says which program, date and options it was.
CREATE TABLE accord_changes (
    relation TEXT PRIMARY KEY
);
