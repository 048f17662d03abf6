// Hypotheses written as text: the facts of `--assert`/`--retract` flags, and scenario files.
//
// A scenario file is rule text holding only facts; a statement preceded by `-` is a fact
// to remove, any other (optionally preceded by `+`) a fact to add — the notation `needs`
// prints its answers in, so an answer can be pasted into a scenario:
//
//   % Hungary concedes once its opt-out is kept
//   + backs(hungary, rutte) @0.9 source "Orban, 2024-06-18" since 2024-06-18.
//   - opposes_publicly(hungary, rutte).
//
// A removed fact is matched by its atom alone (every fact equal to it goes), so
// annotations on it are refused rather than read as a filter. Facts are added first, then
// removed: a fact a scenario both adds and removes is gone.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/explain/hypothesis.hpp"

namespace accord::engine {

/// The facts of repeated `--assert` and `--retract` options (each one or more fact
/// statements; a final '.' may be left out), parsed against the loaded program.
std::optional<Hypothesis> parseHypothesisOptions(const std::vector<std::string>& asserts, const std::vector<std::string>& retracts,
                                                 Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics);

/// Reads a scenario file (see above) into `hypothesis`; false with diagnostics (and
/// `hypothesis` as it was) when it cannot be read or a statement is not such a fact.
bool readScenarioFile(const std::string& path, Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                      Hypothesis& hypothesis);

/// The same for scenario text already read, named `name` in diagnostics.
bool readScenarioText(const std::string& name, std::string text, Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                      Hypothesis& hypothesis);

}  // namespace accord::engine
