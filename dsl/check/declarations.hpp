// Checks that every atom agrees with its relation: arity, keyed or not, and that
// relations read in a body are known (a warning with a did-you-mean suggestion).
#pragma once

#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/check/relation_catalog.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

void checkDeclarations(const std::vector<ast::Program>& files, const RelationCatalog& catalog, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
