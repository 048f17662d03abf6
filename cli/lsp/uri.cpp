#include "cli/lsp/uri.hpp"

#include <fmt/format.h>

namespace accord::lsp {
namespace {

bool isUnreserved(unsigned char c) { return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/'; }

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string fileUri(const std::filesystem::path& path) {
    std::string uri = "file://";
    for (unsigned char c : path.generic_string()) uri += isUnreserved(c) ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    return uri;
}

std::optional<std::filesystem::path> pathOfUri(const std::string& uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.compare(0, scheme.size(), scheme) != 0) return std::nullopt;
    std::string encoded = uri.substr(scheme.size());
    if (encoded.compare(0, 10, "localhost/") == 0) encoded.erase(0, 9);
    if (encoded.empty() || encoded.front() != '/') return std::nullopt;
    std::string path;
    for (std::size_t i = 0; i < encoded.size(); ++i) {
        if (encoded[i] != '%') {
            path += encoded[i];
            continue;
        }
        int high = i + 2 < encoded.size() ? hexValue(encoded[i + 1]) : -1, low = i + 2 < encoded.size() ? hexValue(encoded[i + 2]) : -1;
        if (high < 0 || low < 0) return std::nullopt;
        path += static_cast<char>(high * 16 + low);
        i += 2;
    }
    if (path.find('\0') != std::string::npos) return std::nullopt;
    return std::filesystem::path(path).lexically_normal();
}

}  // namespace accord::lsp
