// A compact, position-free S-expression dump of the AST, for tests: two programs with
// the same dump have the same AST (used by the grammar tests and the fmt round trip).
//
//   vote(A, C) = block if eu_bias(C).
//   => (rule (head vote (var A) (var C) = (sym block)) (or (and (atom eu_bias (var C)))))
#pragma once

#include <string>

#include "accord/dsl/ast.hpp"

namespace accord::dsl {

std::string dump(const ast::Expr& expr);
std::string dump(const ast::Literal& literal);
std::string dump(const ast::Statement& statement);
/// One statement per line.
std::string dump(const ast::Program& program);

}  // namespace accord::dsl
