// The checks every request passes before it is answered, made once its body has been read
// (a refusal before would leave the body on the connection, to be read as the next request).
#pragma once

#include <httplib.h>

#include <optional>

#include "server/http_server.hpp"
#include "server/request_error.hpp"

namespace accord::server {

/// Why a request is refused, if it is: addressed to a name that is not localhost while the
/// server listens on loopback (a page of another site whose name was pointed at 127.0.0.1,
/// DNS rebinding), or a POST that is not JSON (a form of another site cannot send JSON
/// without the browser asking first).
std::optional<RequestError> refusal(const ServerOptions& options, const httplib::Request& request);

}  // namespace accord::server
