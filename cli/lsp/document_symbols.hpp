// The outline of one rule file for the Language Server Protocol: a DocumentSymbol per
// statement (relations, resolutions, the threshold, rules and facts), read from its text
// alone so that it follows what is typed.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

namespace accord::lsp {

/// The statements that parse, as an array of DocumentSymbol.
nlohmann::json documentSymbols(std::string_view text);

}  // namespace accord::lsp
