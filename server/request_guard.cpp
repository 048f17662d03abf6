// The checks before a request is answered (see request_guard.hpp).
#include "server/request_guard.hpp"

#include <fmt/format.h>

namespace accord::server {
namespace {

/// The name in a Host header, without its port: `[::1]:8181` is ::1.
std::string hostName(const std::string& header) {
    if (header.starts_with("[")) return header.substr(1, header.find(']') - 1);
    return header.substr(0, header.find(':'));
}

}  // namespace

bool isLoopback(const std::string& host) { return host == "localhost" || host == "::1" || host.starts_with("127."); }

std::optional<RequestError> refusal(const ServerOptions& options, const httplib::Request& request) {
    std::string host = request.get_header_value("Host");
    if (isLoopback(options.host) && !isLoopback(hostName(host))) {
        return RequestError(421, fmt::format("this server answers requests to localhost only, not to '{}'", host));
    }
    if (request.method == "POST" && !request.get_header_value("Content-Type").starts_with("application/json")) {
        return RequestError(415, "send the request body as JSON, with Content-Type: application/json");
    }
    return std::nullopt;
}

}  // namespace accord::server
