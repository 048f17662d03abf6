// The server's answer and error documents (see json_documents.hpp).
#include "server/json_documents.hpp"

#include "cli/json_output.hpp"

namespace accord::server {
namespace {

nlohmann::json asTheCommandsPrint(const nlohmann::json& diagnostics) {
    nlohmann::json printed = nlohmann::json::array();
    if (!diagnostics.is_array()) return printed;
    for (nlohmann::json diagnostic : diagnostics) {
        for (const char* place : {"file", "line", "column"}) {
            if (diagnostic.contains(place) && diagnostic[place].is_null()) diagnostic.erase(place);
        }
        printed.push_back(std::move(diagnostic));
    }
    return printed;
}

}  // namespace

nlohmann::ordered_json document(const std::string& command, bool ok, const nlohmann::ordered_json& fields,
                                const nlohmann::json& diagnostics) {
    nlohmann::ordered_json json = {{"format_version", cli::kJsonFormatVersion}, {"command", command}, {"ok", ok}};
    if (fields.is_object()) json.update(fields);
    json["diagnostics"] = asTheCommandsPrint(diagnostics);
    return json;
}

void sendJson(httplib::Response& response, int status, const nlohmann::ordered_json& json) {
    response.status = status;
    response.set_content(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", "application/json; charset=utf-8");
}

void sendError(httplib::Response& response, const std::string& command, const RequestError& error) {
    if (error.status() == 503) response.set_header("Retry-After", "1");
    sendJson(response, error.status(), document(command, false, nullptr, error.diagnostics()));
}

RequestError fromError(const Error& error) {
    return RequestError(error.kind() == Error::Kind::Evaluation ? 422 : 400, error.text(), error.diagnostics());
}

}  // namespace accord::server
