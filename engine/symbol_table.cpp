// String interning (see symbol_table.hpp).
#include "accord/engine/symbol_table.hpp"

namespace accord::engine {

std::uint32_t SymbolTable::intern(std::string_view text) {
    auto it = ids_.find(text);
    if (it != ids_.end()) return it->second;
    auto id = static_cast<std::uint32_t>(texts_.size());
    texts_.emplace_back(text);
    ids_.emplace(texts_.back(), id);
    return id;
}

std::uint32_t SymbolTable::find(std::string_view text) const {
    auto it = ids_.find(text);
    return it == ids_.end() ? kMissing : it->second;
}

}  // namespace accord::engine
