// The whole public API of Accord, in one include (docs/api.md says which parts are stable):
//
//   #include <accord/accord.hpp>
//
//   auto model = accord::Model::load({"rules/nato"});
//   auto rows = model.query("vote(A, rutte) = V", {.asOf = "2024-04-02"});
//
// accord::Model (api/model.hpp) asks questions by their text and answers with plain data;
// accord::engine::Engine and accord::kb::KnowledgeBase are the layers below it.
#pragma once

#include "accord/version.hpp"

#include "accord/dsl/date.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/api/error.hpp"
#include "accord/engine/api/model.hpp"
#include "accord/engine/api/program_description.hpp"
#include "accord/engine/chart/grid_chart.hpp"
#include "accord/engine/chart/timeline_chart.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/conclusion_diff.hpp"
#include "accord/engine/explain/fact_explanation.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/explain/needs.hpp"
#include "accord/engine/explain/needs_format.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/relation_grid.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/query_json.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"
