// Demand-driven plans (see demand_plan.hpp).
#include "accord/engine/plan/demand_plan.hpp"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "accord/dsl/binding_analysis.hpp"
#include "accord/dsl/check/dependency_graph.hpp"
#include "accord/dsl/check/stratification.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/plan/lower_program.hpp"

namespace accord::engine {
namespace {

namespace ast = dsl::ast;

/// "bf": which of a relation's columns a binding pattern binds.
std::string adornment(ColumnMask mask, std::size_t arity) {
    std::string out;
    for (std::size_t c = 0; c < arity; ++c) out += (c < 64 && (mask >> c & 1)) ? 'b' : 'f';
    return out;
}

/// Calls `visit` with each step of `step` that reads a relation (itself, and those nested in
/// an aggregate or a `for all`), and whether it is `step` itself.
void forEachRead(const Step& step, const std::function<void(const Step&, bool itself)>& visit) {
    if (step.kind == Step::Kind::Scan || step.kind == Step::Kind::NotExists) visit(step, true);
    auto nested = [&](const Steps& steps) {
        for (const Step& inner : steps) forEachRead(inner, [&](const Step& read, bool) { visit(read, false); });
    };
    nested(step.body);
    nested(step.domain);
    for (const Steps& alternative : step.consequent) nested(alternative);
}

/// The terms of an atom, one per stored column (a keyed relation's value last).
std::vector<const ast::Expr*> termsOf(const ast::Atom& atom) {
    std::vector<const ast::Expr*> terms;
    for (const ast::Expr& argument : atom.arguments) terms.push_back(&argument);
    if (atom.value) terms.push_back(&*atom.value);
    return terms;
}

/// The atom of a literal that is an atom or its negation.
const ast::Atom& atomOf(const ast::Literal& literal) {
    if (const auto* negation = boost::get<ast::Negation>(&literal)) return negation->atom;
    return boost::get<ast::Atom>(literal);
}

/// An atom, or its negation, reading `relation` instead.
ast::Literal renamed(const ast::Literal& literal, const std::string& relation) {
    ast::Literal out = literal;
    if (auto* negation = boost::get<ast::Negation>(&out)) {
        negation->atom.relation = relation;
    } else {
        boost::get<ast::Atom>(out).relation = relation;
    }
    return out;
}

ast::Expr variableNamed(std::string name) {
    ast::Variable variable;
    variable.name = std::move(name);
    return ast::Expr(std::move(variable));
}

/// The variables the rule's own plan computes (`X = N / 2`, `N = count { ... }`) rather
/// than reads from a relation.
std::set<std::string> computedVariables(const RulePlan& plan) {
    std::set<std::string> computed;
    for (const Step& step : plan.steps) {
        if ((step.kind == Step::Kind::Assign || step.kind == Step::Kind::Aggregate) && step.target < plan.slotNames.size()) {
            computed.insert(plan.slotNames[step.target]);
        }
    }
    return computed;
}

/// Whether a head term in a column of `kind` can take its value from a guard, which holds
/// the value the column stores: a constant (stored as the column stores it), or a variable
/// that holds that very value — one read from a relation (a computed one would be compared
/// by number, 1 against 1.0, instead of computed), in a column that converts no number or
/// one of the kind of number the variable holds (`kinds`: an integer variable in a decimal
/// column holds 3 where the column stores 3.0). A computed term, `N + 1`, is computed too.
bool takesGuardValue(const ast::Expr& term, std::optional<ValueKind> kind, const VariableKinds& kinds,
                     const std::set<std::string>& computed) {
    if (const ast::Variable* variable = boost::get<ast::Variable>(&term)) {
        if (computed.count(variable->name)) return false;
        if (kind != ValueKind::Integer && kind != ValueKind::Decimal) return true;
        auto holds = kinds.find(variable->name);
        return holds != kinds.end() && holds->second == *kind;
    }
    return boost::get<ast::Symbol>(&term) || boost::get<ast::String>(&term) || boost::get<ast::Integer>(&term) ||
           boost::get<ast::Decimal>(&term) || boost::get<ast::DateConstant>(&term);
}

class DemandRewriting {
public:
    /// `adornNegations`: a negated atom with bound columns reads the adorned copy for them
    /// (complete for each binding asked for) rather than its relation evaluated whole.
    DemandRewriting(const ProgramPlan& program, const std::vector<dsl::Clause>& ruleClauses, bool adornNegations)
        : adornNegations_(adornNegations),
          program_(program),
          clauses_(ruleClauses),
          rulesByHead_(program.relations.size()),
          inputs_(relationInputs(program)),
          hasFacts_(program.relations.size(), false) {
        ProgramPlan& plan = out_.plan;
        plan.symbols = program.symbols;
        plan.relations = program.relations;
        plan.facts = program.facts;
        plan.batches = program.batches;
        plan.rules = program.rules;
        plan.threshold = program.threshold;
        for (RuleId rule = 0; rule < program.rules.size(); ++rule) {
            out_.origins.push_back(rule);
            rulesByHead_[program.rules[rule].head].push_back(rule);
        }
        // A relation of facts only is read as it is (its stratum, if any, resolves a keyed one's values).
        for (RelationId r = 0; r < program.relations.size(); ++r) out_.whole.push_back(rulesByHead_[r].empty());
        lookup_.relations = &plan.relations;
        for (RelationId r = 0; r < program.relations.size(); ++r) lookup_.ids[program.relations[r].name] = r;
        for (const FactPlan& fact : program.facts) hasFacts_[fact.relation] = true;
        for (const FactBatch& batch : program.batches) hasFacts_[batch.relation] = true;
    }

    std::optional<DemandPlan> rewrite(RelationId relation, const std::vector<std::optional<Value>>& bound) {
        ColumnMask mask = 0;
        Tuple seed;
        for (std::size_t c = 0; c < std::min<std::size_t>({bound.size(), keyArity(relation), 64}); ++c) {
            if (!bound[c]) continue;
            mask |= ColumnMask{1} << c;
            seed.push_back(*bound[c]);
        }
        out_.answers = adorn(relation, mask);
        if (out_.answers != relation) {
            auto index = static_cast<std::uint32_t>(out_.plan.facts.size());
            out_.plan.facts.push_back(FactPlan{need_.at({relation, mask}), std::move(seed), 1.0, {}, index});
        }
        while (!pending_.empty()) {
            auto [r, m] = pending_.front();
            pending_.pop_front();
            specialise(r, m);
        }
        if (!addStrata()) return std::nullopt;
        out_.adornedRelations = adorned_.size();
        return std::move(out_);
    }

private:
    using Binding = std::pair<RelationId, ColumnMask>;

    std::size_t keyArity(RelationId relation) const {
        const RelationPlan& plan = program_.relations[relation];
        return plan.arity - (plan.keyed ? 1 : 0);
    }

    const std::string& name(RelationId relation) const { return out_.plan.relations[relation].name; }

    RelationId addRelation(RelationPlan relation) {
        auto id = static_cast<RelationId>(out_.plan.relations.size());
        lookup_.ids[relation.name] = id;
        out_.plan.relations.push_back(std::move(relation));
        return id;
    }

    /// The relation a rule reads for `relation` with the columns of `mask` bound: its
    /// adorned copy (made, and its rules queued, on first use), or the relation itself when
    /// it is read as it is: facts only, evaluated whole, or nothing bound.
    RelationId adorn(RelationId relation, ColumnMask mask) {
        if (rulesByHead_[relation].empty()) return relation;
        if (mask == 0 || out_.whole[relation] || (program_.relations[relation].keyed && hasFacts_[relation])) {
            makeWhole(relation);
            return relation;
        }
        if (auto found = adorned_.find({relation, mask}); found != adorned_.end()) return found->second;
        const RelationPlan& original = program_.relations[relation];
        const std::string pattern = adornment(mask, original.arity);
        RelationPlan copy = original;
        copy.name = original.name + ":" + pattern;
        RelationId adorned = adorned_[{relation, mask}] = addRelation(std::move(copy));
        RelationPlan need;
        need.name = "need:" + original.name + ":" + pattern;
        need.demand = true;
        for (std::size_t c = 0; c < original.arity; ++c) {
            if (c < 64 && (mask >> c & 1)) need.columnKinds.push_back(original.kindOf(c));
        }
        need.arity = need.columnKinds.size();
        need_[{relation, mask}] = addRelation(std::move(need));
        out_.asked.push_back({relation, mask, need_[{relation, mask}]});
        pending_.emplace_back(relation, mask);
        return adorned;
    }

    /// Evaluates `relation` with the program's own rules, and so everything they read.
    void makeWhole(RelationId relation) {
        if (out_.whole[relation]) return;
        std::vector<bool> reached = relationsReaching(inputs_, relation);
        for (RelationId r = 0; r < reached.size(); ++r) {
            if (reached[r]) out_.whole[r] = true;
        }
    }

    void specialise(RelationId relation, ColumnMask mask) {
        const RelationId adorned = adorned_.at({relation, mask}), need = need_.at({relation, mask});
        for (RuleId rule : rulesByHead_[relation]) specialiseRule(rule, adorned, need, mask);
        if (hasFacts_[relation]) addFactsRule(relation, adorned, need, mask);
    }

    /// A bound column the plan meets in an atom of a derived relation: which bindings the
    /// literals before it ask of that relation.
    struct Ask {
        std::size_t literal = 0;  ///< in the rewritten body
        std::size_t step = 0;  ///< the atom's step in the first pass's plan
        RelationId relation = 0;
        ColumnMask mask = 0;
    };

    /// The rule, guarded by the bindings asked for, reading adorned copies where its plan
    /// finds columns bound; and a rule asking for those bindings, for each.
    void specialiseRule(RuleId rule, RelationId adorned, RelationId need, ColumnMask mask) {
        const dsl::Clause& clause = clauses_[rule];
        const RelationPlan& head = program_.relations[program_.rules[rule].head];
        const VariableKinds kinds = variableKinds(clause.body, lookup_);
        const std::set<std::string> computed = computedVariables(*program_.basePlan(rule));
        std::vector<const ast::Expr*> headTerms = termsOf(clause.rule->head);
        ast::Atom guard;
        guard.relation = name(need);
        for (std::size_t c = 0; c < headTerms.size(); ++c) {
            if (c >= 64 || !(mask >> c & 1)) continue;
            bool takes = takesGuardValue(*headTerms[c], head.kindOf(c), kinds, computed);
            guard.arguments.push_back(takes ? *headTerms[c] : variableNamed("_"));
        }
        dsl::Literals body{keep(ast::Literal(std::move(guard)))};
        body.insert(body.end(), clause.body.begin(), clause.body.end());

        // First pass, over the program's relations: the columns each atom finds bound, the
        // guard's first (as a delta literal is put first; what the pass reads is not run).
        std::vector<std::size_t> stepLiterals;
        RulePlan first =
            lowerClause(dsl::Clause{clause.rule, body, clause.alternative}, rule, 0, lookup_, out_.plan.symbols, &stepLiterals);
        dsl::Literals rewritten = body;
        std::vector<Ask> asks;
        for (std::size_t k = 0; k < first.steps.size(); ++k) {
            const Step& step = first.steps[k];
            if (stepLiterals[k] == 0) continue;  // the guard
            const bool negated = step.kind == Step::Kind::NotExists;
            if (step.kind == Step::Kind::Scan || (negated && adornNegations_)) {
                ColumnMask bound = step.keyMask & firstColumns(keyArity(step.relation));
                if (negated && bound == 0) {  // `not r(_)`: every tuple
                    makeWhole(step.relation);
                    continue;
                }
                RelationId read = adorn(step.relation, bound);
                if (read == step.relation) continue;
                rewritten[stepLiterals[k]] = keep(renamed(*body[stepLiterals[k]], name(read)));
                asks.push_back({stepLiterals[k], k, step.relation, bound});
                continue;
            }
            // Negated (unless adorned above), aggregated, `for all`: whole.
            forEachRead(step, [&](const Step& read, bool) { makeWhole(read.relation); });
        }

        const RuleInfo& info = program_.rules[rule];
        addRule(dsl::Clause{keep(ruleDeriving(*clause.rule, name(adorned))), rewritten, clause.alternative},
                RuleInfo{adorned, info.confidence, info.isDefault, info.validity}, rule);
        // A rule asking for bindings holds part of this body: its variables hold what they
        // hold in all of it (a later atom's integer column makes an integer of a decimal).
        const VariableKinds* wholeBodyKinds = asks.empty() ? nullptr : &kinds_.emplace_back(variableKinds(rewritten, lookup_));
        for (const Ask& ask : asks) {
            ast::Rule asking;
            asking.head.relation = name(need_.at({ask.relation, ask.mask}));
            std::vector<const ast::Expr*> terms = termsOf(atomOf(*body[ask.literal]));
            for (std::size_t c = 0; c < terms.size(); ++c) {
                if (c < 64 && (ask.mask >> c & 1)) asking.head.arguments.push_back(*terms[c]);
            }
            dsl::Literals before;
            for (std::size_t j = 0; j < ask.step; ++j) {
                const ast::Literal* literal = rewritten[stepLiterals[j]];
                if (std::find(before.begin(), before.end(), literal) == before.end()) before.push_back(literal);
            }
            addRule(dsl::Clause{keep(std::move(asking)), before, 0},
                    RuleInfo{need_.at({ask.relation, ask.mask}), 1.0, false, info.validity}, rule, wholeBodyKinds);
        }
    }

    /// `r:bf(V0, V1) if need:r:bf(V0), r(V0, V1).`: the relation's facts. The relation itself
    /// holds only them, or, when it is evaluated whole too, them and its other conclusions:
    /// true tuples of r either way, each with its best confidence.
    void addFactsRule(RelationId relation, RelationId adorned, RelationId need, ColumnMask mask) {
        ast::Atom guard, facts;
        guard.relation = name(need);
        facts.relation = name(relation);
        ast::Rule rule;
        rule.head.relation = name(adorned);
        for (std::size_t c = 0; c < program_.relations[relation].arity; ++c) {
            ast::Expr variable = variableNamed("V" + std::to_string(c));
            if (c < 64 && (mask >> c & 1)) guard.arguments.push_back(variable);
            facts.arguments.push_back(variable);
            rule.head.arguments.push_back(variable);
        }
        dsl::Literals body{keep(ast::Literal(std::move(guard))), keep(ast::Literal(std::move(facts)))};
        addRule(dsl::Clause{keep(std::move(rule)), body, 0}, RuleInfo{adorned, 1.0, false, {}}, kNoRule);
    }

    static ast::Rule ruleDeriving(const ast::Rule& rule, const std::string& relation) {
        ast::Rule out;
        out.span = rule.span;
        out.name = rule.name;
        out.annotations = rule.annotations;
        out.isDefault = rule.isDefault;
        out.head = rule.head;
        out.head.relation = relation;
        return out;
    }

    void addRule(dsl::Clause clause, RuleInfo info, RuleId origin, const VariableKinds* kinds = nullptr) {
        auto id = static_cast<RuleId>(out_.plan.rules.size());
        out_.plan.rules.push_back(info);
        out_.origins.push_back(origin);
        rewrittenClauses_.push_back(std::move(clause));
        rewrittenRules_.push_back({&rewrittenClauses_.back(), id, kinds});
    }

    const ast::Literal* keep(ast::Literal literal) { return &literals_.emplace_back(std::move(literal)); }
    const ast::Rule* keep(ast::Rule rule) { return &rules_.emplace_back(std::move(rule)); }

    /// The program's strata of what is evaluated whole, then the rewritten rules' relations
    /// in strata (the checker's stratification), each after those it reads. False when a
    /// cycle of them goes through a negation, an aggregate, a `for all` or a keyed value.
    bool addStrata() {
        for (const StratumPlan& stratum : program_.strata) {
            if (out_.whole[stratum.relations.front()]) out_.plan.strata.push_back(stratum);
        }
        const std::size_t first = program_.relations.size();
        dsl::check::DependencyGraph graph;
        for (RelationId r = static_cast<RelationId>(first); r < out_.plan.relations.size(); ++r) {
            graph.indexOf[name(r)] = graph.relations.size();
            graph.relations.push_back(name(r));
        }
        graph.out.resize(graph.relations.size());
        for (const ClauseRule& rule : rewrittenRules_) {
            RulePlan plan = lowerClause(*rule.clause, rule.rule, std::nullopt, lookup_, out_.plan.symbols, nullptr, rule.kinds);
            for (const Step& step : plan.steps) {
                forEachRead(step, [&](const Step& read, bool itself) {
                    if (read.relation < first) return;  // evaluated before: whole, or facts
                    using Kind = dsl::check::DependencyKind;
                    Kind kind = !itself || read.kind != Step::Kind::Scan   ? Kind::Negated
                                : out_.plan.relations[read.relation].keyed ? Kind::KeyedRead
                                                                           : Kind::Positive;
                    graph.out[read.relation - first].push_back(graph.edges.size());
                    graph.edges.push_back({read.relation - first, plan.head - first, kind, {}});
                });
            }
        }
        dsl::Diagnostics cycles;
        for (const dsl::check::Stratum& stratum : dsl::check::stratify(graph, cycles)) {
            std::vector<RelationId> members;
            for (const std::string& relation : stratum.relations) members.push_back(lookup_.ids.at(relation));
            out_.plan.strata.push_back(lowerStratum(rewrittenRules_, std::move(members), stratum.recursive, lookup_, out_.plan.symbols));
        }
        return cycles.errorCount() == 0;
    }

    bool adornNegations_;
    const ProgramPlan& program_;
    const std::vector<dsl::Clause>& clauses_;
    std::vector<std::vector<RuleId>> rulesByHead_;
    std::vector<std::vector<RelationId>> inputs_;  ///< by relation, what its rules read (relationInputs)
    std::vector<bool> hasFacts_;
    DemandPlan out_;
    RelationLookup lookup_;
    std::map<Binding, RelationId> adorned_, need_;
    std::deque<Binding> pending_;
    std::deque<ast::Literal> literals_;  ///< the rewritten rules' AST: the guards, the renamed atoms
    std::deque<ast::Rule> rules_;
    std::deque<dsl::Clause> rewrittenClauses_;
    std::deque<VariableKinds> kinds_;  ///< of the rules asking for bindings
    std::vector<ClauseRule> rewrittenRules_;
};

}  // namespace

std::optional<DemandPlan> planForQuery(const ProgramPlan& program, const std::vector<dsl::Clause>& ruleClauses, RelationId relation,
                                       const std::vector<std::optional<Value>>& bound, NegatedReads negated) {
    // A negation read for its bindings may close a cycle through it (the bindings asked of
    // it rest on the rule's own head): then negated relations are evaluated whole.
    if (negated == NegatedReads::ForBindings) {
        if (auto plan = DemandRewriting(program, ruleClauses, /*adornNegations=*/true).rewrite(relation, bound)) return plan;
    }
    return DemandRewriting(program, ruleClauses, /*adornNegations=*/false).rewrite(relation, bound);
}

}  // namespace accord::engine
