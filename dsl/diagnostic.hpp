// Diagnostics: the errors and warnings Accord reports about rule text.
//
// A Diagnostic is plain data (severity, span, message, optional hint, located notes).
// Passes append to one Diagnostics list and never throw for user errors; the list is
// rendered at the end, sorted by position, in the compiler form
//
//   rules/nato/vote.rules:12:17: error: unknown relation 'aly'
//      12 | vote(A, C) = block if aly(A).
//         |                       ^~~
//   hint: did you mean 'ally'?
//
// or as JSON for tools.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/dsl/source_text.hpp"

namespace accord::dsl {

enum class Severity { Error, Warning, Note };

/// A secondary location that explains the primary one ("'blocks' is negated here").
struct DiagnosticNote {
    std::optional<SourceSpan> span;
    std::string message;
};

struct Diagnostic {
    Severity severity = Severity::Error;
    std::optional<SourceSpan> span;  ///< absent for whole-file problems (a file that cannot be read)
    std::string path;  ///< used when there is no span
    std::string message;
    std::string hint;  ///< empty when there is nothing useful to suggest
    std::vector<DiagnosticNote> notes;
    /// A warning's name (dsl/lint/lint_names.hpp), by which it can be allowed; empty for errors.
    std::string code;
};

/// The diagnostics of one run of the front end.
class Diagnostics {
public:
    Diagnostic& error(SourceSpan span, std::string message, std::string hint = {});
    Diagnostic& warning(SourceSpan span, std::string message, std::string hint = {});
    Diagnostic& fileError(std::string path, std::string message, std::string hint = {});
    Diagnostic& fileWarning(std::string path, std::string message, std::string hint = {});
    void add(Diagnostic diagnostic) { items_.push_back(std::move(diagnostic)); }
    /// Drops the diagnostics `drop` says to (allowed warnings).
    template <typename Predicate>
    void removeIf(Predicate drop) {
        items_.erase(std::remove_if(items_.begin(), items_.end(), drop), items_.end());
    }

    std::size_t errorCount() const;
    std::size_t warningCount() const;
    bool hasErrors() const { return errorCount() > 0; }
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Orders by file, then position (stable, so passes keep their own order at a tie).
    void sortByPosition();

private:
    std::vector<Diagnostic> items_;
};

struct RenderOptions {
    bool colour = false;
};

/// "file:line:col: error: message", the source line with a caret, the hint and the notes.
std::string renderText(const Diagnostic& diagnostic, const SourceManager& sources, RenderOptions options = {});
/// One JSON object per diagnostic, as an array: [{"severity","file","line","column",...}].
nlohmann::json diagnosticsJson(const Diagnostics& diagnostics, const SourceManager& sources);
/// "file:line:col" of a span's start.
std::string describeLocation(SourceSpan span, const SourceManager& sources);

}  // namespace accord::dsl
