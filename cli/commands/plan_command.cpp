// `accord plan FILES... [--rule NAME]`: the compiled plan of each rule — the loops, lookups
// and tests the evaluator runs, in join order, stratum by stratum — as SQLite's EXPLAIN
// shows a query's. For seeing why a rule is slow, and for tests that assert a join order.
#include <fmt/format.h>

#include "cli/command_output.hpp"
#include "cli/commands/commands.hpp"
#include "cli/program_options.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/plan/plan_printer.hpp"

namespace accord::cli {
namespace {

struct PlanOptions {
    std::vector<std::string> files;
    std::string rule;  ///< a rule's name: only its plans
    bool allowIncludeOutside = false;
};

/// The plans of the rule named `name`: its base plan and its semi-naive versions.
std::string plansOfRule(const engine::Engine& engine, const std::string& name) {
    std::string out;
    for (const engine::StratumPlan& stratum : engine.plan().strata) {
        for (const auto* versions : {&stratum.base, &stratum.deltas}) {
            for (const engine::RulePlan& rule : *versions) {
                if (engine.catalog().rules[rule.rule].name == name) out += engine::printRulePlan(rule, engine.plan(), &engine.catalog());
            }
        }
    }
    return out;
}

int runPlan(const PlanOptions& options, const GlobalOptions& global) {
    CommandOutput output("plan", OutputFormat::Text, global);
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    dsl::LoadOptions load;
    load.allowIncludeOutsideRoot = options.allowIncludeOutside;
    if (!engine.loadFiles(options.files, diagnostics, load)) {
        output.diagnostics(diagnostics, engine.sources());
        return output.finish(1, "");
    }
    if (options.rule.empty()) return output.answer(0, engine::printProgramPlan(engine.plan(), &engine.catalog()), {});
    std::string plans = plansOfRule(engine, options.rule);
    if (plans.empty()) {
        output.error(fmt::format("no rule is named '{}' (name a rule with `rule NAME: ...`)", options.rule));
        return output.finish(1, "");
    }
    return output.answer(0, plans, {});
}

}  // namespace

void registerPlanCommand(CLI::App& app, const GlobalOptions& global, CommandRunner& run) {
    auto options = std::make_shared<PlanOptions>();
    CLI::App* command = app.add_subcommand("plan", "Print the compiled plan of each rule: its loops, lookups and tests in join order");
    addExamples(*command, {"accord plan rules/nato --rule no_restrictions"});
    command->add_option("files", options->files, "Rule files or directories")->required();
    command->add_option("--rule", options->rule, "Only the plans of the rule with this name");
    command->add_flag("--allow-include-outside", options->allowIncludeOutside, "Let includes reach outside the directories named");
    runsWith(*command, options, global, run, runPlan);
}

}  // namespace accord::cli
