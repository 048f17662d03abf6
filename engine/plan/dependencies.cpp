// Relation dependencies of a compiled program (see dependencies.hpp).
#include "accord/engine/plan/dependencies.hpp"

#include <algorithm>

namespace accord::engine {
namespace {

void collectReads(const Steps& steps, std::vector<RelationId>& reads) {
    for (const Step& step : steps) {
        if (step.kind == Step::Kind::Scan || step.kind == Step::Kind::NotExists) reads.push_back(step.relation);
        collectReads(step.body, reads);
        collectReads(step.domain, reads);
        for (const Steps& alternative : step.consequent) collectReads(alternative, reads);
    }
}

}  // namespace

std::vector<std::vector<RelationId>> relationInputs(const ProgramPlan& plan) {
    std::vector<std::vector<RelationId>> inputs(plan.relations.size());
    for (const StratumPlan& stratum : plan.strata) {
        for (const RulePlan& rule : stratum.base) collectReads(rule.steps, inputs[rule.head]);
    }
    for (std::vector<RelationId>& reads : inputs) {
        std::sort(reads.begin(), reads.end());
        reads.erase(std::unique(reads.begin(), reads.end()), reads.end());
    }
    return inputs;
}

std::vector<bool> affectedRelations(const ProgramPlan& plan, std::vector<bool> changed) {
    changed.resize(plan.relations.size(), false);
    std::vector<std::vector<RelationId>> inputs = relationInputs(plan);
    for (bool grew = true; grew;) {  // a few passes: the program is small next to its facts
        grew = false;
        for (RelationId r = 0; r < plan.relations.size(); ++r) {
            if (changed[r]) continue;
            changed[r] = std::any_of(inputs[r].begin(), inputs[r].end(), [&](RelationId input) { return changed[input]; });
            grew = grew || changed[r];
        }
    }
    return changed;
}

std::vector<bool> relationsReaching(const ProgramPlan& plan, RelationId target) { return relationsReaching(relationInputs(plan), target); }

std::vector<bool> relationsReaching(const std::vector<std::vector<RelationId>>& inputs, RelationId target) {
    std::vector<bool> reaches(inputs.size(), false);
    std::vector<RelationId> stack{target};
    reaches[target] = true;
    while (!stack.empty()) {
        RelationId r = stack.back();
        stack.pop_back();
        for (RelationId input : inputs[r]) {
            if (!reaches[input]) {
                reaches[input] = true;
                stack.push_back(input);
            }
        }
    }
    return reaches;
}

bool readsToday(const ProgramPlan& plan, RelationId target) {
    std::vector<bool> reaching = relationsReaching(plan, target);
    for (RelationId r = 0; r < reaching.size(); ++r) {
        if (!reaching[r]) continue;
        for (const RulePlan* rule : plan.basePlansDeriving(r)) {
            if (rule->todaySlot) return true;
        }
    }
    return false;
}

}  // namespace accord::engine
