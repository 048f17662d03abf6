// Lowering a checked program (see lower_program.hpp).
#include "accord/engine/plan/lower_program.hpp"

#include <set>

#include <spdlog/spdlog.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/check/sentences.hpp"
#include "accord/engine/plan/lower_clause.hpp"

namespace accord::engine {
namespace {

namespace ast = dsl::ast;

/// The `##` lines joined, without the sentence template (the catalog keeps it apart).
std::string joinDocs(const std::vector<std::string>& docs) {
    std::string out;
    for (const std::string& doc : docs) {
        if (dsl::check::sentenceTemplate({doc}).empty()) out += (out.empty() ? "" : "\n") + doc;
    }
    return out;
}

Validity validityOf(const ast::Annotations& annotations) {
    Validity validity;
    if (annotations.since) validity.since = annotations.since->days;
    if (annotations.until) validity.until = annotations.until->days;
    return validity;
}

/// (winner, loser) pairs of every resolution of a relation, transitively closed.
std::vector<std::pair<Value, Value>> overridesOf(const dsl::LoadedProgram& loaded, const std::string& relation, SymbolTable& symbols) {
    std::vector<std::pair<Value, Value>> pairs;
    for (const ast::Program& file : loaded.files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* resolution = boost::get<ast::Resolution>(&statement);
            if (!resolution || resolution->relation != relation) continue;
            for (const ast::OverrideChain& chain : resolution->chains) {
                for (std::size_t i = 0; i < chain.values.size(); ++i) {
                    for (std::size_t j = i + 1; j < chain.values.size(); ++j) {
                        pairs.emplace_back(lowerConstant(chain.values[i], symbols), lowerConstant(chain.values[j], symbols));
                    }
                }
            }
        }
    }
    // Transitive closure: a overrides b and b overrides c give a overrides c.
    for (bool added = true; added;) {
        added = false;
        std::vector<std::pair<Value, Value>> more;
        for (const auto& [a, b] : pairs) {
            for (const auto& [c, d] : pairs) {
                if (b == c && std::find(pairs.begin(), pairs.end(), std::make_pair(a, d)) == pairs.end() &&
                    std::find(more.begin(), more.end(), std::make_pair(a, d)) == more.end()) {
                    more.emplace_back(a, d);
                }
            }
        }
        added = !more.empty();
        pairs.insert(pairs.end(), more.begin(), more.end());
    }
    return pairs;
}

}  // namespace

StratumPlan lowerStratum(const std::vector<ClauseRule>& rules, std::vector<RelationId> members, bool recursive,
                         const RelationLookup& lookup, SymbolTable& symbols) {
    StratumPlan stratum;
    stratum.recursive = recursive;
    stratum.relations = std::move(members);
    auto isMember = [&](const std::string& name) {
        return std::count(stratum.relations.begin(), stratum.relations.end(), lookup.ids.at(name)) > 0;
    };
    for (const auto& [clause, id, kinds] : rules) {
        if (!isMember(clause->rule->head.relation)) continue;
        stratum.base.push_back(lowerClause(*clause, id, std::nullopt, lookup, symbols, nullptr, kinds));
        if (!recursive) continue;
        for (std::size_t i = 0; i < clause->body.size(); ++i) {
            const auto* atom = boost::get<ast::Atom>(clause->body[i]);
            if (atom && isMember(atom->relation)) stratum.deltas.push_back(lowerClause(*clause, id, i, lookup, symbols, nullptr, kinds));
        }
    }
    return stratum;
}

LoweredProgram lowerProgram(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked) {
    LoweredProgram out;
    ProgramPlan& plan = out.plan;
    plan.threshold = checked.threshold.value_or(0.0);
    RelationLookup lookup;
    lookup.relations = &plan.relations;
    std::set<std::string> liftedHeads;
    for (const dsl::Clause& clause : checked.clauses) {
        if (clause.rule->lifted) liftedHeads.insert(clause.rule->head.relation);
    }
    for (const auto& [name, info] : checked.relations.all()) {
        RelationPlan relation;
        relation.name = name;
        relation.keyed = info.keyed;
        relation.arity = info.arity + (info.keyed ? 1 : 0);
        auto kindOf = [](std::optional<ast::Type> type) -> std::optional<ValueKind> {
            if (!type) return std::nullopt;
            switch (*type) {
                case ast::Type::Symbol: return ValueKind::Symbol;
                case ast::Type::String: return ValueKind::String;
                case ast::Type::Integer: return ValueKind::Integer;
                case ast::Type::Decimal: return ValueKind::Decimal;
                case ast::Type::Date: return ValueKind::Date;
            }
            return std::nullopt;
        };
        for (const auto& type : info.columnTypes) relation.columnKinds.push_back(kindOf(type));
        if (info.keyed) relation.columnKinds.push_back(kindOf(info.valueType));
        if (info.declaration) {
            relation.fixed = info.declaration->fixed;
            for (const ast::Column& column : info.declaration->columns) relation.columnNames.push_back(column.name);
            if (info.declaration->value) relation.columnNames.push_back(info.declaration->value->name);
        }
        relation.lifted = liftedHeads.count(relation.name) > 0;
        lookup.ids[name] = static_cast<RelationId>(plan.relations.size());
        plan.relations.push_back(std::move(relation));
    }
    for (RelationPlan& relation : plan.relations) {
        if (relation.keyed) relation.overrides = overridesOf(loaded, relation.name, plan.symbols);
    }

    // Facts, and one RuleId per clause that has a body (or is a default).
    std::map<const dsl::Clause*, RuleId> ruleIds;
    for (const dsl::Clause& clause : checked.clauses) {
        const ast::Rule& rule = *clause.rule;
        std::string location = dsl::describeLocation(rule.span, loaded.sources);
        if (!rule.body && !rule.isDefault) {
            FactPlan fact;
            fact.relation = lookup.ids.at(rule.head.relation);
            const RelationPlan& relation = plan.relations[fact.relation];
            for (const ast::Expr& argument : rule.head.arguments) {
                fact.tuple.push_back(lowerConstantFor(argument, relation, fact.tuple.size(), plan.symbols));
            }
            if (rule.head.value) fact.tuple.push_back(lowerConstantFor(*rule.head.value, relation, fact.tuple.size(), plan.symbols));
            fact.confidence = rule.annotations.confidence.value_or(1.0);
            fact.validity = validityOf(rule.annotations);
            fact.index = static_cast<std::uint32_t>(plan.facts.size());
            plan.facts.push_back(std::move(fact));
            out.catalog.facts.push_back({dsl::print(ast::Statement(rule)), rule.annotations.source.value_or(""), location});
            continue;
        }
        RuleId id = static_cast<RuleId>(plan.rules.size());
        ruleIds[&clause] = id;
        plan.rules.push_back(
            {lookup.ids.at(rule.head.relation), rule.annotations.confidence.value_or(1.0), rule.isDefault, validityOf(rule.annotations)});
        out.catalog.rules.push_back({rule.name, joinDocs(rule.docs), dsl::check::sentenceTemplate(rule.docs),
                                     rule.writtenAs.empty() ? dsl::print(ast::Statement(rule)) : rule.writtenAs, location});
    }

    // Strata in evaluation order, with semi-naive versions of recursive rules.
    std::vector<ClauseRule> rules;
    for (const dsl::Clause& clause : checked.clauses) {
        auto it = ruleIds.find(&clause);
        if (it != ruleIds.end()) rules.push_back({&clause, it->second});
    }
    for (const ClauseRule& rule : rules) out.ruleClauses.push_back(*rule.clause);
    for (const dsl::check::Stratum& stratum : checked.strata) {
        std::vector<RelationId> members;
        for (const std::string& name : stratum.relations) members.push_back(lookup.ids.at(name));
        plan.strata.push_back(lowerStratum(rules, std::move(members), stratum.recursive, lookup, plan.symbols));
    }
    spdlog::debug("lowered {} relations, {} facts, {} rules, {} strata", plan.relations.size(), plan.facts.size(), plan.rules.size(),
                  plan.strata.size());
    return out;
}

}  // namespace accord::engine
