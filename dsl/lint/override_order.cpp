#include "accord/dsl/lint/override_order.hpp"

#include "accord/dsl/ast_printer.hpp"

namespace accord::dsl::lint {
namespace {

void closeTransitively(std::set<std::pair<std::string, std::string>>& pairs) {
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& [a, b] : std::set(pairs)) {
            for (const auto& [c, d] : std::set(pairs)) {
                if (b == c && pairs.insert({a, d}).second) grew = true;
            }
        }
    }
}

}  // namespace

OverrideOrder::OverrideOrder(const std::vector<ast::Program>& files) {
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* resolution = boost::get<ast::Resolution>(&statement);
            if (!resolution) continue;
            for (const ast::OverrideChain& chain : resolution->chains) {
                for (std::size_t i = 0; i + 1 < chain.values.size(); ++i) {
                    over_[resolution->relation].insert({print(chain.values[i]), print(chain.values[i + 1])});
                }
            }
        }
    }
    for (auto& [relation, pairs] : over_) closeTransitively(pairs);
}

bool OverrideOrder::overrides(const std::string& relation, const std::string& stronger, const std::string& weaker) const {
    auto it = over_.find(relation);
    return it != over_.end() && it->second.count({stronger, weaker});
}

}  // namespace accord::dsl::lint
