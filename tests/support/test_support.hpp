// Helpers shared by the test suites: run the front end on a string and get back the
// AST dump or the diagnostics as short "line:col: severity: message" strings.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/engine.hpp"

namespace accord::testing {

/// Parses one file; the dump of its AST, or "ERROR: <diagnostics>" when it does not parse.
std::string dumpOf(const std::string& text);

/// Parses one file (no includes, no checks) and returns its diagnostics.
std::vector<std::string> parseDiagnostics(const std::string& text);

/// Loads and checks a program given as text; returns every diagnostic.
std::vector<std::string> checkDiagnostics(const std::string& text);

/// "3:14: error: message" for each diagnostic (notes as "  note 3:14: message").
std::vector<std::string> describe(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources);

/// The rows of a query over an engine's last run, as "a, 3.0" lines ("true" for a row
/// without variables), or the query's diagnostics when it is refused or matches nothing.
std::vector<std::string> queryLines(engine::Engine& engine, const std::string& query);

/// A pattern over `relation` binding the columns of `mask` to the values of `tuple` (the
/// others are variables C0, C1, ...).
engine::Pattern patternOf(engine::RelationId relation, engine::TupleView tuple, std::uint64_t mask);

/// Every fact an engine holds, as "fact @confidence" lines.
std::set<std::string> heldFacts(const engine::Engine& engine);

/// Reads a file of the repository (path relative to its root).
std::string readRepositoryFile(const std::string& relativePath);

/// Every *.rules file under the repository's rules/, examples/ and tests/ folders.
std::vector<std::string> repositoryRuleFiles();

}  // namespace accord::testing
