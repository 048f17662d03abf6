#include "cli/lsp/json_rpc.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>

#include <fmt/format.h>

namespace accord::lsp {
namespace {

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

bool JsonRpcChannel::readLine(std::string& line) {
    line.clear();
    bool any = false, tooLong = false;
    while (true) {
        int c;
        if (pushedBackAt_ < pushedBack_.size()) {
            c = static_cast<unsigned char>(pushedBack_[pushedBackAt_++]);  // by index: erasing the front would be quadratic
        } else {
            c = in_.get();
            if (c == std::char_traits<char>::eof()) break;
        }
        any = true;
        if (c == '\n') break;
        if (line.size() < kMaxHeaderLine) {
            line += static_cast<char>(c);
        } else {
            tooLong = true;  // the rest of the line is read and dropped: memory stays bounded
        }
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (tooLong) line = "(a header line longer than " + std::to_string(kMaxHeaderLine) + " bytes)";
    return any;
}

std::string JsonRpcChannel::readBytes(std::size_t count) {
    std::string bytes = pushedBack_.substr(std::min(pushedBackAt_, pushedBack_.size()), count);
    pushedBackAt_ += bytes.size();
    if (bytes.size() < count) {
        std::size_t start = bytes.size();
        bytes.resize(count);
        in_.read(bytes.data() + start, static_cast<std::streamsize>(count - start));
        bytes.resize(start + static_cast<std::size_t>(in_.gcount()));
    }
    return bytes;
}

std::optional<IncomingMessage> JsonRpcChannel::read() {
    if (pushedBackAt_ >= pushedBack_.size()) {
        pushedBack_.clear();
        pushedBackAt_ = 0;
    }
    std::size_t fromPushedBack = std::min(skipBeforeNext_, pushedBack_.size() - pushedBackAt_);
    pushedBackAt_ += fromPushedBack;
    skipBytes(in_, skipBeforeNext_ - fromPushedBack);
    skipBeforeNext_ = 0;
    std::optional<std::size_t> length;
    std::string line, badHeader;
    bool sawHeader = false;
    while (true) {
        if (!readLine(line)) return std::nullopt;
        if (line.empty()) {
            if (sawHeader) break;
            continue;  // blank lines between frames
        }
        // A frame's header can follow what is left of a broken one on the same line.
        std::size_t header = lowercase(line).find("content-length:");
        if (header != std::string::npos && header > 0) {
            badHeader = line.substr(0, header);
            line.erase(0, header);
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
        length = status == std::errc() && end == value.data() + value.size() ? std::optional(parsed) : std::nullopt;
    }
    if (!length) {
        std::string why = badHeader.empty() ? "a message without a valid Content-Length header"
                                            : fmt::format("malformed header line '{}'", badHeader.substr(0, 200));
        return IncomingMessage{std::nullopt, rpc_error::kParseError, why};
    }
    if (*length > kMaxMessageBytes) {
        skipBeforeNext_ = *length;  // after answering: the client may wait for the answer before it sends more
        return IncomingMessage{std::nullopt, rpc_error::kInvalidRequest,
                               fmt::format("message of {} bytes, more than the {} accepted", *length, kMaxMessageBytes)};
    }
    std::string body = readBytes(*length);
    nlohmann::json json = nlohmann::json::parse(body, nullptr, false);
    if (json.is_discarded()) {
        // A body shorter than its header said swallowed the start of the next frame: read
        // that frame again from its header.
        std::size_t next = lowercase(body).find("content-length:");
        if (next != std::string::npos) {
            pushedBack_ = body.substr(next) + pushedBack_.substr(std::min(pushedBackAt_, pushedBack_.size()));
            pushedBackAt_ = 0;
        }
        return IncomingMessage{std::nullopt, rpc_error::kParseError, "the message is not valid JSON"};
    }
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
