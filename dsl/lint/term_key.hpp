// Terms as the lints compare them, as the engine matches them: a constant by its kind and
// exact value (`3` and `3.0` are different values in a join, unless the column is declared
// `decimal`, which makes both 3.0), another expression as printed, and each `_` as itself
// alone (two `_` are two variables that may differ).
#pragma once

#include <optional>
#include <string>

#include "accord/dsl/ast.hpp"

namespace accord::dsl::lint {

/// `column`: the declared type of the column the term stands in, when known.
std::string termKey(const ast::Expr& expr, std::optional<ast::Type> column = std::nullopt);

/// An atom's relation and the keys of its arguments and value (`!=` kept apart from `=`).
std::string atomKey(const ast::Atom& atom);

}  // namespace accord::dsl::lint
