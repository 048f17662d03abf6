// Tarjan's strongly connected components, iteratively (deep rule chains must not
// exhaust the stack), and the stratification error (see stratification.hpp).
#include "accord/dsl/check/stratification.hpp"

#include <algorithm>
#include <limits>

#include <fmt/format.h>

namespace accord::dsl::check {
namespace {

constexpr std::size_t kUnvisited = std::numeric_limits<std::size_t>::max();

/// The strongly connected components, each emitted after every component it reaches
/// (reverse topological order of the edges).
std::vector<std::vector<std::size_t>> stronglyConnectedComponents(const DependencyGraph& graph) {
    const std::size_t n = graph.relations.size();
    std::vector<std::size_t> index(n, kUnvisited), lowLink(n, 0);
    std::vector<bool> onStack(n, false);
    std::vector<std::size_t> stack;
    std::vector<std::vector<std::size_t>> components;
    std::size_t nextIndex = 0;

    struct Frame {
        std::size_t node;
        std::size_t edge;  ///< next outgoing edge to look at
    };
    for (std::size_t start = 0; start < n; ++start) {
        if (index[start] != kUnvisited) continue;
        std::vector<Frame> frames{{start, 0}};
        index[start] = lowLink[start] = nextIndex++;
        stack.push_back(start);
        onStack[start] = true;
        while (!frames.empty()) {
            Frame& frame = frames.back();
            std::size_t node = frame.node;
            if (frame.edge < graph.out[node].size()) {
                std::size_t next = graph.edges[graph.out[node][frame.edge++]].to;
                if (index[next] == kUnvisited) {
                    index[next] = lowLink[next] = nextIndex++;
                    stack.push_back(next);
                    onStack[next] = true;
                    frames.push_back({next, 0});
                } else if (onStack[next]) {
                    lowLink[node] = std::min(lowLink[node], index[next]);
                }
                continue;
            }
            if (lowLink[node] == index[node]) {
                std::vector<std::size_t> component;
                std::size_t member;
                do {
                    member = stack.back();
                    stack.pop_back();
                    onStack[member] = false;
                    component.push_back(member);
                } while (member != node);
                std::sort(component.begin(), component.end());
                components.push_back(std::move(component));
            }
            frames.pop_back();
            if (!frames.empty()) lowLink[frames.back().node] = std::min(lowLink[frames.back().node], lowLink[node]);
        }
    }
    return components;
}

void reportCycle(const DependencyGraph& graph, const std::vector<std::size_t>& component, const std::vector<const Dependency*>& breaking,
                 Diagnostics& diagnostics) {
    std::string names;
    for (std::size_t member : component) names += (names.empty() ? "" : ", ") + graph.relations[member];
    const Dependency& first = *breaking.front();
    Diagnostic& error =
        diagnostics.error(first.where,
                          fmt::format("cannot stratify {{{}}}: these relations depend on each other through negation, "
                                      "aggregation, 'for all' or a keyed value",
                                      names),
                          "a relation cannot depend on its own absence, count or final value; split the rule or add a base relation");
    for (const Dependency* dependency : breaking) {
        error.notes.push_back({dependency->where, fmt::format("'{}' is {} here, to derive '{}'", graph.relations[dependency->from],
                                                              describe(dependency->kind), graph.relations[dependency->to])});
    }
}

}  // namespace

std::vector<Stratum> stratify(const DependencyGraph& graph, Diagnostics& diagnostics) {
    std::vector<std::vector<std::size_t>> components = stronglyConnectedComponents(graph);
    // Tarjan emits a component after all components reachable from it; edges run from the
    // relation read to the relation derived, so reverse to evaluate what is read first.
    std::reverse(components.begin(), components.end());
    std::vector<std::size_t> componentOf(graph.relations.size());
    for (std::size_t c = 0; c < components.size(); ++c) {
        for (std::size_t member : components[c]) componentOf[member] = c;
    }
    std::vector<Stratum> strata;
    for (std::size_t c = 0; c < components.size(); ++c) {
        Stratum stratum;
        std::vector<const Dependency*> breaking;
        for (std::size_t member : components[c]) {
            stratum.relations.push_back(graph.relations[member]);
            for (std::size_t e : graph.out[member]) {
                const Dependency& dependency = graph.edges[e];
                if (componentOf[dependency.to] != c) continue;
                stratum.recursive = true;
                if (!dependency.isMonotonic()) breaking.push_back(&dependency);
            }
        }
        if (!breaking.empty()) reportCycle(graph, components[c], breaking, diagnostics);
        strata.push_back(std::move(stratum));
    }
    return strata;
}

}  // namespace accord::dsl::check
