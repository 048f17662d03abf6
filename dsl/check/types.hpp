// Type checks against declarations: constants and variables in declared columns,
// comparisons between values of different types, and arithmetic on non-numbers.
// Relations without a declaration are not typed (quick scripts stay quick).
#pragma once

#include <optional>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/desugar.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

void checkTypes(const std::vector<Clause>& clauses, const RelationCatalog& catalog, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
