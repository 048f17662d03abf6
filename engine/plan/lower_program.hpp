// The bridge from the checked AST to the engine: the one engine file that knows dsl/.
// Interns every constant, gives every variable a slot, orders each rule body
// (join_order.cpp) and produces semi-naive versions for recursive strata.
#pragma once

#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/plan/program_plan.hpp"
#include "accord/engine/plan/rule_catalog.hpp"

namespace accord::engine {

struct LoweredProgram {
    ProgramPlan plan;
    RuleCatalog catalog;
};

LoweredProgram lowerProgram(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked);

}  // namespace accord::engine
