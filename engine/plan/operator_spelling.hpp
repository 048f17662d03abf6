// How each operator of a rule plan is written, once: in plans (`accord plan`), in
// explanations (rule probes) and in messages.
#pragma once

#include "accord/engine/plan/rule_plan.hpp"

namespace accord::engine {

inline const char* spelling(CompareOp op) {
    switch (op) {
        case CompareOp::Equal: return "=";
        case CompareOp::NotEqual: return "!=";
        case CompareOp::Less: return "<";
        case CompareOp::LessEqual: return "<=";
        case CompareOp::Greater: return ">";
        case CompareOp::GreaterEqual: return ">=";
    }
    return "?";
}

inline const char* spelling(AggregateFunction function) {
    switch (function) {
        case AggregateFunction::Count: return "count";
        case AggregateFunction::Sum: return "sum";
        case AggregateFunction::Min: return "min";
        case AggregateFunction::Max: return "max";
        case AggregateFunction::Mean: return "mean";
    }
    return "?";
}

/// The arithmetic operators (Negate is a prefix `-`); nullptr for constants, variables and
/// calls (which are spelled by their function's name, dsl/functions.hpp).
inline const char* spelling(Expression::Op op) {
    switch (op) {
        case Expression::Op::Negate:
        case Expression::Op::Subtract: return "-";
        case Expression::Op::Add: return "+";
        case Expression::Op::Multiply: return "*";
        case Expression::Op::Divide: return "/";
        case Expression::Op::Modulo: return "mod";
        case Expression::Op::Call:
        case Expression::Op::Constant:
        case Expression::Op::Variable: return nullptr;
    }
    return nullptr;
}

}  // namespace accord::engine
