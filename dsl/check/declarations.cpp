// Arity, keyed-ness and unknown-relation checks (see declarations.hpp).
#include "accord/dsl/check/declarations.hpp"

#include <set>

#include <fmt/format.h>

#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl::check {
namespace {

class DeclarationChecker {
public:
    DeclarationChecker(const RelationCatalog& catalog, Diagnostics& diagnostics) : catalog_(catalog), diagnostics_(diagnostics) {}

    void checkRule(const ast::Rule& rule) {
        checkAtom(rule.head, /*isHead=*/true);
        const RelationInfo& head = *catalog_.find(rule.head.relation);
        if (rule.isDefault && !head.keyed) {
            diagnostics_.error(rule.head.span, fmt::format("'by default' needs a keyed relation, and '{}' is not keyed", head.name),
                               "a default gives the value of a key when no other rule does: `r(K) = v by default if ...`");
        }
        if (!rule.body) return;
        for (const ast::Conjunction& conjunction : rule.body->alternatives) {
            for (const ast::Literal& literal : conjunction.literals) {
                forEachAtom(literal, [&](const ast::Atom& atom, AtomRole) { checkAtom(atom, /*isHead=*/false); });
            }
        }
    }

private:
    void checkAtom(const ast::Atom& atom, bool isHead) {
        const RelationInfo& info = *catalog_.find(atom.relation);
        if (atom.arguments.size() != info.arity) {
            Diagnostic& error = diagnostics_.error(
                atom.span, fmt::format("'{}' takes {} argument{}, but {} {} given", atom.relation, info.arity, info.arity == 1 ? "" : "s",
                                       atom.arguments.size(), atom.arguments.size() == 1 ? "is" : "are"));
            error.notes.push_back({info.firstSeen, info.declaration ? "declared here" : "first used here"});
        }
        if (atom.value && !info.keyed) {
            diagnostics_.error(atom.span, fmt::format("'{}' is not a keyed relation, so it has no value", atom.relation),
                               fmt::format("declare it as `relation {}(...) -> value: type` to give each key a value", atom.relation));
        } else if (isHead && atom.valueDiffers) {
            diagnostics_.error(atom.span, "a rule or fact gives its value with '=', not '!='",
                               "write `" + atom.relation + "(...) = value`");
        } else if (isHead && !atom.value && info.keyed) {
            diagnostics_.error(atom.span, fmt::format("'{}' is keyed: a rule or fact must give its value", atom.relation),
                               fmt::format("write `{}(...) = value`", atom.relation));
        }
        if (!isHead && !info.declaration && !info.hasRules && !info.hasFacts && warnedUnknown_.insert(atom.relation).second) {
            std::string hint = "declare it with `relation` if its facts come from a knowledge base or a facts file";
            if (auto suggestion = catalog_.closestName(atom.relation)) hint = fmt::format("did you mean '{}'?", *suggestion);
            diagnostics_
                .warning(atom.span, fmt::format("unknown relation '{}': no declaration, fact or rule defines it", atom.relation), hint)
                .code = lint::kUnknownRelation;
        }
    }

    const RelationCatalog& catalog_;
    Diagnostics& diagnostics_;
    std::set<std::string> warnedUnknown_;
};

}  // namespace

void checkDeclarations(const std::vector<ast::Program>& files, const RelationCatalog& catalog, Diagnostics& diagnostics) {
    DeclarationChecker checker(catalog, diagnostics);
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            if (const auto* rule = boost::get<ast::Rule>(&statement)) checker.checkRule(*rule);
        }
    }
}

}  // namespace accord::dsl::check
