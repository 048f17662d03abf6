// Fact statements (see fact_statements.hpp).
#include "accord/engine/text/fact_statements.hpp"

#include <cctype>

#include <fmt/format.h>

#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/check/rules.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/text/column_fit.hpp"

namespace accord::engine {
namespace {

constexpr const char* kWriteAFact = "write a fact such as `backs(france, rutte).`";

/// The fact a statement states, or nullopt with an error.
std::optional<ParsedFact> factOf(const dsl::ast::Statement& statement, const ProgramPlan& plan, SymbolTable& symbols,
                                 dsl::Diagnostics& diagnostics) {
    const auto* rule = boost::get<dsl::ast::Rule>(&statement);
    if (!rule || rule->body || rule->isDefault) {
        diagnostics.error(dsl::spanOf(statement), "only facts can be given here", kWriteAFact);
        return std::nullopt;
    }
    auto id = plan.relationId(rule->head.relation);
    if (!id) {
        unknownRelation(rule->head.relation, rule->head.span, plan, diagnostics);
        return std::nullopt;
    }
    const RelationPlan& relation = plan.relations[*id];
    if (auto problem = arityProblem(rule->head, relation, /*valueOptional=*/false)) {
        diagnostics.error(rule->head.span, *problem);
        return std::nullopt;
    }
    if (rule->head.valueDiffers) {  // as the checker says of a rule file's fact
        diagnostics.error(rule->head.span, "a fact gives its value with '=', not '!='",
                          fmt::format("write `{}(...) = value`; `!=` is a condition, for `accord query`", relation.name));
        return std::nullopt;
    }
    ParsedFact fact{*id, {}, dsl::spanOf(statement)};
    std::vector<const dsl::ast::Expr*> terms = termsOf(rule->head, relation);
    for (std::size_t c = 0; c < terms.size(); ++c) {
        if (!dsl::isConstant(*terms[c])) {
            diagnostics.error(dsl::spanOf(*terms[c]), "a fact's arguments are constants",
                              "give each argument a value (`accord query` takes variables)");
            return std::nullopt;
        }
        auto value = constantFor(*terms[c], relation, c, symbols, diagnostics);
        if (!value) return std::nullopt;
        fact.row.tuple.push_back(*value);
    }
    dsl::check::checkAnnotations(*rule, diagnostics);
    const dsl::ast::Annotations& annotations = rule->annotations;
    fact.row.confidence = annotations.confidence.value_or(1.0);
    if (annotations.source) fact.row.source = *annotations.source;
    if (annotations.since) fact.row.since = annotations.since->days;
    if (annotations.until) fact.row.until = annotations.until->days;
    return fact;
}

}  // namespace

std::string withFinalPeriod(std::string text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
    if (!text.empty() && text.back() != '.') text += '.';
    return text;
}

std::optional<std::vector<ParsedFact>> parseFactStatements(const std::string& text, const std::string& name, const ProgramPlan& plan,
                                                           SymbolTable& symbols, dsl::SourceManager& sources,
                                                           dsl::Diagnostics& diagnostics) {
    dsl::FileId file = sources.add(name, text);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        diagnostics.fileError(name, "no facts given", "write one or more facts such as `backs(france, rutte).`");
        return std::nullopt;
    }
    const std::size_t errorsBefore = diagnostics.errorCount();
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) return std::nullopt;
    std::vector<ParsedFact> facts;
    for (const dsl::ast::Statement& statement : program->statements) {
        if (auto fact = factOf(statement, plan, symbols, diagnostics)) facts.push_back(std::move(*fact));
    }
    if (facts.empty() && diagnostics.errorCount() == errorsBefore) {
        diagnostics.fileError(name, "no facts given", "write one or more facts such as `backs(france, rutte).`");
    }
    if (diagnostics.errorCount() > errorsBefore) return std::nullopt;
    return facts;
}

std::optional<ParsedFact> parseGroundFact(const std::string& text, const std::string& name, const ProgramPlan& plan, SymbolTable& symbols,
                                          dsl::SourceManager& sources, dsl::Diagnostics& diagnostics) {
    auto facts = parseFactStatements(withFinalPeriod(text), name, plan, symbols, sources, diagnostics);
    if (!facts) return std::nullopt;
    if (facts->size() != 1) {
        diagnostics.fileError(name, fmt::format("'{}' is {} facts; give one", text, facts->size()));
        return std::nullopt;
    }
    if (facts->front().row.hasAnnotations()) {
        diagnostics.error(facts->front().span, "a fact asked about has no annotations (@, source, since, until)",
                          "write the atom alone: the question is about every fact equal to it");
        return std::nullopt;
    }
    return std::move(facts->front());
}

}  // namespace accord::engine
