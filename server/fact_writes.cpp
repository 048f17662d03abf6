// Writes of facts (see fact_writes.hpp).
#include "server/fact_writes.hpp"

#include <fmt/format.h>

#include "accord/engine/text/fact_statements.hpp"
#include "accord/kb/knowledge_base.hpp"
#include "server/json_documents.hpp"
#include "server/request_body.hpp"

namespace accord::server {
namespace {

struct Written {
    nlohmann::ordered_json fields;
    nlohmann::json warnings = nlohmann::json::array();
};

nlohmann::json warning(const std::string& message) { return {{"severity", "warning"}, {"message", message}}; }

std::string factsText(const std::vector<std::string>& facts) {
    std::string text;
    for (const std::string& fact : facts) text += engine::withFinalPeriod(fact) + "\n";
    return text;
}

kb::KnowledgeBase::FactChangeCounts changeKnowledgeBase(const std::string& path, const std::vector<std::string>& asserts,
                                                        const std::vector<std::string>& retracts) {
    try {
        dsl::SourceManager sources;
        dsl::Diagnostics diagnostics;
        auto knowledgeBase = kb::KnowledgeBase::open(path, /*create=*/false);
        auto counts = knowledgeBase.changeFacts({factsText(asserts), factsText(retracts)}, sources, diagnostics);
        if (!counts) throw fromError(Error::fromDiagnostics(diagnostics, sources));
        return *counts;
    } catch (const kb::DatabaseError& error) {  // nothing was written
        constexpr int kSqliteBusy = 5, kSqliteLocked = 6;  // another connection holds the lock: try again
        bool busy = error.code() == kSqliteBusy || error.code() == kSqliteLocked;
        throw RequestError(busy ? 503 : 500, std::string("the knowledge base was not written: ") + error.what());
    }
}

/// With a knowledge base: one transaction, then every model loaded from it again.
Written writeKnowledgeBase(ServerState& state, const std::vector<std::string>& asserts, const std::vector<std::string>& retracts) {
    auto counts = changeKnowledgeBase(*state.source.knowledgeBase, asserts, retracts);
    Written written{
        {{"asserted", counts.asserted}, {"retracted", counts.retracted}, {"not_found", counts.notFound}, {"written", "knowledge base"}}};
    for (const std::string& fact : counts.notFound) {
        written.warnings.push_back(
            warning(fmt::format("{} was not an asserted fact: nothing to retract (the facts of the stored rule files stay)", fact)));
    }
    try {
        state.reloadModels();
    } catch (const std::exception& error) {  // the next question tries again: the knowledge base's stamp is the old one
        written.warnings.push_back(
            warning(fmt::format("the facts were written, but the models could not be loaded again ({}): answers are from the knowledge "
                                "base as it was until a later request loads it",
                                error.what())));
    }
    return written;
}

/// With rule files: the models change in memory, tried on a copy first so that a bad fact
/// changes none; the files are not written.
Written writeModels(ServerState& state, const std::vector<std::string>& asserts, const std::vector<std::string>& retracts) {
    std::optional<Model> trial;
    {
        auto lease = state.pool.acquire(std::nullopt, state.options.busyWait);
        if (!lease) throw RequestError(503, "busy: no model is free to try the change on; try again shortly");
        trial.emplace(lease->model().clone());
    }
    std::size_t asserted = 0, retracted = 0;
    std::vector<std::string> notFound;
    auto change = [&](Model& model, bool count) {
        std::size_t added = asserts.empty() ? 0 : model.addFacts(factsText(asserts));
        if (count) asserted = added;
        for (const std::string& fact : retracts) {
            std::size_t removed = model.retractFacts(fact);
            if (count && removed == 0) notFound.push_back(fact);
            if (count) retracted += removed;
        }
    };
    change(*trial, true);  // an Error here leaves every model as it was
    state.pool.changeEach([&](Model& model) { change(model, false); });
    ++state.writesInMemory;
    Written written{{{"asserted", asserted},
                     {"retracted", retracted},
                     {"not_found", notFound},
                     {"written", "memory: the rule files are unchanged, and the facts last until the server stops"}}};
    for (const std::string& fact : notFound)
        written.warnings.push_back(warning(fmt::format("{} was not a fact: nothing to retract", fact)));
    return written;
}

}  // namespace

void answerFacts(ServerState& state, const httplib::Request& request, httplib::Response& response) {
    if (!state.options.allowWrites) throw RequestError(403, "this server is read-only: start it with --allow-writes to change facts");
    RequestBody body(request.body);
    std::vector<std::string> asserts = body.texts("assert"), retracts = body.texts("retract");
    body.finish("POST /v1/facts");
    if (asserts.empty() && retracts.empty()) throw RequestError(400, "give facts to \"assert\" or to \"retract\"");
    std::lock_guard lock(state.writing);
    Written written = state.source.knowledgeBase ? writeKnowledgeBase(state, asserts, retracts) : writeModels(state, asserts, retracts);
    sendJson(response, 200, document("facts", true, written.fields, written.warnings));
}

}  // namespace accord::server
