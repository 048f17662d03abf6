// The language server's view of one model: the directory of an open document, loaded with
// the unsaved text of every open document, checked and linted as `accord check` would,
// giving the diagnostics of each file (in LSP form) and the index of its names.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/lsp/model_index.hpp"

namespace accord::lsp {

struct ModelAnalysis {
    /// Each file of the model (and the document), by absolute path, with its LSP
    /// diagnostics; files without any are listed with an empty array.
    std::map<std::string, nlohmann::json> diagnostics;
    ModelIndex index;
    /// The text each file was analysed with, by absolute path (for converting positions).
    std::map<std::string, std::string> texts;
};

/// Analyses the model a rule file belongs to: every `*.rules` file below its directory, or
/// below the directory that includes it (the document alone where there is no model, or
/// when `alone`: a document of no file, `untitled:`). `unsaved` holds the text of open
/// documents by canonical path (by their name for those of no file).
ModelAnalysis analyseModel(const std::filesystem::path& document, const std::map<std::filesystem::path, std::string>& unsaved,
                           bool alone = false);

}  // namespace accord::lsp
