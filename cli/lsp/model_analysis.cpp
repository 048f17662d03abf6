#include "cli/lsp/model_analysis.hpp"

#include <algorithm>

#include "cli/lsp/text_position.hpp"
#include "cli/lsp/uri.hpp"
#include "dsl/check/checked_program.hpp"
#include "dsl/lint/lint_program.hpp"
#include "dsl/parser/parse.hpp"
#include "engine/testing/test_file.hpp"

namespace accord::lsp {
namespace {

namespace fs = std::filesystem;

int severityCode(dsl::Severity severity) {
    switch (severity) {
        case dsl::Severity::Error: return 1;
        case dsl::Severity::Warning: return 2;
        case dsl::Severity::Note: return 3;
    }
    return 1;
}

/// Converts diagnostics to the LSP's form, by file; those without a position go to `fallback`.
class DiagnosticConverter {
public:
    DiagnosticConverter(const dsl::SourceManager& sources, ModelAnalysis& analysis) : sources_(sources), analysis_(analysis) {}

    void add(const dsl::Diagnostics& diagnostics, const std::string& fallback) {
        for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
            std::string file = diagnostic.span ? sources_.file(diagnostic.span->file).name() : fallback;
            nlohmann::json lsp = {
                {"range", range(diagnostic.span)},
                {"severity", severityCode(diagnostic.severity)},
                {"source", "accord"},
                {"message", diagnostic.hint.empty() ? diagnostic.message : diagnostic.message + "\nhint: " + diagnostic.hint}};
            if (!diagnostic.code.empty()) lsp["code"] = diagnostic.code;
            nlohmann::json related = nlohmann::json::array();
            for (const dsl::DiagnosticNote& note : diagnostic.notes) {
                if (!note.span) continue;
                related.push_back({{"location", {{"uri", fileUri(sources_.file(note.span->file).name())}, {"range", range(note.span)}}},
                                   {"message", note.message}});
            }
            if (!related.empty()) lsp["relatedInformation"] = std::move(related);
            nlohmann::json& list = analysis_.diagnostics[file];
            if (!list.is_array()) list = nlohmann::json::array();
            list.push_back(std::move(lsp));
        }
    }

private:
    nlohmann::json range(const std::optional<dsl::SourceSpan>& span) {
        if (!span) return LineIndex("").range(0, 0);
        const std::string& name = sources_.file(span->file).name();
        auto it = indexes_.find(name);
        if (it == indexes_.end()) it = indexes_.emplace(name, LineIndex(sources_.file(span->file).contents())).first;
        return it->second.range(span->begin, span->end);
    }

    const dsl::SourceManager& sources_;
    ModelAnalysis& analysis_;
    std::map<std::string, LineIndex> indexes_;
};

/// Loads the model around a document: its directory, or the document alone.
bool loadModel(const fs::path& document, const dsl::LoadOptions& options, dsl::LoadedProgram& program, dsl::Diagnostics& diagnostics) {
    std::error_code error;
    std::vector<fs::path> files = dsl::rulesFilesUnder(document.parent_path(), error);
    bool inDirectory = !error && std::find(files.begin(), files.end(), document) != files.end();
    if (inDirectory || dsl::isTestFile(document)) return dsl::loadPaths({document.parent_path().string()}, options, program, diagnostics);
    if (auto it = options.unsaved.find(document); it != options.unsaved.end()) {
        return dsl::loadText(document.string(), it->second, document.parent_path(), options, program, diagnostics);
    }
    return dsl::loadPaths({document.string()}, options, program, diagnostics);
}

/// A test file's own diagnostics (its statements; the model is checked apart).
void analyseTestFile(const fs::path& document, const dsl::LoadOptions& options, ModelAnalysis& analysis) {
    std::string text, error;
    if (auto it = options.unsaved.find(document); it != options.unsaved.end()) {
        text = it->second;
    } else if (!dsl::readFile(document, options.maxFileBytes, text, error)) {
        return;
    }
    dsl::SourceManager sources;
    dsl::FileId file = sources.add(document.string(), text);
    dsl::Diagnostics diagnostics;
    engine::parseTestFile(sources, file, diagnostics);
    analysis.texts[document.string()] = text;
    if (!analysis.diagnostics.count(document.string())) analysis.diagnostics[document.string()] = nlohmann::json::array();
    DiagnosticConverter(sources, analysis).add(diagnostics, document.string());
}

/// Adds the statements that parse of a document with syntax errors (which the loader
/// leaves out), so that its names stay navigable while it is being typed.
void keepWhatParsesOf(const fs::path& document, dsl::LoadedProgram& program) {
    for (dsl::FileId id = 0; id < program.sources.size(); ++id) {
        if (program.sources.file(id).name() != document.string()) continue;
        auto parsed =
            std::find_if(program.files.begin(), program.files.end(), [&](const dsl::ast::Program& file) { return file.file == id; });
        if (parsed != program.files.end()) return;
        dsl::Diagnostics reportedAlready;
        program.files.push_back(dsl::parseWhatParses(program.sources, id, reportedAlready));
        return;
    }
}

}  // namespace

ModelAnalysis analyseModel(const fs::path& document, const std::map<fs::path, std::string>& unsaved) {
    fs::path path = dsl::canonicalPath(document);
    dsl::LoadOptions options;
    options.unsaved = unsaved;
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    bool loaded = loadModel(path, options, program, diagnostics);
    keepWhatParsesOf(path, program);
    ModelAnalysis analysis;
    analysis.index = indexModel(program);
    for (dsl::FileId id = 0; id < program.sources.size(); ++id) {
        const dsl::SourceText& file = program.sources.file(id);
        analysis.texts[file.name()] = std::string(file.contents());
        analysis.diagnostics[file.name()] = nlohmann::json::array();
    }
    if (loaded && !diagnostics.hasErrors()) {
        if (auto checked = dsl::checkProgram(program, diagnostics)) dsl::lint::lintProgram(program, *checked, diagnostics);
    }
    DiagnosticConverter(program.sources, analysis).add(diagnostics, path.string());
    if (dsl::isTestFile(path)) analyseTestFile(path, options, analysis);
    return analysis;
}

}  // namespace accord::lsp
