// The API in the user's terms (see model.hpp). Each question composes the same library
// calls as its command (cli/commands/), so that the answers carry the same data.
#include "accord/engine/api/model.hpp"
#include "accord/engine/api/program_description.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/conclusion_diff.hpp"
#include "accord/engine/explain/fact_explanation.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/explain/needs.hpp"
#include "accord/engine/explain/needs_format.hpp"
#include "accord/engine/explain/possible_values.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/relation_grid.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/query_json.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/engine/text/hypothesis_text.hpp"
#include "accord/engine/text/query_conditions.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord {
namespace {

PlainValue plainValueOf(const engine::Value& value, const engine::SymbolTable& symbols) {
    switch (value.kind) {
        case engine::ValueKind::Integer: return value.asInteger();
        case engine::ValueKind::Decimal: return value.asDecimal();
        case engine::ValueKind::Date: return dsl::Date{value.asDate()};
        default: return engine::plainValue(value, symbols);
    }
}

std::int32_t parseDay(const std::string& text, const char* what) {
    auto day = dsl::parseDate(text);
    if (!day) throw Error::plain(fmt::format("{} '{}': expected a date YYYY-MM-DD", what, text));
    return day->days;
}

/// The rows of `text` (and in `warnings` what reading it noted), or Error with its diagnostics.
std::vector<engine::QueryRow> queryOrThrow(engine::Engine& engine, const std::string& text, engine::Pattern& pattern,
                                           nlohmann::json* warnings = nullptr) {
    dsl::Diagnostics diagnostics;
    auto rows = engine.query(text, diagnostics, &pattern);
    if (!rows) throw Error::fromDiagnostics(diagnostics, engine.sources());
    if (warnings) *warnings = dsl::diagnosticsJson(diagnostics, engine.sources());
    return std::move(*rows);
}

/// A warning with no place in a file, as the commands print on standard error.
nlohmann::json warning(const std::string& message) {
    return {{"severity", "warning"}, {"file", nullptr}, {"line", nullptr}, {"column", nullptr}, {"message", message}};
}

/// Runs `body`, turning an evaluation error into Error (with the rule it stopped in).
template <class Body>
auto describingEvaluationErrors(engine::Engine& engine, Body body) {
    try {
        return body();
    } catch (const engine::EvaluationError& error) {
        throw Error::fromEvaluation(engine, error);
    }
}

}  // namespace

Model::Model(Loader loader, std::string from, FactChanges factChanges)
    : loader_(std::move(loader)), from_(std::move(from)), factChanges_(std::move(factChanges)) {
    engine_ = freshEngine(&warnings_);
}

Model Model::clone() const {
    Model copy(loader_, from_, factChanges_);
    copy.limits_ = limits_;
    return copy;
}

Model::Model(Model&&) noexcept = default;
Model& Model::operator=(Model&&) noexcept = default;
Model::~Model() = default;

Model Model::load(const std::vector<std::string>& paths) {
    if (paths.empty()) throw Error::plain("no rule files or directories given");
    Model model([paths](engine::Engine& engine, dsl::Diagnostics& diagnostics) { return engine.loadFiles(paths, diagnostics); },
                "rule files");
    // Later engines (a search's) load the text read now: files edited since, or a working
    // directory changed since, do not change the program.
    std::vector<std::pair<std::string, std::string>> texts;
    for (std::size_t f = 0; f < model.engine_->sources().size(); ++f) {
        const dsl::SourceText& source = model.engine_->sources().file(static_cast<dsl::FileId>(f));
        texts.emplace_back(source.name(), source.contents());
    }
    model.loader_ = [texts](engine::Engine& engine, dsl::Diagnostics& diagnostics) { return engine.loadTexts(texts, diagnostics); };
    return model;
}

Model Model::fromText(const std::string& text, const std::string& name) {
    return Model([text, name](engine::Engine& engine, dsl::Diagnostics& diagnostics) { return engine.loadText(name, text, diagnostics); },
                 "rule files");
}

Model Model::fromKnowledgeBase(const std::string& path) {
    auto loader = [path](engine::Engine& engine, dsl::Diagnostics& diagnostics) {
        try {
            auto knowledgeBase = kb::KnowledgeBase::open(path, /*create=*/false);
            if (!knowledgeBase.loadProgram(engine, diagnostics)) return false;
            knowledgeBase.loadAssertedFacts(engine);
            return true;
        } catch (const kb::DatabaseError& error) {
            throw Error::plain(error.what());
        }
    };
    return Model(loader, "knowledge base, evaluated");
}

std::unique_ptr<engine::Engine> Model::freshEngine(nlohmann::json* warnings) const {
    auto engine = std::make_unique<engine::Engine>();
    dsl::Diagnostics diagnostics;
    if (!loader_(*engine, diagnostics)) throw Error::fromDiagnostics(diagnostics, engine->sources());
    if (warnings) *warnings = dsl::diagnosticsJson(diagnostics, engine->sources());
    for (const auto& [add, text] : factChanges_) {
        bool changed = add ? engine->addFacts(text, diagnostics) : engine->removeFacts(text, diagnostics).has_value();
        if (!changed) throw Error::fromDiagnostics(diagnostics, engine->sources());  // the program changed under us
    }
    return engine;
}

std::size_t Model::addFacts(const std::string& text) {
    dsl::Diagnostics diagnostics;
    const std::size_t before = engine_->plan().facts.size();
    if (!engine_->addFacts(engine::withFinalPeriod(text), diagnostics)) throw Error::fromDiagnostics(diagnostics, engine_->sources());
    factChanges_.emplace_back(true, engine::withFinalPeriod(text));
    evaluated_.reset();
    return engine_->plan().facts.size() - before;
}

void Model::setLimits(const Limits& limits) {
    limits_ = limits;
    evaluated_.reset();  // an evaluation stopped by the old limits would be one that the new ones let finish
}

std::size_t Model::retractFacts(const std::string& text) {
    dsl::Diagnostics diagnostics;
    auto removed = engine_->removeFacts(engine::withFinalPeriod(text), diagnostics);
    if (!removed) throw Error::fromDiagnostics(diagnostics, engine_->sources());
    factChanges_.emplace_back(false, engine::withFinalPeriod(text));
    evaluated_.reset();
    return *removed;
}

engine::RunOptions runOptionsFor(const AsOf& when, const Limits& limits) {
    engine::RunOptions run;
    run.asOf = when.asOf.empty() ? dsl::today().days : parseDay(when.asOf, "as_of");
    if (when.minConfidence && !(*when.minConfidence >= 0 && *when.minConfidence <= 1)) {  // NaN too
        throw Error::plain(fmt::format("min_confidence {}: expected a number from 0 to 1", *when.minConfidence));
    }
    run.minConfidence = when.minConfidence;
    run.maxSeconds = limits.maxSeconds;
    run.maxFacts = limits.maxFacts;
    run.maxIterations = limits.maxIterations;
    return run;
}

std::int32_t Model::evaluate(const AsOf& when) {
    engine::RunOptions run = runOptionsFor(when, limits_);
    if (evaluated_ && evaluated_->asOf == run.asOf && evaluated_->minConfidence == run.minConfidence) return run.asOf;
    evaluated_.reset();
    describingEvaluationErrors(*engine_, [&] { return engine_->run(run); });
    evaluated_ = Evaluation{run.asOf, run.minConfidence};
    return run.asOf;
}

nlohmann::ordered_json Model::origin(std::int32_t asOf) const {
    return {{"as_of", dsl::formatDate(dsl::Date{asOf})},
            {"from", from_},
            {"run", nullptr},
            {"stale", nullptr},
            {"min_confidence", engine_->minConfidence()}};
}

std::string Model::description(std::int32_t asOf, const AsOf& when) const {
    std::string text = "as of " + dsl::formatDate(dsl::Date{asOf}) + (when.asOf.empty() ? " (today)" : "");
    if (from_ != "rule files") text += ", evaluated from the knowledge base's program and facts";
    double minimum = engine_->minConfidence();
    return minimum > 0 ? text + fmt::format(", holding at confidence {} or more", engine::formatConfidence(minimum)) : text;
}

Rows rowsOf(const std::string& text, const std::vector<engine::QueryRow>& rows, const engine::Pattern& pattern,
            const engine::Engine& engine, const nlohmann::ordered_json& origin) {
    Rows result;
    result.asOf = origin.at("as_of").get<std::string>();
    result.minConfidence = origin.at("min_confidence").get<double>();
    result.columns = pattern.variables;
    for (const engine::QueryRow& row : rows) {
        Rows::Row plain{{}, row.confidence};
        for (const engine::Value& value : row.values) plain.values.push_back(plainValueOf(value, engine.symbols()));
        result.rows.push_back(std::move(plain));
    }
    result.json = {{"query", text}};
    result.json.update(origin);
    result.json.update(engine::queryRowsJson(rows, pattern, engine.symbols()));
    return result;
}

Rows Model::query(const std::string& text, const AsOf& when) {
    std::int32_t asOf = evaluate(when);
    engine::Pattern pattern;
    nlohmann::json warnings;
    std::vector<engine::QueryRow> rows = queryOrThrow(*engine_, text, pattern, &warnings);
    Rows result = rowsOf(text, rows, pattern, *engine_, origin(asOf));
    result.warnings = std::move(warnings);
    return result;
}

Answer Model::why(const std::string& text, const AsOf& when, const WhyOptions& options) {
    std::int32_t asOf = evaluate(when);
    engine::Pattern pattern;
    Answer answer;
    std::vector<engine::QueryRow> rows = queryOrThrow(*engine_, text, pattern, &answer.warnings);
    engine::EngineFactRecords records(*engine_);
    const std::size_t shown = std::min(rows.size(), options.limit);
    answer.json = {{"query", text}};
    answer.json.update(origin(asOf));
    answer.json["matches"] = rows.size();
    if (pattern.conditions) {  // each row by the facts its most confident solution rests on
        answer.json["rows"] = nlohmann::ordered_json::array();
        for (std::size_t r = 0; r < shown; ++r) {
            std::vector<engine::ProofStep> proofs = engine::proofsOfRow(records, *engine_, rows[r], options.depth);
            answer.json["rows"].push_back(engine::rowExplanationJson(pattern, rows[r], proofs, engine_->symbols()));
            std::string bindings = engine::formatBindings(pattern.variables, rows[r].values, engine_->symbols());
            answer.text += (r ? "\n" : "") + engine::formatRowProofsText(bindings, rows[r].confidence, proofs);
        }
    } else {
        answer.json["proofs"] = nlohmann::ordered_json::array();
        const engine::Relation& relation = engine_->relations()[pattern.relation];
        for (std::size_t r = 0; r < shown; ++r) {
            engine::TupleView tuple = relation.tuple(rows[r].tuple);
            engine::FactKey key{pattern.relation, engine::Tuple(tuple.begin(), tuple.end())};
            engine::FactExplanation explanation = engine::explainFact(records, *engine_, key, options.depth, asOf);
            answer.json["proofs"].push_back(nlohmann::ordered_json(engine::factExplanationJson(explanation, *engine_)));
            answer.text +=
                (r ? "\n" : "") + engine::formatProofText(explanation.proof) + engine::factExplanationNotes(explanation, *engine_);
        }
    }
    if (rows.size() > shown) answer.text += fmt::format("\n({} more; raise --limit)\n", rows.size() - shown);
    if (rows.empty()) answer.text = fmt::format("nothing matches '{}' {}\n", text, description(asOf, when));
    return answer;
}

Answer Model::whyNot(const std::string& text, const AsOf& when, const WhyNotOptions& options) {
    std::int32_t asOf = evaluate(when);
    engine::EngineFactRecords records(*engine_);
    Answer answer;
    answer.json = {{"query", text}};
    answer.json.update(origin(asOf));
    if (auto pattern = engine::keyWithoutValue(*engine_, text)) {  // why not each other value of the key
        engine::Tuple key;
        for (std::size_t c = 0; c + 1 < pattern->columns.size(); ++c) key.push_back(*pattern->columns[c].constant);
        const engine::RelationPlan& relation = engine_->plan().relations[pattern->relation];
        std::string keyText = engine::formatFact(relation.name, key, /*keyed=*/false, engine_->symbols());
        auto [held, others] = engine::explainKeyValues(*engine_, records, pattern->relation, key, asOf, options.depth);
        std::string heldText = held ? engine::formatValue(*held, engine_->symbols()) : "";
        answer.json.update(engine::keyValuesJson(keyText, heldText, others));
        answer.text = engine::formatKeyValuesText(keyText, heldText, others, description(asOf, when));
        return answer;
    }
    std::optional<engine::WhyNot> whyNot;
    std::string holdsNote;
    dsl::Diagnostics diagnostics;
    if (!engine::isOneAtom(text) || engine::queryHasVariables(*engine_, text)) {
        whyNot = engine::explainConditionsWhyNot(*engine_, records, text, asOf, options.depth, diagnostics);
        holdsNote = ": `accord query` lists its rows, `accord why` explains them";
    } else if (auto fact = engine_->parseFact(text, diagnostics)) {
        whyNot = engine::explainWhyNot(*engine_, records, {fact->first, std::move(fact->second)}, asOf, options.depth);
        engine_->query(text, diagnostics);  // notes a near miss: a value spelled as another kind
    }
    if (!whyNot) throw Error::fromDiagnostics(diagnostics, engine_->sources());
    answer.warnings = dsl::diagnosticsJson(diagnostics, engine_->sources());
    answer.json.update(nlohmann::ordered_json(engine::whyNotToJson(*whyNot)));
    answer.text =
        fmt::format("It {} ({}){}\n", whyNot->holds ? "holds" : "does not hold", description(asOf, when), whyNot->holds ? holdsNote : "") +
        engine::formatWhyNotText(*whyNot);
    return answer;
}

Answer Model::whatIf(const std::vector<std::string>& asserts, const std::vector<std::string>& retracts, const AsOf& when,
                     const std::string& query) {
    if (asserts.empty() && retracts.empty()) throw Error::plain("what-if: give facts to assert or to retract");
    engine::RunOptions run = runOptionsFor(when, limits_);
    dsl::SourceManager sources;  // the facts' text, which their diagnostics point into
    dsl::Diagnostics diagnostics;
    auto hypothesis = engine::parseHypothesisOptions(asserts, retracts, *engine_, sources, diagnostics);
    if (!hypothesis) throw Error::fromDiagnostics(diagnostics, sources);
    const bool conditions = !query.empty() && !engine::isOneAtom(query);
    engine::Pattern pattern;  // a malformed query is refused before evaluating; it is read, not answered, here
    if (!query.empty()) {
        dsl::Diagnostics read;
        bool valid = conditions ? engine_->conditionsQuery(query, read).has_value() : engine_->query(query, read, &pattern).has_value();
        if (!valid) throw Error::fromDiagnostics(read, engine_->sources());
    }
    evaluated_.reset();  // the comparison evaluates the engine with and without the change
    std::vector<std::string> notFound;
    std::vector<engine::ConclusionChange> changes = describingEvaluationErrors(*engine_, [&] {
        if (!conditions) return engine::whatIfInMemory(*engine_, run, *hypothesis, &notFound);
        dsl::Diagnostics said;
        auto rows = engine::whatIfRows(*engine_, run, *hypothesis, query, said, &notFound);
        if (!rows) {
            dsl::Diagnostics errors;  // its warnings were said when the query was read
            for (const dsl::Diagnostic& diagnostic : said.items()) {
                if (diagnostic.severity == dsl::Severity::Error) errors.add(diagnostic);
            }
            throw Error::fromDiagnostics(errors, engine_->sources());
        }
        return std::move(*rows);
    });
    if (!query.empty() && !conditions) engine::keepMatching(changes, pattern);
    std::string asOf = dsl::formatDate(dsl::Date{run.asOf});
    Answer answer;
    answer.json = {{"query", query.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(query)},
                   {"as_of", asOf},
                   {"incremental", false},
                   {"evaluated", nlohmann::ordered_json::array()},
                   {"changes", engine::changesToJson(changes)},
                   {"not_found", notFound}};
    answer.text =
        engine::formatChanges(changes) + fmt::format("{} change{} as of {}\n", changes.size(), changes.size() == 1 ? "" : "s", asOf);
    for (const std::string& fact : notFound) {
        answer.warnings.push_back(warning(fmt::format("{} is neither an asserted nor a program fact: removing it changes nothing", fact)));
    }
    return answer;
}

Answer Model::needs(const std::string& goal, const AsOf& when, const NeedsOptions& options) {
    engine::NeedsOptions search;
    search.run = runOptionsFor(when, limits_);
    dsl::Diagnostics diagnostics;
    if (!engine_->parseFact(goal, diagnostics)) throw Error::fromDiagnostics(diagnostics, engine_->sources());
    std::string unknown;
    auto assumable = engine::assumableRelations(engine_->plan(), options.assumable, unknown);
    if (!assumable) throw Error::plain(fmt::format("assumable: unknown relation '{}'", unknown));
    search.assumable = std::move(*assumable);
    if (options.maxAnswers == 0) throw Error::plain("max_answers 0: a search must be allowed at least one answer");
    search.maxAnswers = options.maxAnswers;
    search.maxChanges = options.maxChanges;
    search.maxEvaluations = options.maxEvaluations;
    engine::NeedsResult result =
        describingEvaluationErrors(*engine_, [&] { return engine::searchNeeds([this] { return freshEngine(); }, goal, search); });
    std::string asOf = dsl::formatDate(dsl::Date{search.run.asOf});
    Answer answer;
    answer.json = {{"goal", goal}};
    answer.json.update(engine::needsJson(result, asOf));
    answer.text = engine::needsText(result, goal, asOf, search.maxChanges);
    return answer;
}

Answer Model::timeline(const std::string& query, const TimelineOptions& options, std::optional<double> minConfidence) {
    engine::TimelineRange range;
    if (!options.from.empty()) range.from = parseDay(options.from, "from");
    if (!options.to.empty()) range.to = parseDay(options.to, "to");
    if (range.from && range.to && *range.to < *range.from)
        throw Error::plain(fmt::format("to {} is before from {}", options.to, options.from));
    engine::Pattern pattern;
    queryOrThrow(*engine_, query, pattern);
    if (pattern.conditions) throw Error::plain("a timeline takes one atom, such as `vote(A, rutte) = V`");
    if (engine::readsToday(engine_->plan(), pattern.relation)) throw Error::plain(engine::readsTodayRefusal(query));
    engine::RunOptions run = runOptionsFor({.asOf = "", .minConfidence = minConfidence}, limits_);  // its date is replaced by each boundary
    evaluated_.reset();  // the engine is evaluated on each date
    bool truncated = false;
    auto timelines = describingEvaluationErrors(
        *engine_, [&] { return engine::buildTimelines(*engine_, pattern, run, options.maxDates, &truncated, range); });
    const bool hasStart = range.from.has_value();
    Answer answer;
    answer.json = {{"query", query},
                   {"from", options.from.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(options.from)},
                   {"to", options.to.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(options.to)},
                   {"timelines", engine::timelinesToJson(timelines, hasStart)}};
    answer.text = engine::formatTimelines(timelines, hasStart);
    if (timelines.empty()) answer.text += engine::noTimelineText(query, truncated, options.maxDates);
    if (truncated)
        answer.warnings.push_back(warning(fmt::format("more than {} dates; the latest were left out (raise max_dates)", options.maxDates)));
    return answer;
}

Answer Model::grid(const std::string& relation, const AsOf& when) {
    std::int32_t asOf = evaluate(when);
    nlohmann::ordered_json grid;
    try {
        grid = engine::relationGridJson(*engine_, relation);
    } catch (const std::invalid_argument& error) {
        throw Error::plain(error.what());
    }
    Answer answer;
    answer.json = {{"relation", relation}};
    answer.json.update(origin(asOf));
    answer.json.update(grid);
    answer.text = fmt::format("{} {}:\n{}", relation, description(asOf, when), engine::relationGridText(grid));
    return answer;
}

nlohmann::ordered_json Model::program() const { return describeProgram(*engine_); }

}  // namespace accord
