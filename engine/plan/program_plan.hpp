// The whole compiled program: relations, base facts, and strata of rule plans in
// evaluation order, with everything the evaluator needs and no text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/engine/plan/rule_plan.hpp"
#include "accord/engine/relation.hpp"
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

struct RelationPlan {
    std::string name;
    std::size_t arity = 0;  ///< stored columns (a keyed relation's value is the last)
    bool keyed = false;
    bool fixed = false;  ///< declared `fixed relation`: reference data, not a change `needs` proposes
    /// Holds alternatives lifted out of an aggregate or a `for all` domain (dsl/lift_alternatives.hpp):
    /// part of a condition, not a conclusion, so the minimum confidence does not apply to it.
    bool lifted = false;
    /// Holds the bindings a demand-driven run asks for (demand_plan.hpp): not a conclusion, so
    /// its tuples are certain (a guard changes no confidence) and the minimum does not apply.
    bool demand = false;
    std::vector<std::string> columnNames;  ///< declared names; empty when undeclared
    std::vector<std::optional<ValueKind>> columnKinds;  ///< one per stored column: declared type, or nullopt (any)

    std::optional<ValueKind> kindOf(std::size_t column) const { return column < columnKinds.size() ? columnKinds[column] : std::nullopt; }
    /// For keyed relations: (winner, loser) pairs, transitively closed, from `resolve`.
    std::vector<std::pair<Value, Value>> overrides;
    bool beats(const Value& winner, const Value& loser) const {
        for (const auto& [w, l] : overrides) {
            if (w == winner && l == loser) return true;
        }
        return false;
    }
};

/// A relation's column names: the declared ones, or c0, c1, ... (for tables, headers and messages).
inline std::vector<std::string> columnNames(const RelationPlan& relation) {
    if (!relation.columnNames.empty()) return relation.columnNames;
    std::vector<std::string> names;
    for (std::size_t c = 0; c < relation.arity; ++c) names.push_back("c" + std::to_string(c));
    return names;
}

/// Validity period: [since, until) in days since 1970-01-01; open ends when absent.
struct Validity {
    std::optional<std::int32_t> since;
    std::optional<std::int32_t> until;
    bool validOn(std::int32_t day) const { return (!since || *since <= day) && (!until || day < *until); }
};

struct FactPlan {
    RelationId relation = 0;
    Tuple tuple;
    double confidence = 1.0;
    Validity validity;
    std::uint32_t index = 0;  ///< position among the program's facts (for explanations)
};

/// Facts loaded in bulk from a file (`--facts R=FILE`): one relation, rows stored flat with
/// no derivation or confidence per row. The rows are a set (a repeated row is dropped as it
/// is read), which an evaluation adopts as it is (Relation::loadRows) when the relation is
/// still empty: its tuples and set are shared, not copied, and never hashed again. When it
/// is not (the relation has facts in the rule files or in an earlier file, a row of the
/// file carried annotations, the relation is keyed), the rows are inserted one by one.
struct FactBatch {
    RelationId relation = 0;
    Relation rows;  ///< without derivations
    std::string source;  ///< the file they came from
};

/// Derivation::fact of a row of batch b is kBatchFact | b.
inline constexpr std::uint32_t kBatchFact = 0x80000000u;

/// Static information about a rule (one alternative of a source rule).
struct RuleInfo {
    RelationId head = 0;
    double confidence = 1.0;
    bool isDefault = false;
    Validity validity;
};

struct StratumPlan {
    std::vector<RelationId> relations;
    bool recursive = false;
    std::vector<RulePlan> base;  ///< every rule of the stratum, reading full relations
    std::vector<RulePlan> deltas;  ///< semi-naive versions: one per recursive body atom
};

struct ProgramPlan {
    SymbolTable symbols;
    std::vector<RelationPlan> relations;
    std::vector<FactPlan> facts;
    std::vector<FactBatch> batches;
    std::vector<RuleInfo> rules;
    std::vector<StratumPlan> strata;
    /// The program's `threshold`: facts and conclusions less likely than this do not hold
    /// (0: all hold). RunOptions::minConfidence replaces it for one evaluation.
    double threshold = 0;

    std::optional<RelationId> relationId(const std::string& name) const {
        for (RelationId id = 0; id < relations.size(); ++id) {
            if (relations[id].name == name) return id;
        }
        return std::nullopt;
    }

    /// The base plan of a rule (its body reading full relations), or nullptr.
    const RulePlan* basePlan(RuleId rule) const {
        for (const StratumPlan& stratum : strata) {
            for (const RulePlan& plan : stratum.base) {
                if (plan.rule == rule) return &plan;
            }
        }
        return nullptr;
    }
    /// The base plans of the rules whose head is `relation`, in program order.
    std::vector<const RulePlan*> basePlansDeriving(RelationId relation) const {
        std::vector<const RulePlan*> out;
        for (const StratumPlan& stratum : strata) {
            for (const RulePlan& plan : stratum.base) {
                if (plan.head == relation) out.push_back(&plan);
            }
        }
        return out;
    }
    /// Whether some rule derives `relation` (otherwise only facts can make it hold).
    bool isDerived(RelationId relation) const { return !basePlansDeriving(relation).empty(); }
};

}  // namespace accord::engine
