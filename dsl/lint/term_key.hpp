// Terms as the lints compare them: a number by its value (`3` and `3.0` are one value, as
// the engine compares them), another constant or expression as printed, and each `_` as
// itself alone (two `_` are two variables that may differ).
#pragma once

#include <string>

#include "dsl/ast.hpp"

namespace accord::dsl::lint {

std::string termKey(const ast::Expr& expr);

/// An atom's relation and the keys of its arguments and value (`!=` kept apart from `=`).
std::string atomKey(const ast::Atom& atom);

}  // namespace accord::dsl::lint
