// Differences of conclusions (see conclusion_diff.hpp).
#include "accord/engine/explain/conclusion_diff.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// A keyed tuple's key (every column but the value), as text: pairs a removed value with an added one.
std::string keyText(TupleView tuple, const SymbolTable& symbols) {
    std::string key;
    for (std::size_t c = 0; c + 1 < tuple.size(); ++c) key += formatValue(tuple[c], symbols) + '\x1f';
    return key;
}

}  // namespace

std::vector<ConclusionChange> diffRelation(RelationId relation, const ProgramPlan& plan, const Relation& before, const Relation& after) {
    const RelationPlan& relationPlan = plan.relations[relation];
    auto text = [&](TupleView tuple) { return formatFact(relationPlan.name, tuple, relationPlan.keyed, plan.symbols); };
    std::vector<ConclusionChange> changes;
    std::map<std::string, std::size_t> removedByKey;  // keyed relations: a removed value waiting for its replacement
    for (TupleId id = 0; id < before.size(); ++id) {
        TupleView tuple = before.tuple(id);
        auto now = after.find(tuple);
        if (now && after.confidence(*now) == before.confidence(id)) continue;
        ConclusionChange change{now ? ConclusionChange::Kind::Changed : ConclusionChange::Kind::Removed,
                                relation,
                                Tuple(tuple.begin(), tuple.end()),
                                text(tuple),
                                now ? text(tuple) : "",
                                before.confidence(id),
                                now ? after.confidence(*now) : 0};
        if (!now && relationPlan.keyed) removedByKey[keyText(tuple, plan.symbols)] = changes.size();
        changes.push_back(std::move(change));
    }
    for (TupleId id = 0; id < after.size(); ++id) {
        TupleView tuple = after.tuple(id);
        if (before.contains(tuple)) continue;
        auto paired = relationPlan.keyed ? removedByKey.find(keyText(tuple, plan.symbols)) : removedByKey.end();
        if (paired != removedByKey.end()) {  // the key's value changed
            ConclusionChange& change = changes[paired->second];
            change.kind = ConclusionChange::Kind::Changed;
            change.tuple.assign(tuple.begin(), tuple.end());
            change.after = text(tuple);
            change.confidenceAfter = after.confidence(id);
            removedByKey.erase(paired);
            continue;
        }
        changes.push_back(
            {ConclusionChange::Kind::Added, relation, Tuple(tuple.begin(), tuple.end()), "", text(tuple), 0, after.confidence(id)});
    }
    std::sort(changes.begin(), changes.end(), [](const ConclusionChange& a, const ConclusionChange& b) {
        return (a.after.empty() ? a.before : a.after) < (b.after.empty() ? b.before : b.after);
    });
    return changes;
}

std::vector<ConclusionChange> diffRows(const std::vector<std::string>& variables, const std::vector<QueryRow>& before,
                                       const std::vector<QueryRow>& after, const SymbolTable& symbols) {
    auto text = [&](const QueryRow& row) {
        return variables.empty() ? "the conditions hold" : formatBindings(variables, row.values, symbols);
    };
    std::map<std::string, const QueryRow*> earlier;
    for (const QueryRow& row : before) earlier[text(row)] = &row;
    std::vector<ConclusionChange> changes;
    for (const QueryRow& row : after) {
        auto was = earlier.find(text(row));
        if (was == earlier.end()) {
            changes.push_back({ConclusionChange::Kind::Added, kQueryRow, row.values, "", text(row), 0, row.confidence});
            continue;
        }
        if (was->second->confidence != row.confidence) {
            changes.push_back(
                {ConclusionChange::Kind::Changed, kQueryRow, row.values, text(row), text(row), was->second->confidence, row.confidence});
        }
        earlier.erase(was);
    }
    for (const auto& [written, row] : earlier) {
        changes.push_back({ConclusionChange::Kind::Removed, kQueryRow, row->values, written, "", row->confidence, 0});
    }
    std::sort(changes.begin(), changes.end(), [&](const ConclusionChange& a, const ConclusionChange& b) {
        return std::lexicographical_compare(a.tuple.begin(), a.tuple.end(), b.tuple.begin(), b.tuple.end(),
                                            [&](const Value& x, const Value& y) { return compareValues(x, y, symbols) < 0; });
    });
    return changes;
}

std::string formatChanges(const std::vector<ConclusionChange>& changes) {
    std::string out;
    for (const ConclusionChange& change : changes) {
        switch (change.kind) {
            case ConclusionChange::Kind::Added:
                out += fmt::format("+ {}  ({})\n", change.after, formatConfidence(change.confidenceAfter));
                break;
            case ConclusionChange::Kind::Removed:
                out += fmt::format("- {}  ({})\n", change.before, formatConfidence(change.confidenceBefore));
                break;
            case ConclusionChange::Kind::Changed:
                out += fmt::format("~ {}  ({}) -> {}  ({})\n", change.before, formatConfidence(change.confidenceBefore), change.after,
                                   formatConfidence(change.confidenceAfter));
                break;
        }
    }
    return out;
}

nlohmann::json changesToJson(const std::vector<ConclusionChange>& changes) {
    nlohmann::json json = nlohmann::json::array();
    static const char* kinds[] = {"added", "removed", "changed"};
    for (const ConclusionChange& change : changes) {
        nlohmann::json entry = {{"kind", kinds[static_cast<int>(change.kind)]}};
        if (!change.before.empty()) entry["before"] = {{"fact", change.before}, {"confidence", change.confidenceBefore}};
        if (!change.after.empty()) entry["after"] = {{"fact", change.after}, {"confidence", change.confidenceAfter}};
        json.push_back(std::move(entry));
    }
    return json;
}

void keepMatching(std::vector<ConclusionChange>& changes, const Pattern& pattern) {
    std::erase_if(changes,
                  [&](const ConclusionChange& change) { return change.relation != pattern.relation || !matches(pattern, change.tuple); });
}

}  // namespace accord::engine
