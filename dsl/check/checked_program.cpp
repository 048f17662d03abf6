// The check pipeline (see checked_program.hpp).
#include "accord/dsl/check/checked_program.hpp"

#include <spdlog/spdlog.h>

#include "accord/dsl/check/confidence.hpp"
#include "accord/dsl/check/declarations.hpp"
#include "accord/dsl/check/dependency_graph.hpp"
#include "accord/dsl/check/rules.hpp"
#include "accord/dsl/check/sentences.hpp"
#include "accord/dsl/check/types.hpp"
#include "accord/dsl/check/variable_safety.hpp"
#include "accord/dsl/lift_alternatives.hpp"
#include "accord/dsl/lint/allowances.hpp"

namespace accord::dsl {

std::optional<CheckedProgram> checkProgram(LoadedProgram& program, Diagnostics& diagnostics) {
    const std::size_t errorsBefore = diagnostics.errorCount();
    liftNestedAlternatives(program);
    CheckedProgram checked;
    checked.relations = check::buildRelationCatalog(program.files, diagnostics);
    check::checkDeclarations(program.files, checked.relations, diagnostics);
    for (const ast::Program& file : program.files) {
        for (const ast::Statement& statement : file.statements) {
            if (const auto* rule = boost::get<ast::Rule>(&statement)) {
                for (Clause& clause : desugarRule(*rule, diagnostics)) checked.clauses.push_back(std::move(clause));
            }
        }
    }
    check::checkVariableSafety(checked.clauses, diagnostics);
    check::checkTypes(checked.clauses, checked.relations, diagnostics);
    check::checkRules(program.files, diagnostics);
    check::checkSentences(program.files, diagnostics);
    check::checkResolutions(program.files, checked.relations, diagnostics);
    checked.threshold = check::checkThreshold(program.files, diagnostics);
    check::warnUncertainNegations(program.files, checked.clauses, checked.threshold, diagnostics);
    check::DependencyGraph graph = check::buildDependencyGraph(checked.clauses, checked.relations);
    checked.strata = check::stratify(graph, diagnostics);
    lint::applyAllowances(program, {}, diagnostics);
    spdlog::debug("checked {} relations, {} clauses, {} strata", checked.relations.all().size(), checked.clauses.size(),
                  checked.strata.size());
    if (diagnostics.errorCount() > errorsBefore) return std::nullopt;
    return checked;
}

}  // namespace accord::dsl
