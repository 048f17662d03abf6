// Demand-driven evaluation of one query (the magic-sets rewriting; Soufflé's
// `--magic-transform`): the program rewritten so that a run derives only what the
// conclusions matching a query rest on, not every conclusion of the program.
//
// A query's constants bind some of its relation's columns. Each rule of the relation is
// specialised to those bindings (an "adorned" copy, named after which columns are bound:
// `sg:bf`), and guarded by a relation of the bindings asked for (`need:sg:bf`). The body's
// atoms over derived relations are adorned in turn with the columns the plan finds bound
// when it reaches them, and each gets a rule that asks for those bindings:
//
//   sg(X, Y) if flat(X, Y).                            query: sg(a, Y)
//   sg(X, Y) if up(X, XP), sg(XP, YP), down(YP, Y).
//
//   sg:bf(X, Y) if need:sg:bf(X), flat(X, Y).
//   sg:bf(X, Y) if need:sg:bf(X), up(X, XP), sg:bf(XP, YP), down(YP, Y).
//   need:sg:bf(XP) if need:sg:bf(X), up(X, XP).       asked for by the rule above
//   need:sg:bf(a).                                     asked for by the query
//
// A negated atom with bound columns reads the adorned copy for them too: the copy holds
// every tuple with the bindings asked for, so an absence from it is an absence. (When that
// makes a cycle through the negation, the rewriting is made again with negated relations
// evaluated whole.) What a rule reads in an aggregate or a `for all`, or negated with no
// column bound, is evaluated whole, with the program's own rules, as is everything such a
// relation reads: an aggregate needs every fact it counts. So is a keyed
// relation that also has facts (its values are resolved with its facts'), and a relation
// asked for with no column bound. Only a key's columns are ever bound (a keyed relation's
// value is resolved among all of a key's candidates).
//
// The adorned copy of a relation holds tuples of that relation only (its rules are the
// relation's rules with one more condition), with the confidences a whole run gives them:
// every derivation of a tuple asked for is asked for too. The bindings asked for are
// certain (RelationPlan::demand), so a guard changes no confidence.
#pragma once

#include <optional>
#include <vector>

#include "accord/dsl/desugar.hpp"
#include "accord/engine/plan/program_plan.hpp"

namespace accord::engine {

/// Bindings of a relation of the program asked for: the tuples of `need`, of the values of
/// the columns of `mask` (in column order).
struct AskedBindings {
    RelationId relation = 0;
    ColumnMask mask = 0;
    RelationId need = 0;  ///< in DemandPlan::plan
};

struct DemandPlan {
    /// The program's relations first (same ids: facts and batches load into them), then the
    /// adorned copies and the relations of bindings asked for; the program's rules first
    /// (same ids), then the rewritten ones; only the strata the query needs.
    ProgramPlan plan;
    /// Where the query's conclusions are: its relation, or the relation's adorned copy.
    RelationId answers = 0;
    /// By RuleId of `plan`: the program's rule each comes from.
    std::vector<RuleId> origins;
    /// By relation of the program: whether the plan evaluates it whole (with its own rules,
    /// or as its facts, when no rule derives it).
    std::vector<bool> whole;
    std::size_t adornedRelations = 0;  ///< adorned copies (0: the query binds nothing that restricts)
    /// One for each adorned copy: which of the program's tuples its conclusions rest on.
    std::vector<AskedBindings> asked;
};

/// How the rewriting reads a negated atom whose columns the plan finds bound: for those
/// bindings (an adorned copy), or its relation whole. Explanations need the latter: they look
/// behind a negation (`why`'s facts out of force under a `not`) with the program's own order
/// of conditions, which asks for other bindings than the rewritten rules do.
enum class NegatedReads { ForBindings, Whole };

/// The plan that derives what the conclusions of `relation` whose columns equal `bound`
/// (one entry per stored column; nullopt: not bound) rest on. `ruleClauses` are the clauses
/// of `program`'s rules, by RuleId (LoweredProgram::ruleClauses). nullopt when the rewritten
/// program cannot be evaluated in strata (a cycle through negation or a keyed relation that
/// the rewriting made): the query then needs the whole program.
std::optional<DemandPlan> planForQuery(const ProgramPlan& program, const std::vector<dsl::Clause>& ruleClauses, RelationId relation,
                                       const std::vector<std::optional<Value>>& bound, NegatedReads negated = NegatedReads::ForBindings);

}  // namespace accord::engine
