// Checks on rules and resolutions as statements: duplicate rule names, validity periods,
// where aggregates and disjunctions may appear, `sum` elements that would merge equal
// values, and resolutions (`resolve vote: block overrides approve.`) that name unknown
// relations or values or contradict themselves.
#pragma once

#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

void checkRules(const std::vector<ast::Program>& files, Diagnostics& diagnostics);
/// A rule's or fact's annotations: a validity period must not be empty (also for facts
/// asserted outside a rule file).
void checkAnnotations(const ast::Rule& rule, Diagnostics& diagnostics);
void checkResolutions(const std::vector<ast::Program>& files, const RelationCatalog& catalog, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
