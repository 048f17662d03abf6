// The embedding API (see engine.hpp): the facade over loading, checking, lowering,
// evaluation and queries.
#include "accord/engine/engine.hpp"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/eval/demanded_tuples.hpp"
#include "accord/engine/plan/lower_program.hpp"
#include "accord/engine/text/column_fit.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/engine/text/query_conditions.hpp"
#include "accord/engine/text/query_pattern.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// `tuple` as `relation`'s columns store it (see storedAs), or nullopt when a value does not fit.
std::optional<Tuple> storedTuple(const RelationPlan& relation, TupleView tuple) {
    Tuple stored(tuple.begin(), tuple.end());
    for (std::size_t c = 0; c < stored.size(); ++c) {
        auto value = storedAs(stored[c], relation.kindOf(c));
        if (!value) return std::nullopt;
        stored[c] = *value;
    }
    return stored;
}

constexpr const char* kOnlyForOneQuery = "the last run evaluated only what one query needs (Engine::runFor): run the program for this one";

/// Whether `tuple` has the constants of `pattern` (its variables aside).
bool hasConstantsOf(const Pattern& pattern, TupleView tuple) {
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        if (pattern.columns[c].constant && !(tuple[c] == *pattern.columns[c].constant)) return false;
    }
    return true;
}

/// Whether the conclusions with the constants of `query` answer `pattern`: it asks for the
/// same relation, with at least the same constants.
bool answeredBy(const Pattern& query, const Pattern& pattern) {
    if (query.relation != pattern.relation || query.columns.size() != pattern.columns.size()) return false;
    for (std::size_t c = 0; c < query.columns.size(); ++c) {
        if (query.columns[c].constant && !(pattern.columns[c].constant == query.columns[c].constant)) return false;
    }
    return true;
}

/// Whether explaining a query from a run kept to what it rests on costs less than a whole
/// run: when the rewriting (`demand`) evaluates a derived relation whole (read negated, in an
/// aggregate or a `for all`), the kept run evaluates it again, with provenance, and the two
/// runs cost more than one whole run (`why blocked(7)` on bench/'s policy workload: 3.0 s
/// against 2.2 s).
bool keptRunPays(const ProgramPlan& plan, const DemandPlan& demand) {
    for (RelationId r = 0; r < plan.relations.size(); ++r) {
        if (demand.whole[r] && plan.isDerived(r)) return false;
    }
    return true;
}

}  // namespace

Engine::Engine() : loaded_(std::make_unique<dsl::LoadedProgram>()) {}
Engine::~Engine() = default;

const dsl::SourceManager& Engine::sources() const { return loaded_->sources; }

bool Engine::loadFiles(const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    if (!dsl::loadPaths(paths, options, *loaded_, diagnostics)) return false;
    return compile(diagnostics);
}

bool Engine::loadFilesAndText(const std::vector<std::string>& paths, const std::string& name, const std::string& text,
                              dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    bool ok = dsl::loadPaths(paths, options, *loaded_, diagnostics);
    ok = dsl::loadText(name, text, std::filesystem::current_path(), options, *loaded_, diagnostics) && ok;
    return ok && compile(diagnostics);
}

bool Engine::loadText(const std::string& name, const std::string& text, dsl::Diagnostics& diagnostics) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    if (!dsl::loadText(name, text, std::filesystem::current_path(), {}, *loaded_, diagnostics)) return false;
    return compile(diagnostics);
}

bool Engine::loadTexts(const std::vector<std::pair<std::string, std::string>>& files, dsl::Diagnostics& diagnostics) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    dsl::LoadOptions options;
    options.followIncludes = false;
    bool ok = true;
    for (const auto& [name, text] : files) {
        ok = dsl::loadText(name, text, std::filesystem::current_path(), options, *loaded_, diagnostics) && ok;
    }
    return ok && compile(diagnostics);
}

const std::vector<dsl::ast::Program>& Engine::files() const { return loaded_->files; }

bool Engine::compile(dsl::Diagnostics& diagnostics) {
    auto checked = dsl::checkProgram(*loaded_, diagnostics);
    if (!checked) {
        plan_ = ProgramPlan{};
        ruleClauses_.clear();
        return false;
    }
    relationCatalog_ = checked->relations;
    LoweredProgram lowered = lowerProgram(*loaded_, *checked);
    plan_ = std::move(lowered.plan);
    catalog_ = std::move(lowered.catalog);
    ruleClauses_ = std::move(lowered.ruleClauses);
    demand_.reset();
    programFactCount_ = plan_.facts.size();
    relations_.clear();
    return true;
}

bool Engine::addFact(const std::string& relation, Tuple tuple, double confidence, Validity validity, const std::string& source) {
    auto id = plan_.relationId(relation);
    if (!id || plan_.relations[*id].arity != tuple.size()) return false;
    auto stored = storedTuple(plan_.relations[*id], tuple);
    if (!stored) return false;
    tuple = std::move(*stored);
    FactPlan fact;
    fact.relation = *id;
    fact.tuple = std::move(tuple);
    fact.confidence = confidence;
    fact.validity = validity;
    fact.index = static_cast<std::uint32_t>(catalog_.facts.size());  // removed facts leave gaps in plan_.facts, not here
    catalog_.facts.push_back({formatFact(relation, fact.tuple, plan_.relations[*id].keyed, plan_.symbols), source, ""});
    plan_.facts.push_back(std::move(fact));
    return true;
}

bool Engine::loadFactFile(const std::string& relation, const std::string& path, dsl::Diagnostics& diagnostics) {
    auto id = plan_.relationId(relation);
    if (!id) {
        unknownRelation(relation, path, plan_, diagnostics);
        return false;
    }
    // Plain rows go in a batch (a set of values, no derivation per row); a row with annotations is a fact of its own.
    FactBatch batch{*id, Relation(relation, plan_.relations[*id].arity, false), path};
    std::vector<FactRow> annotated;
    // Plain rows are inserted a few hundred at a time, so that Relation::insertAll can fetch
    // their slots ahead; 256 rows of a few values stay in the first-level cache.
    constexpr std::size_t kRowsAtOnce = 256;
    std::vector<Value> pending;
    std::size_t pendingRows = 0;
    auto insertPending = [&] {
        batch.rows.insertAll(pending, pendingRows);
        pending.clear();
        pendingRows = 0;
    };
    const std::size_t sources = loaded_->sources.size(), said = diagnostics.items().size();
    bool read = forEachFactRow(path, plan_.relations[*id], plan_.symbols, loaded_->sources, diagnostics, [&](const FactRow& row) {
        if (row.hasAnnotations()) {
            annotated.push_back(row);
            return;
        }
        pending.insert(pending.end(), row.tuple.begin(), row.tuple.end());
        if (++pendingRows == kRowsAtOnce) insertPending();
    });
    if (!read) return false;  // all or nothing
    // Once read, a file of millions of rows is text no diagnostic points into: forgetting it
    // spares the run its memory (30 MB, and 8 MB of line offsets, for 2M rows of three numbers).
    if (diagnostics.items().size() == said) loaded_->sources.truncate(sources);
    insertPending();
    for (FactRow& row : annotated)
        addFact(relation, std::move(row.tuple), row.confidence, {row.since, row.until}, row.source.value_or(path));
    plan_.batches.push_back(std::move(batch));
    return true;
}

bool Engine::addFacts(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name) {
    const std::size_t sources = loaded_->sources.size(), said = diagnostics.items().size();
    auto facts = parseFactStatements(text, name, plan_, plan_.symbols, loaded_->sources, diagnostics);
    if (!facts) return false;  // the text stays in the sources: the diagnostics point into it
    BaseFacts before = baseFacts();
    for (ParsedFact& fact : *facts) {
        FactRow& row = fact.row;
        if (!addFact(plan_.relations[fact.relation].name, std::move(row.tuple), row.confidence, {row.since, row.until},
                     row.source.value_or(name))) {
            diagnostics.error(fact.span, "this fact does not fit its relation's columns");
            restoreBaseFacts(std::move(before));  // all or none
            return false;
        }
    }
    // The facts keep their own text: unless a warning points into it, a long session's input does not pile up.
    if (diagnostics.items().size() == said) loaded_->sources.truncate(sources);
    return true;
}

std::optional<std::size_t> Engine::removeFacts(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name) {
    const std::size_t sources = loaded_->sources.size(), said = diagnostics.items().size();
    auto facts = parseFactStatements(text, name, plan_, plan_.symbols, loaded_->sources, diagnostics);
    if (!facts) return std::nullopt;
    std::size_t removed = 0;
    for (const ParsedFact& fact : *facts) removed += removeFact(plan_.relations[fact.relation].name, fact.row.tuple);
    if (diagnostics.items().size() == said) loaded_->sources.truncate(sources);
    return removed;
}

std::size_t Engine::removeFact(const std::string& relation, TupleView given) {
    auto id = plan_.relationId(relation);
    if (!id) return 0;
    auto stored = storedTuple(plan_.relations[*id], given);  // removing 3 removes 3.0 from a decimal column
    if (!stored) return 0;
    TupleView tuple = *stored;
    std::size_t before = plan_.facts.size();
    std::erase_if(plan_.facts, [&](const FactPlan& fact) {
        return fact.relation == *id && std::equal(fact.tuple.begin(), fact.tuple.end(), tuple.begin(), tuple.end());
    });
    std::size_t removed = before - plan_.facts.size();
    const std::size_t arity = plan_.relations[*id].arity;
    for (FactBatch& batch : plan_.batches) {
        if (batch.relation != *id || arity == 0) continue;
        if (!batch.rows.contains(tuple)) continue;
        Relation remaining(relation, arity, false);
        for (TupleId row = 0; row < batch.rows.size(); ++row) {
            TupleView values = batch.rows.tuple(row);
            if (!std::equal(values.begin(), values.end(), tuple.begin(), tuple.end())) remaining.insert(values, 1.0, Derivation{}, {});
        }
        batch.rows = std::move(remaining);
        ++removed;
    }
    return removed;
}

RunStats Engine::run(const RunOptions& options) {
    minConfidence_ = minimumConfidence(plan_, options);
    asOf_ = options.asOf;
    belowMinimum_.clear();
    demand_.reset();
    // Only a run with a minimum leaves anything out: without one, nothing is kept aside.
    return evaluate(plan_, options, relations_, minConfidence_ > 0 ? &belowMinimum_ : nullptr);
}

std::optional<DemandPlan> Engine::planFor(const Pattern& query, NegatedReads negated) const {
    if (query.conditions || query.relation >= plan_.relations.size()) return std::nullopt;
    std::vector<std::optional<Value>> bound;
    for (const PatternColumn& column : query.columns) bound.push_back(column.constant);
    return planForQuery(plan_, ruleClauses_, query.relation, bound, negated);
}

RunStats Engine::evaluateRewritten(const DemandPlan& demand, const RunOptions& options, std::vector<Relation>& evaluated) const {
    RunOptions demandOptions = options;
    demandOptions.provenance = false;  // premises would name the rewritten program's relations
    demandOptions.keep.clear();
    return programRuleStats(evaluate(demand.plan, demandOptions, evaluated, nullptr), demand);
}

RunStats Engine::programRuleStats(RunStats stats, const DemandPlan& demand) const {
    // Each rule's work is its rewritten versions' (the rules asking for bindings included).
    std::vector<RuleStats> byRule(plan_.rules.size());
    for (RuleId rule = 0; rule < stats.rules.size(); ++rule) {
        RuleId origin = demand.origins[rule];
        if (origin == kNoRule) continue;
        byRule[origin].derivations += stats.rules[rule].derivations;
        byRule[origin].visited += stats.rules[rule].visited;
        byRule[origin].seconds += stats.rules[rule].seconds;
    }
    stats.rules = std::move(byRule);
    return stats;
}

RunStats Engine::runFor(const Pattern& query, const RunOptions& options) { return runForQuery(query, options, DemandFor::Answers); }

RunStats Engine::runToExplain(const Pattern& query, const RunOptions& options) { return runForQuery(query, options, DemandFor::Proofs); }

RunStats Engine::runForQuery(const Pattern& query, const RunOptions& options, DemandFor purpose) {
    const auto started = std::chrono::steady_clock::now();
    std::vector<Relation> evaluated;
    RunStats stats;
    std::optional<DemandPlan> demand;
    minConfidence_ = minimumConfidence(plan_, options);
    asOf_ = options.asOf;
    belowMinimum_.clear();
    try {
        // Explanations read negated relations whole (see NegatedReads::Whole).
        demand = planFor(query, purpose == DemandFor::Answers ? NegatedReads::ForBindings : NegatedReads::Whole);
        if (demand && purpose == DemandFor::Proofs && !keptRunPays(plan_, *demand)) demand.reset();
        if (demand) stats = evaluateRewritten(*demand, options, evaluated);
        if (demand && purpose == DemandFor::Proofs) {
            std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
            stats = evaluateDemanded(*demand, evaluated, options, spent.count(), std::move(stats));
        }
    } catch (const EvaluationError& error) {
        // An error may come from an order of conditions that only the rewritten rules take
        // (`M = X mod 2` reached before the condition that rules X out), a limit from the
        // rewritten program's own relations and rounds: the whole program decides, unless
        // the time allowed is spent.
        std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
        if (options.maxSeconds > 0 && spent.count() >= options.maxSeconds) throw EvaluationError(error.kind(), kNoRule, error.what());
        return run(options);
    }
    if (!demand) return run(options);
    if (purpose == DemandFor::Answers) keepAnswers(query, *demand, evaluated);
    std::vector<bool> ran(plan_.rules.size(), false);
    for (const StratumPlan& stratum : demand->plan.strata) {
        for (const RulePlan& rule : stratum.base) {
            if (RuleId origin = demand->origins[rule.rule]; origin != kNoRule) ran[origin] = true;
        }
    }
    RunOptions kept = options;
    kept.onProgress = nullptr;  // for a later look at a near miss (nearMissOnDemand), when the caller's is gone
    demand_ = DemandRun{query, demand->adornedRelations, static_cast<std::size_t>(std::count(ran.begin(), ran.end(), true)), demand->whole,
                        std::move(kept)};
    stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return stats;
}

void Engine::keepAnswers(const Pattern& query, const DemandPlan& demand, std::vector<Relation>& evaluated) {
    // The program's relations: those evaluated whole as they are; the query's, the
    // conclusions with its constants (its repeated variables are left to query()).
    relations_.clear();
    for (RelationId r = 0; r < plan_.relations.size(); ++r) {
        if (demand.whole[r]) {
            relations_.push_back(std::move(evaluated[r]));
        } else {
            relations_.emplace_back(plan_.relations[r].name, plan_.relations[r].arity, false);
        }
    }
    if (demand.answers != query.relation) {
        const Relation& answers = evaluated[demand.answers];
        Relation& answered = relations_[query.relation];
        for (TupleId id = 0; id < answers.size(); ++id) {
            if (hasConstantsOf(query, answers.tuple(id))) answered.insert(answers.tuple(id), answers.confidence(id), Derivation{}, {});
        }
    }
}

RunStats Engine::evaluateDemanded(const DemandPlan& demand, const std::vector<Relation>& evaluated, const RunOptions& options,
                                  double secondsSpent, RunStats demandStats) {
    DemandedTuples needed(plan_.relations.size());
    for (RelationId r = 0; r < plan_.relations.size(); ++r) {
        if (!demand.whole[r]) needed.restrict(r);
    }
    for (const AskedBindings& asked : demand.asked) {
        // A relation may be asked for with bindings before something makes it whole.
        if (!demand.whole[asked.relation]) needed.addBinding(asked.relation, {asked.mask, &evaluated[asked.need]});
    }
    RunOptions kept = options;
    kept.only = &needed;
    kept.keep.clear();
    if (options.maxSeconds > 0) kept.maxSeconds = std::max(options.maxSeconds - secondsSpent, 1e-3);  // the time left of both runs
    RunStats stats = evaluate(plan_, kept, relations_, minConfidence_ > 0 ? &belowMinimum_ : nullptr);
    // Each rule's work is that of both runs.
    for (RuleId rule = 0; rule < stats.rules.size() && rule < demandStats.rules.size(); ++rule) {
        stats.rules[rule].derivations += demandStats.rules[rule].derivations;
        stats.rules[rule].visited += demandStats.rules[rule].visited;
        stats.rules[rule].seconds += demandStats.rules[rule].seconds;
    }
    return stats;
}

std::optional<std::string> Engine::nearMissOnDemand(const Pattern& pattern) const {
    // kindNearMiss looks for the other kind of a string or symbol constant in its column:
    // here that column's tuples come from a run for that other constant.
    for (std::size_t c = 0; c < pattern.columns.size(); ++c) {
        const std::optional<Value>& constant = pattern.columns[c].constant;
        if (!constant || (constant->kind != ValueKind::String && constant->kind != ValueKind::Symbol)) continue;
        Pattern other{pattern.relation, std::vector<PatternColumn>(pattern.columns.size()), {}, false};
        other.columns[c].constant = constant->kind == ValueKind::String ? Value::symbol(constant->asId()) : Value::string(constant->asId());
        Pattern asked = other;
        asked.columns[c].constant = constant;
        std::vector<Relation> evaluated;
        try {
            auto demand = planFor(other, NegatedReads::ForBindings);
            if (!demand) continue;
            evaluateRewritten(*demand, demand_->options, evaluated);
            if (auto note = kindNearMiss(evaluated[demand->answers], plan_.relations[pattern.relation].name, asked, plan_.symbols))
                return note;
        } catch (const EvaluationError&) {
            continue;  // no note, then
        }
    }
    return std::nullopt;
}

const Relation* Engine::relation(const std::string& name) const {
    auto id = plan_.relationId(name);
    if (!id || *id >= relations_.size()) return nullptr;
    return &relations_[*id];
}

template <typename Parse>
auto Engine::parseQuestion(dsl::Diagnostics& diagnostics, Parse parse) {
    const std::size_t files = loaded_->sources.size(), said = diagnostics.items().size();
    auto parsed = parse(loaded_->sources);
    if (diagnostics.items().size() == said) loaded_->sources.truncate(files);  // nothing points into the text
    return parsed;
}

std::optional<std::vector<QueryRow>> Engine::query(const std::string& text, dsl::Diagnostics& diagnostics, Pattern* patternOut,
                                                   const std::string& name, RowLimit* limit) {
    if (!isOneAtom(text)) {
        auto query = conditionsQuery(text, diagnostics, QueryHead::Variables, name);
        if (!query) return std::nullopt;
        if (demand_) {
            diagnostics.fileError(name, kOnlyForOneQuery);
            return std::nullopt;
        }
        if (patternOut) *patternOut = Pattern{.relation = 0, .columns = {}, .variables = query->variables, .conditions = true};
        if (relations_.size() < plan_.relations.size()) return std::vector<QueryRow>{};
        try {
            std::vector<QueryRow> rows =
                runConditionsQuery(*query, relations_, plan_.symbols, minConfidence_, asOf_.value_or(dsl::today().days));
            if (limit) {
                limit->matched = rows.size();
                if (rows.size() > limit->rows) rows.resize(limit->rows);
            }
            return rows;
        } catch (const EvaluationError& error) {  // `Y = X / 0`: an error of the query, not of the program
            diagnostics.fileError(name, error.what());
            return std::nullopt;
        }
    }
    auto pattern = queryPattern(text, diagnostics, name);
    if (!pattern) return std::nullopt;
    if (patternOut) *patternOut = *pattern;
    if (demand_ && !demand_->complete[pattern->relation] && !answeredBy(demand_->query, *pattern)) {
        diagnostics.fileError(name, kOnlyForOneQuery);
        return std::nullopt;
    }
    if (pattern->relation >= relations_.size()) return std::vector<QueryRow>{};
    std::vector<QueryRow> rows = match(relations_[pattern->relation], *pattern, plan_.symbols, limit);
    if (rows.empty() && (!limit || limit->matched == 0)) {
        auto nearMiss = demand_ && !demand_->complete[pattern->relation]
                            ? nearMissOnDemand(*pattern)
                            : kindNearMiss(relations_[pattern->relation], plan_.relations[pattern->relation].name, *pattern, plan_.symbols);
        if (nearMiss) {
            diagnostics.add(
                {.severity = dsl::Severity::Note, .span = {}, .path = name, .message = *nearMiss, .hint = {}, .notes = {}, .code = {}});
        }
    }
    return rows;
}

std::optional<Pattern> Engine::queryPattern(const std::string& text, dsl::Diagnostics& diagnostics, const std::string& name) {
    if (!isOneAtom(text)) return std::nullopt;
    return parseQuestion(diagnostics, [&](dsl::SourceManager& sources) {
        return parseQueryPattern(text, name, plan_, plan_.symbols, sources, diagnostics);
    });
}

std::optional<ConditionsQuery> Engine::conditionsQuery(const std::string& text, dsl::Diagnostics& diagnostics, QueryHead head,
                                                       const std::string& name) {
    return parseQuestion(diagnostics, [&](dsl::SourceManager& sources) {
        return parseConditionsQuery(text, name, plan_, relationCatalog_, plan_.symbols, sources, diagnostics, head);
    });
}

std::optional<std::pair<RelationId, Tuple>> Engine::parseFact(const std::string& text, dsl::Diagnostics& diagnostics,
                                                              const std::string& name) {
    auto fact = parseQuestion(
        diagnostics, [&](dsl::SourceManager& sources) { return parseGroundFact(text, name, plan_, plan_.symbols, sources, diagnostics); });
    if (!fact) return std::nullopt;
    return std::pair{fact->relation, std::move(fact->row.tuple)};
}

std::string Engine::describe(const EvaluationError& error) const {
    auto ruleText = [&](RuleId rule) -> const RuleDescription* { return rule < catalog_.rules.size() ? &catalog_.rules[rule] : nullptr; };
    std::string out;
    if (const RuleDescription* rule = ruleText(error.rule())) {
        out = fmt::format("{}: error: {}\n    {}\n", rule->location, error.what(), rule->text);
    } else {
        out = fmt::format("error: {}\n", error.what());
    }
    if (const RuleDescription* other = ruleText(error.otherRule())) {
        out += fmt::format("{}: note: the other value comes from this rule\n    {}\n", other->location, other->text);
    }
    return out;
}

}  // namespace accord::engine
