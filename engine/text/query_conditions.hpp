// An ad-hoc query of several conditions, `vote(A, rutte) = block and eu_member(A)`, with
// comparisons, `not`, aggregates and `or` as in a rule body. The text is the body of a rule
// whose head is its variables (in order of first appearance, `_`-names left out): checked
// as a rule of the program is (relations, arity, safety, types) and lowered by the same
// planner, then run once over the conclusions by the evaluator's RuleRunner. So a query
// means what the same conditions mean in a rule.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/query.hpp"

namespace accord::engine {

struct ConditionsQuery {
    std::vector<std::string> variables;  ///< the output columns
    std::vector<RulePlan> alternatives;  ///< one plan per alternative of an `or`
    std::vector<std::string> texts;  ///< each alternative's conditions, as written (canonical layout)
};

/// Whether `text` is one atom (`vote(A, rutte) = V`), which a Pattern answers with the
/// relation's own tuples, rather than conditions.
bool isOneAtom(const std::string& text);

/// What the rule behind a query concludes: a row of its variables' values, or only that
/// the conditions hold (a head of no columns, which is what `why-not` probes: whether any
/// way through the conditions exists, whatever the values).
enum class QueryHead { Variables, Nothing };

/// Parses and checks `text` (added to `sources` as `name`) against the program; nullopt
/// with diagnostics when it is not a valid query. Its plans' head is the relation after the
/// program's last (`plan.relations.size()`).
std::optional<ConditionsQuery> parseConditionsQuery(const std::string& text, const std::string& name, const ProgramPlan& plan,
                                                    const dsl::check::RelationCatalog& catalog, SymbolTable& symbols,
                                                    dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                                                    QueryHead head = QueryHead::Variables);

/// The query's rows over `relations` evaluated as of `asOf`: one per distinct binding, with
/// the best confidence of its solutions and the facts that solution rests on, those at or
/// above `minConfidence` (as a derived fact), sorted by value.
std::vector<QueryRow> runConditionsQuery(const ConditionsQuery& query, const std::vector<Relation>& relations, const SymbolTable& symbols,
                                         double minConfidence, std::int32_t asOf);

}  // namespace accord::engine
