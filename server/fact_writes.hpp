// `POST /v1/facts` (with --allow-writes): asserts and retracts facts, all or none, in the
// knowledge base (one transaction, then every model loaded again) or, for rule files, in
// the models in memory (the files are not written).
#pragma once

#include <httplib.h>

#include "server/server_state.hpp"

namespace accord::server {

void answerFacts(ServerState& state, const httplib::Request& request, httplib::Response& response);

}  // namespace accord::server
