// Column fit (see column_fit.hpp).
#include "accord/engine/text/column_fit.hpp"

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/engine/plan/lower_clause.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {

namespace {

std::string closestRelationHint(const std::string& name, const ProgramPlan& plan) {
    std::vector<std::string> names;
    for (const RelationPlan& relation : plan.relations) names.push_back(relation.name);
    auto closest = dsl::check::closestName(name, names);
    return closest ? fmt::format("did you mean '{}'?", *closest) : "declare it with `relation` in the rule files";
}

}  // namespace

void unknownRelation(const std::string& name, dsl::SourceSpan span, const ProgramPlan& plan, dsl::Diagnostics& diagnostics) {
    diagnostics.error(span, fmt::format("unknown relation '{}' in the loaded rules", name), closestRelationHint(name, plan));
}

void unknownRelation(const std::string& name, const std::string& path, const ProgramPlan& plan, dsl::Diagnostics& diagnostics) {
    diagnostics.fileError(path, fmt::format("unknown relation '{}' in the loaded rules", name), closestRelationHint(name, plan));
}

std::string doesNotFit(std::string_view text, const RelationPlan& relation, std::size_t column) {
    std::optional<ValueKind> kind = relation.kindOf(column);
    std::string what = kind ? fmt::format("{} {}", *kind == ValueKind::Integer ? "an" : "a", kindName(*kind)) : "a value";
    return fmt::format("'{}' is not {} (column '{}' of '{}')", text, what, columnNames(relation)[column], relation.name);
}

std::vector<const dsl::ast::Expr*> termsOf(const dsl::ast::Atom& atom, const RelationPlan& relation) {
    std::vector<const dsl::ast::Expr*> terms;
    for (const auto& argument : atom.arguments) terms.push_back(&argument);
    if (relation.keyed) terms.push_back(atom.value ? &*atom.value : nullptr);
    return terms;
}

std::optional<std::string> arityProblem(const dsl::ast::Atom& atom, const RelationPlan& relation, bool valueOptional) {
    const std::size_t arguments = relation.arity - (relation.keyed ? 1 : 0);
    const bool valueMissing = relation.keyed && !atom.value && !valueOptional;
    if (atom.arguments.size() == arguments && !(atom.value && !relation.keyed) && !valueMissing) return std::nullopt;
    return fmt::format("'{}' takes {} argument{}{}", relation.name, arguments, arguments == 1 ? "" : "s",
                       relation.keyed ? " and a value" : "");
}

std::optional<Value> constantFor(const dsl::ast::Expr& term, const RelationPlan& relation, std::size_t column, SymbolTable& symbols,
                                 dsl::Diagnostics& diagnostics) {
    Value value = lowerConstant(term, symbols);
    std::optional<ValueKind> kind = relation.kindOf(column);
    auto stored = storedAs(value, kind);
    if (!stored) {
        // `"New Zealand"` for a symbol: the user meant the name, spelt as a symbol is.
        std::string hint;
        if (value.kind == ValueKind::String && kind == ValueKind::Symbol) {
            const std::string& name = symbols.text(value.asId());
            hint = dsl::isPlainSymbol(name)
                       ? fmt::format("a symbol is written without double quotes: {}", name)
                       : fmt::format("a symbol that is not a lowercase word is written between single quotes: {}", dsl::formatSymbol(name));
        }
        diagnostics.error(dsl::spanOf(term), doesNotFit(dsl::print(term), relation, column), hint);
    }
    return stored;
}

}  // namespace accord::engine
