// Rows of fact files (see fact_rows.hpp). CSV and TSV are split by dsl::readFactText; JSON is
// parsed by nlohmann::json, with a scan of the top-level array for where each row starts,
// so that a bad row can be reported at its line.
#include "accord/engine/text/fact_rows.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/date.hpp"
#include "accord/dsl/fact_file.hpp"
#include "accord/dsl/lexical.hpp"
#include "accord/dsl/loader.hpp"
#include "accord/engine/text/column_fit.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// Where a field of a row goes: a column of the relation, an annotation, or nowhere.
struct FieldTarget {
    enum class Kind { Column, Confidence, Source, Since, Until, Ignored } kind = Kind::Ignored;
    std::size_t column = 0;
};

std::optional<FieldTarget> targetFor(const std::string& name, const std::vector<std::string>& columns) {
    auto found = std::find(columns.begin(), columns.end(), name);
    if (found != columns.end()) return FieldTarget{FieldTarget::Kind::Column, static_cast<std::size_t>(found - columns.begin())};
    if (name == "_confidence") return FieldTarget{FieldTarget::Kind::Confidence, 0};
    if (name == "_source") return FieldTarget{FieldTarget::Kind::Source, 0};
    if (name == "_since") return FieldTarget{FieldTarget::Kind::Since, 0};
    if (name == "_until") return FieldTarget{FieldTarget::Kind::Until, 0};
    if (name == "_origin" || name == "_rule" || name == "_premises") return FieldTarget{};
    return std::nullopt;
}

/// Builds one row from named fields, reporting what does not fit at `span`.
class RowBuilder {
public:
    RowBuilder(const RelationPlan& relation, SymbolTable& symbols, dsl::Diagnostics& diagnostics)
        : relation_(relation), symbols_(symbols), diagnostics_(diagnostics) {}

    void start() {
        row_ = FactRow{};
        row_.tuple.assign(relation_.arity, Value{});
        filled_.assign(relation_.arity, false);
    }

    /// Empty text for an annotation means "none".
    bool set(const FieldTarget& target, std::string_view text, dsl::SourceSpan span) {
        switch (target.kind) {
            case FieldTarget::Kind::Column: return setColumn(target.column, text, span);
            case FieldTarget::Kind::Confidence: {
                if (text.empty()) return true;
                auto value = parseValue(text, ValueKind::Decimal, symbols_);
                if (!value || !(value->asDecimal() > 0 && value->asDecimal() <= 1)) {  // NaN fails too
                    return fail(span, fmt::format("confidence '{}' is not a number in (0, 1]", text));
                }
                row_.confidence = value->asDecimal();
                return true;
            }
            case FieldTarget::Kind::Source:
                if (!text.empty()) row_.source = std::string(text);
                return true;
            case FieldTarget::Kind::Since:
            case FieldTarget::Kind::Until: {
                if (text.empty()) return true;
                auto date = dsl::parseDate(text);
                if (!date) return fail(span, fmt::format("'{}' is not a date (YYYY-MM-DD)", text));
                (target.kind == FieldTarget::Kind::Since ? row_.since : row_.until) = date->days;
                return true;
            }
            case FieldTarget::Kind::Ignored: return true;
        }
        return true;
    }

    /// The row, once every column has a value (valid until the next start()); null otherwise.
    const FactRow* finish(dsl::SourceSpan span, const std::vector<std::string>& names) {
        for (std::size_t c = 0; c < relation_.arity; ++c) {
            if (!filled_[c]) {
                fail(span, fmt::format("this row has no value for column '{}' of '{}'", names[c], relation_.name));
                return nullptr;
            }
        }
        if (row_.since && row_.until && *row_.until <= *row_.since) {
            fail(span, "the row's _until is not after its _since");
            return nullptr;
        }
        return &row_;
    }

    bool fail(dsl::SourceSpan span, std::string message) {
        diagnostics_.error(span, std::move(message));
        return false;
    }

private:
    bool setColumn(std::size_t column, std::string_view text, dsl::SourceSpan span) {
        // Untyped columns read values as rule text, as `accord export` writes them.
        std::optional<Value> value = parseValue(text, relation_.columnKinds[column], symbols_);
        if (!value) return fail(span, doesNotFit(text, relation_, column));
        if (value->kind == ValueKind::Symbol && !text.starts_with('\'')) warnIfQuotedInRules(column, symbols_.text(value->asId()), span);
        row_.tuple[column] = *value;
        filled_[column] = true;
        return true;
    }

    /// A symbol that is not a plain lowercase word (`United Kingdom`) is written quoted in
    /// rules and outputs; an analyst who meant text would rather declare the column string.
    /// Once per column, so that a file of countries does not give a warning per row.
    void warnIfQuotedInRules(std::size_t column, const std::string& name, dsl::SourceSpan span) {
        if (dsl::isPlainSymbol(name) || warnedQuoted_.contains(column)) return;
        warnedQuoted_.insert(column);
        diagnostics_.warning(
            span,
            fmt::format("the value {} becomes the symbol {}, quoted in rules and outputs as {}", name, dsl::formatSymbol(name),
                        name == "today" ? "`today` is the evaluation date" : "it is not a lowercase word"),
            fmt::format("{} if its values are text; this is the first such value of the column, the "
                        "others are not listed",
                        relation_.columnNames.empty()
                            ? fmt::format("declare relation '{}' with column {} as string", relation_.name, column + 1)
                            : fmt::format("declare column '{}' of '{}' as string", relation_.columnNames[column], relation_.name)));
    }

    const RelationPlan& relation_;
    SymbolTable& symbols_;
    dsl::Diagnostics& diagnostics_;
    FactRow row_;
    std::vector<bool> filled_;
    std::set<std::size_t> warnedQuoted_;
};

/// The rows of a CSV or TSV file, read from whole records (dsl::readFactText) in one piece
/// or several, in order.
class DelimitedRows {
public:
    DelimitedRows(dsl::FileId file, dsl::FactFileFormat format, const RelationPlan& relation, SymbolTable& symbols,
                  dsl::Diagnostics& diagnostics, const FactRowSink& onRow)
        : file_(file),
          format_(format),
          relation_(relation),
          names_(columnNames(relation)),
          builder_(relation, symbols, diagnostics),
          diagnostics_(diagnostics),
          onRow_(onRow) {}

    /// Reads whole records that start at `offset` in the file. False when the file cannot be
    /// read on (a bad header, an unterminated quote); a bad row is reported, and reading goes on.
    bool read(std::string_view records, std::uint32_t offset) {
        return dsl::readFactText(records, offset, file_, format_, diagnostics_, header_,
                                 [&](std::span<const dsl::FactField> fields) { return readRow(fields); });
    }

private:
    bool readRow(std::span<const dsl::FactField> fields) {
        if (targets_.empty() && !findTargets()) return false;
        if (fields.size() != targets_.size()) {
            builder_.fail(spanOf(fields.front()), fmt::format("expected {} field{} for '{}', found {}", targets_.size(),
                                                              targets_.size() == 1 ? "" : "s", relation_.name, fields.size()));
            return true;  // keep going: report every bad row
        }
        builder_.start();
        bool ok = true;
        for (std::size_t f = 0; f < fields.size(); ++f) ok = builder_.set(targets_[f], fields[f].text, spanOf(fields[f])) && ok;
        if (ok) {
            if (const FactRow* row = builder_.finish(spanOf(fields.front()), names_)) onRow_(*row);
        }
        return true;
    }

    /// Where each field goes: the columns in order (TSV), or as the header names them (CSV).
    bool findTargets() {
        if (format_ == dsl::FactFileFormat::Tsv) {
            for (std::size_t c = 0; c < relation_.arity; ++c) targets_.push_back({FieldTarget::Kind::Column, c});
            return true;
        }
        std::size_t nextColumn = 0;  // an undeclared relation's columns have no names: its header is read in order
        for (const std::string& name : header_) {
            auto target = targetFor(name, names_);
            if (relation_.columnNames.empty() && (!target || target->kind == FieldTarget::Kind::Column) && !name.starts_with('_')) {
                target = FieldTarget{FieldTarget::Kind::Column, nextColumn++};
            }
            if (!target || (target->kind == FieldTarget::Kind::Column && target->column >= relation_.arity)) {
                diagnostics_.error({file_, 0, 1}, fmt::format("header column '{}' is not a column of '{}'", name, relation_.name),
                                   fmt::format("the columns are: {} (and _confidence, _source, _since, _until)", fmt::join(names_, ", ")));
                return false;
            }
            targets_.push_back(*target);
        }
        return true;
    }

    dsl::SourceSpan spanOf(const dsl::FactField& field) const {
        return dsl::SourceSpan{file_, field.offset, field.offset + static_cast<std::uint32_t>(std::max<std::size_t>(1, field.text.size()))};
    }

    dsl::FileId file_;
    dsl::FactFileFormat format_;
    const RelationPlan& relation_;
    const std::vector<std::string> names_;
    std::vector<std::string> header_;
    std::vector<FieldTarget> targets_;
    RowBuilder builder_;
    dsl::Diagnostics& diagnostics_;
    const FactRowSink& onRow_;
};

/// How dsl::readFactText splits a format's records: nullopt for JSON, which it does not read.
std::optional<dsl::FactFileFormat> delimitedFormat(FactRowFormat format) {
    if (format == FactRowFormat::Csv) return dsl::FactFileFormat::Csv;
    if (format == FactRowFormat::Tsv) return dsl::FactFileFormat::Tsv;
    return std::nullopt;
}

/// Reports the first byte of `text` (at `offset` in `file`) that is not UTF-8 text; false then.
bool checkEncoding(std::string_view text, std::uint32_t offset, dsl::FileId file, dsl::Diagnostics& diagnostics) {
    auto problem = dsl::findEncodingProblem(text);
    if (!problem) return true;
    diagnostics.error({file, offset + problem->offset, offset + problem->offset + 1}, problem->message, problem->hint);
    return false;
}

/// A CSV or TSV file read a block at a time (dsl::readFileInBlocks), its whole records
/// handed on as they arrive: a file of millions of rows is never held whole (it was, with
/// an offset per line, while its rows were stored: 42 of the 141 MB of bench/'s 2M-row
/// aggregate). Its text is read again, whole, only when a diagnostic points into it (a file
/// changed in between would show its new lines).
bool readDelimitedFile(const std::string& path, dsl::FactFileFormat format, const RelationPlan& relation, SymbolTable& symbols,
                       dsl::SourceManager& sources, dsl::Diagnostics& diagnostics, const FactRowSink& onRow) {
    const std::size_t said = diagnostics.items().size();
    const dsl::FileId file = sources.add(path, "");
    DelimitedRows rows(file, format, relation, symbols, diagnostics, onRow);
    dsl::WholeRecords records(format);
    bool ok = true;
    auto readRecords = [&](std::string_view text) {
        ok = ok && checkEncoding(text, records.offset(), file, diagnostics) && rows.read(text, records.offset());
        return ok;
    };
    std::string error;
    if (!dsl::readFileInBlocks(
            path, dsl::kMaxDataFileBytes, [&](std::string_view block) { return readRecords(records.add(block)); }, error)) {
        diagnostics.fileError(path, error);
        return false;
    }
    if (ok) readRecords(records.rest());
    if (diagnostics.items().size() != said) {
        std::string contents;
        if (dsl::readFile(path, dsl::kMaxDataFileBytes, contents, error)) {
            sources.setContents(file, std::move(contents));
        } else {
            diagnostics.add({.severity = dsl::Severity::Note,
                             .span = {},
                             .path = path,
                             .message = "could not read the file again to show the lines above: " + error,
                             .hint = {},
                             .notes = {},
                             .code = {}});
        }
    }
    return ok;
}

/// Adds the row a JSON object gives (or reports why it cannot) at `span`.
void addJsonRow(const nlohmann::json& element, dsl::SourceSpan span, const RelationPlan& relation, RowBuilder& builder,
                const FactRowSink& onRow) {
    const std::vector<std::string> names = columnNames(relation);
    if (!element.is_object()) {
        builder.fail(span, "expected an object with the row's columns");
        return;
    }
    builder.start();
    bool ok = true;
    for (const auto& [key, value] : element.items()) {
        auto target = targetFor(key, names);
        if (!target) {
            ok = builder.fail(
                span, fmt::format("'{}' is not a column of '{}' (the columns are: {})", key, relation.name, fmt::join(names, ", ")));
            continue;
        }
        std::string field;
        if (value.is_string()) {
            field = value.get<std::string>();
        } else if (value.is_number_integer() || value.is_number_unsigned() || value.is_number_float()) {
            field = value.dump();
        } else if (!value.is_null()) {
            ok = builder.fail(span, fmt::format("the value of '{}' is not a string or a number", key));
            continue;
        } else if (target->kind == FieldTarget::Kind::Column) {
            ok = builder.fail(span, fmt::format("'{}' is null", key));
            continue;
        }
        ok = builder.set(*target, field, span) && ok;
    }
    if (ok) {
        if (const FactRow* row = builder.finish(span, names)) onRow(*row);
    }
}

/// Offsets where each element of the top-level JSON array starts (strings skipped).
std::vector<std::uint32_t> arrayElementOffsets(std::string_view text) {
    std::vector<std::uint32_t> offsets;
    int depth = 0;
    bool expectElement = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t') continue;
        if (expectElement && depth == 1 && c != ']') {
            offsets.push_back(static_cast<std::uint32_t>(i));
            expectElement = false;
        }
        if (c == '"') {
            for (++i; i < text.size() && text[i] != '"'; ++i) {
                if (text[i] == '\\') ++i;
            }
        } else if (c == '[' || c == '{') {
            if (++depth == 1) expectElement = true;
        } else if (c == ']' || c == '}') {
            --depth;
        } else if (c == ',' && depth == 1) {
            expectElement = true;
        }
    }
    return offsets;
}

void readJson(dsl::FileId file, const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
              dsl::Diagnostics& diagnostics, const FactRowSink& onRow) {
    std::string_view text = sources.file(file).contents();
    nlohmann::json document;
    try {
        document = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        std::uint32_t at = static_cast<std::uint32_t>(std::min<std::size_t>(error.byte > 0 ? error.byte - 1 : 0, text.size()));
        std::string message = error.what();
        if (auto colon = message.rfind(": "); colon != std::string::npos) message = message.substr(colon + 2);
        diagnostics.error({file, at, at + 1}, "malformed JSON: " + message);
        return;
    } catch (const nlohmann::json::exception& error) {  // e.g. a number too large for a double (found by fuzzing)
        std::string message = error.what();
        if (auto bracket = message.find("] "); bracket != std::string::npos) message = message.substr(bracket + 2);
        diagnostics.error({file, 0, 1}, "malformed JSON: " + message);
        return;
    }
    if (!document.is_array()) {
        diagnostics.error({file, 0, 1}, "expected a JSON array of objects, one per row",
                          R"(e.g. [{"ally": "turkey", "candidate": "rutte"}])");
        return;
    }
    std::vector<std::uint32_t> offsets = arrayElementOffsets(text);
    RowBuilder builder(relation, symbols, diagnostics);
    for (std::size_t i = 0; i < document.size(); ++i) {
        std::uint32_t at = i < offsets.size() ? offsets[i] : 0;
        addJsonRow(document[i], {file, at, at + 1}, relation, builder, onRow);
    }
}

/// JSON Lines: one object per non-blank line, each reported at its own line.
void readJsonLines(dsl::FileId file, const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
                   dsl::Diagnostics& diagnostics, const FactRowSink& onRow) {
    std::string_view text = sources.file(file).contents();
    RowBuilder builder(relation, symbols, diagnostics);
    for (std::size_t start = 0; start < text.size();) {
        std::size_t end = std::min(text.find('\n', start), text.size());
        std::string_view line = text.substr(start, end - start);
        dsl::SourceSpan span{file, static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(start + 1)};
        start = end + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) continue;
        nlohmann::json element = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        if (element.is_discarded()) {
            builder.fail(span, "malformed JSON on this line (JSON Lines: one object per line)");
            continue;
        }
        addJsonRow(element, span, relation, builder, onRow);
    }
}

}  // namespace

bool forEachFactRow(const std::string& path, const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
                    dsl::Diagnostics& diagnostics, const FactRowSink& onRow) {
    const FactRowFormat format = factRowFormatFor(path);
    std::error_code notRegular;
    // Only a regular file can be read again for its diagnostics (a pipe cannot, a FIFO would wait).
    if (auto delimited = delimitedFormat(format); delimited && std::filesystem::is_regular_file(path, notRegular)) {
        const std::size_t errorsBefore = diagnostics.errorCount();
        return readDelimitedFile(path, *delimited, relation, symbols, sources, diagnostics, onRow) &&
               diagnostics.errorCount() == errorsBefore;  // all or nothing: the caller keeps the rows only then
    }
    std::string contents, error;
    if (!dsl::readFile(path, dsl::kMaxDataFileBytes, contents, error)) {
        diagnostics.fileError(path, error);
        return false;
    }
    return forEachFactRow(path, std::move(contents), factRowFormatFor(path), relation, symbols, sources, diagnostics, onRow);
}

FactRowFormat factRowFormatFor(const std::string& name) {
    auto endsWith = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
    };
    if (endsWith(".json")) return FactRowFormat::Json;
    if (endsWith(".jsonl") || endsWith(".ndjson")) return FactRowFormat::JsonLines;
    return dsl::factFileFormatFor(name) == dsl::FactFileFormat::Csv ? FactRowFormat::Csv : FactRowFormat::Tsv;
}

FactRowFormat sniffFactRowFormat(std::string_view text) {
    std::size_t first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && text[first] == '[') return FactRowFormat::Json;
    if (first != std::string_view::npos && text[first] == '{') return FactRowFormat::JsonLines;
    std::string_view firstLine = text.substr(0, text.find('\n'));
    return firstLine.find('\t') != std::string_view::npos ? FactRowFormat::Tsv : FactRowFormat::Csv;
}

bool forEachFactRow(const std::string& name, std::string contents, FactRowFormat format, const RelationPlan& relation, SymbolTable& symbols,
                    dsl::SourceManager& sources, dsl::Diagnostics& diagnostics, const FactRowSink& onRow) {
    dsl::FileId file = sources.add(name, std::move(contents));
    if (!checkEncoding(sources.file(file).contents(), 0, file, diagnostics)) return false;
    const std::size_t errorsBefore = diagnostics.errorCount();
    bool read = true;
    switch (format) {
        case FactRowFormat::Json: readJson(file, relation, symbols, sources, diagnostics, onRow); break;
        case FactRowFormat::JsonLines: readJsonLines(file, relation, symbols, sources, diagnostics, onRow); break;
        case FactRowFormat::Csv:
        case FactRowFormat::Tsv:
            read =
                DelimitedRows(file, *delimitedFormat(format), relation, symbols, diagnostics, onRow).read(sources.file(file).contents(), 0);
            break;
    }
    return read && diagnostics.errorCount() == errorsBefore;  // all or nothing: the caller keeps the rows only then
}

std::optional<std::vector<FactRow>> readFactRowsText(const std::string& name, std::string contents, FactRowFormat format,
                                                     const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
                                                     dsl::Diagnostics& diagnostics) {
    std::vector<FactRow> rows;
    auto keep = [&](const FactRow& row) { rows.push_back(row); };
    if (!forEachFactRow(name, std::move(contents), format, relation, symbols, sources, diagnostics, keep)) return std::nullopt;
    return rows;
}

}  // namespace accord::engine
