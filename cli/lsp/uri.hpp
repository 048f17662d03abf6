// `file://` URIs, as the Language Server Protocol names documents, and the paths they stand
// for (percent-encoding both ways).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace accord::lsp {

/// `file:///home/a%20b/x.rules` for `/home/a b/x.rules` (an absolute path).
std::string fileUri(const std::filesystem::path& path);

/// The path of a `file://` URI; nullopt for another scheme (`untitled:`) or a malformed one.
std::optional<std::filesystem::path> pathOfUri(const std::string& uri);

}  // namespace accord::lsp
