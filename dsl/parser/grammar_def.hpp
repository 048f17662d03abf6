// The Accord rule grammar (Boost.Spirit X3).
//
// Laid out like example/x3/rexpr: Lexical pieces / Rule IDs / Rules / Grammar.
// Each rule's name is what an error message prints ("expected relation name"), so
// every parser to the right of an expectation `>` is a named rule or a literal.
// Included by grammar.cpp only: this is the one heavy translation unit.
//
// Both spellings are accepted and give the same AST:
//   approve(T, C) if candidate(C) and no eu_bias(C).
//   approve(T, C) :- candidate(C), !eu_bias(C).
#pragma once

#include <charconv>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include <boost/spirit/home/x3.hpp>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/ast_adapted.hpp"
#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/functions.hpp"
#include "accord/dsl/parser/parser_state.hpp"

// Expectation failures name what was expected with x3::what(). A semantic action or a
// raw[] around a rule would otherwise report a mangled C++ type name: name them by
// their subject instead, so every `> p` reads as "expected <rule name>".
namespace boost::spirit::x3 {
template <typename Subject, typename Action>
struct get_info<action<Subject, Action>> {
    using result_type = std::string;
    std::string operator()(const action<Subject, Action>& parser) const { return what(parser.subject); }
};
template <typename Subject>
struct get_info<raw_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const raw_directive<Subject>& parser) const { return what(parser.subject); }
};
template <typename Subject>
struct get_info<accord::dsl::parser::located_directive<Subject>> {
    using result_type = std::string;
    std::string operator()(const accord::dsl::parser::located_directive<Subject>& parser) const { return what(parser.subject); }
};
}  // namespace boost::spirit::x3

namespace accord::dsl::parser {

namespace x3 = boost::spirit::x3;
using x3::_attr;
using x3::_val;
using x3::char_;
using x3::lexeme;
using x3::lit;
using x3::raw;

///////////////////////////////////////////////////////////////////////////////
//  Lexical pieces
///////////////////////////////////////////////////////////////////////////////
// Character classes are spelled as sets, not x3::alnum/space: those call <cctype> on
// plain char, which is undefined for the bytes of UTF-8 text.
auto const word_char = char_("a-zA-Z0-9_");
auto const digit = char_("0-9");
auto const line_rest = *(char_ - lit('\n'));

/// Whitespace and the three comment styles. `##` doc comments are skipped here too:
/// they are attached to the next statement after parsing (see parse.cpp).
auto const skipper = char_(" \t\r\n\f\v") | (lit('#') >> line_rest) | (lit("//") >> line_rest) | (lit('%') >> line_rest);

/// A whole word, so that `no` never swallows the start of `nobody`.
inline auto kw(const char* word) { return lexeme[lit(word) >> !word_char]; }

/// Words that cannot name a relation because a statement or condition starts with them.
/// The annotation words (`source`, `since`, `until`, `by`, `default`, `overrides`) stay
/// free: they only have a meaning after a head, where no relation name can stand.
inline x3::symbols<int> const reserved_words({{"if", 0},
                                              {"and", 0},
                                              {"or", 0},
                                              {"not", 0},
                                              {"no", 0},
                                              {"for", 0},
                                              {"all", 0},
                                              {"forall", 0},
                                              {"rule", 0},
                                              {"relation", 0},
                                              {"include", 0},
                                              {"resolve", 0}},
                                             "keyword");

inline x3::symbols<ast::AggregateOp> const aggregate_ops({{"count", ast::AggregateOp::Count},
                                                          {"sum", ast::AggregateOp::Sum},
                                                          {"min", ast::AggregateOp::Min},
                                                          {"max", ast::AggregateOp::Max},
                                                          {"mean", ast::AggregateOp::Mean},
                                                          {"avg", ast::AggregateOp::Mean}},
                                                         "aggregate");

/// The built-in functions that take arguments (`today` takes none and is a word of its own).
inline x3::symbols<std::string> const function_names = [] {
    x3::symbols<std::string> names(std::string("function"));
    for (const FunctionSignature& function : builtinFunctions()) {
        if (function.arity > 0) names.add(function.name, std::string(function.name));
    }
    return names;
}();

inline x3::symbols<ast::CompareOp> const compare_ops({{"=", ast::CompareOp::Equal},
                                                      {"==", ast::CompareOp::Equal},
                                                      {"!=", ast::CompareOp::NotEqual},
                                                      {"<", ast::CompareOp::Less},
                                                      {"<=", ast::CompareOp::LessEqual},
                                                      {">", ast::CompareOp::Greater},
                                                      {">=", ast::CompareOp::GreaterEqual}},
                                                     "comparison operator");

inline x3::symbols<ast::Type> const type_names({{"symbol", ast::Type::Symbol},
                                                {"string", ast::Type::String},
                                                {"integer", ast::Type::Integer},
                                                {"decimal", ast::Type::Decimal},
                                                {"date", ast::Type::Date}},
                                               "type");

inline x3::symbols<char> const escape_codes({{"\"", '"'}, {"'", '\''}, {"\\", '\\'}, {"n", '\n'}, {"t", '\t'}}, "escape");

///////////////////////////////////////////////////////////////////////////////
//  Semantic actions
///////////////////////////////////////////////////////////////////////////////
/// `@0.8`, with the position of the number for diagnostics.
struct ConfidenceToken : ast::Located {
    double value = 1;
};

namespace actions {

template <typename Range>
std::string_view textOf(const Range& range) {
    return {&*range.begin(), static_cast<std::size_t>(range.end() - range.begin())};
}

/// The span of the raw text an action received. (x3::_where is not used: in Boost 1.74
/// it starts after the match, not at it.)
template <typename Context>
SourceSpan whereSpan(const Context& context) {
    return stateOf(context).span(_attr(context).begin(), _attr(context).end());
}

inline auto const set_name = [](auto& context) { _val(context).name = std::string(textOf(_attr(context))); };
inline auto const set_string = [](auto& context) { _val(context).value = std::move(_attr(context)); };
inline auto const set_quoted_name = [](auto& context) { _val(context).name = std::move(_attr(context)); };

/// Integer literal text -> value; out-of-range literals are reported and parsing goes on.
inline auto const make_integer = [](auto& context) {
    std::string_view text = textOf(_attr(context));
    std::int64_t value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{}) {
        stateOf(context).diagnostics.error(whereSpan(context), "integer literal out of range",
                                           "integers are 64-bit: from -9223372036854775808 to 9223372036854775807");
    }
    _val(context).value = value;
};

inline auto const make_decimal = [](auto& context) {
    std::string_view text = textOf(_attr(context));
    double value = 0;
    auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (result.ec != std::errc{} || !std::isfinite(value)) {
        stateOf(context).diagnostics.error(whereSpan(context), "decimal literal out of range");
        value = 0;
    }
    _val(context).value = value;
};

inline auto const make_date = [](auto& context) {
    std::string_view text = textOf(_attr(context));
    if (auto date = parseDate(text)) {
        _val(context).value = *date;
    } else {
        stateOf(context).diagnostics.error(whereSpan(context), "invalid date '" + std::string(text) + "'",
                                           "dates are YYYY-MM-DD and must exist in the calendar");
    }
};

inline auto const make_confidence = [](auto& context) {
    std::string_view text = textOf(_attr(context));
    double value = 0;
    std::from_chars(text.data(), text.data() + text.size(), value);
    if (!(value > 0 && value <= 1)) {
        stateOf(context).diagnostics.error(whereSpan(context), "confidence must be in (0, 1], got " + std::string(text),
                                           "write a confidence as a probability, e.g. @0.8");
        value = 1;
    }
    _val(context).value = value;
};

/// `- operand`: folds into numeric literals so that `-3` and `- 3` are the same constant.
/// The span, which must include the '-', is set by `located`.
inline auto const make_negative = [](auto& context) {
    ast::Expr& operand = _attr(context);
    SourceSpan span = spanOf(operand);
    if (auto* integer = boost::get<ast::Integer>(&operand); integer && integer->value != std::numeric_limits<std::int64_t>::min()) {
        integer->value = -integer->value;
        integer->span = span;
        _val(context) = std::move(*integer);
    } else if (auto* decimal = boost::get<ast::Decimal>(&operand)) {
        decimal->value = -decimal->value;
        decimal->span = span;
        _val(context) = std::move(*decimal);
    } else {
        ast::Negative negative;
        negative.span = span;
        negative.operand = std::move(operand);
        _val(context) = std::move(negative);
    }
};

inline auto const assign = [](auto& context) { _val(context) = std::move(_attr(context)); };

/// Length of the chain of Binary nodes down the left side of an expression.
inline std::size_t leftChainLength(const ast::Expr& expr, std::size_t stopAt) {
    std::size_t length = 0;
    const ast::Expr* current = &expr;
    while (length < stopAt) {
        auto* binary = boost::get<x3::forward_ast<ast::Binary>>(current);
        if (!binary) break;
        current = &binary->get().left;
        ++length;
    }
    return length;
}

/// Left-associative folding of `a op b op c` into Binary nodes. A chain is as deep as it
/// is long, so its length counts against the nesting limit (later passes recurse on it).
inline auto const fold_binary = [](auto& context) {
    ParserState& state = stateOf(context);
    if (leftChainLength(_val(context), state.maxDepth) + state.depth >= state.maxDepth) {
        throw NestingTooDeep{state.begin + spanOf(boost::fusion::at_c<1>(_attr(context))).begin};
    }
    auto& operation = _attr(context);
    ast::Binary binary;
    binary.left = std::move(_val(context));
    binary.op = static_cast<ast::ArithmeticOp>(boost::fusion::at_c<0>(operation));
    binary.right = std::move(boost::fusion::at_c<1>(operation));
    binary.span = {spanOf(binary.left).file, spanOf(binary.left).begin, spanOf(binary.right).end};
    _val(context) = std::move(binary);
};

inline auto const set_negated_atom = [](auto& context) { _val(context).atom = std::move(_attr(context)); };

// Actions on the parts of an atom: `_val` is the Atom being built.
inline auto const set_relation = [](auto& context) { _val(context).relation = std::move(_attr(context)); };
inline auto const set_arguments = [](auto& context) { _val(context).arguments = std::move(_attr(context)); };
inline auto const set_value = [](auto& context) { _val(context).value = std::move(_attr(context)); };
inline auto const set_value_differs = [](auto& context) {
    _val(context).value = std::move(_attr(context));
    _val(context).valueDiffers = true;
};

/// A word before `{` that names no aggregate: reported, and read as `count` so that the
/// rest of the statement is still checked.
inline auto const unknown_aggregate = [](auto& context) {
    stateOf(context).diagnostics.error(whereSpan(context), fmt::format("unknown aggregate '{}'", textOf(_attr(context))),
                                       "the aggregates are count, sum, min, max and mean (or avg)");
    _val(context) = ast::AggregateOp::Count;
};
inline auto const set_literals = [](auto& context) { _val(context).literals = std::move(_attr(context)); };
inline auto const set_alternatives = [](auto& context) { _val(context).alternatives = std::move(_attr(context)); };
inline auto const push_value = [](auto& context) { _val(context).values.push_back(std::move(_attr(context))); };
inline auto const set_include_path = [](auto& context) { _val(context).path = std::move(_attr(context).value); };
inline auto const set_threshold = [](auto& context) { _val(context).value = _attr(context).value; };

// Actions on parts of a rule statement: `_val` is the Rule being built.
inline auto const set_rule_name = [](auto& context) {
    _val(context).name = std::string(textOf(_attr(context)));
    _val(context).nameSpan = whereSpan(context);
};
inline auto const set_head = [](auto& context) { _val(context).head = std::move(_attr(context)); };
inline auto const set_default = [](auto& context) { _val(context).isDefault = true; };
inline auto const set_body = [](auto& context) { _val(context).body = std::move(_attr(context)); };

/// Stores one annotation of a rule (from a Located token), reporting one given twice.
template <typename Member, typename Token>
void storeAnnotation(auto& context, Member member, Token&& value, SourceSpan span, const char* what) {
    auto& slot = _val(context).annotations.*member;
    if (slot) {
        stateOf(context).diagnostics.error(span, std::string(what) + " given twice", "a fact or rule has at most one of each annotation");
    }
    slot = std::forward<Token>(value);
}
inline auto const set_confidence = [](auto& context) {
    storeAnnotation(context, &ast::Annotations::confidence, _attr(context).value, _attr(context).span, "confidence");
};
inline auto const set_source = [](auto& context) {
    storeAnnotation(context, &ast::Annotations::source, std::move(_attr(context).value), _attr(context).span, "source");
};
inline auto const set_since = [](auto& context) {
    storeAnnotation(context, &ast::Annotations::since, _attr(context).value, _attr(context).span, "'since' date");
};
inline auto const set_until = [](auto& context) {
    storeAnnotation(context, &ast::Annotations::until, _attr(context).value, _attr(context).span, "'until' date");
};

}  // namespace actions

///////////////////////////////////////////////////////////////////////////////
//  Rule IDs
///////////////////////////////////////////////////////////////////////////////
struct lower_name_class;
struct relation_name_class;
struct rule_name_class;
struct column_name_class;
struct type_name_class;
struct variable_class : annotate_span {};
struct symbol_class : annotate_span {};
struct string_literal_class : annotate_span {};
struct string_chars_class;
struct string_end_class;
struct quoted_symbol_chars_class;
struct quoted_symbol_end_class;
struct escape_class;
struct integer_class : annotate_span {};
struct decimal_class : annotate_span {};
struct date_class : annotate_span {};
struct confidence_class : annotate_span {};
struct negative_class;
struct paren_expr_class;
struct primary_class;
struct multiplicative_class;
struct expression_class;
struct aggregate_class : annotate_span {};
struct aggregate_op_class;
struct unknown_aggregate_class;
struct call_class : annotate_span {};
struct multiplicative_op_class;
struct today_class : annotate_span {};
struct element_list_class;
struct argument_list_class;
struct atom_class : annotate_span {};
struct negation_class : annotate_span {};
struct comparison_class : annotate_span {};
struct for_all_class : annotate_span {};
struct group_class : annotate_span {};
struct literal_class;
struct literal_list_class;
struct conjunction_class : annotate_span {};
struct conjunction_list_class;
struct disjunction_class : annotate_span {};
struct rule_tail_class;
struct rule_end_class;
struct rule_statement_class : annotate_span {};
struct column_class : annotate_span {};
struct relation_decl_class : annotate_span {};
struct constant_class;
struct override_chain_class : annotate_span {};
struct overrides_word_class;
struct resolution_class : annotate_span {};
struct include_class : annotate_span {};
struct threshold_class : annotate_span {};
struct statement_class;
struct all_word_class;
struct default_word_class;
struct colon_class;

///////////////////////////////////////////////////////////////////////////////
//  Rules
///////////////////////////////////////////////////////////////////////////////
x3::rule<lower_name_class, std::string> const lower_name = "lowercase name";
x3::rule<relation_name_class, std::string> const relation_name = "relation name";
x3::rule<rule_name_class, std::string> const rule_name = "rule name";
x3::rule<column_name_class, std::string> const column_name = "column name";
x3::rule<type_name_class, ast::Type> const type_name = "type (symbol, string, integer, decimal or date)";
x3::rule<variable_class, ast::Variable> const variable = "variable";
x3::rule<symbol_class, ast::Symbol> const symbol = "symbol";
x3::rule<string_literal_class, ast::String> const string_literal = "string";
x3::rule<string_chars_class, std::string> const string_chars = "string characters";
x3::rule<string_end_class> const string_end = "'\"' closing the string (strings end on the line they start)";
x3::rule<quoted_symbol_chars_class, std::string> const quoted_symbol_chars = "symbol characters";
x3::rule<quoted_symbol_end_class> const quoted_symbol_end = "\"'\" closing the quoted symbol (it ends on the line it starts)";
x3::rule<escape_class, char> const escape = "escape sequence (\\\", \\', \\\\, \\n or \\t)";
x3::rule<integer_class, ast::Integer> const integer = "integer";
x3::rule<decimal_class, ast::Decimal> const decimal = "decimal";
x3::rule<date_class, ast::DateConstant> const date = "date";
x3::rule<confidence_class, ConfidenceToken> const confidence = "confidence (a number in (0, 1])";
x3::rule<negative_class, ast::Expr> const negative = "negated term";
x3::rule<paren_expr_class, ast::Expr> const paren_expr = "parenthesised expression";
x3::rule<primary_class, ast::Expr> const primary = "term";
x3::rule<multiplicative_class, ast::Expr> const multiplicative = "term";
x3::rule<expression_class, ast::Expr> const expression = "term";
x3::rule<aggregate_class, ast::Aggregate> const aggregate = "aggregate";
x3::rule<aggregate_op_class, ast::AggregateOp> const aggregate_op = "aggregate";
x3::rule<unknown_aggregate_class, ast::AggregateOp> const unknown_aggregate = "aggregate";
x3::rule<call_class, ast::Call> const call = "function call";
x3::rule<multiplicative_op_class, char> const multiplicative_op = "'*', '/' or 'mod'";
x3::rule<today_class, ast::Call> const today = "'today'";
x3::rule<element_list_class, std::vector<ast::Expr>> const element_list = "aggregate element (the terms before ':')";
x3::rule<argument_list_class, std::vector<ast::Expr>> const argument_list = "argument list";
x3::rule<atom_class, ast::Atom> const atom = "atom";
x3::rule<negation_class, ast::Negation> const negation = "negation";
x3::rule<comparison_class, ast::Comparison> const comparison = "comparison";
x3::rule<for_all_class, ast::ForAll> const for_all = "for all";
x3::rule<group_class, ast::Disjunction> const group = "group";
x3::rule<literal_class, ast::Literal> const literal = "condition (an atom, a negation, a comparison or 'for all')";
x3::rule<literal_list_class, std::vector<ast::Literal>> const literal_list = "conditions";
x3::rule<conjunction_class, ast::Conjunction> const conjunction = "conditions";
x3::rule<conjunction_list_class, std::vector<ast::Conjunction>> const conjunction_list = "conditions";
x3::rule<disjunction_class, ast::Disjunction> const disjunction = "rule body";
x3::rule<rule_tail_class, boost::optional<ast::Disjunction>> const rule_tail = "'if', ':-' or '.' after the rule head";
x3::rule<rule_end_class> const rule_end = "'and', 'or' or '.' (end of the rule)";
x3::rule<rule_statement_class, ast::Rule> const rule_statement = "rule";
x3::rule<column_class, ast::Column> const column = "column (name: type)";
x3::rule<relation_decl_class, ast::RelationDecl> const relation_decl = "relation declaration";
x3::rule<constant_class, ast::Expr> const constant = "value (a symbol, string, number or date)";
x3::rule<override_chain_class, ast::OverrideChain> const override_chain = "override chain (a overrides b)";
x3::rule<overrides_word_class> const overrides_word = "'overrides'";
x3::rule<resolution_class, ast::Resolution> const resolution = "resolution";
x3::rule<include_class, ast::Include> const include = "include";
x3::rule<threshold_class, ast::Threshold> const threshold = "threshold";
x3::rule<statement_class, ast::Statement> const statement = "statement (a fact, a rule, 'relation', 'resolve', 'threshold' or 'include')";
x3::rule<all_word_class> const all_word = "'all'";
x3::rule<default_word_class> const default_word = "'default'";
x3::rule<colon_class> const colon = "':'";

///////////////////////////////////////////////////////////////////////////////
//  Grammar
///////////////////////////////////////////////////////////////////////////////
// ---- Names and constants
auto const lower_name_def = raw[lexeme[!(reserved_words >> !word_char) >> char_("a-z") >> *word_char]];
auto const relation_name_def = lower_name;
auto const rule_name_def = lexeme[char_("a-zA-Z_") >> *word_char];
auto const column_name_def = raw[lexeme[char_("a-zA-Z_") >> *word_char]];
auto const type_name_def = lexeme[type_names >> !word_char];
auto const variable_def = located[raw[lexeme[char_("A-Z_") >> *word_char]][actions::set_name]];
// Keywords may be values (`vote(A, C) = no`): a term never stands where a keyword could.
auto const symbol_word = raw[lexeme[char_("a-z") >> *word_char]];
// A symbol that is not a plain lowercase word (`'United Kingdom'`, as imported from a
// table) is written between single quotes, as every output prints it.
auto const quoted_symbol_chars_def = *((lit('\\') > escape) | (char_ - '\'' - '\\' - '\n'));
auto const quoted_symbol_end_def = lit('\'');
auto const symbol_def =
    located[symbol_word[actions::set_name] | lexeme[lit('\'') > quoted_symbol_chars > quoted_symbol_end][actions::set_quoted_name]];

auto const escape_def = escape_codes;
auto const string_chars_def = *((lit('\\') > escape) | (char_ - '"' - '\\' - '\n'));
auto const string_end_def = lit('"');
auto const string_literal_def = located[lexeme[lit('"') > string_chars > string_end][actions::set_string]];

auto const integer_def = located[raw[lexeme[-lit('-') >> +digit >> !word_char]][actions::make_integer]];
auto const decimal_def =
    located[raw[lexeme[-lit('-') >> +digit >> lit('.') >> +digit >> -(char_("eE") >> -char_("+-") >> +digit) >> !word_char]]
               [actions::make_decimal]];
auto const date_shape = digit >> digit >> digit >> digit >> lit('-') >> digit >> digit >> lit('-') >> digit >> digit;
auto const date_def = located[raw[lexeme[date_shape >> !word_char]][actions::make_date]];
auto const confidence_def = located[raw[lexeme[+digit >> -(lit('.') >> +digit) >> !word_char]][actions::make_confidence]];

// ---- Expressions: primary, then * /, then + -
auto const negative_def = located[(lit('-') >> primary)[actions::make_negative]];
auto const paren_expr_def = (lit('(') >> expression) > lit(')');
// A function's name is a term only before '(' (`p(max)` is the symbol max); `today` always is.
auto const call_def = lexeme[function_names >> !word_char] >> &lit('(') >> argument_list;
auto const today_def = kw("today") >> x3::attr(std::string("today")) >> x3::attr(std::vector<ast::Expr>());
auto const primary_def =
    depth_guard[date | decimal | integer | aggregate | today | call | variable | string_literal | symbol | negative | paren_expr];
// `%` starts a comment, so the remainder is `mod`.
auto const multiplicative_op_def = char_("*/") | (kw("mod") >> x3::attr('%'));
auto const multiplicative_def = primary[actions::assign] >> *((multiplicative_op > primary)[actions::fold_binary]);
auto const expression_def = multiplicative[actions::assign] >> *((char_("+-") > multiplicative)[actions::fold_binary]);

auto const element_list_def = expression % ',';
auto const unknown_aggregate_def = (raw[lexeme[char_("a-z") >> *word_char]] >> &lit('{'))[actions::unknown_aggregate];
auto const aggregate_op_def = lexeme[aggregate_ops >> !word_char] | unknown_aggregate;
auto const aggregate_def = (aggregate_op >> lit('{')) > element_list > colon > literal_list > lit('}');

// ---- Literals and bodies
auto const argument_list_def = lit('(') > ((expression % ',') | x3::attr(std::vector<ast::Expr>())) > lit(')');
auto const equals = lit("==") | (lit('=') >> !lit('='));
// Optional parts are guarded by a look-ahead (`&p >> p`): a failed X3 parser still moves
// past the whitespace and comments it skipped, which would stretch the node's span.
auto const atom_def = located[relation_name[actions::set_relation] >> -(&lit('(') >> argument_list[actions::set_arguments]) >>
                              -(((&equals >> equals) > expression[actions::set_value]) |
                                ((&lit("!=") >> lit("!=")) > expression[actions::set_value_differs]))];
auto const negation_word = kw("not") | kw("no") | (lit('!') >> !lit('='));
auto const negation_def = located[(negation_word > atom)[actions::set_negated_atom]];
auto const comparison_def = expression >> compare_ops > expression;
auto const all_word_def = kw("all");
auto const for_all_def = (kw("forall") | (kw("for") > all_word)) > literal_list > colon > literal;
auto const group_def = lit('(') >> disjunction >> lit(')');
auto const literal_def = depth_guard[negation | for_all | group | comparison | atom];
auto const and_word = kw("and") | lit(',');
auto const or_word = kw("or") | lit(';');
auto const literal_list_def = literal >> *(and_word > literal);
auto const conjunction_def = located[literal_list[actions::set_literals]];
auto const conjunction_list_def = conjunction >> *(or_word > conjunction);
auto const disjunction_def = located[conjunction_list[actions::set_alternatives]];
auto const colon_def = lit(':');

// ---- Rules and facts
auto const if_word = kw("if") | lit(":-");
auto const rule_end_def = lit('.');
auto const rule_tail_def = lit('.') | (if_word > disjunction[actions::assign] > rule_end);
auto const default_word_def = kw("default");
auto const annotation = (lit('@') > confidence)[actions::set_confidence] | (kw("source") > string_literal)[actions::set_source] |
                        (kw("since") > date)[actions::set_since] | (kw("until") > date)[actions::set_until];
auto const rule_statement_def =
    located[(-(kw("rule") > raw[rule_name][actions::set_rule_name] > *annotation > colon) >> atom[actions::set_head] >>
             -((kw("by") > default_word)[actions::set_default]) >> *annotation) > rule_tail[actions::set_body]];

// ---- Declarations
auto const optional_dot = -(&lit('.') >> lit('.'));
auto const column_def = column_name > colon > type_name;
// `fixed` is not reserved: `fixed(x).` is still a fact, as the sequence backtracks before `relation`.
auto const relation_decl_def = (((kw("fixed") >> x3::attr(true)) | x3::attr(false)) >> kw("relation")) > relation_name > lit('(') >
                               ((column % ',') | x3::attr(std::vector<ast::Column>())) > lit(')') >
                               -((&lit("->") >> lit("->")) > column) > optional_dot;
auto const constant_def = date | decimal | integer | string_literal | symbol;
auto const overrides_word_def = kw("overrides");
auto const override_chain_def = located[constant[actions::push_value] > overrides_word > constant[actions::push_value] >>
                                        *(overrides_word > constant[actions::push_value])];
auto const resolution_def = kw("resolve") > relation_name > colon > (override_chain % ',') > lit('.');
auto const include_def = located[(kw("include") > string_literal > optional_dot)[actions::set_include_path]];

// `threshold` is not reserved: `threshold(x).` is still a fact, as the sequence backtracks
// when no number follows the word.
auto const threshold_def = located[((kw("threshold") >> confidence) > lit('.'))[actions::set_threshold]];

auto const statement_def = relation_decl | resolution | include | threshold | rule_statement;

BOOST_SPIRIT_DEFINE(lower_name, relation_name, rule_name, column_name, type_name, variable, symbol, string_literal, string_chars,
                    string_end, quoted_symbol_chars, quoted_symbol_end, escape, integer, decimal, date, confidence, negative, paren_expr,
                    primary, multiplicative, expression, aggregate, aggregate_op, unknown_aggregate, call, today, multiplicative_op,
                    element_list, argument_list, atom, negation, comparison, for_all, group, literal, literal_list, conjunction,
                    conjunction_list, disjunction, rule_tail, rule_end, rule_statement, column, relation_decl, constant, override_chain,
                    overrides_word, resolution, include, threshold, statement, all_word, default_word, colon)

}  // namespace accord::dsl::parser
