// The server's questions (see questions.hpp). Each reads the fields its command has as
// options, with the commands' defaults (the library's option structures).
#include "server/questions.hpp"

#include <fmt/format.h>

#include "accord/engine/chart/grid_chart.hpp"
#include "accord/engine/chart/timeline_chart.hpp"
#include "server/request_error.hpp"

namespace accord::server {
namespace {

AsOf readWhen(RequestBody& body) { return AsOf{.asOf = body.text("as_of").value_or(""), .minConfidence = body.number("min_confidence")}; }

Reply replyOf(const Answer& answer) { return Reply{answer.json, answer.warnings, std::nullopt}; }

/// A count of evaluations a request asks for, at most kMaxEvaluationsPerRequest.
std::optional<std::size_t> evaluationCount(RequestBody& body, const std::string& field) {
    auto count = body.count(field, 1);
    if (count && *count > kMaxEvaluationsPerRequest) {
        throw RequestError(400, fmt::format("\"{}\" may be at most {} on this server (each evaluation is bounded by its --max-seconds)",
                                            field, kMaxEvaluationsPerRequest));
    }
    return count;
}

/// `"format": "json"` (the default) or `"svg"`: the answer's picture.
bool readsSvg(RequestBody& body) {
    std::string format = body.text("format").value_or("json");
    if (format != "json" && format != "svg") throw RequestError(400, "\"format\" must be \"json\" or \"svg\", not \"" + format + "\"");
    return format == "svg";
}

Question readQuery(RequestBody& body) {
    std::string query = body.requiredText("query");
    AsOf when = readWhen(body);
    return {when, [=](Model& model) {
                Rows rows = model.query(query, when);
                return Reply{rows.json, rows.warnings, std::nullopt};
            }};
}

Question readWhy(RequestBody& body) {
    std::string query = body.requiredText("query");
    AsOf when = readWhen(body);
    WhyOptions options;
    options.depth = body.count("depth").value_or(options.depth);
    options.limit = body.count("limit", 1).value_or(options.limit);
    return {when, [=](Model& model) { return replyOf(model.why(query, when, options)); }};
}

Question readWhyNot(RequestBody& body) {
    std::string query = body.requiredText("query");
    AsOf when = readWhen(body);
    WhyNotOptions options;
    options.depth = body.count("depth").value_or(options.depth);
    return {when, [=](Model& model) { return replyOf(model.whyNot(query, when, options)); }};
}

Question readWhatIf(RequestBody& body) {
    std::vector<std::string> asserts = body.texts("assert"), retracts = body.texts("retract");
    std::string query = body.text("query").value_or("");
    AsOf when = readWhen(body);
    return {std::nullopt, [=](Model& model) { return replyOf(model.whatIf(asserts, retracts, when, query)); }};
}

Question readNeeds(RequestBody& body) {
    std::string goal = body.requiredText("query");
    AsOf when = readWhen(body);
    NeedsOptions options;
    options.assumable = body.texts("assumable");
    options.maxAnswers = body.count("max", 1).value_or(options.maxAnswers);
    options.maxChanges = body.count("max_changes", 1).value_or(options.maxChanges);
    options.maxEvaluations = evaluationCount(body, "max_evaluations").value_or(options.maxEvaluations);
    return {std::nullopt, [=](Model& model) { return replyOf(model.needs(goal, when, options)); }};
}

Question readTimeline(RequestBody& body) {
    std::string query = body.requiredText("query");
    TimelineOptions options;
    options.from = body.text("from").value_or("");
    options.to = body.text("to").value_or("");
    options.maxDates = evaluationCount(body, "max_dates").value_or(options.maxDates);
    std::optional<double> minConfidence = body.number("min_confidence");
    bool svg = readsSvg(body);
    // A timeline is evaluated on every date it covers; `as_of` would say nothing, so it is not read (and refused).
    return {std::nullopt, [=](Model& model) {
                Reply reply = replyOf(model.timeline(query, options, minConfidence));
                if (svg) reply.svg = engine::chart::timelineSvg(reply.fields);
                return reply;
            }};
}

Question readGrid(RequestBody& body) {
    std::string relation = body.requiredText("relation");
    AsOf when = readWhen(body);
    bool svg = readsSvg(body);
    return {when, [=](Model& model) {
                Reply reply = replyOf(model.grid(relation, when));
                if (svg) reply.svg = engine::chart::gridSvg(reply.fields);
                return reply;
            }};
}

}  // namespace

const std::vector<QuestionEndpoint>& questionEndpoints() {
    static const std::vector<QuestionEndpoint> endpoints = {
        {"/v1/query", "query", readQuery},      {"/v1/why", "why", readWhy},       {"/v1/why-not", "why-not", readWhyNot},
        {"/v1/what-if", "what-if", readWhatIf}, {"/v1/needs", "needs", readNeeds}, {"/v1/timeline", "timeline", readTimeline},
        {"/v1/grid", "grid", readGrid},
    };
    return endpoints;
}

}  // namespace accord::server
