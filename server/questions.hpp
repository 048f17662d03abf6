// The questions the server answers, one per endpoint (`POST /v1/query`, `/v1/why`, ...):
// each reads its request's fields, with the names the commands' options have (as_of,
// min_confidence, depth, assert, ...), and asks a model. The answers are the commands'
// `--format json` documents, built by the library (accord::Model).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/api/model.hpp"
#include "server/request_body.hpp"

namespace accord::server {

/// An answer's fields (after format_version, command and ok) and what reading the question
/// noted; or, for a picture, the SVG document.
struct Reply {
    nlohmann::ordered_json fields;
    nlohmann::json warnings = nlohmann::json::array();
    std::optional<std::string> svg;
};

/// A question read from a request: the date and minimum it leaves its model evaluated as
/// of (which model it prefers; nullopt for a question that evaluates other dates or facts),
/// and how to ask a model.
struct Question {
    std::optional<AsOf> when;
    std::function<Reply(Model&)> ask;
};

/// Reads an endpoint's question from `body`; RequestError (400) for a field of the wrong
/// type. The fields not read are refused afterwards by the caller.
using QuestionReader = Question (*)(RequestBody& body);

struct QuestionEndpoint {
    const char* path;  ///< "/v1/why"
    const char* command;  ///< the command whose JSON the answer is: "why"
    QuestionReader read;
};

/// The most evaluations one request may ask for (`needs`' max_evaluations, `timeline`'s
/// max_dates): each is bounded by --max-seconds, and this bounds their number, so that no
/// request holds a model for long.
inline constexpr std::size_t kMaxEvaluationsPerRequest = 2000;

/// Every question endpoint: query, why, why-not, what-if, needs, timeline, grid.
const std::vector<QuestionEndpoint>& questionEndpoints();

}  // namespace accord::server
