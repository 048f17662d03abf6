// The documents `accord serve` answers with: the commands' `--format json` envelope
// (format_version, command, ok, ..., diagnostics), for answers and for errors.
#pragma once

#include <httplib.h>

#include <string>

#include <nlohmann/json.hpp>

#include "accord/engine/api/error.hpp"
#include "server/request_error.hpp"

namespace accord::server {

/// The commands' JSON document: format_version, command, ok, the fields, the diagnostics
/// (as the commands print them: one without a place has no file, line and column).
nlohmann::ordered_json document(const std::string& command, bool ok, const nlohmann::ordered_json& fields,
                                const nlohmann::json& diagnostics);

void sendJson(httplib::Response& response, int status, const nlohmann::ordered_json& json);
/// The error document of `command` with the error's status (503 with Retry-After).
void sendError(httplib::Response& response, const std::string& command, const RequestError& error);
/// A library error as a request's: 422 when an evaluation stopped, 400 for bad input.
RequestError fromError(const Error& error);

}  // namespace accord::server
