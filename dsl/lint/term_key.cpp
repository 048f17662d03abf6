#include "accord/dsl/lint/term_key.hpp"

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl::lint {

std::string termKey(const ast::Expr& expr, std::optional<ast::Type> column) {
    const auto* integer = boost::get<ast::Integer>(&expr);
    const auto* decimal = boost::get<ast::Decimal>(&expr);
    auto decimalKey = [](double value) { return "d:" + formatDecimal(value == 0 ? 0.0 : value); };  // -0.0 is 0.0
    if (column == ast::Type::Decimal && (integer || decimal))
        return decimalKey(integer ? static_cast<double>(integer->value) : decimal->value);
    if (integer) return fmt::format("i:{}", integer->value);
    if (decimal) return decimalKey(decimal->value);
    std::string key = print(expr);
    forEachVariableDeep(expr, [&](const ast::Variable& variable) {
        if (variable.isAnonymous()) key += fmt::format("@{}:{}", variable.span.file, variable.span.begin);
    });
    return key;
}

std::string atomKey(const ast::Atom& atom) {
    std::string key = atom.relation + "(";
    for (const ast::Expr& argument : atom.arguments) key += termKey(argument) + ",";
    key += ")";
    if (atom.value) key += (atom.valueDiffers ? "!=" : "=") + termKey(*atom.value);
    return key;
}

}  // namespace accord::dsl::lint
