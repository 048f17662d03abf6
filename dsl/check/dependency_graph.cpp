// Building the dependency graph (see dependency_graph.hpp).
#include "accord/dsl/check/dependency_graph.hpp"

#include "accord/dsl/ast_walk.hpp"

namespace accord::dsl::check {

const char* describe(DependencyKind kind) {
    switch (kind) {
        case DependencyKind::Positive: return "read";
        case DependencyKind::Negated: return "negated";
        case DependencyKind::Aggregated: return "aggregated";
        case DependencyKind::Universal: return "quantified with 'for all'";
        case DependencyKind::KeyedRead: return "read for its value (a keyed relation)";
    }
    return "read";
}

DependencyGraph buildDependencyGraph(const std::vector<Clause>& clauses, const RelationCatalog& catalog) {
    DependencyGraph graph;
    for (const auto& [name, info] : catalog.all()) {
        graph.indexOf[name] = graph.relations.size();
        graph.relations.push_back(name);
    }
    graph.out.resize(graph.relations.size());
    for (const Clause& clause : clauses) {
        std::size_t head = graph.indexOf.at(clause.rule->head.relation);
        for (const ast::Literal* literal : clause.body) {
            forEachAtom(*literal, [&](const ast::Atom& atom, AtomRole role) {
                DependencyKind kind = role == AtomRole::Negated      ? DependencyKind::Negated
                                      : role == AtomRole::Aggregated ? DependencyKind::Aggregated
                                      : role == AtomRole::Universal  ? DependencyKind::Universal
                                                                     : DependencyKind::Positive;
                const RelationInfo* info = catalog.find(atom.relation);
                if (kind == DependencyKind::Positive && info && info->keyed) kind = DependencyKind::KeyedRead;
                graph.out[graph.indexOf.at(atom.relation)].push_back(graph.edges.size());
                graph.edges.push_back({graph.indexOf.at(atom.relation), head, kind, atom.span});
            });
        }
    }
    return graph;
}

}  // namespace accord::dsl::check
