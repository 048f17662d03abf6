// The rows of a fact file for one relation, as `accord import` and `--facts` read them:
// `.csv` (RFC 4180, a header naming the columns, in any order; for an undeclared
// relation, whose columns have no names, its columns in order), `.json` (an array of
// objects keyed by column name), `.jsonl` or `.ndjson` (JSON Lines: one such object per
// line) or anything else as tab-separated columns in order. Besides the relation's columns
// a row may carry `_confidence`, `_source`, `_since` and `_until` (what `accord export`
// writes; its `_origin`, `_rule` and `_premises` are ignored). Values are typed by the
// relation's columns (parseValue; untyped columns read rule text). All or nothing: every
// bad row is reported at its line and column, and then no row is returned.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/diagnostic.hpp"
#include "accord/dsl/source_text.hpp"
#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

/// One row: a tuple of the relation, with its annotations.
struct FactRow {
    Tuple tuple;
    double confidence = 1;
    std::optional<std::string> source;
    std::optional<std::int32_t> since, until;  ///< days since 1970-01-01

    bool hasAnnotations() const { return confidence != 1 || source || since || until; }
};

enum class FactRowFormat { Csv, Tsv, Json, JsonLines };

/// The format a file's name says (by its extension; tab-separated when it says nothing).
FactRowFormat factRowFormatFor(const std::string& name);
/// The format of text with no name (standard input), from its first characters: `[` JSON,
/// `{` JSON Lines, a tab in the first line tab-separated, else CSV.
FactRowFormat sniffFactRowFormat(std::string_view text);

/// Receives each good row as it is read (valid during the call).
using FactRowSink = std::function<void(const FactRow&)>;

/// Reads `path` for `relation`, giving each good row to `onRow` as it goes (a file of
/// millions of rows is never held as rows). All or nothing: when it returns false, with
/// the reasons in `diagnostics`, the caller drops whatever rows it was given.
bool forEachFactRow(const std::string& path, const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
                    dsl::Diagnostics& diagnostics, const FactRowSink& onRow);
/// The same for text already read (named `name` in diagnostics), in `format`.
bool forEachFactRow(const std::string& name, std::string contents, FactRowFormat format, const RelationPlan& relation, SymbolTable& symbols,
                    dsl::SourceManager& sources, dsl::Diagnostics& diagnostics, const FactRowSink& onRow);

/// The rows of text already read (named `name` in diagnostics), in `format`, or nullopt
/// with the reasons in `diagnostics` (for a caller that keeps them all).
std::optional<std::vector<FactRow>> readFactRowsText(const std::string& name, std::string contents, FactRowFormat format,
                                                     const RelationPlan& relation, SymbolTable& symbols, dsl::SourceManager& sources,
                                                     dsl::Diagnostics& diagnostics);

}  // namespace accord::engine
