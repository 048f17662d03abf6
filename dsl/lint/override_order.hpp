// The order a program's `resolve` statements put on each keyed relation's values,
// transitively: `block overrides approve, approve overrides undecided` makes `block`
// override `undecided`. Values are compared as printed.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "accord/dsl/ast.hpp"

namespace accord::dsl::lint {

class OverrideOrder {
public:
    explicit OverrideOrder(const std::vector<ast::Program>& files);

    bool overrides(const std::string& relation, const std::string& stronger, const std::string& weaker) const;
    /// Whether one of the two values overrides the other.
    bool ordered(const std::string& relation, const std::string& a, const std::string& b) const {
        return overrides(relation, a, b) || overrides(relation, b, a);
    }

private:
    std::map<std::string, std::set<std::pair<std::string, std::string>>> over_;
};

}  // namespace accord::dsl::lint
