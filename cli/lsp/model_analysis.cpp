#include "cli/lsp/model_analysis.hpp"

#include <algorithm>
#include <cstdlib>
#include <optional>

#include "cli/lsp/text_position.hpp"
#include "cli/lsp/uri.hpp"
#include "accord/dsl/check/checked_program.hpp"
#include "accord/dsl/lexical.hpp"
#include "accord/dsl/lint/lint_program.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/testing/test_file.hpp"
#include "accord/engine/testing/test_runner.hpp"

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
        // By file id: text read for one question (a test's conditions) is a file of its own
        // under the test file's name, in place.
        auto it = indexes_.find(span->file);
        if (it == indexes_.end()) it = indexes_.emplace(span->file, LineIndex(sources_.file(span->file).contents())).first;
        return it->second.range(span->begin, span->end);
    }

    const dsl::SourceManager& sources_;
    ModelAnalysis& analysis_;
    std::map<dsl::FileId, LineIndex> indexes_;
};

/// How many directories above a document's own the server looks for a rule file that
/// includes it.
constexpr int kIncluderLevels = 4;

/// The text of a rule file as the editor holds it, or as saved.
std::optional<std::string> textOf(const fs::path& file, const dsl::LoadOptions& options) {
    std::string text, error;
    return dsl::readRuleSource(file, options, text, error) ? std::optional(std::move(text)) : std::nullopt;
}

/// The most rule files a model may have: a document in a directory with more is checked
/// alone (a document at the top of a large tree must not make every keystroke read it).
constexpr std::size_t kMaxModelFiles = 2000;

/// A filesystem root or the home directory is no model's directory, whatever it holds.
bool tooWideForAModel(const fs::path& directory) {
    const char* home = std::getenv("HOME");
    return directory == directory.root_path() || (home && *home && directory == dsl::canonicalPath(home));
}

/// Whether a rule file directly in `directory` includes a file below `tree`.
bool includesInto(const fs::path& directory, const fs::path& tree, const dsl::LoadOptions& options) {
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(directory, error)) {
        const fs::path& file = entry.path();
        if (file.extension() != ".rules" || dsl::isTestFile(file) || !entry.is_regular_file(error)) continue;
        std::optional<std::string> text = textOf(file, options);
        if (!text) continue;
        for (const dsl::Comment& comment : dsl::scanComments(*text)) {  // an include in a comment is none
            std::fill(text->begin() + comment.begin, text->begin() + comment.end, ' ');
        }
        for (std::size_t at = text->find("include"); at != std::string::npos; at = text->find("include", at + 1)) {
            std::size_t open = text->find_first_not_of(" \t", at + 7);
            if (open == std::string::npos || (*text)[open] != '"') continue;
            std::size_t close = text->find('"', open + 1);
            if (close == std::string::npos) break;
            fs::path included = dsl::canonicalPath(directory / text->substr(open + 1, close - open - 1));
            auto [treeEnd, _] = std::mismatch(tree.begin(), tree.end(), included.begin(), included.end());
            if (treeEnd == tree.end()) return true;
        }
    }
    return false;
}

/// The directory whose model a document belongs to: its own, or the highest directory
/// above it (a few levels at most) whose rule files include a file of it, as
/// `include "conditions/turkey.rules"` makes `conditions/` part of the model above.
fs::path modelDirectory(const fs::path& document, const dsl::LoadOptions& options) {
    fs::path model = document.parent_path(), directory = model;
    for (int level = 0; level < kIncluderLevels && !tooWideForAModel(directory.parent_path()); ++level) {
        directory = directory.parent_path();
        if (includesInto(directory, model, options)) model = directory;
    }
    return model;
}

/// The directory of the model a document belongs to, with its rule files; nullopt where
/// there is none to check it with (no rule files, or a tree too wide to be a model).
std::optional<std::pair<fs::path, std::vector<fs::path>>> modelOf(const fs::path& document, const dsl::LoadOptions& options) {
    fs::path directory = modelDirectory(document, options);
    if (tooWideForAModel(directory)) return std::nullopt;
    std::error_code error;
    std::vector<fs::path> files = dsl::rulesFilesUnder(directory, error);
    if (error || files.empty() || files.size() > kMaxModelFiles) return std::nullopt;
    return std::pair(directory, std::move(files));
}

/// Loads the model a document belongs to (its text unsaved or not), or the document alone
/// where there is none.
bool loadModel(const fs::path& document, const dsl::LoadOptions& options, dsl::LoadedProgram& program, dsl::Diagnostics& diagnostics) {
    auto model = modelOf(document, options);
    bool loaded = true;
    if (model) {
        const auto& [directory, files] = *model;
        loaded = dsl::loadPaths({directory.string()}, options, program, diagnostics);
        bool inModel = std::find(files.begin(), files.end(), document) != files.end();
        if (inModel || dsl::isTestFile(document)) return loaded;
    } else if (dsl::isTestFile(document)) {
        return true;  // a test file without a model: its own statements only
    }
    if (auto text = options.unsaved.find(document); text != options.unsaved.end()) {  // a new file, not saved yet
        return dsl::loadText(document.string(), text->second, document.parent_path(), options, program, diagnostics) && loaded;
    }
    return dsl::loadPaths({document.string()}, options, program, diagnostics) && loaded;
}

/// A test file's own diagnostics: its statements, and its facts and conditions read against
/// the model (whose own diagnostics are the model's files').
void analyseTestFile(const fs::path& document, const dsl::LoadOptions& options, ModelAnalysis& analysis) {
    std::optional<std::string> text = textOf(document, options);
    if (!text) return;
    dsl::SourceManager sources;
    dsl::FileId file = sources.add(document.string(), *text);
    dsl::Diagnostics diagnostics;
    std::optional<engine::TestFile> tests = engine::parseTestFile(sources, file, diagnostics);
    analysis.texts[document.string()] = *text;
    if (!analysis.diagnostics.count(document.string())) analysis.diagnostics[document.string()] = nlohmann::json::array();
    DiagnosticConverter(sources, analysis).add(diagnostics, document.string());
    engine::Engine engine;
    dsl::Diagnostics modelDiagnostics;
    auto model = modelOf(document, options);
    if (!tests || !model || !engine.loadFiles({model->first.string()}, modelDiagnostics, options)) return;
    engine::TestDiagnostics said;
    engine::checkTestText(engine, *tests, said);
    DiagnosticConverter(said.factSources, analysis).add(said.facts, document.string());
    DiagnosticConverter(engine.sources(), analysis).add(said.conditions, document.string());
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

ModelAnalysis analyseModel(const fs::path& document, const std::map<fs::path, std::string>& unsaved, bool alone) {
    fs::path path = alone ? document : dsl::canonicalPath(document);
    dsl::LoadOptions options;
    options.unsaved = unsaved;
    dsl::LoadedProgram program;
    dsl::Diagnostics diagnostics;
    bool loaded = false;
    if (!alone) {
        loaded = loadModel(path, options, program, diagnostics);
    } else if (auto text = unsaved.find(document); text != unsaved.end()) {
        options.followIncludes = false;  // alone: no file of the server's working directory comes in
        loaded = dsl::loadText(document.string(), text->second, fs::current_path(), options, program, diagnostics);
    }
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
