// constant-comparison and contradiction (see lint_program.hpp).
#include <functional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/lint/term_key.hpp"

namespace accord::dsl::lint {
namespace {

using Conjunction = std::vector<const ast::Literal*>;

/// Where a conjunction stands: what follows when it can never hold differs. A rule's body
/// never holds; an aggregate takes nothing from it; a `for all` holds only where its domain
/// has no solution (`Lifted`: a helper rule made from alternatives inside either).
enum class Scope { Body, Aggregate, ForAll, Lifted };

/// What to add to a warning about a conjunction that never holds, by where it stands.
const char* whereItStands(Scope scope) {
    switch (scope) {
        case Scope::Body: return "";
        case Scope::Aggregate: return ", inside an aggregate, which takes nothing from it";
        case Scope::ForAll: return ", inside a `for all`, which then holds only where its domain has no solution";
        case Scope::Lifted: return ", inside an aggregate or `for all`";
    }
    return "";
}

using ConjunctionVisitor = std::function<void(const Conjunction&, Scope)>;

/// Every conjunction of conditions in a literal's nested scopes: aggregate bodies, `for all`
/// domains and the alternatives of groups inside them.
void forEachNestedConjunction(const ast::Literal& literal, Scope scope, const ConjunctionVisitor& visit);

void visitLiterals(const std::vector<ast::Literal>& literals, Scope scope, const ConjunctionVisitor& visit) {
    Conjunction conjunction;
    for (const ast::Literal& literal : literals) {
        conjunction.push_back(&literal);
        forEachNestedConjunction(literal, scope, visit);
    }
    visit(conjunction, scope);
}

void forEachNestedConjunction(const ast::Literal& literal, Scope scope, const ConjunctionVisitor& visit) {
    forEachAggregateIn(literal, [&](const ast::Aggregate& aggregate) { visitLiterals(aggregate.body, Scope::Aggregate, visit); });
    if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        visitLiterals(forAll->get().domain, Scope::ForAll, visit);
        forEachNestedConjunction(forAll->get().consequent, Scope::ForAll, visit);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& alternative : group->get().alternatives) visitLiterals(alternative.literals, scope, visit);
    }
}

bool hasAnonymous(const ast::Expr& expr) {
    bool anonymous = false;
    forEachVariableDeep(expr, [&](const ast::Variable& variable) { anonymous = anonymous || variable.isAnonymous(); });
    return anonymous;
}

/// A constant's number, for comparing an integer with a decimal.
std::optional<double> numberOf(const ast::Expr& expr) {
    if (const auto* integer = boost::get<ast::Integer>(&expr)) return static_cast<double>(integer->value);
    if (const auto* decimal = boost::get<ast::Decimal>(&expr)) return decimal->value;
    return std::nullopt;
}

/// -1, 0 or 1 for two constants that order (numbers, dates), nullopt for others.
std::optional<int> orderOf(const ast::Expr& left, const ast::Expr& right) {
    auto sign = [](auto a, auto b) { return a < b ? -1 : (b < a ? 1 : 0); };
    const auto* leftInteger = boost::get<ast::Integer>(&left);
    const auto* rightInteger = boost::get<ast::Integer>(&right);
    if (leftInteger && rightInteger) return sign(leftInteger->value, rightInteger->value);  // exact beyond 2^53
    if (auto a = numberOf(left), b = numberOf(right); a && b) return sign(*a, *b);
    const auto* a = boost::get<ast::DateConstant>(&left);
    const auto* b = boost::get<ast::DateConstant>(&right);
    if (a && b) return sign(a->value, b->value);
    return std::nullopt;
}

bool holdsFor(ast::CompareOp op, int order) {
    switch (op) {
        case ast::CompareOp::Equal: return order == 0;
        case ast::CompareOp::NotEqual: return order != 0;
        case ast::CompareOp::Less: return order < 0;
        case ast::CompareOp::LessEqual: return order <= 0;
        case ast::CompareOp::Greater: return order > 0;
        case ast::CompareOp::GreaterEqual: return order >= 0;
    }
    return false;
}

/// Whether the comparison's result is fixed by its text: the same expression on both sides,
/// or two constants.
std::optional<bool> constantResult(const ast::Comparison& comparison) {
    if (hasAnonymous(comparison.left) || hasAnonymous(comparison.right)) return std::nullopt;
    if (termKey(comparison.left) == termKey(comparison.right)) return holdsFor(comparison.op, 0);
    if (!isConstant(comparison.left) || !isConstant(comparison.right)) return std::nullopt;
    if (std::optional<int> order = orderOf(comparison.left, comparison.right)) return holdsFor(comparison.op, *order);
    bool sameKind = comparison.left.get().which() == comparison.right.get().which();
    if (!sameKind) return std::nullopt;
    if (comparison.op == ast::CompareOp::Equal) return false;  // two different symbols or strings
    if (comparison.op == ast::CompareOp::NotEqual) return true;
    return std::nullopt;
}

void lintComparison(const ast::Comparison& comparison, Scope scope, Diagnostics& diagnostics) {
    std::optional<bool> result = constantResult(comparison);
    if (!result) return;
    diagnostics
        .warning(comparison.span,
                 fmt::format("'{}' is always {}{}", print(ast::Literal(comparison)), *result ? "true" : "false",
                             *result ? "" : whereItStands(scope)),
                 *result ? "remove it, or compare what was meant" : "the conditions with it never hold; compare what was meant")
        .code = kConstantComparison;
}

/// Why two atoms of one conjunction cannot both hold, or empty when they can.
std::string keyedClash(const ast::Atom& first, const ast::Atom& second, const check::RelationCatalog& relations) {
    if (first.relation != second.relation || !first.value || !second.value) return {};
    if (first.arguments.size() != second.arguments.size()) return {};
    const check::RelationInfo* info = relations.find(first.relation);
    auto columnType = [&](std::size_t i) { return info && i < info->columnTypes.size() ? info->columnTypes[i] : std::nullopt; };
    for (std::size_t i = 0; i < first.arguments.size(); ++i) {
        if (termKey(first.arguments[i], columnType(i)) != termKey(second.arguments[i], columnType(i))) return {};
    }
    std::optional<ast::Type> valueType = info ? info->valueType : std::nullopt;
    std::string a = termKey(*first.value, valueType), b = termKey(*second.value, valueType);
    if (first.valueDiffers != second.valueDiffers) {
        return a == b ? "a key cannot both have a value and have another one" : std::string{};
    }
    if (first.valueDiffers || a == b || !isConstant(*first.value) || !isConstant(*second.value)) return {};
    return "a key of a keyed relation has one value";
}

/// Lints each conjunction and comparison once: the clauses of a rule share its literals.
class ConditionLinter {
public:
    ConditionLinter(const check::RelationCatalog& relations, Diagnostics& diagnostics) : relations_(relations), diagnostics_(diagnostics) {}

    void conjunction(const Conjunction& conjunction, Scope scope) {
        std::vector<const ast::Atom*> positive;
        std::vector<const ast::Negation*> negated;
        for (const ast::Literal* literal : conjunction) {
            if (const auto* atom = boost::get<ast::Atom>(literal)) positive.push_back(atom);
            if (const auto* negation = boost::get<ast::Negation>(literal)) negated.push_back(negation);
            const auto* comparison = boost::get<ast::Comparison>(literal);
            if (comparison && firstTime(comparison->span, comparison->span)) lintComparison(*comparison, scope, diagnostics_);
        }
        for (const ast::Negation* negation : negated) {
            for (const ast::Atom* atom : positive) {
                if (negation->atom.valueDiffers || atom->valueDiffers || atomKey(*atom) != atomKey(negation->atom)) continue;
                // Not "never": `not p` holds at 1 - c beside p at c, so the two hold together at c(1 - c) <= 0.25.
                report(negation->span, atom->span,
                       fmt::format("'{}' and its negation hold together only when it is uncertain, at confidence 0.25 at most{}",
                                   print(*atom), whereItStands(scope)),
                       "the conditions with both hold at no minimum confidence above 0.25");
            }
        }
        for (std::size_t i = 0; i < positive.size(); ++i) {
            for (std::size_t j = i + 1; j < positive.size(); ++j) {
                std::string why = keyedClash(*positive[i], *positive[j], relations_);
                if (why.empty()) continue;
                report(positive[j]->span, positive[i]->span,
                       fmt::format("'{}' and '{}' cannot both hold: {}{}", print(*positive[i]), print(*positive[j]), why,
                                   whereItStands(scope)),
                       "the conditions with both never hold (another alternative of an `or` may)");
            }
        }
    }

private:
    bool firstTime(SourceSpan where, SourceSpan other) { return seen_.insert({where.file, where.begin, other.file, other.begin}).second; }

    void report(SourceSpan where, SourceSpan other, std::string message, std::string hint) {
        if (!firstTime(where, other)) return;
        Diagnostic& warning = diagnostics_.warning(where, std::move(message), std::move(hint));
        warning.code = kContradiction;
        warning.notes.push_back({other, "the condition it contradicts"});
    }

    const check::RelationCatalog& relations_;
    Diagnostics& diagnostics_;
    std::set<std::tuple<FileId, std::uint32_t, FileId, std::uint32_t>> seen_;
};

}  // namespace

void lintConditions(const CheckedProgram& checked, Diagnostics& diagnostics) {
    ConditionLinter linter(checked.relations, diagnostics);
    auto visit = [&](const Conjunction& conjunction, Scope scope) { linter.conjunction(conjunction, scope); };
    for (const Clause& clause : checked.clauses) {
        Scope scope = clause.rule->lifted ? Scope::Lifted : Scope::Body;
        Conjunction body(clause.body.begin(), clause.body.end());
        for (const ast::Literal* literal : body) forEachNestedConjunction(*literal, scope, visit);
        linter.conjunction(body, scope);
    }
}

}  // namespace accord::dsl::lint
