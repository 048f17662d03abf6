// What a request handler throws when it cannot answer: the HTTP status and the diagnostics
// the error document carries (the same objects as the commands' `--format json`).
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace accord::server {

class RequestError : public std::runtime_error {
public:
    RequestError(int status, const std::string& message, nlohmann::json diagnostics = nullptr);

    int status() const { return status_; }
    /// One diagnostic per problem: severity, file, line, column (null without a place), message.
    const nlohmann::json& diagnostics() const { return diagnostics_; }

private:
    int status_;
    nlohmann::json diagnostics_;
};

}  // namespace accord::server
