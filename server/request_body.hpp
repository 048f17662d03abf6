// A request's JSON body, read field by field with the type each must have. Every field the
// endpoint does not know is refused (an option is honoured or refused, never ignored), and
// every wrong type is a 400 with the field's name.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace accord::server {

class RequestBody {
public:
    /// Parses `text` (a JSON object; empty: no fields). RequestError 400 when it is not one.
    explicit RequestBody(const std::string& text);

    std::optional<std::string> text(const std::string& field);
    /// A text the request must give ("" when it is missing: finish() then refuses it).
    std::string requiredText(const std::string& field);
    std::optional<double> number(const std::string& field);
    /// A count: a whole number from `lowest` up.
    std::optional<std::size_t> count(const std::string& field, std::size_t lowest = 0);
    /// A list of strings (a single string is refused: it would read as its characters).
    std::vector<std::string> texts(const std::string& field);

    /// RequestError 400 naming every field that no read asked for (a misspelt name is
    /// reported as such, before the field it stood for is reported missing), or else every
    /// required field that is missing.
    void finish(const std::string& endpoint) const;

private:
    const nlohmann::json* field(const std::string& name, const char* expected, bool (nlohmann::json::*is)() const noexcept);

    nlohmann::json body_;
    std::set<std::string> read_;
    std::vector<std::string> missing_;
};

}  // namespace accord::server
