// Type checking of clauses against relation declarations (see types.hpp).
#include "accord/dsl/check/types.hpp"

#include <map>
#include <set>
#include <string>
#include <tuple>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/functions.hpp"

namespace accord::dsl::check {

namespace {

using MaybeType = std::optional<ast::Type>;

bool isNumeric(ast::Type type) { return type == ast::Type::Integer || type == ast::Type::Decimal; }

/// Whether a value of type `actual` may stand where `expected` is required (integers widen to decimals).
bool fits(ast::Type actual, ast::Type expected) {
    return actual == expected || (actual == ast::Type::Integer && expected == ast::Type::Decimal);
}

bool comparable(ast::Type a, ast::Type b) { return a == b || (isNumeric(a) && isNumeric(b)); }

class TypeChecker {
public:
    TypeChecker(const RelationCatalog& catalog, Diagnostics& diagnostics) : catalog_(catalog), diagnostics_(diagnostics) {}

    void checkClause(const Clause& clause) {
        variables_.clear();
        // 1. Declared columns give their variables a type.
        for (const ast::Literal* literal : clause.body) {
            forEachAtom(*literal, [&](const ast::Atom& atom, AtomRole) { typeVariablesFrom(atom); });
        }
        typeVariablesFrom(clause.rule->head);
        // 2. Assignments `X = expr` give X the type of expr.
        for (const ast::Literal* literal : clause.body) typeAssignments(*literal);
        // 3. Check every use.
        for (const ast::Literal* literal : clause.body) checkLiteral(*literal);
        checkAtom(clause.rule->head);
    }

private:
    struct VariableType {
        ast::Type type;
        SourceSpan where;
    };

    void typeVariablesFrom(const ast::Atom& atom) {
        const RelationInfo* info = catalog_.find(atom.relation);
        if (!info || !info->declaration || atom.arguments.size() != info->arity) return;
        for (std::size_t i = 0; i < atom.arguments.size(); ++i) {
            if (const auto* variable = asVariable(atom.arguments[i])) bindType(*variable, info->columnTypes[i]);
        }
        if (atom.value && info->valueType) {
            if (const auto* variable = asVariable(*atom.value)) bindType(*variable, info->valueType);
        }
    }

    void bindType(const ast::Variable& variable, MaybeType type) {
        if (!type || variable.isAnonymous()) return;
        // The first typed use wins; a conflicting later use is reported by checkTerm.
        variables_.try_emplace(variable.name, VariableType{*type, variable.span});
    }

    void typeAssignments(const ast::Literal& literal) {
        const auto* comparison = boost::get<ast::Comparison>(&literal);
        if (!comparison || comparison->op != ast::CompareOp::Equal) return;
        if (const auto* variable = asVariable(comparison->left)) bindType(*variable, typeOf(comparison->right));
        if (const auto* variable = asVariable(comparison->right)) bindType(*variable, typeOf(comparison->left));
    }

    MaybeType typeOf(const ast::Expr& expr) {
        if (boost::get<ast::Symbol>(&expr)) return ast::Type::Symbol;
        if (boost::get<ast::String>(&expr)) return ast::Type::String;
        if (boost::get<ast::Integer>(&expr)) return ast::Type::Integer;
        if (boost::get<ast::Decimal>(&expr)) return ast::Type::Decimal;
        if (boost::get<ast::DateConstant>(&expr)) return ast::Type::Date;
        if (const auto* variable = asVariable(expr)) {
            auto it = variables_.find(variable->name);
            return it == variables_.end() ? MaybeType{} : MaybeType{it->second.type};
        }
        if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            MaybeType operand = typeOf(negative->get().operand);
            if (operand && !isNumeric(*operand)) {
                report(negative->get().span, fmt::format("cannot negate a {}", typeName(*operand)));
                return {};
            }
            return operand;
        }
        if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) return typeOfBinary(binary->get());
        if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) return typeOfCall(call->get());
        if (const auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr)) {
            return typeOfAggregate(aggregate->get());
        }
        return {};
    }

    MaybeType typeOfBinary(const ast::Binary& binary) {
        MaybeType left = typeOf(binary.left), right = typeOf(binary.right);
        if (!left || !right) return {};
        bool additive = binary.op == ast::ArithmeticOp::Add || binary.op == ast::ArithmeticOp::Subtract;
        if (binary.op == ast::ArithmeticOp::Modulo) {
            if (*left == ast::Type::Integer && *right == ast::Type::Integer) return ast::Type::Integer;
            report(binary.span, fmt::format("cannot compute {} mod {}", typeName(*left), typeName(*right)),
                   "mod is the remainder of dividing one integer by another");
            return {};
        }
        if (isNumeric(*left) && isNumeric(*right)) {
            return *left == ast::Type::Decimal || *right == ast::Type::Decimal ? ast::Type::Decimal : ast::Type::Integer;
        }
        if (additive && *left == ast::Type::Date && *right == ast::Type::Integer) return ast::Type::Date;
        if (binary.op == ast::ArithmeticOp::Add && *left == ast::Type::Integer && *right == ast::Type::Date) return ast::Type::Date;
        if (binary.op == ast::ArithmeticOp::Subtract && *left == ast::Type::Date && *right == ast::Type::Date) return ast::Type::Integer;
        report(binary.span, fmt::format("cannot compute {} {} {}", typeName(*left), static_cast<char>(binary.op), typeName(*right)),
               "arithmetic works on integers and decimals, and adds or subtracts days to or from dates");
        return {};
    }

    /// A built-in function's result, after checking its arguments (see dsl/functions.hpp).
    MaybeType typeOfCall(const ast::Call& call) {
        const FunctionSignature* function = findFunction(call.function);
        if (!function) {  // the parser reads only known names; kept for ASTs built otherwise
            report(call.span, fmt::format("unknown function '{}'", call.function), "the functions are " + functionNames());
            return {};
        }
        if (call.arguments.size() != function->arity) {
            report(call.span,
                   fmt::format("'{}' takes {} argument{}, but {} {} given", function->name, function->arity,
                               function->arity == 1 ? "" : "s", call.arguments.size(), call.arguments.size() == 1 ? "is" : "are"),
                   std::string(function->summary));
            return {};
        }
        std::vector<MaybeType> arguments;
        for (const ast::Expr& argument : call.arguments) arguments.push_back(typeOf(argument));
        auto isDate = [](ast::Type type) { return type == ast::Type::Date; };
        auto require = [&](std::size_t i, auto accepts, const char* what) {  // reports a wrong type, once
            if (arguments[i] && !accepts(*arguments[i])) {
                report(spanOf(call.arguments[i]),
                       fmt::format("'{}' needs {}, but {} is {}", function->name, what, print(call.arguments[i]), typeName(*arguments[i])),
                       std::string(function->summary));
                arguments[i].reset();
            }
            return arguments[i].has_value();
        };
        switch (function->function) {
            case Function::Abs: return require(0, isNumeric, "a number") ? arguments[0] : MaybeType{};
            case Function::Min:
            case Function::Max:
                if (!arguments[0] || !arguments[1]) return {};
                if (!comparable(*arguments[0], *arguments[1]) || !(isNumeric(*arguments[0]) || isDate(*arguments[0]))) {
                    report(call.span,
                           fmt::format("cannot take the {} of {} and {}", function->name, typeName(*arguments[0]), typeName(*arguments[1])),
                           "min and max take two numbers (integers and decimals mix) or two dates");
                    return {};
                }
                return isNumeric(*arguments[0]) && *arguments[0] != *arguments[1] ? ast::Type::Decimal : *arguments[0];
            case Function::Year:
            case Function::Month:
            case Function::Day: require(0, isDate, "a date"); return ast::Type::Integer;
            case Function::YearsBetween:
                require(0, isDate, "a date");
                require(1, isDate, "a date");
                return ast::Type::Integer;
            case Function::Today: return ast::Type::Date;
        }
        return {};
    }

    MaybeType typeOfAggregate(const ast::Aggregate& aggregate) {
        for (const ast::Literal& literal : aggregate.body) {
            forEachAtom(literal, [&](const ast::Atom& atom, AtomRole) { typeVariablesFrom(atom); });
        }
        for (const ast::Literal& literal : aggregate.body) typeAssignments(literal);
        for (const ast::Literal& literal : aggregate.body) checkLiteral(literal);
        if (aggregate.op == ast::AggregateOp::Count) return ast::Type::Integer;
        if (aggregate.elements.empty()) return {};
        MaybeType element = typeOf(aggregate.elements.front());
        bool arithmetic = aggregate.op == ast::AggregateOp::Sum || aggregate.op == ast::AggregateOp::Mean;
        if (arithmetic && element && !isNumeric(*element)) {
            report(spanOf(aggregate.elements.front()), fmt::format("cannot {} a {}", aggregateName(aggregate.op), typeName(*element)),
                   "sum and mean take integers or decimals; use count to count elements");
            return {};
        }
        return aggregate.op == ast::AggregateOp::Mean ? MaybeType{ast::Type::Decimal} : element;
    }

    void checkLiteral(const ast::Literal& literal) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            checkAtom(*atom);
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            checkAtom(negation->atom);
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            MaybeType left = typeOf(comparison->left), right = typeOf(comparison->right);
            if (left && right && !comparable(*left, *right)) {
                report(comparison->span, fmt::format("cannot compare {} with {}", typeName(*left), typeName(*right)),
                       "both sides of a comparison must have the same type (integers and decimals mix)");
            }
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            for (const ast::Literal& domain : forAll->get().domain) checkLiteral(domain);
            checkLiteral(forAll->get().consequent);
        } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives) {
                for (const ast::Literal& inner : conjunction.literals) checkLiteral(inner);
            }
        }
    }

    void checkAtom(const ast::Atom& atom) {
        const RelationInfo* info = catalog_.find(atom.relation);
        if (!info || !info->declaration || atom.arguments.size() != info->arity) {
            for (const ast::Expr& argument : atom.arguments) typeOf(argument);  // still check arithmetic inside
            return;
        }
        const auto& columns = info->declaration->columns;
        for (std::size_t i = 0; i < atom.arguments.size(); ++i) {
            checkTerm(atom.arguments[i], columns[i].type, fmt::format("column '{}' of '{}'", columns[i].name, atom.relation));
        }
        if (atom.value && info->declaration->value) {
            checkTerm(*atom.value, info->declaration->value->type,
                      fmt::format("the value '{}' of '{}'", info->declaration->value->name, atom.relation));
        }
    }

    void checkTerm(const ast::Expr& term, ast::Type expected, const std::string& what) {
        MaybeType actual = typeOf(term);
        if (!actual || fits(*actual, expected)) return;
        std::string hint;
        if (expected == ast::Type::String && *actual == ast::Type::Symbol) hint = "write a string in double quotes";
        if (expected == ast::Type::Symbol && *actual == ast::Type::String) hint = "write a symbol without quotes, in lowercase";
        Diagnostic& error =
            report(spanOf(term),
                   fmt::format("type mismatch: {} is {}, but {} is {}", what, typeName(expected), print(term), typeName(*actual)), hint);
        if (const auto* variable = asVariable(term)) {
            auto it = variables_.find(variable->name);
            if (it != variables_.end() && it->second.where.begin != variable->span.begin) {
                error.notes.push_back({it->second.where, fmt::format("'{}' is {} here", variable->name, typeName(it->second.type))});
            }
        }
    }

    Diagnostic& report(SourceSpan span, std::string message, std::string hint = {}) {
        auto key = std::make_tuple(span.file, span.begin, message);
        if (!reported_.insert(key).second) {  // the same literal in another alternative
            scratch_ = {};
            return scratch_;
        }
        return diagnostics_.error(span, std::move(message), std::move(hint));
    }

    const RelationCatalog& catalog_;
    Diagnostics& diagnostics_;
    std::map<std::string, VariableType> variables_;
    std::set<std::tuple<FileId, std::uint32_t, std::string>> reported_;
    Diagnostic scratch_;
};

}  // namespace

void checkTypes(const std::vector<Clause>& clauses, const RelationCatalog& catalog, Diagnostics& diagnostics) {
    TypeChecker checker(catalog, diagnostics);
    for (const Clause& clause : clauses) checker.checkClause(clause);
}

}  // namespace accord::dsl::check
