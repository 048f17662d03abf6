// What a fact's value must be to stand in a column, and the one message for a value that is
// not: shared by every reader of facts as text (fact files, fact statements, queries), so
// that they accept the same values and say the same thing about the rest.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

/// "unknown relation 'bakcs' in the loaded rules", reported at `span` with "did you mean
/// 'backs'?" as `accord check` says it.
void unknownRelation(const std::string& name, dsl::SourceSpan span, const ProgramPlan& plan, dsl::Diagnostics& diagnostics);
/// The same for a relation named outside rule text (`--facts R=FILE`, `import --relation`),
/// reported against the file `path`.
void unknownRelation(const std::string& name, const std::string& path, const ProgramPlan& plan, dsl::Diagnostics& diagnostics);

/// "'abc' is not a decimal (column 'amount' of 'price')".
std::string doesNotFit(std::string_view text, const RelationPlan& relation, std::size_t column);

/// An atom's terms, one per stored column: its arguments, then its value when the relation
/// is keyed (nullptr when the atom leaves the value out).
std::vector<const dsl::ast::Expr*> termsOf(const dsl::ast::Atom& atom, const RelationPlan& relation);

/// "'vote' takes 2 arguments and a value", when an atom's terms do not match its relation
/// (`valueOptional`: a keyed relation's value may be left out, as in a query).
std::optional<std::string> arityProblem(const dsl::ast::Atom& atom, const RelationPlan& relation, bool valueOptional);

/// The value column `column` stores for a constant term (see storedAs), or nullopt with an
/// error at the term when it does not fit.
std::optional<Value> constantFor(const dsl::ast::Expr& term, const RelationPlan& relation, std::size_t column, SymbolTable& symbols,
                                 dsl::Diagnostics& diagnostics);

}  // namespace accord::engine
