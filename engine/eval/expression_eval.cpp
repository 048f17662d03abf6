// Arithmetic and comparison (see expression_eval.hpp).
#include "accord/engine/eval/expression_eval.hpp"

#include <cmath>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/plan/operator_spelling.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

[[noreturn]] void fail(RuleId rule, const std::string& message) { throw EvaluationError(EvaluationError::Kind::Arithmetic, rule, message); }

double asDouble(const Value& value) {
    return value.kind == ValueKind::Decimal ? value.asDecimal() : static_cast<double>(value.asInteger());
}

Value arithmetic(Expression::Op op, const Value& left, const Value& right, RuleId rule) {
    if (left.kind == ValueKind::Integer && right.kind == ValueKind::Integer) {
        std::int64_t a = left.asInteger(), b = right.asInteger(), result = 0;
        bool overflow = false;
        switch (op) {
            case Expression::Op::Add: overflow = __builtin_add_overflow(a, b, &result); break;
            case Expression::Op::Subtract: overflow = __builtin_sub_overflow(a, b, &result); break;
            case Expression::Op::Multiply: overflow = __builtin_mul_overflow(a, b, &result); break;
            case Expression::Op::Divide:
                if (b == 0) fail(rule, fmt::format("division by zero in {} / 0", a));
                if (a == INT64_MIN && b == -1)
                    overflow = true;
                else
                    result = a / b;  // C++ truncates toward zero
                break;
            case Expression::Op::Modulo:
                if (b == 0) fail(rule, fmt::format("division by zero in {} mod 0", a));
                result = b == -1 ? 0 : a % b;  // INT64_MIN % -1 overflows in C++
                if (result != 0 && (result < 0) != (b < 0)) result += b;  // the sign of the divisor: -7 mod 2 = 1
                break;
            default: break;
        }
        if (overflow) fail(rule, fmt::format("integer overflow in {} {} {}", a, spelling(op), b));
        return Value::integer(result);
    }
    if (left.isNumeric() && right.isNumeric() && op != Expression::Op::Modulo) {
        double a = asDouble(left), b = asDouble(right), result = 0;
        switch (op) {
            case Expression::Op::Add: result = a + b; break;
            case Expression::Op::Subtract: result = a - b; break;
            case Expression::Op::Multiply: result = a * b; break;
            case Expression::Op::Divide:
                if (b == 0) fail(rule, fmt::format("division by zero in {} / 0", a));
                result = a / b;
                break;
            default: break;
        }
        if (!std::isfinite(result)) fail(rule, fmt::format("decimal overflow in {} {} {}", a, spelling(op), b));
        return Value::decimal(result);
    }
    // Dates: date ± days, days + date, date - date.
    auto days = [&](const Value& date, std::int64_t delta) {
        static const std::int64_t first = dsl::dateFromYmd(1, 1, 1)->days, last = dsl::dateFromYmd(9999, 12, 31)->days;
        std::int64_t result = static_cast<std::int64_t>(date.asDate()) + delta;
        if (delta < -(last - first) || delta > last - first || result < first || result > last) {
            fail(rule, fmt::format("date out of range in {} {} {} (dates run from 0001-01-01 to 9999-12-31)",
                                   dsl::formatDate(dsl::Date{date.asDate()}), delta < 0 ? "-" : "+", delta < 0 ? -delta : delta));
        }
        return Value::date(static_cast<std::int32_t>(result));
    };
    if (left.kind == ValueKind::Date && right.kind == ValueKind::Integer) {
        if (op == Expression::Op::Add) return days(left, right.asInteger());
        if (op == Expression::Op::Subtract) return days(left, right.asInteger() == INT64_MIN ? INT64_MAX : -right.asInteger());
    }
    if (left.kind == ValueKind::Integer && right.kind == ValueKind::Date && op == Expression::Op::Add) {
        return days(right, left.asInteger());
    }
    if (left.kind == ValueKind::Date && right.kind == ValueKind::Date && op == Expression::Op::Subtract) {
        return Value::integer(static_cast<std::int64_t>(left.asDate()) - right.asDate());
    }
    fail(rule, "arithmetic on values that are not numbers");
}

}  // namespace

Value add(const Value& left, const Value& right, RuleId rule) { return arithmetic(Expression::Op::Add, left, right, rule); }

namespace {

/// The smaller or larger of two numbers or two dates; an integer against a decimal gives a
/// decimal (the checker's type for it).
Value extreme(bool smaller, const Value& a, const Value& b, RuleId rule) {
    bool aFirst = false;
    if (a.kind == ValueKind::Integer && b.kind == ValueKind::Integer) {
        aFirst = a.asInteger() <= b.asInteger();  // exactly: large integers are not all doubles
    } else if (a.isNumeric() && b.isNumeric()) {
        aFirst = asDouble(a) <= asDouble(b);
    } else if (a.kind == ValueKind::Date && b.kind == ValueKind::Date) {
        aFirst = a.asDate() <= b.asDate();
    } else {
        fail(rule, fmt::format("{} of values that are not two numbers or two dates", smaller ? "min" : "max"));
    }
    const Value& chosen = aFirst == smaller ? a : b;
    bool mixed = a.isNumeric() && b.isNumeric() && a.kind != b.kind;
    return mixed ? Value::decimal(asDouble(chosen)) : chosen;
}

Value call(dsl::Function function, const std::vector<Value>& arguments, RuleId rule) {
    auto date = [&](std::size_t i) {
        if (arguments[i].kind != ValueKind::Date)
            fail(rule, fmt::format("{} of a value that is not a date", dsl::signatureOf(function).name));
        return dsl::Date{arguments[i].asDate()};
    };
    switch (function) {
        case dsl::Function::Abs: {
            const Value& x = arguments[0];
            if (x.kind == ValueKind::Integer) {
                if (x.asInteger() == INT64_MIN) fail(rule, fmt::format("integer overflow in abs({})", x.asInteger()));
                return Value::integer(x.asInteger() < 0 ? -x.asInteger() : x.asInteger());
            }
            if (x.kind == ValueKind::Decimal) return Value::decimal(std::fabs(x.asDecimal()));
            fail(rule, "abs of a value that is not a number");
        }
        case dsl::Function::Min: return extreme(true, arguments[0], arguments[1], rule);
        case dsl::Function::Max: return extreme(false, arguments[0], arguments[1], rule);
        case dsl::Function::Year: return Value::integer(dsl::partsOf(date(0)).year);
        case dsl::Function::Month: return Value::integer(dsl::partsOf(date(0)).month);
        case dsl::Function::Day: return Value::integer(dsl::partsOf(date(0)).day);
        case dsl::Function::YearsBetween: return Value::integer(dsl::wholeYearsBetween(date(0), date(1)));
        case dsl::Function::Today: break;  // a slot, never a call
    }
    fail(rule, "unknown function");
}

}  // namespace

Value evaluate(const Expression& expression, const std::vector<Value>& frame, RuleId rule) {
    switch (expression.op) {
        case Expression::Op::Constant: return expression.constant;
        case Expression::Op::Variable: return frame[expression.slot];
        case Expression::Op::Negate: {
            Value operand = evaluate(expression.operands[0], frame, rule);
            if (operand.kind == ValueKind::Integer) {
                if (operand.asInteger() == INT64_MIN) fail(rule, fmt::format("integer overflow in -({})", operand.asInteger()));
                return Value::integer(-operand.asInteger());
            }
            if (operand.kind == ValueKind::Decimal) return Value::decimal(-operand.asDecimal());
            fail(rule, "negation of a value that is not a number");
        }
        case Expression::Op::Call: {
            std::vector<Value> arguments;
            for (const Expression& operand : expression.operands) arguments.push_back(evaluate(operand, frame, rule));
            return call(expression.function, arguments, rule);
        }
        default:
            return arithmetic(expression.op, evaluate(expression.operands[0], frame, rule), evaluate(expression.operands[1], frame, rule),
                              rule);
    }
}

bool compare(CompareOp op, const Value& left, const Value& right, const SymbolTable& symbols) {
    if (op == CompareOp::Equal || op == CompareOp::NotEqual) {
        // Integers and decimals compare by value (3 = 3.0); everything else by identity.
        bool mixedNumbers = left.isNumeric() && right.isNumeric() && left.kind != right.kind;
        bool equal = mixedNumbers ? asDouble(left) == asDouble(right) : left == right;
        return (op == CompareOp::Equal) == equal;
    }
    int order = compareValues(left, right, symbols);
    switch (op) {
        case CompareOp::Less: return order < 0;
        case CompareOp::LessEqual: return order <= 0;
        case CompareOp::Greater: return order > 0;
        case CompareOp::GreaterEqual: return order >= 0;
        default: return false;
    }
}

}  // namespace accord::engine
