// Explanations as Markdown, for a report an analyst pastes where people read it: a heading
// per fact, the rules' sentences as prose, the proof as a nested list, the sources as a
// numbered list the prose cites, dates spelt out. (`why`, `why-not`, `timeline` with
// `--format markdown`.)
#pragma once

#include <string>
#include <vector>

#include "accord/engine/explain/proof.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/explain/why_not.hpp"

namespace accord::engine {

/// The proofs of `why`: for each, a heading (numbered when a fact has several derivations),
/// the sentences of its steps (citing the sources below them), the proof as a nested list,
/// the sources, and beside proof i the lines of `notes[i]` (what else a reader must know:
/// other derivations, the values that lost). `evaluated` says what the answer is from
/// ("as of 2024-06-19, ..."), in each proof's first line.
std::string proofsMarkdown(const std::vector<ProofStep>& proofs, const std::string& evaluated, const std::vector<std::string>& notes = {});

/// A why-not as a heading and nested lists.
std::string whyNotMarkdown(const WhyNot& whyNot, const std::string& evaluated);

/// Why-not of a keyed relation's key without its value (`vote(romania, rutte)`): the value
/// it holds (`held`, empty when none), then a section for each other value it could have.
std::string keyValuesMarkdown(const std::string& key, const std::string& held, const std::vector<WhyNot>& others,
                              const std::string& evaluated);

/// A table of states per subject: from, state, confidence, what changed it.
std::string timelinesMarkdown(const std::vector<Timeline>& timelines, const std::string& query, bool hasStart);

/// `text` with the characters Markdown would read as markup escaped.
std::string escapeMarkdown(const std::string& text);

}  // namespace accord::engine
