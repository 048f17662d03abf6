#include "accord/dsl/lint/lint_program.hpp"

#include "accord/dsl/lint/allowances.hpp"

namespace accord::dsl::lint {

void lintProgram(const LoadedProgram& program, const CheckedProgram& checked, Diagnostics& diagnostics) {
    lintRelationUse(program, checked, diagnostics);
    lintCoveredValues(program, checked, diagnostics);
    lintConditions(checked, diagnostics);
    lintFactClashes(program, checked, diagnostics);
    applyAllowances(program, {}, diagnostics);
}

}  // namespace accord::dsl::lint
