// Errors that stop a run: arithmetic faults, unresolved clashes of keyed relations, and
// exceeded limits. They name rules by id; describeError() (engine.hpp) turns the ids into
// the rule's text and position.
#pragma once

#include <stdexcept>
#include <string>

#include "accord/engine/relation.hpp"

namespace accord::engine {

class EvaluationError : public std::runtime_error {
public:
    enum class Kind { Arithmetic, Clash, Limit };

    EvaluationError(Kind kind, RuleId rule, std::string message, RuleId otherRule = kNoRule)
        : std::runtime_error(message), kind_(kind), rule_(rule), otherRule_(otherRule) {}

    Kind kind() const { return kind_; }
    RuleId rule() const { return rule_; }  ///< the rule at fault (kNoRule: a fact)
    RuleId otherRule() const { return otherRule_; }  ///< for clashes: the rule that derived the other value

private:
    Kind kind_;
    RuleId rule_;
    RuleId otherRule_;
};

}  // namespace accord::engine
