// Ad-hoc queries of several conditions (see query_conditions.hpp).
#include "accord/engine/text/query_conditions.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/check/declarations.hpp"
#include "accord/dsl/check/rules.hpp"
#include "accord/dsl/check/types.hpp"
#include "accord/dsl/check/variable_safety.hpp"
#include "accord/dsl/desugar.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/eval/rule_runner.hpp"
#include "accord/engine/plan/lower_clause.hpp"
#include "accord/engine/text/column_fit.hpp"
#include "accord/engine/text/query_pattern.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

namespace ast = dsl::ast;

/// The head's name: a space keeps it apart from every relation of the program.
const char* const kQueryHead = "the query";

/// Variables a condition can give values to, in order: an atom's (but for a value compared
/// with `!=`), and those of `=`; not those inside an aggregate or a `for all`, nor those
/// only compared (`X > 3` alone is unsafe, and the checker says so there).
void collectShown(const ast::Literal& literal, std::vector<std::string>& names) {
    auto add = [&](const ast::Expr& expr) {
        dsl::forEachVariable(expr, [&](const ast::Variable& variable) {
            if (variable.name[0] != '_' && std::find(names.begin(), names.end(), variable.name) == names.end())
                names.push_back(variable.name);
        });
    };
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        for (const ast::Expr& argument : atom->arguments) add(argument);
        if (atom->value && !atom->valueDiffers) add(*atom->value);
    } else if (const auto* comparison = boost::get<ast::Comparison>(&literal); comparison && comparison->op == ast::CompareOp::Equal) {
        if (dsl::asVariable(comparison->left)) add(comparison->left);  // `N = count {...}`; not `abs(Y) = X`'s Y
        if (dsl::asVariable(comparison->right)) add(comparison->right);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& conjunction : group->get().alternatives) {
            for (const ast::Literal& inner : conjunction.literals) collectShown(inner, names);
        }
    }
}

/// The output columns: the variables every alternative binds, in order of first appearance.
std::vector<std::string> shownVariables(const ast::Disjunction& body, const std::vector<dsl::Clause>& clauses) {
    std::vector<std::string> order;
    for (const ast::Conjunction& conjunction : body.alternatives) {
        for (const ast::Literal& literal : conjunction.literals) collectShown(literal, order);
    }
    std::erase_if(order, [&](const std::string& name) {
        return std::any_of(clauses.begin(), clauses.end(), [&](const dsl::Clause& clause) {
            std::vector<std::string> inClause;
            for (const ast::Literal* literal : clause.body) collectShown(*literal, inClause);
            return std::find(inClause.begin(), inClause.end(), name) == inClause.end();
        });
    });
    return order;
}

/// `p(A) or q(B)`: a variable that only some alternatives bind is no column of the answer.
void warnOfHiddenVariables(const ast::Disjunction& body, const std::vector<std::string>& shown, dsl::Diagnostics& diagnostics) {
    std::vector<std::string> all;
    for (const ast::Conjunction& conjunction : body.alternatives) {
        for (const ast::Literal& literal : conjunction.literals) collectShown(literal, all);
    }
    for (const std::string& name : all) {
        if (std::find(shown.begin(), shown.end(), name) != shown.end()) continue;
        diagnostics.warning(body.span, fmt::format("'{}' is not shown: only some alternatives of the `or` give it a value", name),
                            "ask each alternative on its own to see it");
    }
}

bool namesUnknownRelation(const ast::Disjunction& body, const ProgramPlan& plan, dsl::Diagnostics& diagnostics) {
    bool unknown = false;
    for (const ast::Conjunction& conjunction : body.alternatives) {
        for (const ast::Literal& literal : conjunction.literals) {
            dsl::forEachAtom(literal, [&](const ast::Atom& atom, dsl::AtomRole) {
                if (plan.relationId(atom.relation)) return;
                unknownRelation(atom.relation, atom.span, plan, diagnostics);
                unknown = true;
            });
        }
    }
    return unknown;
}

/// Gives a keyed atom written without its value (`vote(A, rutte)`) a variable named after
/// its value column, so that the query shows the value as a one-atom query does; a second
/// such atom of the relation gets `stance_2`, and so on.
void showLeftOutValues(ast::Disjunction& body, const ProgramPlan& plan, std::set<std::string>& named) {
    for (ast::Conjunction& conjunction : body.alternatives) {
        for (ast::Literal& literal : conjunction.literals) {
            if (auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) showLeftOutValues(group->get(), plan, named);
            auto* atom = boost::get<ast::Atom>(&literal);
            if (!atom || atom->value) continue;
            const RelationPlan& relation = plan.relations[*plan.relationId(atom->relation)];
            if (!relation.keyed) continue;
            const std::string column = leftOutValueColumn(relation);
            std::string name = column;
            for (int n = 2; !named.insert(name).second; ++n) name = fmt::format("{}_{}", column, n);
            ast::Variable value;
            value.name = name;  // lowercase: no variable the user writes can be named so
            value.span = atom->span;
            atom->value = ast::Expr(value);
        }
    }
}

}  // namespace

bool isOneAtom(const std::string& text) {
    dsl::SourceManager scratch;
    dsl::Diagnostics ignored;
    auto body = dsl::parseConditions(scratch, scratch.add("<query>", text), ignored);
    if (!body || body->alternatives.size() != 1 || body->alternatives[0].literals.size() != 1) return false;
    const auto* atom = boost::get<ast::Atom>(&body->alternatives[0].literals[0]);
    if (!atom || atom->valueDiffers) return false;
    auto plain = [](const ast::Expr& term) { return dsl::isConstant(term) || dsl::asVariable(term); };
    return std::all_of(atom->arguments.begin(), atom->arguments.end(), plain) && (!atom->value || plain(*atom->value));
}

std::optional<ConditionsQuery> parseConditionsQuery(const std::string& text, const std::string& name, const ProgramPlan& plan,
                                                    const dsl::check::RelationCatalog& catalog, SymbolTable& symbols,
                                                    dsl::SourceManager& sources, dsl::Diagnostics& diagnostics, QueryHead head) {
    dsl::FileId file = sources.add(name, text);
    std::optional<ast::Disjunction> body = dsl::parseConditions(sources, file, diagnostics);
    if (!body || namesUnknownRelation(*body, plan, diagnostics)) return std::nullopt;
    std::set<std::string> named;
    showLeftOutValues(*body, plan, named);

    // The rule `the query(V1, ..., Vn) if BODY.`, checked as the program's rules are.
    ast::Program program;
    program.file = file;
    ast::Rule rule;
    rule.span = body->span;
    rule.head.relation = kQueryHead;
    rule.head.span = body->span;
    rule.body = *body;
    dsl::Diagnostics firstLook;  // the head is not final yet: what desugaring says now is said again below
    std::vector<std::string> variables = shownVariables(*rule.body, dsl::desugarRule(rule, firstLook));
    warnOfHiddenVariables(*rule.body, variables, diagnostics);
    const std::vector<std::string> columns = head == QueryHead::Variables ? variables : std::vector<std::string>{};
    for (const std::string& variable : columns) {
        ast::Variable term;
        term.name = variable;
        term.span = body->span;
        rule.head.arguments.push_back(ast::Expr(term));
    }
    program.statements.push_back(ast::Statement(rule));
    const ast::Rule& query = boost::get<ast::Rule>(program.statements.back());

    dsl::check::RelationCatalog withQuery = catalog;
    dsl::check::RelationInfo headInfo;
    headInfo.name = kQueryHead;
    headInfo.arity = columns.size();
    headInfo.columnTypes.resize(columns.size());
    headInfo.firstSeen = body->span;
    headInfo.hasRules = true;
    withQuery.insert(headInfo);
    const std::size_t errors = diagnostics.errorCount();
    dsl::check::checkDeclarations({program}, withQuery, diagnostics);
    std::vector<dsl::Clause> clauses = dsl::desugarRule(query, diagnostics);
    dsl::check::checkVariableSafety(clauses, diagnostics);
    dsl::check::checkTypes(clauses, withQuery, diagnostics);
    dsl::check::checkRules({program}, diagnostics);
    if (diagnostics.errorCount() > errors) return std::nullopt;

    // Lowered against the program's relations, with the head as one more.
    std::vector<RelationPlan> relations = plan.relations;
    relations.emplace_back().name = kQueryHead;
    relations.back().arity = columns.size();
    RelationLookup lookup{{}, &relations};
    for (RelationId r = 0; r < relations.size(); ++r) lookup.ids[relations[r].name] = r;
    ConditionsQuery out{variables, {}, {}};
    for (const dsl::Clause& clause : clauses) {
        out.alternatives.push_back(lowerClause(clause, kNoRule, std::nullopt, lookup, symbols));
        std::vector<std::string> conditions;
        for (const ast::Literal* literal : clause.body) conditions.push_back(dsl::print(*literal));
        out.texts.push_back(fmt::format("{}", fmt::join(conditions, " and ")));
    }
    return out;
}

std::vector<QueryRow> runConditionsQuery(const ConditionsQuery& query, const std::vector<Relation>& relations, const SymbolTable& symbols,
                                         double minConfidence, std::int32_t asOf) {
    struct Best : DerivationSink {
        std::map<Tuple, QueryRow, IdentityOrder> rows;
        void derive(TupleView head, double confidence, std::span<const FactRef> premises) override {
            auto [it, inserted] = rows.try_emplace(Tuple(head.begin(), head.end()));
            if (!inserted && it->second.confidence >= confidence) return;
            it->second = {Tuple(head.begin(), head.end()), confidence, kNoTuple, {premises.begin(), premises.end()}};
        }
    } best;
    static const std::vector<std::vector<TupleId>> kNoDeltas;
    RuleRunner runner(relations, kNoDeltas, symbols, /*trackPremises=*/true, asOf);
    for (const RulePlan& alternative : query.alternatives) runner.run(alternative, 1.0, best);
    std::vector<QueryRow> rows;
    for (auto& [values, row] : best.rows) {
        if (row.confidence >= minConfidence) rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [&](const QueryRow& a, const QueryRow& b) {
        for (std::size_t i = 0; i < a.values.size(); ++i) {
            if (int order = compareValues(a.values[i], b.values[i], symbols); order != 0) return order < 0;
        }
        return false;
    });
    return rows;
}

}  // namespace accord::engine
