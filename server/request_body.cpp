// Reading a request's JSON fields (see request_body.hpp).
#include "server/request_body.hpp"

#include <cmath>

#include <fmt/format.h>

#include "server/request_error.hpp"

namespace accord::server {

RequestBody::RequestBody(const std::string& text) : body_(nlohmann::json::object()) {
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) return;
    try {
        body_ = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& error) {
        throw RequestError(400, fmt::format("the request body is not JSON: a syntax error at byte {}", error.byte));
    }
    if (!body_.is_object()) throw RequestError(400, fmt::format("the request body is a JSON {}, not an object", body_.type_name()));
}

const nlohmann::json* RequestBody::field(const std::string& name, const char* expected, bool (nlohmann::json::*is)() const noexcept) {
    read_.insert(name);
    auto found = body_.find(name);
    if (found == body_.end() || found->is_null()) return nullptr;
    if (!((*found).*is)()) throw RequestError(400, fmt::format("\"{}\" must be {}, not {}", name, expected, found->type_name()));
    return &*found;
}

std::optional<std::string> RequestBody::text(const std::string& name) {
    const nlohmann::json* value = field(name, "a string", &nlohmann::json::is_string);
    return value ? std::optional(value->get<std::string>()) : std::nullopt;
}

std::string RequestBody::requiredText(const std::string& name) {
    auto value = text(name);
    if (!value || value->empty()) {
        missing_.push_back(name);
        return "";
    }
    return *value;
}

std::optional<double> RequestBody::number(const std::string& name) {
    const nlohmann::json* value = field(name, "a number", &nlohmann::json::is_number);
    return value ? std::optional(value->get<double>()) : std::nullopt;
}

std::optional<std::size_t> RequestBody::count(const std::string& name, std::size_t lowest) {
    const nlohmann::json* value = field(name, "a whole number", &nlohmann::json::is_number);
    if (!value) return std::nullopt;
    double number = value->get<double>();
    if (number != std::floor(number) || number < static_cast<double>(lowest) || number > 1e9) {
        throw RequestError(400, fmt::format("\"{}\" must be a whole number from {} to 1000000000, not {}", name, lowest, value->dump()));
    }
    return static_cast<std::size_t>(number);
}

std::vector<std::string> RequestBody::texts(const std::string& name) {
    const nlohmann::json* value = field(name, "a list of strings", &nlohmann::json::is_array);
    std::vector<std::string> result;
    if (!value) return result;
    for (const auto& item : *value) {
        if (!item.is_string())
            throw RequestError(400, fmt::format("\"{}\" must be a list of strings; it holds {}", name, item.type_name()));
        result.push_back(item.get<std::string>());
    }
    return result;
}

void RequestBody::finish(const std::string& endpoint) const {
    std::string unknown, known;
    for (const auto& [name, value] : body_.items()) {
        if (!read_.contains(name)) unknown += (unknown.empty() ? "\"" : ", \"") + name + "\"";
    }
    for (const std::string& name : read_) known += (known.empty() ? "\"" : ", \"") + name + "\"";
    if (!unknown.empty()) throw RequestError(400, fmt::format("{} does not take {} (it takes {})", endpoint, unknown, known));
    if (!missing_.empty()) throw RequestError(400, fmt::format("\"{}\" is required (a non-empty string)", missing_.front()));
}

}  // namespace accord::server
