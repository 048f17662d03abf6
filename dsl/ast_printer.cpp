// Canonical printing of the AST (see ast_printer.hpp).
#include "accord/dsl/ast_printer.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/date.hpp"
#include "accord/dsl/lexical.hpp"

namespace accord::dsl {
namespace {

// Precedence of arithmetic: additive < multiplicative < unary.
constexpr int kAdditive = 1;
constexpr int kMultiplicative = 2;
constexpr int kUnary = 3;

int precedenceOf(ast::ArithmeticOp op) {
    return op == ast::ArithmeticOp::Add || op == ast::ArithmeticOp::Subtract ? kAdditive : kMultiplicative;
}

std::string printExpr(const ast::Expr& expr, int parentPrecedence, bool isRightOperand);

/// `+`, `-`, `*`, `/`, `mod` (`%` would start a comment).
std::string spellingOf(ast::ArithmeticOp op) { return op == ast::ArithmeticOp::Modulo ? "mod" : std::string(1, static_cast<char>(op)); }

std::string joinExprs(const std::vector<ast::Expr>& exprs) {
    std::string out;
    for (std::size_t i = 0; i < exprs.size(); ++i) out += (i ? ", " : "") + print(exprs[i]);
    return out;
}

std::string joinLiterals(const std::vector<ast::Literal>& literals, const char* separator, const PrintOptions& options) {
    std::string out;
    for (std::size_t i = 0; i < literals.size(); ++i) out += (i ? separator : "") + print(literals[i], options);
    return out;
}

struct ExprPrinter {
    int parentPrecedence;
    bool isRightOperand;

    std::string operator()(const ast::Variable& v) const { return v.name; }
    std::string operator()(const ast::Symbol& s) const { return formatSymbol(s.name); }
    std::string operator()(const ast::String& s) const { return formatStringLiteral(s.value); }
    std::string operator()(const ast::Integer& i) const { return fmt::format("{}", i.value); }
    std::string operator()(const ast::Decimal& d) const { return formatDecimal(d.value); }
    std::string operator()(const ast::DateConstant& d) const { return formatDate(d.value); }
    std::string operator()(const ast::Negative& n) const { return "-" + printExpr(n.operand, kUnary, false); }
    std::string operator()(const ast::Binary& b) const {
        int precedence = precedenceOf(b.op);
        std::string text =
            fmt::format("{} {} {}", printExpr(b.left, precedence, false), spellingOf(b.op), printExpr(b.right, precedence, true));
        // Every operator is left-associative: a right operand of equal precedence keeps its parentheses.
        bool needsParentheses = precedence < parentPrecedence || (precedence == parentPrecedence && isRightOperand);
        return needsParentheses ? "(" + text + ")" : text;
    }
    std::string operator()(const ast::Call& c) const {
        return c.arguments.empty() && c.function == "today" ? c.function : c.function + "(" + joinExprs(c.arguments) + ")";
    }
    std::string operator()(const ast::Aggregate& a) const {
        return fmt::format("{} {{ {} : {} }}", aggregateName(a.op), joinExprs(a.elements), joinLiterals(a.body, ", ", {}));
    }
    template <typename T>
    std::string operator()(const ast::x3::forward_ast<T>& node) const {
        return (*this)(node.get());
    }
};

std::string printExpr(const ast::Expr& expr, int parentPrecedence, bool isRightOperand) {
    return boost::apply_visitor(ExprPrinter{parentPrecedence, isRightOperand}, expr);
}

std::string printDisjunctionInline(const ast::Disjunction& disjunction, const PrintOptions& options) {
    bool keywords = options.spelling == Spelling::Keywords;
    std::string out;
    for (std::size_t i = 0; i < disjunction.alternatives.size(); ++i) {
        if (i) out += keywords ? " or " : "; ";
        out += joinLiterals(disjunction.alternatives[i].literals, keywords ? " and " : ", ", options);
    }
    return out;
}

struct LiteralPrinter {
    const PrintOptions& options;

    std::string operator()(const ast::Atom& atom) const { return print(atom); }
    std::string operator()(const ast::Negation& negation) const {
        return (options.spelling == Spelling::Keywords ? "not " : "!") + print(negation.atom);
    }
    std::string operator()(const ast::Comparison& c) const {
        static const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
        return fmt::format("{} {} {}", print(c.left), ops[static_cast<int>(c.op)], print(c.right));
    }
    std::string operator()(const ast::ForAll& f) const {
        return "for all " + joinLiterals(f.domain, ", ", options) + ": " + print(f.consequent, options);
    }
    std::string operator()(const ast::Disjunction& d) const { return "(" + printDisjunctionInline(d, options) + ")"; }
    template <typename T>
    std::string operator()(const ast::x3::forward_ast<T>& node) const {
        return (*this)(node.get());
    }
};

std::string printDocs(const std::vector<std::string>& docs) {
    std::string out;
    for (const std::string& doc : docs) out += doc.empty() ? "##\n" : "## " + doc + "\n";
    return out;
}

/// Everything of a rule up to its body: `rule name @0.8: head = v by default source "s"`.
std::string printRuleHead(const ast::Rule& rule) {
    std::string out;
    const ast::Annotations& annotations = rule.annotations;
    bool confidenceInHeader = !rule.name.empty() && annotations.confidence;
    if (!rule.name.empty()) {
        out += "rule " + rule.name + (confidenceInHeader ? " @" + formatDecimal(*annotations.confidence) : "") + ": ";
    }
    out += print(rule.head);
    if (rule.isDefault) out += " by default";
    if (annotations.confidence && !confidenceInHeader) out += " @" + formatDecimal(*annotations.confidence);
    if (annotations.source) out += " source " + formatStringLiteral(*annotations.source);
    if (annotations.since) out += " since " + formatDate(*annotations.since);
    if (annotations.until) out += " until " + formatDate(*annotations.until);
    return out;
}

std::string printRule(const ast::Rule& rule, const PrintOptions& options) {
    bool keywords = options.spelling == Spelling::Keywords;
    std::string head = printRuleHead(rule);
    if (!rule.body) return head + ".";
    const char* ifWord = keywords ? " if" : " :-";
    std::string oneLine = head + ifWord + " " + printDisjunctionInline(*rule.body, options) + ".";
    if (oneLine.size() <= options.lineWidth && oneLine.find('\n') == std::string::npos) return oneLine;

    // One condition per line; alternatives separated by a dedented `or`.
    std::string out = head + ifWord;
    const char* andWord = keywords ? " and" : ",";
    const auto& alternatives = rule.body->alternatives;
    for (std::size_t a = 0; a < alternatives.size(); ++a) {
        if (a) out += keywords ? "\n  or" : "\n  ;";
        const auto& literals = alternatives[a].literals;
        for (std::size_t i = 0; i < literals.size(); ++i) {
            out += "\n    " + print(literals[i], options) + (i + 1 < literals.size() ? andWord : "");
        }
    }
    return out + ".";
}

struct StatementPrinter {
    const PrintOptions& options;

    template <typename Statement>
    std::string docsOf(const Statement& statement) const {
        return options.docs ? printDocs(statement.docs) : std::string();
    }

    std::string operator()(const ast::Rule& rule) const { return docsOf(rule) + printRule(rule, options); }
    std::string operator()(const ast::RelationDecl& decl) const {
        std::string out = docsOf(decl) + (decl.fixed ? "fixed relation " : "relation ") + decl.name + "(";
        for (std::size_t i = 0; i < decl.columns.size(); ++i) {
            out += fmt::format("{}{}: {}", i ? ", " : "", decl.columns[i].name, typeName(decl.columns[i].type));
        }
        out += ")";
        if (decl.value) out += fmt::format(" -> {}: {}", decl.value->name, typeName(decl.value->type));
        return out;
    }
    std::string operator()(const ast::Resolution& resolution) const {
        std::string out = docsOf(resolution) + "resolve " + resolution.relation + ": ";
        for (std::size_t c = 0; c < resolution.chains.size(); ++c) {
            if (c) out += ", ";
            const auto& values = resolution.chains[c].values;
            for (std::size_t i = 0; i < values.size(); ++i) out += (i ? " overrides " : "") + print(values[i]);
        }
        return out + ".";
    }
    std::string operator()(const ast::Threshold& threshold) const {
        return docsOf(threshold) + "threshold " + formatDecimal(threshold.value) + ".";
    }
    std::string operator()(const ast::Include& include) const { return "include " + formatStringLiteral(include.path) + "."; }
};

bool supportsDocs(const ast::Statement& statement) { return boost::get<ast::Include>(&statement) == nullptr; }

std::size_t newlinesBetween(std::string_view text, std::uint32_t from, std::uint32_t to) {
    if (to <= from) return 0;
    return static_cast<std::size_t>(std::count(text.begin() + from, text.begin() + to, '\n'));
}

}  // namespace

const char* aggregateName(ast::AggregateOp op) {
    switch (op) {
        case ast::AggregateOp::Count: return "count";
        case ast::AggregateOp::Sum: return "sum";
        case ast::AggregateOp::Min: return "min";
        case ast::AggregateOp::Max: return "max";
        case ast::AggregateOp::Mean: return "mean";
    }
    return "count";
}

const char* typeName(ast::Type type) {
    switch (type) {
        case ast::Type::Symbol: return "symbol";
        case ast::Type::String: return "string";
        case ast::Type::Integer: return "integer";
        case ast::Type::Decimal: return "decimal";
        case ast::Type::Date: return "date";
    }
    return "symbol";
}

std::string formatDecimal(double value) {
    std::string text = fmt::format("{}", value);
    auto exponent = text.find_first_of("eE");
    std::string mantissa = text.substr(0, exponent);
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    return exponent == std::string::npos ? mantissa : mantissa + text.substr(exponent);
}

namespace {

/// `text` between `quote`s, with the quote, '\\', newline and tab escaped.
std::string quoted(std::string_view text, char quote) {
    std::string out(1, quote);
    for (char c : text) {
        switch (c) {
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c == quote) out += '\\';
                out += c;
        }
    }
    return out + quote;
}

bool isLower(char c) { return c >= 'a' && c <= 'z'; }
bool isWordChar(char c) { return isLower(c) || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

}  // namespace

std::string formatStringLiteral(std::string_view value) { return quoted(value, '"'); }

bool isPlainSymbol(std::string_view name) {
    // `today` is the evaluation date wherever a term stands, so the symbol needs quotes.
    if (name.empty() || !isLower(name.front()) || name == "today") return false;
    for (char c : name) {
        if (!isWordChar(c)) return false;
    }
    return true;
}

std::string formatSymbol(std::string_view name) { return isPlainSymbol(name) ? std::string(name) : quoted(name, '\''); }

std::string print(const ast::Expr& expr) { return printExpr(expr, 0, false); }

std::string print(const ast::Atom& atom) {
    std::string out = atom.relation;
    if (!atom.arguments.empty() || atom.value) out += "(" + joinExprs(atom.arguments) + ")";
    if (atom.value) out += (atom.valueDiffers ? " != " : " = ") + print(*atom.value);
    return out;
}

std::string print(const ast::Literal& literal, const PrintOptions& options) {
    return boost::apply_visitor(LiteralPrinter{options}, literal);
}

std::string print(const ast::Statement& statement, const PrintOptions& options) {
    return boost::apply_visitor(StatementPrinter{options}, statement);
}

std::string formatProgram(const ast::Program& program, std::string_view sourceText, const PrintOptions& options) {
    std::vector<Comment> comments = scanComments(sourceText);
    std::size_t next = 0;
    std::string out;
    bool atStart = true;
    std::uint32_t previousEnd = 0;

    // Starts a new item on its own line, keeping one blank line where the source had any.
    auto beginItem = [&](std::uint32_t itemStart) {
        if (!atStart) out += newlinesBetween(sourceText, previousEnd, itemStart) >= 2 ? "\n\n" : "\n";
        atStart = false;
    };
    auto emitComment = [&](const Comment& comment) {
        bool sameLineAsPrevious = !atStart && newlinesBetween(sourceText, previousEnd, comment.begin) == 0;
        if (sameLineAsPrevious) {
            out += "  ";
        } else {
            beginItem(comment.begin);
        }
        out += std::string(comment.text);
        previousEnd = comment.end;
    };

    for (const ast::Statement& statement : program.statements) {
        SourceSpan span = spanOf(statement);
        std::uint32_t itemStart = span.begin;
        for (; next < comments.size() && comments[next].begin < span.begin; ++next) {
            const Comment& comment = comments[next];
            if (comment.isDoc && supportsDocs(statement)) {
                itemStart = std::min(itemStart, comment.begin);  // printed from the AST with the statement
            } else {
                emitComment(comment);
            }
        }
        std::string hoisted;
        for (; next < comments.size() && comments[next].begin < span.end; ++next) {
            // A `##` inside a statement documents nothing (the parser warns); printed above
            // the statement it would join its doc comment, so it becomes an ordinary one.
            std::string_view text = comments[next].text;
            hoisted += std::string(comments[next].isDoc ? text.substr(1) : text) + "\n";
        }
        beginItem(itemStart);
        out += hoisted + print(statement, options);
        previousEnd = span.end;
    }
    for (; next < comments.size(); ++next) emitComment(comments[next]);
    if (!out.empty()) out += "\n";
    return out;
}

}  // namespace accord::dsl
