// A hypothetical change of facts (`what-if`): facts to add and facts to remove, applied to
// an engine's facts, and the whole-program comparison of conclusions before and after.
#pragma once

#include <string>
#include <vector>

#include "accord/engine/engine.hpp"
#include "accord/engine/explain/conclusion_diff.hpp"

namespace accord::engine {

struct HypotheticalFact {
    RelationId relation = 0;
    Tuple tuple;
    double confidence = 1;
    Validity validity = {};
    std::string source = "what-if";
};

struct Hypothesis {
    std::vector<HypotheticalFact> asserts, retracts;
    /// The relations the change touches.
    std::vector<bool> relations(std::size_t relationCount) const;
};

/// Adds the asserted facts and removes the retracted ones (every base fact equal to each);
/// returns the retracted facts that were not there, as text.
std::vector<std::string> applyHypothesis(Engine& engine, const Hypothesis& hypothesis);

/// One situation to evaluate: the engine's facts changed by a hypothesis, as of a date.
struct Situation {
    std::int32_t asOf = 0;
    Hypothesis hypothesis;
};

/// Evaluates one situation (run with `options`, its date replaced by the situation's). The
/// engine's facts are put back as they were, however the evaluation ends; its conclusions
/// are the situation's. Adds to `notFound` the retracted facts that were not there (once
/// each).
RunStats evaluateSituation(Engine& engine, const RunOptions& options, const Situation& situation, std::vector<std::string>& notFound);

/// The conclusions of `before` and of `after` compared, every relation (run with
/// `options`, their dates replaced by each situation's, without provenance). The engine's
/// facts are as they were afterwards; its conclusions are those of `after`, without
/// derivations. `notFound` gets the retracted
/// facts of either hypothesis that were not there.
std::vector<ConclusionChange> compareSituations(Engine& engine, const RunOptions& options, const Situation& before, const Situation& after,
                                                std::vector<std::string>* notFound = nullptr);

/// The rows of a query of several conditions (engine/text/query_conditions.hpp) as of
/// `options.asOf`, before the change and after it, compared (diffRows): the program
/// evaluated in full for each, since a query may read any relation. Nullopt with
/// diagnostics when the query is not valid, or fails on either side (a division by
/// zero). The engine is left as compareSituations leaves it.
std::optional<std::vector<ConclusionChange>> whatIfRows(Engine& engine, const RunOptions& options, const Hypothesis& hypothesis,
                                                        const std::string& query, dsl::Diagnostics& diagnostics,
                                                        std::vector<std::string>* notFound = nullptr);

/// The loaded program as of `options.asOf`, compared with the same changed by `hypothesis`.
std::vector<ConclusionChange> whatIfInMemory(Engine& engine, const RunOptions& options, const Hypothesis& hypothesis,
                                             std::vector<std::string>* notFound = nullptr);

}  // namespace accord::engine
