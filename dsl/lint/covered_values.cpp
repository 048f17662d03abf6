// never-wins and unused-default (see lint_program.hpp).
//
// Rule B covers rule A when, whenever A derives a value for a key, B derives one for the
// same key at least as surely. That holds when renaming B's variables (a substitution θ)
// makes B's key A's key and each of B's conditions a distinct one of A's: then A's conditions
// imply B's, and with B's rule confidence at least A's, B's derivation is at least as
// confident (a derivation's confidence is a product over its conditions), so no minimum confidence
// keeps B's value while dropping A's. B must also be valid whenever A is.
#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/lint/override_order.hpp"
#include "accord/dsl/lint/stops_the_run.hpp"
#include "accord/dsl/lint/term_key.hpp"

namespace accord::dsl::lint {
namespace {

using Substitution = std::map<std::string, std::string>;  // B's variable -> A's term (its termKey)

/// Where a term is matched: under a negation, B's `_` ("no value at all") only follows from
/// A's `_` in the same place; elsewhere (some value) it follows from any term.
enum class Context { Positive, Negated };

bool matchExpr(const ast::Expr& pattern, const ast::Expr& target, Substitution& theta, Context context,
               std::optional<ast::Type> column = std::nullopt);

/// `columns`: the relation whose arguments these are, for their declared types (null for a
/// function's arguments).
bool matchAll(const std::vector<ast::Expr>& patterns, const std::vector<ast::Expr>& targets, Substitution& theta, Context context,
              const check::RelationInfo* columns = nullptr) {
    if (patterns.size() != targets.size()) return false;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
        std::optional<ast::Type> type = columns && i < columns->columnTypes.size() ? columns->columnTypes[i] : std::nullopt;
        if (!matchExpr(patterns[i], targets[i], theta, context, type)) return false;
    }
    return true;
}

/// `column`: the declared type of the column the terms stand in (a decimal column makes 3 and
/// 3.0 one value; elsewhere they are two, as a join matches them).
bool matchExpr(const ast::Expr& pattern, const ast::Expr& target, Substitution& theta, Context context, std::optional<ast::Type> column) {
    if (const ast::Variable* variable = asVariable(pattern)) {
        if (variable->isAnonymous()) {
            const ast::Variable* other = asVariable(target);
            return context == Context::Positive || (other && other->isAnonymous());
        }
        auto [it, inserted] = theta.emplace(variable->name, termKey(target, column));  // each of A's `_` is a variable of its own
        return inserted || it->second == termKey(target, column);
    }
    if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&pattern)) {
        const auto* other = boost::get<ast::x3::forward_ast<ast::Binary>>(&target);
        return other && binary->get().op == other->get().op && matchExpr(binary->get().left, other->get().left, theta, context) &&
               matchExpr(binary->get().right, other->get().right, theta, context);
    }
    if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&pattern)) {
        const auto* other = boost::get<ast::x3::forward_ast<ast::Negative>>(&target);
        return other && matchExpr(negative->get().operand, other->get().operand, theta, context);
    }
    if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&pattern)) {
        const auto* other = boost::get<ast::x3::forward_ast<ast::Call>>(&target);
        return other && call->get().function == other->get().function &&
               matchAll(call->get().arguments, other->get().arguments, theta, context);
    }
    // Aggregates have scopes of their own: matching them is left out (no cover found).
    return isConstant(pattern) && termKey(pattern, column) == termKey(target, column);
}

double ruleConfidence(const ast::Rule& rule) { return rule.annotations.confidence.value_or(1.0); }

/// Whether B's validity period contains A's.
bool validWhenever(const ast::Rule& b, const ast::Rule& a) {
    const ast::Annotations &bn = b.annotations, &an = a.annotations;
    bool fromEarlyEnough = !bn.since || (an.since && *bn.since <= *an.since);
    bool untilLateEnough = !bn.until || (an.until && *an.until <= *bn.until);
    return fromEarlyEnough && untilLateEnough;
}

/// Whether one clause covers another, for a program's relations (their declared types).
class CoverMatcher {
public:
    explicit CoverMatcher(const check::RelationCatalog& relations) : relations_(relations) {}

    bool covers(const Clause& b, const Clause& a) const;

private:
    bool matchAtom(const ast::Atom& pattern, const ast::Atom& target, Substitution& theta, Context context) const {
        if (pattern.relation != target.relation || pattern.valueDiffers != target.valueDiffers) return false;
        if (pattern.value.has_value() != target.value.has_value()) return false;
        const check::RelationInfo* info = relations_.find(target.relation);
        if (!matchAll(pattern.arguments, target.arguments, theta, context, info)) return false;
        return !pattern.value || matchExpr(*pattern.value, *target.value, theta, context, info ? info->valueType : std::nullopt);
    }

    bool matchLiteral(const ast::Literal& pattern, const ast::Literal& target, Substitution& theta) const {
        if (const auto* atom = boost::get<ast::Atom>(&pattern)) {
            const auto* other = boost::get<ast::Atom>(&target);
            return other && matchAtom(*atom, *other, theta, Context::Positive);
        }
        if (const auto* negation = boost::get<ast::Negation>(&pattern)) {
            const auto* other = boost::get<ast::Negation>(&target);
            return other && matchAtom(negation->atom, other->atom, theta, Context::Negated);
        }
        if (const auto* comparison = boost::get<ast::Comparison>(&pattern)) {
            const auto* other = boost::get<ast::Comparison>(&target);
            return other && comparison->op == other->op && matchExpr(comparison->left, other->left, theta, Context::Positive) &&
                   matchExpr(comparison->right, other->right, theta, Context::Positive);
        }
        return false;  // `for all`: left out
    }

    /// Maps each of B's conditions, from the `next`th, onto a distinct one of A's
    /// (backtracking): distinct, because a condition written twice counts its confidence twice.
    /// Bounded by `budget` steps so that a pathological rule cannot stall the check.
    bool matchConditions(const Clause& b, std::size_t next, const Clause& a, std::vector<bool>& used, Substitution& theta,
                         int& budget) const {
        if (next == b.body.size()) return true;
        for (std::size_t i = 0; i < a.body.size(); ++i) {
            if (used[i] || --budget < 0) continue;
            Substitution attempt = theta;
            if (!matchLiteral(*b.body[next], *a.body[i], attempt)) continue;
            used[i] = true;
            if (matchConditions(b, next + 1, a, used, attempt, budget)) {
                theta = std::move(attempt);
                return true;
            }
            used[i] = false;
        }
        return false;
    }

    const check::RelationCatalog& relations_;
};

bool CoverMatcher::covers(const Clause& b, const Clause& a) const {
    if (ruleConfidence(*b.rule) < ruleConfidence(*a.rule) || !validWhenever(*b.rule, *a.rule) || mayStopTheRun(a)) return false;
    Substitution theta;
    if (!matchAll(b.rule->head.arguments, a.rule->head.arguments, theta, Context::Positive, relations_.find(a.rule->head.relation))) {
        return false;
    }
    int budget = 10'000;
    std::vector<bool> used(a.body.size(), false);
    return matchConditions(b, 0, a, used, theta, budget);
}

std::optional<std::string> constantValue(const ast::Rule& rule) {
    if (!rule.head.value || !isConstant(*rule.head.value) || rule.head.valueDiffers) return std::nullopt;
    return print(*rule.head.value);
}

bool isGroundFact(const Clause& clause) {
    if (!clause.body.empty()) return false;
    bool ground = true;
    forEachVariableDeep(clause.rule->head, [&](const ast::Variable&) { ground = false; });
    return ground;
}

std::string keyOf(const ast::Atom& head) {
    std::string key;
    for (const ast::Expr& argument : head.arguments) key += termKey(argument) + ",";
    return key;
}

/// A keyed relation's clauses, facts indexed by key: a fact is covered only by a rule or by
/// a fact of the same key, so a relation of many facts is not compared pair by pair.
class KeyedClauses {
public:
    KeyedClauses(const std::vector<const Clause*>& clauses, const CoverMatcher& matcher) : all_(clauses), matcher_(matcher) {
        for (const Clause* clause : clauses) {
            clausesOf_[clause->rule].push_back(clause);
            if (isGroundFact(*clause)) {
                factsByKey_[keyOf(clause->rule->head)].push_back(clause);
            } else {
                rules_.push_back(clause);
            }
        }
    }

    const std::vector<const Clause*>& all() const { return all_; }

    /// The rule whose clauses cover every clause of `rule` under `qualifies`, if any.
    template <typename Qualifies>
    const ast::Rule* coveringRule(const ast::Rule& rule, Qualifies qualifies) const {
        const ast::Rule* coverer = nullptr;
        for (const Clause* a : clausesOf_.at(&rule)) {
            const Clause* found = findCover(*a, rules_, qualifies);
            if (!found && isGroundFact(*a)) found = findCover(*a, factsByKey_.at(keyOf(rule.head)), qualifies);
            if (!found) return nullptr;
            coverer = found->rule;
        }
        return coverer;
    }

private:
    template <typename Qualifies>
    const Clause* findCover(const Clause& a, const std::vector<const Clause*>& candidates, Qualifies qualifies) const {
        for (const Clause* b : candidates) {
            if (b->rule != a.rule && qualifies(*b->rule) && matcher_.covers(*b, a)) return b;
        }
        return nullptr;
    }

    const std::vector<const Clause*>& all_;
    const CoverMatcher& matcher_;
    std::map<const ast::Rule*, std::vector<const Clause*>> clausesOf_;
    std::vector<const Clause*> rules_;
    std::map<std::string, std::vector<const Clause*>> factsByKey_;
};

void lintRelation(const KeyedClauses& clauses, const OverrideOrder& order, const SourceManager& sources, Diagnostics& diagnostics) {
    std::set<const ast::Rule*> done;
    for (const Clause* clause : clauses.all()) {
        const ast::Rule& rule = *clause->rule;
        std::optional<std::string> value = constantValue(rule);
        if (!value || rule.lifted || !done.insert(&rule).second) continue;
        const std::string& relation = rule.head.relation;
        if (rule.isDefault) {
            const ast::Rule* other = clauses.coveringRule(rule, [](const ast::Rule& b) { return !b.isDefault && b.head.value; });
            if (!other) continue;
            Diagnostic& warning =
                diagnostics.warning(rule.head.span,
                                    fmt::format("this default of '{}' is never used: the rule at {} gives a value whenever it applies",
                                                relation, describeLocation(other->head.span, sources)),
                                    "a default gives its value only to keys no other rule gives one");
            warning.code = kUnusedDefault;
            warning.notes.push_back({other->head.span, "this rule applies whenever the default does"});
            continue;
        }
        const ast::Rule* other = clauses.coveringRule(rule, [&](const ast::Rule& b) {
            std::optional<std::string> stronger = constantValue(b);
            return !b.isDefault && stronger && order.overrides(relation, *stronger, *value);
        });
        if (!other) continue;
        std::string stronger = *constantValue(*other);
        Diagnostic& warning = diagnostics.warning(
            spanOf(*rule.head.value),
            fmt::format("value '{}' of '{}' never wins: the rule at {} gives '{}', which overrides it, whenever this rule applies", *value,
                        relation, describeLocation(other->head.span, sources), stronger),
            "narrow the other rule's conditions, or change the resolution order");
        warning.code = kNeverWins;
        warning.notes.push_back({spanOf(*other->head.value), fmt::format("'{}' comes from here", stronger)});
    }
}

}  // namespace

void lintCoveredValues(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics) {
    std::map<std::string, std::vector<const Clause*>> keyedClauses;
    for (const Clause& clause : checked.clauses) {
        if (clause.rule->head.value) keyedClauses[clause.rule->head.relation].push_back(&clause);
    }
    OverrideOrder order(program.files);
    CoverMatcher matcher(checked.relations);
    for (const auto& [relation, clauses] : keyedClauses) lintRelation(KeyedClauses(clauses, matcher), order, program.sources, diagnostics);
}

}  // namespace accord::dsl::lint
