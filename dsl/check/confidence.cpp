// Confidence checks (see confidence.hpp).
#include "accord/dsl/check/confidence.hpp"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>

#include <fmt/format.h>

#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl::check {
namespace {

/// Every negation in a literal, at any depth: inside groups, `for all` and aggregates.
void forEachNegation(const ast::Literal& literal, const std::function<void(const ast::Negation&)>& visit) {
    if (const auto* negation = boost::get<ast::Negation>(&literal)) visit(*negation);
    if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        for (const ast::Literal& condition : forAll->get().domain) forEachNegation(condition, visit);
        forEachNegation(forAll->get().consequent, visit);
    }
    if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& alternative : group->get().alternatives) {
            for (const ast::Literal& condition : alternative.literals) forEachNegation(condition, visit);
        }
    }
    forEachAggregateIn(literal, [&](const ast::Aggregate& aggregate) {
        for (const ast::Literal& condition : aggregate.body) forEachNegation(condition, visit);
    });
}

/// Relations that can hold with a confidence below 1, each with the `@c` it comes from:
/// a fact or rule written with one, and (to a fixpoint) every relation derived by reading one.
std::map<std::string, SourceSpan> uncertainRelations(const std::vector<ast::Program>& files, const std::vector<Clause>& clauses) {
    std::map<std::string, SourceSpan> uncertain;
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (rule && rule->annotations.confidence.value_or(1.0) < 1.0) uncertain.emplace(rule->head.relation, rule->span);
        }
    }
    for (bool grew = true; grew;) {
        grew = false;
        for (const Clause& clause : clauses) {
            if (uncertain.count(clause.rule->head.relation)) continue;
            for (const ast::Literal* literal : clause.body) {
                forEachAtom(*literal, [&](const ast::Atom& atom, AtomRole) {
                    auto found = uncertain.find(atom.relation);
                    if (found == uncertain.end() || uncertain.count(clause.rule->head.relation)) return;
                    uncertain.emplace(clause.rule->head.relation, found->second);
                    grew = true;
                });
            }
        }
    }
    return uncertain;
}

}  // namespace

std::optional<double> checkThreshold(const std::vector<ast::Program>& files, Diagnostics& diagnostics) {
    const ast::Threshold* first = nullptr;
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* threshold = boost::get<ast::Threshold>(&statement);
            if (!threshold) continue;
            if (!first) {
                first = threshold;
                continue;
            }
            Diagnostic& error = diagnostics.error(threshold->span, "a second threshold: a program has one",
                                                  "keep one `threshold` statement (--min-confidence replaces it for one evaluation)");
            error.notes.push_back({first->span, "the first is here"});
        }
    }
    if (!first) return std::nullopt;
    return first->value;
}

void warnUncertainNegations(const std::vector<ast::Program>& files, const std::vector<Clause>& clauses, std::optional<double> threshold,
                            Diagnostics& diagnostics) {
    if (threshold) return;
    std::map<std::string, SourceSpan> uncertain = uncertainRelations(files, clauses);
    std::set<std::uint64_t> warned;  // a negation shared by several clauses of one rule warns once
    for (const Clause& clause : clauses) {
        for (const ast::Literal* literal : clause.body) {
            forEachNegation(*literal, [&](const ast::Negation& negation) {
                auto found = uncertain.find(negation.atom.relation);
                std::uint64_t key = (std::uint64_t{negation.span.file} << 32) | negation.span.begin;
                if (found == uncertain.end() || !warned.insert(key).second) return;
                Diagnostic& warning = diagnostics.warning(
                    negation.span,
                    fmt::format("negation of '{}', which can be uncertain: when it holds at confidence c this condition "
                                "holds at 1 - c, however small, and the rules that read the conclusion take it as true",
                                negation.atom.relation),
                    "declare a threshold below which conclusions do not hold (e.g. `threshold 0.5.`), or evaluate with "
                    "--min-confidence; see docs/semantics.md");
                warning.code = lint::kUncertainNegation;
                warning.notes.push_back({found->second, fmt::format("'{}' can be uncertain because of this", negation.atom.relation)});
            });
        }
    }
}

}  // namespace accord::dsl::check
