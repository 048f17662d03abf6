// Collecting, sorting and rendering diagnostics (text with caret, or JSON).
#include "accord/dsl/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace accord::dsl {
namespace {

const char* severityName(Severity severity) {
    switch (severity) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Note: return "note";
    }
    return "error";
}

struct Palette {
    const char* bold = "";
    const char* red = "";
    const char* magenta = "";
    const char* cyan = "";
    const char* green = "";
    const char* reset = "";
};

Palette paletteFor(bool colour) {
    if (!colour) return {};
    return {"\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m"};
}

const char* severityColour(Severity severity, const Palette& palette) {
    switch (severity) {
        case Severity::Error: return palette.red;
        case Severity::Warning: return palette.magenta;
        case Severity::Note: return palette.cyan;
    }
    return palette.reset;
}

/// Replaces bytes that would corrupt a terminal (control characters) with '?'.
std::string printableLine(std::string_view line) {
    std::string out;
    out.reserve(line.size());
    for (char c : line) {
        auto byte = static_cast<unsigned char>(c);
        out.push_back(byte < 0x20 && c != '\t' ? '?' : c);
    }
    return out;
}

/// The source line, and under it a caret at the span start with '~' to the span end on that
/// line. A long line is shown as a window of it around the caret, so that a megabyte-long
/// line gives a readable excerpt and not a megabyte of padding.
std::string renderSourceExcerpt(SourceSpan span, const SourceManager& sources, const Palette& palette) {
    const SourceText& file = sources.file(span.file);
    LineColumn start = file.lineColumn(span.begin);
    std::string_view line = file.line(start.line);
    constexpr std::size_t kMaxShown = 200, kContext = 60;
    const std::size_t caret =
        std::min<std::size_t>(span.begin - static_cast<std::size_t>(line.data() - file.contents().data()), line.size());
    std::size_t from = caret > kMaxShown - kContext ? caret - kContext : 0;
    while (from < caret && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) ++from;  // not inside a character
    std::string before = from > 0 ? "..." : "", after = line.size() > from + kMaxShown ? "..." : "";
    std::string gutter = fmt::format("{:>5} | ", start.line);
    std::string out = gutter + before + printableLine(line.substr(from, kMaxShown)) + after + "\n";

    // Copy tabs from the source so the caret lines up however the terminal expands them.
    std::string pad(before.size(), ' ');
    for (std::size_t i = from; i < caret; ++i) {
        if ((static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) continue;
        pad.push_back(line[i] == '\t' ? '\t' : ' ');
    }
    LineColumn stop = file.lineColumn(span.end);
    std::uint32_t width = stop.line == start.line && stop.column > start.column ? stop.column - start.column : 1;
    width = std::min<std::uint32_t>(width, kMaxShown);
    out += std::string(gutter.size() - 2, ' ') + "| " + pad + palette.green + "^" + std::string(width - 1, '~') + palette.reset + "\n";
    return out;
}

}  // namespace

Diagnostic& Diagnostics::error(SourceSpan span, std::string message, std::string hint) {
    items_.push_back({Severity::Error, span, {}, std::move(message), std::move(hint), {}, {}});
    return items_.back();
}

Diagnostic& Diagnostics::warning(SourceSpan span, std::string message, std::string hint) {
    items_.push_back({Severity::Warning, span, {}, std::move(message), std::move(hint), {}, {}});
    return items_.back();
}

Diagnostic& Diagnostics::fileError(std::string path, std::string message, std::string hint) {
    items_.push_back({Severity::Error, std::nullopt, std::move(path), std::move(message), std::move(hint), {}, {}});
    return items_.back();
}

Diagnostic& Diagnostics::fileWarning(std::string path, std::string message, std::string hint) {
    items_.push_back({Severity::Warning, std::nullopt, std::move(path), std::move(message), std::move(hint), {}, {}});
    return items_.back();
}

std::size_t Diagnostics::errorCount() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t Diagnostics::warningCount() const {
    return static_cast<std::size_t>(
        std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::Warning; }));
}

void Diagnostics::sortByPosition() {
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        // Whole-file problems first; then by file and offset.
        if (a.span.has_value() != b.span.has_value()) return !a.span.has_value();
        if (!a.span) return false;
        if (a.span->file != b.span->file) return a.span->file < b.span->file;
        return a.span->begin < b.span->begin;
    });
}

std::string describeLocation(SourceSpan span, const SourceManager& sources) {
    const SourceText& file = sources.file(span.file);
    LineColumn position = file.lineColumn(span.begin);
    return fmt::format("{}:{}:{}", file.name(), position.line, position.column);
}

std::string renderText(const Diagnostic& diagnostic, const SourceManager& sources, RenderOptions options) {
    Palette palette = paletteFor(options.colour);
    std::string where = diagnostic.span ? describeLocation(*diagnostic.span, sources) : diagnostic.path;
    std::string code = diagnostic.code.empty() ? "" : fmt::format(" [{}]", diagnostic.code);
    std::string out = fmt::format("{}{}: {}{}:{} {}{}{}{}\n", palette.bold, where, severityColour(diagnostic.severity, palette),
                                  severityName(diagnostic.severity), palette.reset, palette.bold, diagnostic.message, palette.reset, code);
    if (diagnostic.span) out += renderSourceExcerpt(*diagnostic.span, sources, palette);
    if (!diagnostic.hint.empty()) out += fmt::format("{}hint:{} {}\n", palette.green, palette.reset, diagnostic.hint);
    for (const DiagnosticNote& note : diagnostic.notes) {
        std::string noteWhere = note.span ? describeLocation(*note.span, sources) + ": " : "";
        out += fmt::format("{}{}{}note:{} {}\n", palette.bold, noteWhere, palette.cyan, palette.reset, note.message);
        if (note.span) out += renderSourceExcerpt(*note.span, sources, palette);
    }
    return out;
}

namespace {

nlohmann::json locationJson(const std::optional<SourceSpan>& span, const std::string& path, const SourceManager& sources) {
    nlohmann::json out = nlohmann::json::object();
    if (!span) {
        out["file"] = path;
        return out;
    }
    const SourceText& file = sources.file(span->file);
    LineColumn start = file.lineColumn(span->begin);
    LineColumn stop = file.lineColumn(span->end);
    out["file"] = file.name();
    out["line"] = start.line;
    out["column"] = start.column;
    out["end_line"] = stop.line;
    out["end_column"] = stop.column;
    return out;
}

}  // namespace

nlohmann::json diagnosticsJson(const Diagnostics& diagnostics, const SourceManager& sources) {
    nlohmann::json list = nlohmann::json::array();
    for (const Diagnostic& diagnostic : diagnostics.items()) {
        nlohmann::json item = locationJson(diagnostic.span, diagnostic.path, sources);
        item["severity"] = severityName(diagnostic.severity);
        item["message"] = diagnostic.message;
        if (!diagnostic.hint.empty()) item["hint"] = diagnostic.hint;
        if (!diagnostic.code.empty()) item["code"] = diagnostic.code;
        nlohmann::json notes = nlohmann::json::array();
        for (const DiagnosticNote& note : diagnostic.notes) {
            nlohmann::json noteJson = locationJson(note.span, {}, sources);
            noteJson["message"] = note.message;
            notes.push_back(std::move(noteJson));
        }
        if (!notes.empty()) item["notes"] = std::move(notes);
        list.push_back(std::move(item));
    }
    return list;
}

}  // namespace accord::dsl
