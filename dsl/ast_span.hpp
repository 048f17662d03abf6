// The source span of a node held in a variant (Expr, Literal, Statement).
#pragma once

#include "accord/dsl/ast.hpp"

namespace accord::dsl {

SourceSpan spanOf(const ast::Expr& expr);
SourceSpan spanOf(const ast::Literal& literal);
SourceSpan spanOf(const ast::Statement& statement);

}  // namespace accord::dsl
