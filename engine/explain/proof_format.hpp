// Proofs for people and for tools: an indented tree (text), JSON (schema in
// docs/explanations.md) and Graphviz (`accord why ... --format dot | dot -Tsvg`).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/explain/proof.hpp"

namespace accord::engine {

/// The indented tree: the fact with its confidence, the rule (name, location, `##`
/// comment, text) and below it the facts it rests on, each with its support.
/// "rule NAME at file:line:col" (or "rule #ID ..." for a rule without a name).
std::string ruleTitle(const ProofRule& rule);

std::string formatProofText(const ProofStep& proof);

/// Each line of `text` with `prefix` before it (explanations nested in others).
std::string indentLines(const std::string& text, const std::string& prefix);
/// A row of a query of several conditions and what it rests on: `A = romania, C = iohannis
/// (confidence 1), resting on:` (`bindings`; "they hold" when empty), then each proof.
std::string formatRowProofsText(const std::string& bindings, double confidence, const std::vector<ProofStep>& proofs);

nlohmann::json proofToJson(const ProofStep& proof);

/// A derivation in words: its rule's sentence template (`## sentence: {A} blocks {C} ...`)
/// with the derivation's values in place of the variables, its first letter capitalised;
/// "" when the rule has no sentence, or the derivation gives a name in braces no value.
std::string sentenceOf(const ProofStep& step);
/// `text` with its first letter capitalised, to begin a sentence.
std::string capitalized(std::string text);

/// A location "file:line:col" as {"file", "line", "column"}; null when there is none.
nlohmann::json locationToJson(const std::string& location);
/// A rule as {"id", "name", "location"} (with `withText`, also "docs" and "text").
nlohmann::json ruleToJson(const ProofRule& rule, bool withText = false);

/// One Graphviz digraph of all the proofs: a box per fact, an edge from each premise to
/// the fact it supports, labelled with the rule.
std::string formatProofsDot(const std::vector<ProofStep>& proofs);

}  // namespace accord::engine
