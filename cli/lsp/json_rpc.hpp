// JSON-RPC 2.0 over a byte stream with the Language Server Protocol's framing: each
// message is `Content-Length: N\r\n` (other headers allowed), a blank line, then N bytes
// of JSON. A malformed frame or body is reported to the caller as an error to answer, and
// reading goes on with the next frame: a bad message never ends the session.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace accord::lsp {

/// JSON-RPC error codes (the protocol's and the LSP's).
namespace rpc_error {
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestFailed = -32803;
}  // namespace rpc_error

/// One frame read: a JSON value, or why there is none.
struct IncomingMessage {
    std::optional<nlohmann::json> json;
    int errorCode = 0;  ///< when json is empty: kParseError or kInvalidRequest
    std::string error;
};

class JsonRpcChannel {
public:
    /// Frames larger than this are refused (and skipped) rather than held in memory.
    static constexpr std::size_t kMaxMessageBytes = 64u << 20;
    /// A header line longer than this is a malformed header (its bytes are not kept).
    static constexpr std::size_t kMaxHeaderLine = 8192;

    JsonRpcChannel(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

    /// The next frame; nullopt at the end of the input.
    std::optional<IncomingMessage> read();
    void send(const nlohmann::json& message);

private:
    /// One header line without its "\r\n" (or "\n"); false at the end of the input.
    bool readLine(std::string& line);
    /// Up to `count` bytes (fewer at the end of the input).
    std::string readBytes(std::size_t count);

    std::istream& in_;
    std::ostream& out_;
    std::size_t skipBeforeNext_ = 0;  ///< the body of a refused frame
    std::string pushedBack_;  ///< input read too far, to be read again first, from pushedBackAt_
    std::size_t pushedBackAt_ = 0;
};

/// `{"jsonrpc": "2.0", "id": id, "result": result}`
nlohmann::json responseTo(const nlohmann::json& id, nlohmann::json result);
/// `{"jsonrpc": "2.0", "id": id, "error": {"code", "message"}}`
nlohmann::json errorResponse(const nlohmann::json& id, int code, const std::string& message);
/// `{"jsonrpc": "2.0", "method": method, "params": params}`
nlohmann::json notification(const std::string& method, nlohmann::json params);

}  // namespace accord::lsp
