// Stratification: the strongly connected components of the dependency graph in
// dependency order. A component whose relations depend on each other through negation,
// aggregation, `for all` or a keyed read cannot be evaluated to a unique answer: that is
// an error naming the cycle, with a note at each literal that closes it.
#pragma once

#include <string>
#include <vector>

#include "accord/dsl/check/dependency_graph.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

/// Relations evaluated together; strata are listed so that every stratum only reads
/// relations of earlier strata or itself (positively).
struct Stratum {
    std::vector<std::string> relations;
    bool recursive = false;  ///< some relation of the stratum reads one of the stratum
};

std::vector<Stratum> stratify(const DependencyGraph& graph, Diagnostics& diagnostics);

}  // namespace accord::dsl::check
