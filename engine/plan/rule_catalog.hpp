// What a person needs to know about each rule and fact of a compiled program, as text:
// the bridge that lets errors and explanations speak the user's language while the
// evaluator deals only in ids.
#pragma once

#include <string>
#include <vector>

namespace accord::engine {

struct RuleDescription {
    std::string name;  ///< `rule NAME:`, or empty
    std::string docs;  ///< `##` lines, joined with newlines (but the sentence's)
    /// The `## sentence:` template, how a derivation reads in words (dsl/check/sentences.hpp).
    std::string sentence;
    std::string text;  ///< the rule in canonical layout (one alternative when desugared)
    std::string location;  ///< "file:line:col"
};

struct FactDescription {
    std::string text;
    std::string source;
    std::string location;
};

struct RuleCatalog {
    std::vector<RuleDescription> rules;  ///< by RuleId
    std::vector<FactDescription> facts;  ///< by FactPlan::index
};

}  // namespace accord::engine
