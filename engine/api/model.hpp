// Accord in the user's terms: a model is loaded once, then asked questions by their text,
// each as of a date, and answers with plain values and the same data the commands print as
// JSON. Evaluation happens when a question needs it, once per date and minimum confidence
// (the last evaluation is kept). Errors throw accord::Error with the diagnostics.
//
//   auto model = accord::Model::load({"rules/nato"});
//   model.addFacts("backs(romania, rutte) source \"analyst\".");
//   for (const auto& row : model.query("vote(A, rutte) = V", {.asOf = "2024-06-19"}).rows) ...
//   std::cout << model.why("blocker(romania, rutte)", {.asOf = "2024-06-19"}).text;
//
// The engine below it (engine::Engine, model.engine()) stays available for what this does
// not cover; docs/api.md says which calls are stable.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/dsl/date.hpp"
#include "accord/engine/api/error.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/needs.hpp"

namespace accord {

/// When a question is asked: the date its facts and rules are taken as of ("YYYY-MM-DD";
/// empty: today) and the confidence below which facts and conclusions do not hold (nullopt:
/// the program's `threshold`).
struct AsOf {
    std::string asOf = "";  // (initialised, so that `{.minConfidence = 0.9}` leaves it out without a warning)
    std::optional<double> minConfidence = std::nullopt;
};

/// How far an evaluation may go before it stops with Error (as `--max-seconds`,
/// `--max-facts` and `--max-iterations` of the commands).
struct Limits {
    double maxSeconds = engine::RunOptions{}.maxSeconds;  ///< 0: no limit
    std::size_t maxFacts = engine::RunOptions{}.maxFacts;
    std::size_t maxIterations = engine::RunOptions{}.maxIterations;
};

/// A value as a program writes it: a symbol or string as its text, an integer, a decimal,
/// or a date.
using PlainValue = std::variant<std::string, std::int64_t, double, dsl::Date>;

/// The rows of a query, with the date they hold as of.
struct Rows {
    std::string asOf;  ///< YYYY-MM-DD
    double minConfidence = 0;  ///< conclusions less likely than this did not hold (0: none)
    std::vector<std::string> columns;  ///< the query's variables, in order of first appearance
    struct Row {
        std::vector<PlainValue> values;  ///< one per column
        double confidence = 1;
    };
    std::vector<Row> rows;
    /// `accord query --format json`'s document (docs/schema/query.schema.json).
    nlohmann::ordered_json json;
    /// What reading the query noted (a value spelled as another kind, so nothing matched), as
    /// JSON diagnostics.
    nlohmann::json warnings = nlohmann::json::array();
};

/// The run options of a question asked `when` within `limits`: its date (today when none
/// is given) and its minimum confidence; Error when the date is not one, or the confidence
/// is not from 0 to 1.
engine::RunOptions runOptionsFor(const AsOf& when, const Limits& limits = {});

/// The rows of a query as plain values, with its JSON document: the query's `text`, what
/// the rows are from (`origin`: as_of, from, run, stale, min_confidence) and the rows.
Rows rowsOf(const std::string& text, const std::vector<engine::QueryRow>& rows, const engine::Pattern& pattern,
            const engine::Engine& engine, const nlohmann::ordered_json& origin);

/// An explanation: the data of the command's `--format json` document (its schema in
/// docs/schema/) and the text the command prints.
struct Answer {
    nlohmann::ordered_json json;
    std::string text;
    nlohmann::json warnings = nlohmann::json::array();  ///< what reading the question noted, as JSON diagnostics
};

struct WhyOptions {
    std::size_t depth = 12;  ///< levels of premises
    std::size_t limit = 20;  ///< matching facts explained at most
};

struct WhyNotOptions {
    std::size_t depth = 3;  ///< levels followed into facts that are missing too
};

struct NeedsOptions {
    std::vector<std::string> assumable = {};  ///< relations whose facts may change (empty: the default, see `accord needs`)
    std::size_t maxAnswers = engine::NeedsOptions{}.maxAnswers;  ///< at least 1
    std::size_t maxChanges = engine::NeedsOptions{}.maxChanges;
    std::size_t maxEvaluations = engine::NeedsOptions{}.maxEvaluations;
};

struct TimelineOptions {
    std::string from = "", to = "";  ///< YYYY-MM-DD; empty: before the first change, after the last
    std::size_t maxDates = 500;
};

class Model {
public:
    /// Rule files and directories, as `accord check` reads them (once: later evaluations,
    /// `needs`' among them, use the text read then).
    static Model load(const std::vector<std::string>& paths);
    /// Rule text that is not in a file; `name` is what diagnostics call it.
    static Model fromText(const std::string& text, const std::string& name = "<text>");
    /// A knowledge base's stored program with its asserted facts, evaluated in memory; the
    /// file is never written (`needs` reads it again for each evaluation of its search).
    static Model fromKnowledgeBase(const std::string& path);

    /// Another model of the same program, facts added and retracted, and limits, with an
    /// engine of its own: one per thread, where questions are asked from several (a model
    /// answers one question at a time). The program is not read again.
    Model clone() const;

    /// A moved-from model may only be assigned to or destroyed.
    Model(Model&&) noexcept;
    Model& operator=(Model&&) noexcept;
    ~Model();

    /// Adds facts written as a rule file writes them (`backs(turkey, rutte) @0.9 since
    /// 2024-04-29.`): all of them, or none (Error). Returns how many were added.
    std::size_t addFacts(const std::string& text);
    /// Removes the facts equal to those written in `text`, added or of the rule files, whatever
    /// their confidence, dates and source (as `what-if`'s retractions do); returns how many.
    std::size_t retractFacts(const std::string& text);

    /// The limits of every evaluation from now on.
    void setLimits(const Limits& limits);
    const Limits& limits() const { return limits_; }

    /// The conclusions matching a query: one atom (`vote(A, rutte) = V`) or several
    /// conditions (`vote(A, rutte) = block and eu_member(A)`).
    Rows query(const std::string& text, const AsOf& when = {});
    /// `accord why`: the best derivation of each matching fact (or, for several conditions,
    /// of each row), with the fact's other derivations and losing values noted.
    Answer why(const std::string& text, const AsOf& when = {}, const WhyOptions& options = {});
    /// `accord why-not`: why a fact does not hold (each rule's closest attempt), why each
    /// other value of a key does not, or why conditions have no row.
    Answer whyNot(const std::string& text, const AsOf& when = {}, const WhyNotOptions& options = {});
    /// `accord what-if`: the conclusions that change when `asserts` are added and `retracts`
    /// removed (facts as rule files write them); only those matching `query` when given.
    Answer whatIf(const std::vector<std::string>& asserts, const std::vector<std::string>& retracts, const AsOf& when = {},
                  const std::string& query = {});
    /// `accord needs`: the smallest sets of fact changes that would make `goal` hold.
    Answer needs(const std::string& goal, const AsOf& when = {}, const NeedsOptions& options = {});
    /// `accord timeline`: when the conclusions matching a query changed, and which facts changed them.
    Answer timeline(const std::string& query, const TimelineOptions& options = {}, std::optional<double> minConfidence = std::nullopt);

    /// A relation as a grid (engine/explain/relation_grid.hpp): its first column down the
    /// side, its other keys across, each cell a fact's value and confidence; `json` is the
    /// grid with what it is from (as_of, from, min_confidence), `text` a table.
    Answer grid(const std::string& relation, const AsOf& when = {});

    /// The program's relations (columns, types, docs) and rules (engine/api/program_description.hpp).
    nlohmann::ordered_json program() const;

    /// The warnings of loading the program (`accord check`'s, as JSON diagnostics); errors
    /// stop the load with Error.
    const nlohmann::json& warnings() const { return warnings_; }

    /// The engine below, to read (its program, its symbols): its conclusions are those of
    /// the last evaluation, which may be a what-if's or a timeline's.
    const engine::Engine& engine() const { return *engine_; }

private:
    using Loader = std::function<bool(engine::Engine&, dsl::Diagnostics&)>;
    using FactChanges = std::vector<std::pair<bool, std::string>>;
    Model(Loader loader, std::string from, FactChanges factChanges = {});

    /// Evaluates as of `when` unless the last evaluation was of that date and minimum, with
    /// the same facts. Returns the date (days since 1970-01-01).
    std::int32_t evaluate(const AsOf& when);
    /// A fresh engine holding the program and the facts added and retracted since (for a
    /// search); the load's warnings go to `warnings` when given.
    std::unique_ptr<engine::Engine> freshEngine(nlohmann::json* warnings = nullptr) const;
    /// What the answers are from (`as_of`, `from`, `run`, `stale`, `min_confidence`).
    nlohmann::ordered_json origin(std::int32_t asOf) const;
    /// "as of 2024-06-19", as the commands describe their answers (`when` says whether the
    /// date was given or is today's).
    std::string description(std::int32_t asOf, const AsOf& when) const;

    Loader loader_;
    std::string from_;  ///< "rule files" or "knowledge base, evaluated"
    nlohmann::json warnings_ = nlohmann::json::array();
    /// The facts added (true) and retracted (false) since loading, in order, to replay.
    FactChanges factChanges_;
    std::unique_ptr<engine::Engine> engine_;
    struct Evaluation {
        std::int32_t asOf;
        std::optional<double> minConfidence;
    };
    std::optional<Evaluation> evaluated_;  ///< what the engine's conclusions are; none when stale
    Limits limits_;
};

}  // namespace accord
