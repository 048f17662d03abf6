// A compiled rule: the nested loops that evaluate one rule body, as data.
//
// Each Step is one loop or one test over a frame of variable slots. Printed by
// plan_printer.cpp (`accord plan`), in the spirit of Soufflé's RAM and SQLite's EXPLAIN:
//
//   rule turkey_blocks #3 at votes.rules:12:1
//     SCAN ally(->A)                -- every tuple, binds A
//     SCAN candidate(->C)
//     LOOKUP eu_bias(C)             -- a bound column: the relation's index on it
//     NOT EXISTS assurance(C, _)
//     FILTER A != turkey
//     EMIT vote(A, C, block)
//
// The "what" (which literals, in which order) is decided when a clause is lowered
// (lower_clause.cpp); the "how" (which index) by the relation at run time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/functions.hpp"
#include "accord/engine/relation.hpp"
#include "accord/engine/value.hpp"

namespace accord::engine {

using Slot = std::uint32_t;

/// A compiled term, evaluated over a frame: a constant, a variable slot, arithmetic, or a
/// built-in function. (`today` is a slot the runner fills with the evaluation's date.)
struct Expression {
    enum class Op : std::uint8_t { Constant, Variable, Negate, Add, Subtract, Multiply, Divide, Modulo, Call };
    Op op = Op::Constant;
    dsl::Function function = dsl::Function::Abs;  ///< Op::Call
    Value constant;  ///< Op::Constant
    Slot slot = 0;  ///< Op::Variable
    std::vector<Expression> operands;  ///< Negate: 1, Call: the function's arguments, others: 2

    static Expression ofConstant(Value value) {
        Expression e;
        e.constant = value;
        return e;
    }
    static Expression ofSlot(Slot slot) {
        Expression e;
        e.op = Op::Variable;
        e.slot = slot;
        return e;
    }
    static Expression of(Op op, std::vector<Expression> operands) {
        Expression e;
        e.op = op;
        e.operands = std::move(operands);
        return e;
    }
};

enum class CompareOp : std::uint8_t { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

/// How a scan matches one column of a tuple.
struct ColumnMatch {
    enum class Kind : std::uint8_t {
        Key,  ///< equals `expression` (constants and bound variables): part of the index key
        Bind,  ///< a free variable: stores the column's value in `slot`
        Check,  ///< equals the variable `slot` bound earlier in the same atom (`p(X, X)`)
        Ignore,  ///< `_`
    };
    Kind kind = Kind::Ignore;
    Expression expression;  ///< Kind::Key
    Slot slot = 0;  ///< Kind::Bind, Kind::Check
};

enum class AggregateFunction : std::uint8_t { Count, Sum, Min, Max, Mean };

/// The columns whose values the runner converts, so that a number has one identity wherever
/// it comes from (constants are converted when lowered; storedAs in value_format is the
/// rule): a decimal column stores and matches an integer as the decimal of the same value,
/// an integer column matches an integral decimal as the integer, and a variable that also
/// stands in an integer column holds integers, one that stands only in decimal columns
/// decimals, however it is bound (so that its value does not depend on which of its
/// columns, or which assignment, the join order reads first).
struct ColumnConversions {
    ColumnMask toDecimal = 0;
    ColumnMask toInteger = 0;

    Value apply(std::size_t column, Value value) const {
        if (toDecimal >> column & 1) return inColumnOfKind(value, ValueKind::Decimal);
        if (toInteger >> column & 1) return inColumnOfKind(value, ValueKind::Integer);
        return value;
    }

    /// Marks a column whose term is computed at run time for conversion to the column's kind of number.
    void convertTo(std::size_t column, std::optional<ValueKind> kind) {
        if (column >= 64) return;  // the checker allows no more columns
        if (kind == ValueKind::Decimal) toDecimal |= ColumnMask{1} << column;
        if (kind == ValueKind::Integer) toInteger |= ColumnMask{1} << column;
    }
};

struct Step;
using Steps = std::vector<Step>;

/// One loop or test of a rule body.
struct Step {
    enum class Kind : std::uint8_t {
        Scan,  ///< SCAN/LOOKUP r(...): for each matching tuple (the delta only when readsDelta)
        NotExists,  ///< NOT EXISTS r(...): no matching tuple (or only uncertain ones: confidence)
        Filter,  ///< FILTER left op right
        Assign,  ///< LET slot = expression
        Aggregate,  ///< LET slot = f { elements : body }
        ForAll,  ///< FOR ALL domain: consequent
    };
    Kind kind = Kind::Filter;

    // Scan, NotExists
    RelationId relation = 0;
    std::vector<ColumnMatch> columns;
    ColumnMask keyMask = 0;
    ColumnConversions keyConversions;  ///< of the computed keys, and of the values a Check compares
    ColumnConversions bindConversions;  ///< of the values bound: an integer variable bound in a decimal column
    bool readsDelta = false;
    /// Scan: the atom binds nothing used elsewhere (its free variables are `_` or appear
    /// nowhere else in the rule), so only whether a match exists matters. An evaluation
    /// (RuleRunner::run) goes on from one match, the best one, instead of from each: the
    /// rest of the body runs once per Y for `d(Y, _)`, not once per matching d. (Without
    /// provenance the first certain match ends the lookup; with it, every match is compared,
    /// to keep the derivation a run over every match would keep. The best is chosen by the
    /// confidence so far: should later factors round two different ones to the same final
    /// confidence, the premises kept may differ from that run's; the confidence does not.)
    bool existsOnly = false;

    // Filter
    Expression left, right;
    CompareOp compare = CompareOp::Equal;

    // Assign, Aggregate: the slot written; Assign: the kind of number its variable holds
    // (see ColumnConversions), when it stands in a numeric column
    Slot target = 0;
    std::optional<ValueKind> targetKind;
    Expression value;

    // Aggregate
    AggregateFunction function = AggregateFunction::Count;
    std::vector<Expression> elements;
    Steps body;

    // ForAll: for every solution of `domain`, some alternative of `consequent` has a solution
    Steps domain;
    std::vector<Steps> consequent;
};

/// One version of one rule: its body in join order and its head.
struct RulePlan {
    RuleId rule = 0;  ///< index into ProgramPlan::rules
    RelationId head = 0;
    std::vector<Expression> headTerms;  ///< one per stored column (keyed: the value last)
    ColumnConversions headConversions;  ///< of the computed head terms
    Steps steps;
    Slot slotCount = 0;
    std::vector<std::string> slotNames;  ///< the variable of each slot, for explanations
    /// The kind of number each slot's variable holds (see ColumnConversions; nullopt: it stands
    /// in no numeric column), for a caller that binds slots itself (head_bound_plan.hpp).
    std::vector<std::optional<ValueKind>> slotKinds;
    /// The first `independentSteps` steps share no variable with the head or the later steps
    /// (`b(Y, Z), c(Z, W), W > Y` in `r(X) if a(X) and b(Y, Z) and c(Z, W) and W > Y`): an
    /// evaluation solves them once, keeps their best solution, and runs the rest from it.
    std::size_t independentSteps = 0;
    std::optional<std::size_t> deltaStep;  ///< the scan that reads the delta, in a semi-naive version
    std::optional<Slot> todaySlot;  ///< where the body reads `today`: the runner puts the evaluation's date there
};

}  // namespace accord::engine
