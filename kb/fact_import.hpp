// Reading rows to import into a relation of the knowledge base: `.csv` (RFC 4180, a header
// naming the columns), `.json` (an array of objects keyed by column name) or anything else
// as tab-separated columns in order. Besides the relation's columns a row may carry
// `_confidence`, `_source`, `_since` and `_until` (what `accord export` writes; its
// `_origin`, `_rule` and `_premises` are ignored). All or nothing: every bad row is
// reported at its line and column, and then no row is returned.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.hpp"
#include "dsl/source_text.hpp"
#include "engine/plan/program_plan.hpp"

namespace accord::kb {

struct ImportedRow {
    engine::Tuple tuple;
    double confidence = 1;
    std::optional<std::string> source;
    std::optional<std::int32_t> since, until;  ///< days since 1970-01-01
};

/// The rows of `path` for `relation`, or nullopt with the reasons in `diagnostics` (the
/// file is added to `sources` so they can be printed with the offending line).
std::optional<std::vector<ImportedRow>> readImportFile(const std::string& path, const engine::RelationPlan& relation,
                                                       engine::SymbolTable& symbols, dsl::SourceManager& sources,
                                                       dsl::Diagnostics& diagnostics);

/// The same for text already read; `name` says the format (`.json`, `.csv`, else tab-separated).
std::optional<std::vector<ImportedRow>> readImportText(const std::string& name, std::string contents, const engine::RelationPlan& relation,
                                                       engine::SymbolTable& symbols, dsl::SourceManager& sources,
                                                       dsl::Diagnostics& diagnostics);

}  // namespace accord::kb
