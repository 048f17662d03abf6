// Fact statements (see fact_statements.hpp).
#include "kb/fact_statements.hpp"

#include <fmt/format.h>

#include "dsl/ast_printer.hpp"
#include "dsl/ast_walk.hpp"
#include "dsl/check/relation_catalog.hpp"
#include "dsl/check/rules.hpp"
#include "dsl/parser/parse.hpp"
#include "engine/plan/lower_clause.hpp"
#include "kb/relation_table.hpp"

namespace accord::kb {
namespace {

/// "did you mean 'backs'?" for a misspelt relation name, as `accord check` says it.
std::string closestRelationHint(const engine::ProgramPlan& plan, const std::string& name) {
    std::vector<std::string> names;
    for (const engine::RelationPlan& relation : plan.relations) names.push_back(relation.name);
    auto closest = dsl::check::closestName(name, names);
    return closest ? fmt::format("did you mean '{}'?", *closest) : std::string();
}

}  // namespace

std::optional<std::vector<ParsedFact>> parseFactStatements(const std::string& text, const std::string& name, engine::Engine& engine,
                                                           dsl::SourceManager& sources, dsl::Diagnostics& diagnostics) {
    dsl::FileId file = sources.add(name, text);
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        diagnostics.fileError(name, "no facts given", "write one or more facts such as `backs(france, rutte).`");
        return std::nullopt;
    }
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) return std::nullopt;
    std::vector<ParsedFact> facts;
    for (const dsl::ast::Statement& statement : program->statements) {
        const auto* rule = boost::get<dsl::ast::Rule>(&statement);
        if (!rule || rule->body || rule->isDefault) {
            diagnostics.error(dsl::spanOf(statement), "only facts can be given here", "write a fact such as `backs(france, rutte).`");
            continue;
        }
        auto id = engine.plan().relationId(rule->head.relation);
        if (!id) {
            diagnostics.error(rule->head.span, fmt::format("unknown relation '{}' in the loaded rules", rule->head.relation),
                              closestRelationHint(engine.plan(), rule->head.relation));
            continue;
        }
        const engine::RelationPlan& relation = engine.plan().relations[*id];
        std::vector<const dsl::ast::Expr*> terms;
        for (const auto& argument : rule->head.arguments) terms.push_back(&argument);
        if (rule->head.value) terms.push_back(&*rule->head.value);
        if (terms.size() != relation.arity) {
            diagnostics.error(rule->head.span, fmt::format("'{}' has {} column{}, this fact {}", relation.name, relation.arity,
                                                           relation.arity == 1 ? "" : "s", terms.size()));
            continue;
        }
        ParsedFact fact{*id, {}, dsl::spanOf(statement)};
        engine::Tuple& tuple = fact.row.tuple;
        for (std::size_t c = 0; c < terms.size(); ++c) {
            if (!dsl::isConstant(*terms[c])) {
                diagnostics.error(dsl::spanOf(*terms[c]), "a fact's arguments are constants");
                break;
            }
            engine::Value value = engine::lowerConstant(*terms[c], engine.symbols());
            auto kind = relation.columnKinds[c];
            bool fits = !kind || value.kind == *kind || (*kind == engine::ValueKind::Decimal && value.kind == engine::ValueKind::Integer);
            if (!fits) {
                diagnostics.error(dsl::spanOf(*terms[c]), fmt::format("'{}' does not fit column '{}' of '{}'", dsl::print(*terms[c]),
                                                                      columnNames(relation)[c], relation.name));
                break;
            }
            if (kind && *kind == engine::ValueKind::Decimal && value.kind == engine::ValueKind::Integer) {
                value = engine::Value::decimal(static_cast<double>(value.asInteger()));
            }
            tuple.push_back(value);
        }
        if (tuple.size() != terms.size()) continue;
        dsl::check::checkAnnotations(*rule, diagnostics);
        const dsl::ast::Annotations& annotations = rule->annotations;
        fact.row.confidence = annotations.confidence.value_or(1.0);
        if (annotations.source) fact.row.source = *annotations.source;
        if (annotations.since) fact.row.since = annotations.since->days;
        if (annotations.until) fact.row.until = annotations.until->days;
        facts.push_back(std::move(fact));
    }
    if (facts.empty() && !diagnostics.hasErrors()) {
        diagnostics.fileError(name, "no facts given", "write one or more facts such as `backs(france, rutte).`");
    }
    if (diagnostics.hasErrors()) return std::nullopt;
    return facts;
}

}  // namespace accord::kb
