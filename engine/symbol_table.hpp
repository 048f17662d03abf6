// Interning of symbol and string text: each distinct text gets a dense id, so tuples hold
// integers and compare in constant time. Ids are given in order of first appearance, so
// the same program always gets the same ids (deterministic results).
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>

namespace accord::engine {

class SymbolTable {
public:
    std::uint32_t intern(std::string_view text);
    /// The id of a text already interned, or nullopt-like UINT32_MAX.
    std::uint32_t find(std::string_view text) const;
    const std::string& text(std::uint32_t id) const { return texts_[id]; }
    std::size_t size() const { return texts_.size(); }

    static constexpr std::uint32_t kMissing = UINT32_MAX;

private:
    std::deque<std::string> texts_;  ///< stable addresses: ids_ keys view into them
    std::unordered_map<std::string_view, std::uint32_t> ids_;
};

}  // namespace accord::engine
