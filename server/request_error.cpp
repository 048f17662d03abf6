// Errors a request handler reports (see request_error.hpp).
#include "server/request_error.hpp"

namespace accord::server {

RequestError::RequestError(int status, const std::string& message, nlohmann::json diagnostics)
    : std::runtime_error(message), status_(status), diagnostics_(std::move(diagnostics)) {
    if (diagnostics_.is_null()) {
        diagnostics_ = nlohmann::json::array({{{"severity", "error"}, {"message", message}}});
    }
}

}  // namespace accord::server
