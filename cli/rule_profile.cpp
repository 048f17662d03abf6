#include "cli/rule_profile.hpp"

#include <algorithm>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/proof_format.hpp"

namespace accord::cli {
namespace {

/// The rules that did any work, the slowest first, with what each did.
std::vector<engine::RuleId> busiestRules(const engine::RunStats& stats) {
    std::vector<engine::RuleId> rules;
    for (engine::RuleId rule = 0; rule < stats.rules.size(); ++rule) {
        if (stats.rules[rule].derivations > 0 || stats.rules[rule].visited > 0) rules.push_back(rule);
    }
    std::stable_sort(rules.begin(), rules.end(), [&](engine::RuleId a, engine::RuleId b) {
        return std::tuple(stats.rules[a].seconds, stats.rules[a].visited) > std::tuple(stats.rules[b].seconds, stats.rules[b].visited);
    });
    return rules;
}

}  // namespace

std::string ruleLabel(const engine::RuleDescription& rule) {
    return rule.name.empty() ? rule.text.substr(0, rule.text.find('\n')) : "rule " + rule.name;
}

std::string profileText(const engine::RunStats& stats, const engine::Engine& engine) {
    const engine::RuleCatalog& catalog = engine.catalog();
    std::string out = fmt::format("\n{:>10}  {:>12}  {:>12}  rule (the slowest first)\n", "ms", "derivations", "visited");
    for (engine::RuleId rule : busiestRules(stats)) {
        const engine::RuleStats& r = stats.rules[rule];
        out += fmt::format("{:>10.3f}  {:>12}  {:>12}  {}  {}\n", r.seconds * 1000, r.derivations, r.visited, catalog.rules[rule].location,
                           ruleLabel(catalog.rules[rule]));
    }
    return out;
}

nlohmann::ordered_json profileJson(const engine::RunStats& stats, const engine::Engine& engine) {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (engine::RuleId rule : busiestRules(stats)) {
        const engine::RuleStats& r = stats.rules[rule];
        rules.push_back({{"rule", nlohmann::ordered_json(engine::ruleToJson(engine::describeRule(engine, rule)))},
                         {"derivations", r.derivations},
                         {"visited", r.visited},
                         {"seconds", r.seconds}});
    }
    return rules;
}

}  // namespace accord::cli
