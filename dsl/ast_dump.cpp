// S-expression dump of the AST (see ast_dump.hpp).
#include "accord/dsl/ast_dump.hpp"

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"

namespace accord::dsl {
namespace {

std::string quoted(const std::string& text) { return formatStringLiteral(text); }

template <typename Item>
std::string dumpList(const std::vector<Item>& items) {
    std::string out;
    for (const Item& item : items) out += " " + dump(item);
    return out;
}

std::string dumpAtom(const char* tag, const ast::Atom& atom) {
    std::string out = fmt::format("({} {}{}", tag, atom.relation, dumpList(atom.arguments));
    if (atom.value) out += (atom.valueDiffers ? " != " : " = ") + dump(*atom.value);
    return out + ")";
}

std::string dumpDisjunction(const ast::Disjunction& disjunction) {
    std::string out = "(or";
    for (const ast::Conjunction& conjunction : disjunction.alternatives) out += " (and" + dumpList(conjunction.literals) + ")";
    return out + ")";
}

std::string dumpDocs(const std::vector<std::string>& docs) {
    std::string out;
    for (const std::string& doc : docs) out += " (doc " + quoted(doc) + ")";
    return out;
}

struct ExprDumper {
    std::string operator()(const ast::Variable& v) const { return "(var " + v.name + ")"; }
    std::string operator()(const ast::Symbol& s) const { return "(sym " + s.name + ")"; }
    std::string operator()(const ast::String& s) const { return "(str " + quoted(s.value) + ")"; }
    std::string operator()(const ast::Integer& i) const { return fmt::format("(int {})", i.value); }
    std::string operator()(const ast::Decimal& d) const { return "(dec " + formatDecimal(d.value) + ")"; }
    std::string operator()(const ast::DateConstant& d) const { return "(date " + formatDate(d.value) + ")"; }
    std::string operator()(const ast::Negative& n) const { return "(neg " + dump(n.operand) + ")"; }
    std::string operator()(const ast::Binary& b) const {
        return fmt::format("({} {} {})", static_cast<char>(b.op), dump(b.left), dump(b.right));
    }
    std::string operator()(const ast::Call& c) const { return "(call " + c.function + dumpList(c.arguments) + ")"; }
    std::string operator()(const ast::Aggregate& a) const {
        return fmt::format("({} ({}) :{})", aggregateName(a.op), dumpList(a.elements).substr(a.elements.empty() ? 0 : 1), dumpList(a.body));
    }
    template <typename T>
    std::string operator()(const ast::x3::forward_ast<T>& node) const {
        return (*this)(node.get());
    }
};

struct LiteralDumper {
    std::string operator()(const ast::Atom& atom) const { return dumpAtom("atom", atom); }
    std::string operator()(const ast::Negation& negation) const { return "(not " + dumpAtom("atom", negation.atom) + ")"; }
    std::string operator()(const ast::Comparison& c) const {
        static const char* ops[] = {"=", "!=", "<", "<=", ">", ">="};
        return fmt::format("({} {} {})", ops[static_cast<int>(c.op)], dump(c.left), dump(c.right));
    }
    std::string operator()(const ast::ForAll& f) const {
        return "(forall (" + dumpList(f.domain).substr(1) + ") " + dump(f.consequent) + ")";
    }
    std::string operator()(const ast::Disjunction& d) const { return dumpDisjunction(d); }
    template <typename T>
    std::string operator()(const ast::x3::forward_ast<T>& node) const {
        return (*this)(node.get());
    }
};

struct StatementDumper {
    std::string operator()(const ast::Rule& rule) const {
        std::string out = "(rule" + dumpDocs(rule.docs);
        if (!rule.name.empty()) out += " (name " + rule.name + ")";
        const ast::Annotations& a = rule.annotations;
        if (a.confidence) out += " (confidence " + formatDecimal(*a.confidence) + ")";
        if (a.source) out += " (source " + quoted(*a.source) + ")";
        if (a.since) out += " (since " + formatDate(*a.since) + ")";
        if (a.until) out += " (until " + formatDate(*a.until) + ")";
        out += " " + dumpAtom("head", rule.head);
        if (rule.isDefault) out += " (default)";
        if (rule.body) out += " " + dumpDisjunction(*rule.body);
        return out + ")";
    }
    std::string operator()(const ast::RelationDecl& decl) const {
        std::string out = std::string(decl.fixed ? "(fixed relation" : "(relation") + dumpDocs(decl.docs) + " " + decl.name;
        for (const ast::Column& column : decl.columns) out += fmt::format(" ({} {})", column.name, typeName(column.type));
        if (decl.value) out += fmt::format(" -> ({} {})", decl.value->name, typeName(decl.value->type));
        return out + ")";
    }
    std::string operator()(const ast::Resolution& resolution) const {
        std::string out = "(resolve" + dumpDocs(resolution.docs) + " " + resolution.relation;
        for (const ast::OverrideChain& chain : resolution.chains) out += " (overrides" + dumpList(chain.values) + ")";
        return out + ")";
    }
    std::string operator()(const ast::Threshold& threshold) const {
        return "(threshold" + dumpDocs(threshold.docs) + " " + formatDecimal(threshold.value) + ")";
    }
    std::string operator()(const ast::Include& include) const { return "(include " + quoted(include.path) + ")"; }
};

}  // namespace

std::string dump(const ast::Expr& expr) { return boost::apply_visitor(ExprDumper{}, expr); }
std::string dump(const ast::Literal& literal) { return boost::apply_visitor(LiteralDumper{}, literal); }
std::string dump(const ast::Statement& statement) { return boost::apply_visitor(StatementDumper{}, statement); }

std::string dump(const ast::Program& program) {
    std::string out;
    for (const ast::Statement& statement : program.statements) out += dump(statement) + "\n";
    return out;
}

}  // namespace accord::dsl
