// Query patterns (see query_pattern.hpp).
#include "accord/engine/text/query_pattern.hpp"

#include <algorithm>

#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/text/column_fit.hpp"
#include "accord/engine/text/fact_statements.hpp"

namespace accord::engine {
namespace {

/// The column a term asks for, or nullopt with an error (an expression is not a query term).
std::optional<PatternColumn> columnFor(const dsl::ast::Expr* term, const RelationPlan& relation, std::size_t c, SymbolTable& symbols,
                                       std::vector<std::string>& variables, dsl::Diagnostics& diagnostics) {
    PatternColumn column;
    auto show = [&](const std::string& name) {
        auto found = std::find(variables.begin(), variables.end(), name);
        column.variable = static_cast<int>(found - variables.begin());
        if (found == variables.end()) variables.push_back(name);
        return column;
    };
    if (!term) {  // a keyed relation's value left out: shown, under the value column's name
        std::string name = leftOutValueColumn(relation);
        return show(std::find(variables.begin(), variables.end(), name) == variables.end() ? name : "value");
    }
    const dsl::ast::Variable* variable = dsl::asVariable(*term);
    if (variable && variable->isAnonymous()) return column;  // `_`: any value
    if (variable) return show(variable->name);
    if (!dsl::isConstant(*term)) {
        diagnostics.error(dsl::spanOf(*term), "query arguments are constants, variables or '_'");
        return std::nullopt;
    }
    column.constant = constantFor(*term, relation, c, symbols, diagnostics);
    if (!column.constant) return std::nullopt;
    return column;
}

}  // namespace

std::string leftOutValueColumn(const RelationPlan& relation) {
    std::string name = relation.columnNames.empty() ? "value" : relation.columnNames.back();
    return name == "confidence" || name == "as_of" ? "value" : name;
}

std::optional<Pattern> parseQueryPattern(const std::string& text, const std::string& name, const ProgramPlan& plan, SymbolTable& symbols,
                                         dsl::SourceManager& sources, dsl::Diagnostics& diagnostics) {
    std::string statement = withFinalPeriod(text);
    dsl::FileId file = sources.add(name, statement);
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) return std::nullopt;
    const auto* rule = program->statements.size() == 1 ? boost::get<dsl::ast::Rule>(&program->statements[0]) : nullptr;
    if (!rule || rule->body) {
        diagnostics.error({file, 0, static_cast<std::uint32_t>(statement.size())}, "a query is one atom, such as `vote(A, rutte) = V`");
        return std::nullopt;
    }
    const dsl::ast::Atom& atom = rule->head;
    auto id = plan.relationId(atom.relation);
    if (!id) {
        unknownRelation(atom.relation, atom.span, plan, diagnostics);
        return std::nullopt;
    }
    const RelationPlan& relation = plan.relations[*id];
    if (auto problem = arityProblem(atom, relation, /*valueOptional=*/true)) {
        diagnostics.error(atom.span, *problem);
        return std::nullopt;
    }
    Pattern pattern;
    pattern.relation = *id;
    std::vector<const dsl::ast::Expr*> terms = termsOf(atom, relation);
    for (std::size_t c = 0; c < terms.size(); ++c) {
        auto column = columnFor(terms[c], relation, c, symbols, pattern.variables, diagnostics);
        if (!column) return std::nullopt;
        pattern.columns.push_back(*column);
    }
    return pattern;
}

}  // namespace accord::engine
