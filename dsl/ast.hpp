// The Accord abstract syntax tree: plain data with source positions.
//
// Every node that a diagnostic can point at derives from Located. Sum types are
// x3::variant (Spirit X3 cannot parse into std::variant); recursion goes through
// x3::forward_ast. The tree keeps what the user wrote (disjunctions, for-all,
// keyword or Datalog spelling aside): desugaring and checks are separate passes.
//
// Example: `rule turkey_neutrality @0.9: vote(turkey, C) = block if candidate(C) and eu_bias(C).`
//   Rule{name "turkey_neutrality", confidence 0.9,
//        head Atom{"vote", [Symbol turkey, Variable C], value Symbol block},
//        body Disjunction{[Conjunction{[Atom candidate(C), Atom eu_bias(C)]}]}}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include "accord/dsl/date.hpp"
#include "accord/dsl/source_text.hpp"

namespace accord::dsl::ast {

namespace x3 = boost::spirit::x3;

/// Base of every node with a position.
struct Located {
    SourceSpan span;
};

// ---- Terms and expressions -------------------------------------------------------

/// A variable `Ally`, `_Tmp`, or the anonymous variable `_`.
struct Variable : Located {
    std::string name;
    bool isAnonymous() const { return name == "_"; }
};
/// A symbol constant: a lowercase identifier, `turkey`.
struct Symbol : Located {
    std::string name;
};
/// A string constant, `"Bloomberg, 2024-02"` (value unescaped).
struct String : Located {
    std::string value;
};
/// An integer constant, `-3`.
struct Integer : Located {
    std::int64_t value = 0;
};
/// A decimal constant, `0.75`.
struct Decimal : Located {
    double value = 0;
};
/// A date constant, `2024-06-26`.
struct DateConstant : Located {
    Date value;
};

struct Negative;
struct Binary;
struct Aggregate;
struct Call;

/// Any term: a constant, a variable, arithmetic, a built-in function, or an aggregate.
struct Expr : x3::variant<Variable, Symbol, String, Integer, Decimal, DateConstant, x3::forward_ast<Negative>, x3::forward_ast<Binary>,
                          x3::forward_ast<Aggregate>, x3::forward_ast<Call>> {
    using base_type::base_type;
    using base_type::operator=;
};

/// Arithmetic negation of a non-constant, `-X`.
struct Negative : Located {
    Expr operand;
};

enum class ArithmeticOp : char { Add = '+', Subtract = '-', Multiply = '*', Divide = '/', Modulo = '%' };

/// Binary arithmetic, `X + 1`, `X mod 2`.
struct Binary : Located {
    Expr left;
    ArithmeticOp op = ArithmeticOp::Add;
    Expr right;
};

/// A built-in function (dsl/functions.hpp) applied to terms, `years_between(Birth, today)`,
/// or `today`. The name is as written: the checker reports an unknown one.
struct Call : Located {
    std::string function;
    std::vector<Expr> arguments;
};

// ---- Literals ---------------------------------------------------------------------

/// A relation atom: `ally(A)`, `quorum_reached`, or keyed `vote(A, C) = approve`, or
/// `position(S, P) != veto` (it has a value, and not this one).
struct Atom : Located {
    std::string relation;
    std::vector<Expr> arguments;
    boost::optional<Expr> value;  ///< the value column of a keyed relation
    bool valueDiffers = false;  ///< written with `!=`: the value is other than `value`
};

/// Negation as failure: `not eu_bias(C)`, `no eu_bias(C)`, `!eu_bias(C)`.
struct Negation : Located {
    Atom atom;
};

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };

/// A comparison, `N >= 3`, or an assignment `N = count { ... }`.
struct Comparison : Located {
    Expr left;
    CompareOp op = CompareOp::Equal;
    Expr right;
};

struct ForAll;
struct Disjunction;

/// One condition of a rule body. A parenthesised group `(a or b)` is a Disjunction.
struct Literal : x3::variant<Atom, Negation, Comparison, x3::forward_ast<ForAll>, x3::forward_ast<Disjunction>> {
    using base_type::base_type;
    using base_type::operator=;
};

/// `a and b and c` (or `a, b, c`).
struct Conjunction : Located {
    std::vector<Literal> literals;
};

/// `a or b` (or `a; b`): one or more alternatives.
struct Disjunction : Located {
    std::vector<Conjunction> alternatives;
};

/// `for all ally(A): vote(A, C) = approve` — the consequent holds for every domain solution.
struct ForAll : Located {
    std::vector<Literal> domain;
    Literal consequent;
};

enum class AggregateOp { Count, Sum, Min, Max, Mean };

/// `count { A : ally(A), vote(A, C) = approve }` — aggregates over distinct element tuples.
struct Aggregate : Located {
    AggregateOp op = AggregateOp::Count;
    std::vector<Expr> elements;
    std::vector<Literal> body;
};

// ---- Statements -------------------------------------------------------------------

/// `@0.9 source "..." since 2024-02-22 until 2024-06-26` on a fact or rule.
struct Annotations {
    boost::optional<double> confidence;
    boost::optional<std::string> source;
    boost::optional<Date> since;
    boost::optional<Date> until;
};

/// A rule or a fact (a rule without a body).
struct Rule : Located {
    std::vector<std::string> docs;  ///< `##` lines above it, without the `##`
    std::string name;  ///< empty unless `rule NAME:` was written
    SourceSpan nameSpan;
    Annotations annotations;
    Atom head;
    bool isDefault = false;  ///< `... by default if ...`
    boost::optional<Disjunction> body;
    /// Made from alternatives inside an aggregate or a `for all` domain, which it holds
    /// (dsl/lift_alternatives.hpp); its head lists the variables they share with their rule.
    bool lifted = false;
    /// A rule whose alternatives were lifted out: the rule as written (canonical layout),
    /// which is what explanations show of it; empty when nothing was lifted.
    std::string writtenAs;
};

enum class Type { Symbol, String, Integer, Decimal, Date };

/// A named, typed column, `ally: symbol`.
struct Column : Located {
    std::string name;
    Type type = Type::Symbol;
};

/// `relation vote(ally: symbol, candidate: symbol) -> stance: symbol`, or
/// `fixed relation ally(name: symbol)`: reference data the model takes as given, which
/// `accord needs` does not propose to change.
struct RelationDecl : Located {
    std::vector<std::string> docs;
    bool fixed = false;
    std::string name;
    std::vector<Column> columns;
    boost::optional<Column> value;  ///< present for keyed (functional) relations
};

/// `block overrides approve overrides undecided`: each value overrides the ones after it.
struct OverrideChain : Located {
    std::vector<Expr> values;
};

/// `resolve vote: block overrides approve, approve overrides undecided.`
struct Resolution : Located {
    std::vector<std::string> docs;
    std::string relation;
    std::vector<OverrideChain> chains;
};

/// `threshold 0.5.`: conclusions (and facts) less likely than this do not hold, for the
/// rules that read them too. `--min-confidence` replaces it for one evaluation.
struct Threshold : Located {
    std::vector<std::string> docs;
    double value = 0;
};

/// `include "other.rules".`
struct Include : Located {
    std::string path;
};

struct Statement : x3::variant<RelationDecl, Resolution, Threshold, Include, Rule> {
    using base_type::base_type;
    using base_type::operator=;
};

/// `# accord: allow NAME`: the warning NAME is not reported within `statement`.
struct Allowance {
    std::string lint;
    SourceSpan comment;
    SourceSpan statement;
};

/// The statements of one file.
struct Program {
    FileId file = 0;
    std::vector<Statement> statements;
    std::vector<Allowance> allowances;  ///< from comments (dsl/lint/allowances.hpp), not the grammar
};

}  // namespace accord::dsl::ast
