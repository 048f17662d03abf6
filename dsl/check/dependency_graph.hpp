// The relation dependency graph: an edge from each relation a rule reads to the relation
// it derives, tagged with how it is read. Positive reads are monotonic; negation,
// aggregation, `for all` and reads of keyed relations (whose value may be overridden)
// need the relation they read complete first.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "accord/dsl/desugar.hpp"
#include "accord/dsl/check/relation_catalog.hpp"

namespace accord::dsl::check {

enum class DependencyKind { Positive, Negated, Aggregated, Universal, KeyedRead };

struct Dependency {
    std::size_t from = 0;  ///< relation read
    std::size_t to = 0;  ///< relation derived
    DependencyKind kind = DependencyKind::Positive;
    SourceSpan where;  ///< the atom that reads `from`
    bool isMonotonic() const { return kind == DependencyKind::Positive; }
};

struct DependencyGraph {
    std::vector<std::string> relations;  ///< node index -> relation name (sorted)
    std::map<std::string, std::size_t> indexOf;
    std::vector<Dependency> edges;
    std::vector<std::vector<std::size_t>> out;  ///< node -> indexes into edges
};

DependencyGraph buildDependencyGraph(const std::vector<Clause>& clauses, const RelationCatalog& catalog);

/// A short description of how a dependency reads its relation ("negated", "aggregated", ...).
const char* describe(DependencyKind kind);

}  // namespace accord::dsl::check
