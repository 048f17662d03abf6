// Checks of a rule's sentence template, the `## sentence:` line of its comment that
// explanations fill with a derivation's values (`{A} blocks {C}: ...`): one such line, its
// braces closed, and every name in them a variable the rule binds in every alternative
// (in its head, or in a condition that is not negated, aggregated or under `for all`,
// whose variables have no one value).
#pragma once

#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

/// The template in a rule's `##` lines (without `sentence:`), or "" when there is none.
std::string sentenceTemplate(const std::vector<std::string>& docs);

void checkSentences(const std::vector<ast::Program>& files, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
