// `accord run` on the knowledge base (see KnowledgeBase::run): decide what to evaluate,
// evaluate it, and write only the rows that differ — all inside one write transaction, so
// that no assert can slip in between reading the facts and storing what follows from them.
//
// Incremental maintenance here works at the grain of relations: a relation is evaluated
// again when an asserted change can reach it through the rules (engine::affectedRelations),
// and keeps its stored rows otherwise. Best derivations are chosen canonically (see
// engine/eval/derivation_order.hpp), so the rows of an incremental run are exactly those of a
// run from scratch, premises included.
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "accord/kb/relation_table.hpp"
#include "accord/kb/statement.hpp"

#include <algorithm>

namespace accord::kb {
namespace {

/// What a run must match for its stored rows to be reusable by the next one.
std::string runKey(const std::string& programHash, const engine::RunOptions& options) {
    std::string key = fmt::format("program {} as of {} provenance {}", programHash, dsl::formatDate(dsl::Date{options.asOf}),
                                  options.provenance ? "on" : "off");
    // The program's threshold is in its hash; a minimum given for one run changes what held.
    if (options.minConfidence) key += fmt::format(" min confidence {}", *options.minConfidence);
    return key;
}

/// `options`, keeping the contents of every relation not `evaluated`.
engine::RunOptions keepingAllBut(engine::RunOptions options, const std::vector<bool>& evaluated) {
    options.keep.resize(evaluated.size());
    for (std::size_t r = 0; r < evaluated.size(); ++r) options.keep[r] = !evaluated[r];
    return options;
}

/// The hidden columns of a conclusion row, as the run would write them.
struct ConclusionColumns {
    double confidence = 1;
    std::optional<std::string> source;
    std::string origin;
    std::optional<std::int64_t> rule;
    std::optional<std::string> premises;

    bool sameAs(const StoredRow& row) const {
        return row.confidence == confidence && row.source == source && row.origin == origin && row.rule == rule && row.premises == premises;
    }
};

/// Writes the conclusions of one evaluated relation over its stored ones, and marks which of
/// its asserted rows held: valid on the run's date, and not overridden (a keyed value that
/// lost to another). Queries show exactly what held, whatever is asserted after the run.
class ConclusionWriter {
public:
    ConclusionWriter(Database& database, engine::Engine& engine, engine::RelationId relation, std::int32_t asOf, RunReport& report)
        : database_(database),
          engine_(engine),
          plan_(engine.plan().relations[relation]),
          relation_(engine.relations()[relation]),
          asOf_(asOf),
          minConfidence_(engine.minConfidence()),
          report_(report) {}

    void write() {
        StoredRows stored = readRows(database_, plan_, RowFilter::Conclusions, engine_.symbols());
        std::vector<std::size_t> rowOfTuple(stored.tuples.size(), SIZE_MAX);
        for (std::size_t i = stored.rows.size(); i-- > 0;) rowOfTuple[stored.rows[i].tuple] = i;
        std::vector<bool> matched(stored.rows.size(), false);
        for (engine::TupleId id = 0; id < relation_.size(); ++id) {
            std::optional<ConclusionColumns> columns = conclusionColumns(id);
            if (!columns) continue;
            std::optional<engine::TupleId> old = stored.tuples.find(relation_.tuple(id));
            std::size_t row = old ? rowOfTuple[*old] : SIZE_MAX;
            if (row == SIZE_MAX) {
                insert(id, *columns);
                continue;
            }
            matched[row] = true;
            if (!columns->sameAs(stored.rows[row])) update(stored.rows[row].rowid, *columns);
        }
        for (std::size_t row = 0; row < stored.rows.size(); ++row) {
            if (!matched[row]) remove(stored.rows[row].rowid);
        }
        markHeldAssertedRows();
    }

private:
    void markHeldAssertedRows() {
        if (!plan_.keyed) {  // an asserted fact valid on the date and likely enough holds: one statement marks them all
            std::string valid = "(_since IS NULL OR _since <= ?1) AND (_until IS NULL OR ?1 < _until) AND _confidence >= ?2";
            database_
                .prepare(fmt::format("UPDATE {} SET _held = ({}) WHERE _origin = 'asserted' AND _held IS NOT ({})",
                                     Database::quoteIdentifier(plan_.name), valid, valid))
                .bind(1, dsl::formatDate(dsl::Date{asOf_}))
                .bind(2, minConfidence_)
                .run();
            return;
        }
        StoredRows asserted = readRows(database_, plan_, RowFilter::Asserted, engine_.symbols());
        for (const StoredRow& row : asserted.rows) {
            std::int64_t held = validityOf(row).validOn(asOf_) && row.confidence >= minConfidence_ &&
                                relation_.find(asserted.tuples.tuple(row.tuple)).has_value();
            if (row.held == held) continue;
            if (!markHeld_) {
                markHeld_.emplace(
                    database_.prepare(fmt::format("UPDATE {} SET _held = ?1 WHERE rowid = ?2", Database::quoteIdentifier(plan_.name))));
            }
            markHeld_->reset();
            markHeld_->bind(1, held).bind(2, row.rowid).run();
        }
    }

    /// nullopt for a tuple whose best support is an asserted fact: its asserted row stands for it.
    std::optional<ConclusionColumns> conclusionColumns(engine::TupleId id) const {
        const engine::Derivation& derivation = relation_.derivation(id);
        ConclusionColumns columns;
        columns.confidence = relation_.confidence(id);
        if (derivation.rule != engine::kNoRule) {
            columns.origin = "derived";
            columns.rule = derivation.rule;
            nlohmann::json premises = nlohmann::json::array();
            for (const engine::FactRef& premise : relation_.premisesOf(id)) {
                const engine::RelationPlan& premisePlan = engine_.plan().relations[premise.relation];
                premises.push_back(engine::formatFact(premisePlan.name, engine_.relations()[premise.relation].tuple(premise.tuple),
                                                      premisePlan.keyed, engine_.symbols()));
            }
            columns.premises = premises.dump();
            return columns;
        }
        columns.origin = "program";
        if (derivation.fact() & engine::kBatchFact) {
            columns.source = engine_.plan().batches[derivation.fact() & ~engine::kBatchFact].source;
            return columns;
        }
        if (derivation.fact() >= engine_.programFactCount()) return std::nullopt;  // asserted
        const auto& facts = engine_.catalog().facts;
        if (derivation.fact() < facts.size() && !facts[derivation.fact()].source.empty()) columns.source = facts[derivation.fact()].source;
        return columns;
    }

    void bindColumns(Statement& statement, int first, const ConclusionColumns& columns) {
        statement.bind(first, columns.confidence);
        columns.source ? statement.bind(first + 1, *columns.source) : statement.bindNull(first + 1);
        statement.bind(first + 2, columns.origin);
        columns.rule ? statement.bind(first + 3, *columns.rule) : statement.bindNull(first + 3);
        columns.premises ? statement.bind(first + 4, *columns.premises) : statement.bindNull(first + 4);
    }

    void insert(engine::TupleId id, const ConclusionColumns& columns) {
        if (!insert_) {
            std::vector<std::string> names = columnNames(plan_);
            std::string list, placeholders;
            for (std::size_t c = 0; c < names.size(); ++c) {
                list += Database::quoteIdentifier(names[c]) + ", ";
                placeholders += fmt::format("?{}, ", c + 1);
            }
            std::size_t n = names.size();
            insert_.emplace(database_.prepare(
                fmt::format("INSERT INTO {} ({}_confidence, _source, _origin, _rule, _premises) VALUES ({}?{}, ?{}, ?{}, ?{}, ?{})",
                            Database::quoteIdentifier(plan_.name), list, placeholders, n + 1, n + 2, n + 3, n + 4, n + 5)));
        }
        insert_->reset();
        engine::TupleView tuple = relation_.tuple(id);
        for (std::size_t c = 0; c < tuple.size(); ++c) {
            bindValue(*insert_, static_cast<int>(c + 1), tuple[c], plan_.columnKinds[c], engine_.symbols());
        }
        bindColumns(*insert_, static_cast<int>(tuple.size() + 1), columns);
        insert_->run();
        ++report_.inserted;
    }

    void update(std::int64_t rowid, const ConclusionColumns& columns) {
        if (!update_) {
            update_.emplace(database_.prepare(
                fmt::format("UPDATE {} SET _confidence = ?1, _source = ?2, _origin = ?3, _rule = ?4, _premises = ?5 WHERE rowid = ?6",
                            Database::quoteIdentifier(plan_.name))));
        }
        update_->reset();
        bindColumns(*update_, 1, columns);
        update_->bind(6, rowid);
        update_->run();
        ++report_.updated;
    }

    void remove(std::int64_t rowid) {
        if (!remove_) {
            remove_.emplace(database_.prepare(fmt::format("DELETE FROM {} WHERE rowid = ?1", Database::quoteIdentifier(plan_.name))));
        }
        remove_->reset();
        remove_->bind(1, rowid);
        remove_->run();
        ++report_.deleted;
    }

    Database& database_;
    engine::Engine& engine_;
    const engine::RelationPlan& plan_;
    const engine::Relation& relation_;
    std::int32_t asOf_;
    double minConfidence_;
    RunReport& report_;
    std::optional<Statement> insert_, update_, remove_, markHeld_;
};

}  // namespace

std::vector<bool> KnowledgeBase::changedRelations(const engine::ProgramPlan& plan, std::vector<std::string>* names) {
    std::vector<bool> changed(plan.relations.size(), false);
    Statement changes = database_.prepare("SELECT relation FROM accord_changes ORDER BY relation");
    while (changes.step()) {
        std::string name = changes.columnText(0);
        if (auto id = plan.relationId(name)) changed[*id] = true;
        if (names) names->push_back(std::move(name));
    }
    return changed;
}

std::string KnowledgeBase::lastRunKey() {
    Statement last = database_.prepare("SELECT value FROM accord_meta WHERE key = 'last_run'");
    return last.step() ? last.columnText(0) : std::string();
}

void KnowledgeBase::prepareEvaluation(engine::Engine& engine, const std::vector<bool>& evaluated) {
    const engine::ProgramPlan& plan = engine.plan();
    std::vector<std::vector<engine::RelationId>> inputs = engine::relationInputs(plan);
    std::vector<bool> needed(plan.relations.size(), false);
    for (engine::RelationId r = 0; r < plan.relations.size(); ++r) {
        if (!evaluated[r]) continue;
        for (engine::RelationId input : inputs[r]) {
            if (!evaluated[input]) needed[input] = true;
        }
    }
    std::vector<engine::Relation> kept;
    for (engine::RelationId r = 0; r < plan.relations.size(); ++r) {
        const engine::RelationPlan& relation = plan.relations[r];
        if (needed[r]) {
            kept.push_back(std::move(readRows(database_, relation, RowFilter::Held, engine.symbols()).tuples));
        } else {
            kept.emplace_back(relation.name, relation.arity);
        }
        if (evaluated[r]) loadAssertedFacts(engine, r);
    }
    engine.setConclusions(std::move(kept));
}

WhatIfReport KnowledgeBase::whatIf(engine::Engine& engine, const engine::RunOptions& options, const engine::Hypothesis& hypothesis) {
    ReadTransaction snapshot(database_);  // one consistent state, whatever a writer commits meanwhile
    const engine::ProgramPlan& plan = engine.plan();
    const std::size_t relationCount = plan.relations.size();
    WhatIfReport report;
    std::vector<bool> changed = changedRelations(plan, nullptr);
    bool storedIsCurrent = std::find(changed.begin(), changed.end(), true) == changed.end() && plan.batches.empty() &&
                           lastRunKey() == runKey(programHash(), options);
    report.incremental = storedIsCurrent;
    std::vector<bool> evaluated =
        storedIsCurrent ? engine::affectedRelations(plan, hypothesis.relations(relationCount)) : std::vector<bool>(relationCount, true);
    prepareEvaluation(engine, evaluated);

    // The conclusions before the change: stored ones when they are current, else evaluated.
    std::vector<engine::Relation> before;
    if (!storedIsCurrent) engine.run(options);
    for (engine::RelationId r = 0; r < relationCount; ++r) {
        if (!evaluated[r]) {
            before.emplace_back(plan.relations[r].name, plan.relations[r].arity);
        } else if (storedIsCurrent) {
            before.push_back(std::move(readRows(database_, plan.relations[r], RowFilter::Held, engine.symbols()).tuples));
        } else {
            before.push_back(engine.relations()[r]);
        }
    }
    report.notFound = engine::applyHypothesis(engine, hypothesis);
    engine::RunOptions runOptions = keepingAllBut(options, evaluated);
    report.stats = engine.run(runOptions);
    for (engine::RelationId r = 0; r < relationCount; ++r) {
        if (!evaluated[r]) continue;
        report.evaluated.push_back(plan.relations[r].name);
        auto changes = engine::diffRelation(r, plan, before[r], engine.relations()[r]);
        report.changes.insert(report.changes.end(), changes.begin(), changes.end());
    }
    return report;
}

RunReport KnowledgeBase::run(engine::Engine& engine, const engine::RunOptions& options, bool fromScratch) {
    Transaction transaction(database_);
    // The tables' triggers and CHECK constraints guard writes the run does not know of (a
    // user's, with sqlite3). Its own writes are typed by construction and end with
    // accord_changes emptied, so this connection skips both while it runs: a trigger per row
    // made a run writing 370k rows 2.7 times slower, the checks another 35%.
    struct OwnWrites {
        Database& database;
        explicit OwnWrites(Database& d) : database(d) {
            database.enableTriggers(false);
            database.execute("PRAGMA ignore_check_constraints = ON");
        }
        ~OwnWrites() {
            try {
                database.enableTriggers(true);
                database.execute("PRAGMA ignore_check_constraints = OFF");
            } catch (...) {  // only a closed connection refuses: nothing left to guard
            }
        }
    } ownWrites(database_);
    const engine::ProgramPlan& plan = engine.plan();
    const std::size_t relationCount = plan.relations.size();
    RunReport report;
    report.previous = lastRun();

    std::vector<bool> changed = changedRelations(plan, &report.changed);
    // Facts from files (--facts) are not in the knowledge base: such a run is never reused
    // (its key matches no run's), though it is a run of this program.
    std::string key = runKey(programHash(), options) + (plan.batches.empty() ? "" : " with facts from files");
    report.incremental = !fromScratch && plan.batches.empty() && lastRunKey() == key;

    std::vector<bool> evaluated = report.incremental ? engine::affectedRelations(plan, changed) : std::vector<bool>(relationCount, true);
    for (engine::RelationId r = 0; r < relationCount; ++r) {
        if (evaluated[r]) report.recomputed.push_back(plan.relations[r].name);
    }
    prepareEvaluation(engine, evaluated);
    engine::RunOptions runOptions = keepingAllBut(options, evaluated);
    report.stats = engine.run(runOptions);

    for (engine::RelationId r = 0; r < relationCount; ++r) {
        if (evaluated[r]) ConclusionWriter(database_, engine, r, options.asOf, report).write();
    }
    database_.execute("DELETE FROM accord_changes; DELETE FROM accord_meta WHERE key = 'stale'");
    database_.prepare("INSERT OR REPLACE INTO accord_meta(key, value) VALUES ('last_run', ?1)").bind(1, key).run();
    std::int64_t facts = 0;
    for (const engine::RelationPlan& relation : plan.relations) {
        Statement count = database_.prepare("SELECT count(*) FROM " + Database::quoteIdentifier(relation.name));
        count.step();
        report.rows.emplace_back(relation.name, count.columnInteger(0));
        facts += count.columnInteger(0);
    }
    report.run = {0, dsl::timestampNow(), dsl::formatDate(dsl::Date{options.asOf}), report.incremental ? "incremental" : "full",
                  engine.minConfidence()};
    database_
        .prepare(
            "INSERT INTO accord_runs(started_at, as_of, rules, facts, seconds, mode, recomputed, min_confidence) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
        .bind(1, report.run.startedAt)
        .bind(2, report.run.asOf)
        .bind(3, static_cast<std::int64_t>(plan.rules.size()))
        .bind(4, facts)
        .bind(5, report.stats.seconds)
        .bind(6, report.run.mode)
        .bind(7, static_cast<std::int64_t>(report.recomputed.size()))
        .bind(8, report.run.minConfidence)
        .run();
    report.run.id = database_.lastInsertRowId();
    transaction.commit();
    return report;
}

}  // namespace accord::kb
