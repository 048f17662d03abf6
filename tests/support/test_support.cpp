// Test helpers (see test_support.hpp).
#include "tests/support/test_support.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "accord/dsl/ast_dump.hpp"
#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::testing {

std::vector<std::string> describe(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    std::vector<std::string> out;
    for (const dsl::Diagnostic& d : diagnostics.items()) {
        const char* severity = d.severity == dsl::Severity::Error ? "error" : d.severity == dsl::Severity::Warning ? "warning" : "note";
        std::string where = d.path;
        if (d.span) {
            dsl::LineColumn position = sources.file(d.span->file).lineColumn(d.span->begin);
            where = fmt::format("{}:{}", position.line, position.column);
        }
        out.push_back(fmt::format("{}: {}: {}", where, severity, d.message));
    }
    return out;
}

std::vector<std::string> queryLines(engine::Engine& engine, const std::string& query) {
    dsl::Diagnostics diagnostics;
    auto rows = engine.query(query, diagnostics);
    if (!rows || rows->empty()) return describe(diagnostics, engine.sources());  // no rows: the note of a near miss, if any
    std::vector<std::string> lines;
    for (const auto& row : *rows) {
        std::string line;
        for (const auto& value : row.values) line += (line.empty() ? "" : ", ") + engine::formatValue(value, engine.symbols());
        lines.push_back(line.empty() ? "true" : line);
    }
    return lines;
}

std::set<std::string> heldFacts(const engine::Engine& engine) {
    std::set<std::string> facts;
    for (engine::RelationId r = 0; r < engine.relations().size(); ++r) {
        const engine::RelationPlan& plan = engine.plan().relations[r];
        const engine::Relation& relation = engine.relations()[r];
        for (engine::TupleId t = 0; t < relation.size(); ++t) {
            facts.insert(fmt::format("{} @{}", engine::formatFact(plan.name, relation.tuple(t), plan.keyed, engine.symbols()),
                                     engine::formatConfidence(relation.confidence(t))));
        }
    }
    return facts;
}

std::string dumpOf(const std::string& text) {
    dsl::SourceManager sources;
    dsl::FileId file = sources.add("test.rules", text);
    dsl::Diagnostics diagnostics;
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) {
        std::string out = "ERROR:";
        for (const std::string& line : describe(diagnostics, sources)) out += " " + line;
        return out;
    }
    return dsl::dump(*program);
}

std::vector<std::string> parseDiagnostics(const std::string& text) {
    dsl::SourceManager sources;
    dsl::FileId file = sources.add("test.rules", text);
    dsl::Diagnostics diagnostics;
    dsl::parseProgram(sources, file, diagnostics);
    diagnostics.sortByPosition();
    return describe(diagnostics, sources);
}

std::vector<std::string> checkDiagnostics(const std::string& text) {
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    if (dsl::loadText("test.rules", text, std::filesystem::temp_directory_path(), {}, program, diagnostics)) {
        dsl::checkProgram(program, diagnostics);
    }
    diagnostics.sortByPosition();
    return describe(diagnostics, program.sources);
}

std::string readRepositoryFile(const std::string& relativePath) {
    std::string contents, error;
    if (!dsl::readFile(std::filesystem::path(ACCORD_SOURCE_DIR) / relativePath, 1u << 30, contents, error)) {
        throw std::runtime_error(relativePath + ": " + error);
    }
    return contents;
}

std::vector<std::string> repositoryRuleFiles() {
    std::vector<std::string> files;
    for (const char* folder : {"rules", "examples", "tests", "docs"}) {
        std::filesystem::path root = std::filesystem::path(ACCORD_SOURCE_DIR) / folder;
        if (!std::filesystem::exists(root)) continue;
        for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
            bool ruleFile = entry.is_regular_file() && entry.path().extension() == ".rules" && !dsl::isTestFile(entry.path());
            if (ruleFile) files.push_back(entry.path().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

engine::Pattern patternOf(engine::RelationId relation, engine::TupleView tuple, std::uint64_t mask) {
    engine::Pattern pattern;
    pattern.relation = relation;
    for (std::size_t c = 0; c < tuple.size(); ++c) {
        engine::PatternColumn column;
        if (mask >> c & 1) {
            column.constant = tuple[c];
        } else {
            column.variable = static_cast<int>(pattern.variables.size());
            pattern.variables.push_back("C" + std::to_string(c));
        }
        pattern.columns.push_back(column);
    }
    return pattern;
}

}  // namespace accord::testing
