// Building the relation catalog (see relation_catalog.hpp).
#include "accord/dsl/check/relation_catalog.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/functions.hpp"

namespace accord::dsl::check {

const RelationInfo* RelationCatalog::find(const std::string& name) const {
    auto it = relations_.find(name);
    return it == relations_.end() ? nullptr : &it->second;
}

RelationInfo* RelationCatalog::find(const std::string& name) {
    auto it = relations_.find(name);
    return it == relations_.end() ? nullptr : &it->second;
}

RelationInfo& RelationCatalog::insert(RelationInfo info) {
    std::string name = info.name;
    return relations_.emplace(name, std::move(info)).first->second;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
        }
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::optional<std::string> RelationCatalog::closestName(const std::string& name) const {
    std::vector<std::string> candidates;
    for (const auto& [candidate, info] : relations_) {
        if (info.declaration || info.hasRules || info.hasFacts) candidates.push_back(candidate);
    }
    return check::closestName(name, candidates);
}

std::optional<std::string> closestName(const std::string& name, const std::vector<std::string>& candidates) {
    std::optional<std::string> best;
    std::size_t bestDistance = std::max<std::size_t>(2, name.size() / 3) + 1;
    for (const std::string& candidate : candidates) {
        if (candidate == name) continue;
        std::size_t distance = editDistance(name, candidate);
        if (distance < bestDistance) {
            bestDistance = distance;
            best = candidate;
        }
    }
    return best;
}

namespace {

void declare(RelationCatalog& catalog, const ast::RelationDecl& decl, Diagnostics& diagnostics) {
    if (const RelationInfo* existing = catalog.find(decl.name)) {
        Diagnostic& error = diagnostics.error(decl.span, fmt::format("relation '{}' is declared twice", decl.name));
        error.notes.push_back({existing->firstSeen, "first declared here"});
        return;
    }
    RelationInfo info;
    info.name = decl.name;
    info.arity = decl.columns.size();
    info.keyed = decl.value.has_value();
    info.declaration = &decl;
    for (const ast::Column& column : decl.columns) info.columnTypes.push_back(column.type);
    if (decl.value) info.valueType = decl.value->type;
    info.firstSeen = decl.span;
    catalog.insert(std::move(info));
}

RelationInfo& noteUse(RelationCatalog& catalog, const ast::Atom& atom) {
    if (RelationInfo* existing = catalog.find(atom.relation)) return *existing;
    RelationInfo info;
    info.name = atom.relation;
    info.arity = atom.arguments.size();
    info.keyed = atom.value.has_value();
    info.columnTypes.resize(info.arity);
    info.firstSeen = atom.span;
    return catalog.insert(std::move(info));
}

}  // namespace

RelationCatalog buildRelationCatalog(const std::vector<ast::Program>& files, Diagnostics& diagnostics) {
    RelationCatalog catalog;
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            if (const auto* decl = boost::get<ast::RelationDecl>(&statement)) declare(catalog, *decl, diagnostics);
        }
    }
    // Heads before bodies, so an undeclared relation takes its shape from where it is defined.
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule) continue;
            RelationInfo& info = noteUse(catalog, rule->head);
            (rule->body ? info.hasRules : info.hasFacts) = true;
        }
    }
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule || !rule->body) continue;
            for (const ast::Conjunction& conjunction : rule->body->alternatives) {
                for (const ast::Literal& literal : conjunction.literals) {
                    forEachAtom(literal, [&](const ast::Atom& atom, AtomRole) { noteUse(catalog, atom).usedInBody = true; });
                }
            }
        }
    }
    for (const auto& [name, info] : catalog.all()) {
        if (std::size_t columns = info.arity + (info.keyed ? 1 : 0); columns > kMaxColumns) {
            diagnostics.error(info.firstSeen,
                              fmt::format("relation '{}' has {} columns, more than the {} supported", name, columns, kMaxColumns),
                              "split it into relations that share a key");
        }
        if (findFunction(name)) {  // `year(D) = 2024` must mean one thing
            diagnostics.error(info.firstSeen, fmt::format("'{}' is a built-in function and cannot name a relation", name),
                              "rename the relation, e.g. '" + name + "_of'");
        }
    }
    return catalog;
}

}  // namespace accord::dsl::check
