#include "cli/lsp/json_rpc.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>

#include <fmt/format.h>

namespace accord::lsp {
namespace {

/// Reads one header line without its "\r\n" (or "\n"); false at the end of the input.
bool readHeaderLine(std::istream& in, std::string& line) {
    if (!std::getline(in, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return true;
}

std::string lowercase(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

/// Reads and throws away `count` bytes, a piece at a time.
void skipBytes(std::istream& in, std::size_t count) {
    char buffer[1 << 16];
    while (count > 0 && in) {
        std::size_t piece = std::min(count, sizeof buffer);
        in.read(buffer, static_cast<std::streamsize>(piece));
        count -= static_cast<std::size_t>(in.gcount());
    }
}

}  // namespace

std::optional<IncomingMessage> JsonRpcChannel::read() {
    skipBytes(in_, skipBeforeNext_);
    skipBeforeNext_ = 0;
    std::optional<std::size_t> length;
    std::string line, badHeader;
    bool sawHeader = false;
    while (true) {
        if (!readHeaderLine(in_, line)) return std::nullopt;
        if (line.empty()) {
            if (sawHeader) break;
            continue;  // blank lines between frames
        }
        sawHeader = true;
        std::size_t colon = line.find(':');
        if (colon == std::string::npos) {
            badHeader = line;
            continue;
        }
        if (lowercase(line.substr(0, colon)) != "content-length") continue;
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        std::size_t parsed = 0;
        auto [end, status] = std::from_chars(value.data(), value.data() + value.size(), parsed);
        if (status == std::errc() && end == value.data() + value.size()) length = parsed;
    }
    if (!badHeader.empty() && !length) {
        return IncomingMessage{std::nullopt, rpc_error::kParseError, fmt::format("malformed header line '{}'", badHeader)};
    }
    if (!length) return IncomingMessage{std::nullopt, rpc_error::kParseError, "a message without a valid Content-Length header"};
    if (*length > kMaxMessageBytes) {
        skipBeforeNext_ = *length;  // after answering: the client may wait for the answer before it sends more
        return IncomingMessage{std::nullopt, rpc_error::kInvalidRequest,
                               fmt::format("message of {} bytes, more than the {} accepted", *length, kMaxMessageBytes)};
    }
    std::string body(*length, '\0');
    in_.read(body.data(), static_cast<std::streamsize>(*length));
    body.resize(static_cast<std::size_t>(in_.gcount()));
    nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) return IncomingMessage{std::nullopt, rpc_error::kParseError, "the message is not valid JSON"};
    return IncomingMessage{std::move(json), 0, {}};
}

void JsonRpcChannel::send(const nlohmann::json& message) {
    // Invalid UTF-8 in a value (a file's bytes) is replaced, never a reason to stop.
    std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out_ << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out_.flush();
}

nlohmann::json responseTo(const nlohmann::json& id, nlohmann::json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

nlohmann::json errorResponse(const nlohmann::json& id, int code, const std::string& message) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

nlohmann::json notification(const std::string& method, nlohmann::json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace accord::lsp
