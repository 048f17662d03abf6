// Arithmetic and comparison (see expression_eval.hpp).
#include "engine/eval/expression_eval.hpp"

#include <cmath>

#include "engine/value_format.hpp"

namespace accord::engine {
namespace {

[[noreturn]] void fail(RuleId rule, const std::string& message) { throw EvaluationError(EvaluationError::Kind::Arithmetic, rule, message); }

double asDouble(const Value& value) {
    return value.kind == ValueKind::Decimal ? value.asDecimal() : static_cast<double>(value.asInteger());
}

Value decimalResult(double result, RuleId rule) {
    if (!std::isfinite(result)) fail(rule, "decimal arithmetic overflowed");
    return Value::decimal(result);
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
                if (b == 0) fail(rule, "division by zero");
                if (a == INT64_MIN && b == -1)
                    overflow = true;
                else
                    result = a / b;  // C++ truncates toward zero
                break;
            default: break;
        }
        if (overflow) fail(rule, "integer overflow");
        return Value::integer(result);
    }
    if (left.isNumeric() && right.isNumeric()) {
        double a = asDouble(left), b = asDouble(right);
        switch (op) {
            case Expression::Op::Add: return decimalResult(a + b, rule);
            case Expression::Op::Subtract: return decimalResult(a - b, rule);
            case Expression::Op::Multiply: return decimalResult(a * b, rule);
            case Expression::Op::Divide:
                if (b == 0) fail(rule, "division by zero");
                return decimalResult(a / b, rule);
            default: break;
        }
    }
    // Dates: date ± days, days + date, date - date.
    auto days = [&](const Value& date, std::int64_t delta) {
        std::int64_t result = static_cast<std::int64_t>(date.asDate()) + delta;
        if (result < INT32_MIN || result > INT32_MAX) fail(rule, "date out of range");
        return Value::date(static_cast<std::int32_t>(result));
    };
    if (left.kind == ValueKind::Date && right.kind == ValueKind::Integer) {
        if (op == Expression::Op::Add) return days(left, right.asInteger());
        if (op == Expression::Op::Subtract) {
            if (right.asInteger() == INT64_MIN) fail(rule, "date out of range");
            return days(left, -right.asInteger());
        }
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

Value evaluate(const Expression& expression, const std::vector<Value>& frame, RuleId rule) {
    switch (expression.op) {
        case Expression::Op::Constant: return expression.constant;
        case Expression::Op::Variable: return frame[expression.slot];
        case Expression::Op::Negate: {
            Value operand = evaluate(expression.operands[0], frame, rule);
            if (operand.kind == ValueKind::Integer) {
                if (operand.asInteger() == INT64_MIN) fail(rule, "integer overflow");
                return Value::integer(-operand.asInteger());
            }
            if (operand.kind == ValueKind::Decimal) return Value::decimal(-operand.asDecimal());
            fail(rule, "negation of a value that is not a number");
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
