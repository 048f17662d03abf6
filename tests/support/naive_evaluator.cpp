// The naive oracle (see naive_evaluator.hpp). Values are kept as the engine's Value with
// a symbol table of our own; everything else here is written again, simply.
#include "tests/support/naive_evaluator.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <set>
#include <stdexcept>

#include "accord/dsl/ast_walk.hpp"
#include "accord/engine/symbol_table.hpp"
#include "accord/engine/value.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::testing {
namespace {

namespace ast = dsl::ast;
using engine::Value;
using engine::ValueKind;
using Bindings = std::map<std::string, Value>;

struct Failure : std::runtime_error {
    using std::runtime_error::runtime_error;
};

using Table = std::map<std::vector<Value>, double, engine::IdentityOrder>;  ///< tuple -> confidence

class Naive {
public:
    Naive(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked, std::int32_t asOf, double minConfidence)
        : loaded_(loaded), checked_(checked), asOf_(asOf), minConfidence_(minConfidence) {}

    NaiveOutcome run() {
        NaiveOutcome outcome;
        try {
            for (const dsl::check::Stratum& stratum : checked_.strata) runStratum(stratum);
        } catch (const Failure& failure) {
            outcome.error = failure.what();
        }
        for (const auto& [name, info] : checked_.relations.all()) {
            auto& out = outcome.relations[name];
            for (const auto& [tuple, confidence] : tables_[name]) out[text(tuple)] = confidence;
        }
        return outcome;
    }

private:
    std::string text(const std::vector<Value>& tuple) const {
        std::string out = "(";
        for (std::size_t i = 0; i < tuple.size(); ++i) out += (i ? ", " : "") + engine::formatValue(tuple[i], symbols_);
        return out + ")";
    }

    bool valid(const ast::Annotations& a) const { return (!a.since || a.since->days <= asOf_) && (!a.until || asOf_ < a.until->days); }

    bool isKeyed(const std::string& relation) const { return checked_.relations.find(relation)->keyed; }

    // ---- Strata -------------------------------------------------------------------------

    void runStratum(const dsl::check::Stratum& stratum) {
        std::set<std::string> members(stratum.relations.begin(), stratum.relations.end());
        std::vector<const dsl::Clause*> rules;
        for (const dsl::Clause& clause : checked_.clauses) {
            if (members.count(clause.rule->head.relation) && valid(clause.rule->annotations)) rules.push_back(&clause);
        }
        bool keyed = std::any_of(members.begin(), members.end(), [&](const std::string& r) { return isKeyed(r); });
        if (keyed) {
            resolveKeyed(*members.begin(), rules);
            return;
        }
        for (bool changed = true; changed;) {
            changed = false;
            for (const dsl::Clause* clause : rules) {
                for (const auto& [tuple, confidence] : derive(*clause)) {
                    Table& table = tables_[clause->rule->head.relation];
                    auto it = table.find(tuple);
                    // A lifted helper is part of a condition, not a conclusion: no minimum.
                    bool holds = confidence >= minConfidence_ || clause->rule->lifted;
                    if (holds && (it == table.end() || confidence > it->second)) {
                        table[tuple] = confidence;
                        changed = true;
                    }
                }
            }
        }
    }

    /// Every head tuple one clause derives now, with its best confidence.
    Table derive(const dsl::Clause& clause) {
        Table out;
        const ast::Rule& rule = *clause.rule;
        double ruleConfidence = rule.annotations.confidence.value_or(1.0);
        std::vector<const ast::Literal*> body = clause.body;
        headNames_.clear();
        dsl::forEachVariableDeep(rule.head, [&](const ast::Variable& v) { headNames_.insert(v.name); });
        // A variable standing in an integer column holds integers; one standing only in
        // decimal columns decimals.
        variableKinds_.clear();
        for (const ast::Literal* literal : body) {
            dsl::forEachAtom(*literal, [&](const ast::Atom& atom, dsl::AtomRole) {
                for (std::size_t c = 0; c < atom.arguments.size(); ++c) {
                    const ast::Variable* variable = dsl::asVariable(atom.arguments[c]);
                    auto kind = columnKind(atom.relation, c);
                    if (!variable || !kind) continue;
                    auto [it, inserted] = variableKinds_.emplace(variable->name, *kind);
                    if (*kind == engine::ValueKind::Integer) it->second = *kind;
                }
            });
        }
        solve(body, {}, ruleConfidence, [&](const Bindings& bindings, double confidence) {
            std::vector<Value> tuple;
            for (const ast::Expr& argument : rule.head.arguments) tuple.push_back(eval(argument, bindings));
            if (rule.head.value) tuple.push_back(eval(*rule.head.value, bindings));
            storeAsColumns(rule.head.relation, tuple);
            auto it = out.find(tuple);
            if (it == out.end() || confidence > it->second) out[tuple] = confidence;
        });
        return out;
    }

    Value asVariableHolds(const std::string& name, const Value& value) const {
        auto it = variableKinds_.find(name);
        return it == variableKinds_.end() ? value : engine::inColumnOfKind(value, it->second);
    }

    /// The kind of a declared numeric column (nullopt: any other, or undeclared).
    std::optional<engine::ValueKind> columnKind(const std::string& relation, std::size_t c) const {
        const dsl::check::RelationInfo* info = checked_.relations.find(relation);
        auto type = c < info->columnTypes.size() ? info->columnTypes[c] : info->valueType;
        if (type == ast::Type::Decimal) return engine::ValueKind::Decimal;
        if (type == ast::Type::Integer) return engine::ValueKind::Integer;
        return std::nullopt;
    }

    /// As columns store numbers: an integer in a decimal column is that decimal.
    void storeAsColumns(const std::string& relation, std::vector<Value>& tuple) const {
        const dsl::check::RelationInfo* info = checked_.relations.find(relation);
        for (std::size_t c = 0; c < tuple.size(); ++c) {
            auto type = c < info->columnTypes.size() ? info->columnTypes[c] : info->valueType;
            if (type == ast::Type::Decimal) tuple[c] = engine::inColumnOfKind(tuple[c], engine::ValueKind::Decimal);
        }
    }

    void resolveKeyed(const std::string& relation, const std::vector<const dsl::Clause*>& rules) {
        struct Candidate {
            std::vector<Value> tuple;
            double confidence;
            bool isDefault;
        };
        std::vector<Candidate> candidates;
        for (const dsl::Clause* clause : rules) {
            for (const auto& [tuple, confidence] : derive(*clause)) candidates.push_back({tuple, confidence, clause->rule->isDefault});
        }
        std::map<std::vector<Value>, std::vector<Candidate>, engine::IdentityOrder> byKey;
        for (Candidate& c : candidates) byKey[std::vector<Value>(c.tuple.begin(), c.tuple.end() - 1)].push_back(c);
        auto beats = overrides(relation);
        for (auto& [key, group] : byKey) {
            std::erase_if(group, [&](const Candidate& c) { return c.confidence < minConfidence_; });
            bool anyRegular = std::any_of(group.begin(), group.end(), [](const Candidate& c) { return !c.isDefault; });
            std::map<std::vector<Value>, double, engine::IdentityOrder> values;  // [value] -> best confidence
            for (const Candidate& c : group) {
                if (anyRegular && c.isDefault) continue;
                std::vector<Value> value{c.tuple.back()};
                values[value] = std::max(values[value], c.confidence);
            }
            if (values.empty()) continue;  // no candidate holds
            const std::vector<Value>* winner = nullptr;
            for (const auto& [value, confidence] : values) {
                bool all = true;
                for (const auto& [other, unused] : values) {
                    std::uint64_t winnerBits = value[0].bits, loserBits = other[0].bits;  // copies: Value is packed
                    if (other != value && !beats.count({winnerBits, loserBits})) all = false;
                }
                if (all) winner = &value;
            }
            if (!winner) throw Failure("clash in " + relation + text(key));
            std::vector<Value> tuple = key;
            tuple.push_back((*winner)[0]);
            tables_[relation][tuple] = values[*winner];
        }
    }

    /// (winner bits, loser bits) of the relation's resolutions, transitively closed.
    std::set<std::pair<std::uint64_t, std::uint64_t>> overrides(const std::string& relation) {
        std::set<std::pair<std::uint64_t, std::uint64_t>> pairs;
        for (const ast::Program& file : loaded_.files) {
            for (const ast::Statement& statement : file.statements) {
                const auto* resolution = boost::get<ast::Resolution>(&statement);
                if (!resolution || resolution->relation != relation) continue;
                for (const ast::OverrideChain& chain : resolution->chains) {
                    for (std::size_t i = 0; i + 1 < chain.values.size(); ++i) {
                        std::uint64_t winnerBits = eval(chain.values[i], {}).bits, loserBits = eval(chain.values[i + 1], {}).bits;
                        pairs.insert({winnerBits, loserBits});
                    }
                }
            }
        }
        for (bool added = true; added;) {
            added = false;
            for (auto [a, b] : std::set(pairs)) {
                for (auto [c, d] : std::set(pairs)) {
                    if (b == c && pairs.insert({a, d}).second) added = true;
                }
            }
        }
        return pairs;
    }

    // ---- Bodies -------------------------------------------------------------------------

    using OnSolution = std::function<void(const Bindings&, double)>;

    static std::set<std::string> variablesOf(const ast::Literal& literal) {
        std::set<std::string> names;
        dsl::forEachVariableDeep(literal, [&](const ast::Variable& v) {
            if (!v.isAnonymous()) names.insert(v.name);
        });
        return names;
    }

    /// A literal can run when the variables it must read are bound: a positive atom any
    /// time its computed arguments are; `X = e` once e is; anything else once all are.
    bool ready(const ast::Literal& literal, const Bindings& bindings, const std::vector<const ast::Literal*>& others) const {
        auto bound = [&](const std::string& name) { return bindings.count(name) > 0; };
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            std::vector<const ast::Expr*> read;  // computed arguments, and a value compared with `!=`
            for (const ast::Expr& argument : atom->arguments) {
                if (!dsl::asVariable(argument)) read.push_back(&argument);
            }
            std::set<std::string> own;  // what the atom's own arguments bind, which `!=` may compare with
            for (const ast::Expr& argument : atom->arguments) {
                if (const ast::Variable* v = dsl::asVariable(argument)) own.insert(v->name);
            }
            if (atom->valueDiffers) read.push_back(&*atom->value);
            for (const ast::Expr* term : read) {
                bool ok = true;
                bool isValue = atom->valueDiffers && term == &*atom->value;
                dsl::forEachVariableDeep(*term, [&](const ast::Variable& v) {
                    ok = ok && (v.isAnonymous() || bound(v.name) || (isValue && own.count(v.name)));
                });
                if (!ok) return false;
            }
            return true;
        }
        if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            auto boundExpr = [&](const ast::Expr& e) {
                bool ok = true;
                dsl::forEachVariable(e, [&](const ast::Variable& v) { ok = ok && bound(v.name); });
                dsl::forEachAggregate(e, [&](const ast::Aggregate& a) { ok = ok && aggregateReady(a, bindings, others); });
                return ok;
            };
            if (boundExpr(comparison->left) && boundExpr(comparison->right)) return true;
            if (comparison->op != ast::CompareOp::Equal) return false;
            const ast::Variable* l = dsl::asVariable(comparison->left);
            const ast::Variable* r = dsl::asVariable(comparison->right);
            return (l && !bound(l->name) && boundExpr(comparison->right)) || (r && !bound(r->name) && boundExpr(comparison->left));
        }
        if (boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            // Variables also used outside it (by the head, or directly by another condition)
            // must be bound first; the rest are local.
            for (const std::string& name : variablesOf(literal)) {
                if (bound(name)) continue;
                if (headNames_.count(name)) return false;
                for (const ast::Literal* other : others) {
                    if (other != &literal && directNames(*other).count(name)) return false;
                }
            }
            return true;
        }
        for (const std::string& name : variablesOf(literal)) {
            if (!bound(name)) return false;
        }
        return true;
    }

    bool aggregateReady(const ast::Aggregate& aggregate, const Bindings& bindings, const std::vector<const ast::Literal*>& others) const {
        std::set<std::string> inside;
        for (const ast::Literal& l : aggregate.body) inside.merge(variablesOf(l));
        for (const ast::Expr& e : aggregate.elements) {
            dsl::forEachVariableDeep(e, [&](const ast::Variable& v) { inside.insert(v.name); });
        }
        for (const std::string& name : inside) {
            if (bindings.count(name)) continue;
            // As in clingo, a name also used outside every aggregate — by the head or by
            // another condition — is global: wait for it.
            if (headNames_.count(name)) return false;
            for (const ast::Literal* other : others) {
                if (directNames(*other).count(name)) return false;
            }
        }
        return true;
    }

    /// Names a literal uses outside its aggregates and `for all`.
    static std::set<std::string> directNames(const ast::Literal& literal) {
        std::set<std::string> direct;
        auto add = [&](const ast::Expr& e) { dsl::forEachVariable(e, [&](const ast::Variable& v) { direct.insert(v.name); }); };
        const ast::Atom* atom = boost::get<ast::Atom>(&literal);
        if (const auto* negation = boost::get<ast::Negation>(&literal)) atom = &negation->atom;
        if (atom) {
            for (const ast::Expr& a : atom->arguments) add(a);
            if (atom->value) add(*atom->value);
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            add(comparison->left);
            add(comparison->right);
        }
        return direct;
    }

    void solve(std::vector<const ast::Literal*> remaining, const Bindings& bindings, double confidence, const OnSolution& onSolution) {
        if (remaining.empty()) {
            onSolution(bindings, confidence);
            return;
        }
        auto pick = std::find_if(remaining.begin(), remaining.end(), [&](const ast::Literal* l) { return ready(*l, bindings, remaining); });
        if (pick == remaining.end()) throw Failure("naive evaluator: no literal can run (unsafe rule?)");
        const ast::Literal& literal = **pick;
        std::vector<const ast::Literal*> rest = remaining;
        rest.erase(rest.begin() + (pick - remaining.begin()));

        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            for (const auto& [tuple, tupleConfidence] : tables_[atom->relation]) {
                Bindings extended = bindings;
                if (unify(*atom, tuple, extended)) solve(rest, extended, confidence * tupleConfidence, onSolution);
            }
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            double absent = 1.0;
            for (const auto& [tuple, tupleConfidence] : tables_[negation->atom.relation]) {
                Bindings extended = bindings;
                if (unify(negation->atom, tuple, extended)) absent *= 1.0 - tupleConfidence;
            }
            if (absent > 0) solve(rest, bindings, confidence * absent, onSolution);
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            double factor = 1.0;
            Bindings extended = bindings;
            std::optional<Value> left = evalWithAggregates(comparison->left, extended, factor);
            std::optional<Value> right = evalWithAggregates(comparison->right, extended, factor);
            const ast::Variable* l = dsl::asVariable(comparison->left);
            const ast::Variable* r = dsl::asVariable(comparison->right);
            if (comparison->op == ast::CompareOp::Equal && l && !bindings.count(l->name)) {
                if (!right) return;
                extended[l->name] = asVariableHolds(l->name, *right);
                solve(rest, extended, confidence * factor, onSolution);
            } else if (comparison->op == ast::CompareOp::Equal && r && !bindings.count(r->name)) {
                if (!left) return;
                extended[r->name] = asVariableHolds(r->name, *left);
                solve(rest, extended, confidence * factor, onSolution);
            } else if (left && right && compare(comparison->op, *left, *right)) {
                solve(rest, extended, confidence * factor, onSolution);
            }
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            double weakest = 1.0;
            std::vector<const ast::Literal*> domain;
            for (const ast::Literal& l : forAll->get().domain) domain.push_back(&l);
            solve(domain, bindings, 1.0, [&](const Bindings& inner, double) {
                double best = 0.0;
                solve({&forAll->get().consequent}, inner, 1.0, [&](const Bindings&, double c) { best = std::max(best, c); });
                weakest = std::min(weakest, best);
            });
            if (weakest > 0) solve(rest, bindings, confidence * weakest, onSolution);
        } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
            for (const ast::Conjunction& conjunction : group->get().alternatives) {
                std::vector<const ast::Literal*> alternative = rest;
                for (const ast::Literal& l : conjunction.literals) alternative.push_back(&l);
                solve(alternative, bindings, confidence, onSolution);
            }
        }
    }

    bool unify(const ast::Atom& atom, const std::vector<Value>& tuple, Bindings& bindings) {
        std::vector<const ast::Expr*> terms;
        for (const ast::Expr& argument : atom.arguments) terms.push_back(&argument);
        if (isKeyed(atom.relation)) terms.push_back(atom.value ? &*atom.value : nullptr);
        for (std::size_t c = 0; c < terms.size(); ++c) {
            if (!terms[c]) continue;
            if (atom.valueDiffers && c + 1 == terms.size()) {
                if (!compare(ast::CompareOp::NotEqual, tuple[c], eval(*terms[c], bindings))) return false;
                continue;
            }
            const ast::Variable* variable = dsl::asVariable(*terms[c]);
            if (variable && variable->isAnonymous()) continue;
            if (variable && !bindings.count(variable->name)) {
                bindings[variable->name] = asVariableHolds(variable->name, tuple[c]);
                continue;
            }
            // A typed column compares numbers by value (3 is 3.0 there); an undeclared one by identity.
            if (!(engine::inColumnOfKind(eval(*terms[c], bindings), columnKind(atom.relation, c)) == tuple[c])) return false;
        }
        return true;
    }

    // ---- Terms --------------------------------------------------------------------------

    /// Evaluates a comparison side; aggregates are computed here. nullopt: min/max of nothing.
    std::optional<Value> evalWithAggregates(const ast::Expr& expr, const Bindings& bindings, double& factor) {
        if (const auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr))
            return aggregateValue(aggregate->get(), bindings, factor);
        if (!dsl::asVariable(expr) || bindings.count(dsl::asVariable(expr)->name)) {
            bool hasAggregate = false;
            dsl::forEachAggregate(expr, [&](const ast::Aggregate&) { hasAggregate = true; });
            if (!hasAggregate) return eval(expr, bindings);
        }
        return std::nullopt;
    }

    std::optional<Value> aggregateValue(const ast::Aggregate& aggregate, const Bindings& bindings, double& factor) {
        std::map<std::vector<Value>, double, engine::IdentityOrder> elements;
        std::vector<std::vector<Value>> order;
        std::vector<const ast::Literal*> body;
        for (const ast::Literal& l : aggregate.body) body.push_back(&l);
        solve(body, bindings, 1.0, [&](const Bindings& inner, double c) {
            std::vector<Value> element;
            for (const ast::Expr& e : aggregate.elements) element.push_back(eval(e, inner));
            auto [it, inserted] = elements.try_emplace(element, c);
            if (inserted) order.push_back(element);
            it->second = std::max(it->second, c);
        });
        for (const auto& [element, c] : elements) factor = std::min(factor, c);
        switch (aggregate.op) {
            case ast::AggregateOp::Count: return Value::integer(static_cast<std::int64_t>(elements.size()));
            case ast::AggregateOp::Sum: {
                Value sum = Value::integer(0);
                for (const auto& element : order) sum = arithmetic(ast::ArithmeticOp::Add, sum, element[0]);
                return sum;
            }
            case ast::AggregateOp::Mean: {
                if (order.empty()) return std::nullopt;
                Value sum = Value::integer(0);  // exact for integers; decimals add in the order found, as sum does
                for (const auto& element : order) sum = arithmetic(ast::ArithmeticOp::Add, sum, element[0]);
                double total = sum.kind == ValueKind::Integer ? double(sum.asInteger()) : sum.asDecimal();
                return Value::decimal(total / double(order.size()));
            }
            default: {
                if (order.empty()) return std::nullopt;
                Value best = order.front()[0];
                for (const auto& element : order) {
                    int c = engine::compareValues(element[0], best, symbols_);
                    if (aggregate.op == ast::AggregateOp::Min ? c < 0 : c > 0) best = element[0];
                }
                return best;
            }
        }
    }

    Value eval(const ast::Expr& expr, const Bindings& bindings) {
        if (const auto* v = boost::get<ast::Variable>(&expr)) return bindings.at(v->name);
        if (const auto* s = boost::get<ast::Symbol>(&expr)) return Value::symbol(symbols_.intern(s->name));
        if (const auto* s = boost::get<ast::String>(&expr)) return Value::string(symbols_.intern(s->value));
        if (const auto* i = boost::get<ast::Integer>(&expr)) return Value::integer(i->value);
        if (const auto* d = boost::get<ast::Decimal>(&expr)) return Value::decimal(d->value);
        if (const auto* d = boost::get<ast::DateConstant>(&expr)) return Value::date(d->value.days);
        if (const auto* n = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            return arithmetic(ast::ArithmeticOp::Subtract, Value::integer(0), eval(n->get().operand, bindings));
        }
        if (const auto* b = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
            return arithmetic(b->get().op, eval(b->get().left, bindings), eval(b->get().right, bindings));
        }
        if (const auto* c = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) {
            std::vector<Value> arguments;
            for (const ast::Expr& argument : c->get().arguments) arguments.push_back(eval(argument, bindings));
            return call(c->get().function, arguments);
        }
        throw Failure("naive evaluator: aggregate outside a comparison");
    }

    /// The built-in functions, written again (by other means where there are any).
    Value call(const std::string& function, const std::vector<Value>& arguments) {
        using namespace std::chrono;
        auto number = [](const Value& v) { return v.kind == ValueKind::Integer ? double(v.asInteger()) : v.asDecimal(); };
        auto ymd = [&](std::size_t i) {
            if (arguments[i].kind != ValueKind::Date) throw Failure(function + " of a value that is not a date");
            return year_month_day{sys_days{days{arguments[i].asDate()}}};
        };
        if (function == "today") return Value::date(asOf_);
        if (function == "abs") {
            const Value& x = arguments[0];
            if (x.kind == ValueKind::Integer) {
                if (x.asInteger() == INT64_MIN) throw Failure("integer overflow");
                return Value::integer(std::llabs(x.asInteger()));
            }
            return Value::decimal(x.asDecimal() < 0 ? -x.asDecimal() : x.asDecimal());
        }
        if (function == "min" || function == "max") {
            const Value &a = arguments[0], &b = arguments[1];
            bool less = a.kind == ValueKind::Date                                      ? a.asDate() < b.asDate()
                        : a.kind == ValueKind::Integer && b.kind == ValueKind::Integer ? a.asInteger() < b.asInteger()
                                                                                       : number(a) < number(b);
            const Value& chosen = (function == "min") == less ? a : b;
            return a.isNumeric() && a.kind != b.kind ? Value::decimal(number(chosen)) : chosen;
        }
        if (function == "year") return Value::integer(int(ymd(0).year()));
        if (function == "month") return Value::integer(unsigned(ymd(0).month()));
        if (function == "day") return Value::integer(unsigned(ymd(0).day()));
        if (function == "years_between") {
            // Count anniversaries one by one (sys_days of 29 February in a common year is 1 March).
            year_month_day from = ymd(0), to = ymd(1);
            bool backwards = sys_days{to} < sys_days{from};
            if (backwards) std::swap(from, to);
            std::int64_t whole = 0;
            while (sys_days{from + years{whole + 1}} <= sys_days{to}) ++whole;
            return Value::integer(backwards ? -whole : whole);
        }
        throw Failure("naive evaluator: unknown function " + function);
    }

    Value arithmetic(ast::ArithmeticOp op, Value a, Value b) {
        if (a.kind == ValueKind::Integer && b.kind == ValueKind::Integer) {
            // Exact in 128 bits, then checked against 64.
            __extension__ using Wide = __int128;
            Wide x = a.asInteger(), y = b.asInteger(), r = 0;
            switch (op) {
                case ast::ArithmeticOp::Add: r = x + y; break;
                case ast::ArithmeticOp::Subtract: r = x - y; break;
                case ast::ArithmeticOp::Multiply: r = x * y; break;
                case ast::ArithmeticOp::Divide:
                    if (y == 0) throw Failure("division by zero");
                    r = x / y;
                    break;
                case ast::ArithmeticOp::Modulo:
                    if (y == 0) throw Failure("division by zero");
                    r = ((x % y) + y) % y;  // the sign of the divisor
                    break;
            }
            if (r > INT64_MAX || r < INT64_MIN) throw Failure("integer overflow");
            return Value::integer(static_cast<std::int64_t>(r));
        }
        if (a.isNumeric() && b.isNumeric()) {
            double x = a.kind == ValueKind::Integer ? double(a.asInteger()) : a.asDecimal();
            double y = b.kind == ValueKind::Integer ? double(b.asInteger()) : b.asDecimal();
            if (op == ast::ArithmeticOp::Divide && y == 0) throw Failure("division by zero");
            double r = op == ast::ArithmeticOp::Add        ? x + y
                       : op == ast::ArithmeticOp::Subtract ? x - y
                       : op == ast::ArithmeticOp::Multiply ? x * y
                                                           : x / y;
            if (!std::isfinite(r)) throw Failure("decimal overflow");
            return Value::decimal(r);
        }
        // Dates run from 0001-01-01 to 9999-12-31 (in 128 bits, so no sum overflows first).
        __extension__ using Wide = __int128;
        auto moved = [&](const Value& date, Wide delta) {
            using namespace std::chrono;
            Wide result = date.asDate() + delta;
            if (result < sys_days{year{1} / 1 / 1}.time_since_epoch().count() ||
                result > sys_days{year{9999} / 12 / 31}.time_since_epoch().count())
                throw Failure("date out of range");
            return Value::date(static_cast<std::int32_t>(result));
        };
        if (a.kind == ValueKind::Date && b.kind == ValueKind::Integer && op == ast::ArithmeticOp::Add) return moved(a, b.asInteger());
        if (a.kind == ValueKind::Date && b.kind == ValueKind::Integer && op == ast::ArithmeticOp::Subtract)
            return moved(a, -static_cast<Wide>(b.asInteger()));
        if (a.kind == ValueKind::Integer && b.kind == ValueKind::Date && op == ast::ArithmeticOp::Add) return moved(b, a.asInteger());
        if (a.kind == ValueKind::Date && b.kind == ValueKind::Date && op == ast::ArithmeticOp::Subtract)
            return Value::integer(a.asDate() - b.asDate());
        throw Failure("arithmetic on values that are not numbers");
    }

    bool compare(ast::CompareOp op, const Value& a, const Value& b) const {
        int c;
        if (a.isNumeric() && b.isNumeric()) {
            double x = a.kind == ValueKind::Integer ? double(a.asInteger()) : a.asDecimal();
            double y = b.kind == ValueKind::Integer ? double(b.asInteger()) : b.asDecimal();
            if (a.kind == ValueKind::Integer && b.kind == ValueKind::Integer) {
                c = a.asInteger() < b.asInteger() ? -1 : a.asInteger() > b.asInteger();
            } else {
                c = x < y ? -1 : x > y;
            }
            if (op == ast::CompareOp::Equal || op == ast::CompareOp::NotEqual) {
                bool equal = a.kind == ValueKind::Integer && b.kind == ValueKind::Integer ? a == b : x == y;  // IEEE: -0.0 = 0.0
                return (op == ast::CompareOp::Equal) == equal;
            }
        } else {
            if (op == ast::CompareOp::Equal) return a == b;
            if (op == ast::CompareOp::NotEqual) return !(a == b);
            c = engine::compareValues(a, b, symbols_);
        }
        switch (op) {
            case ast::CompareOp::Less: return c < 0;
            case ast::CompareOp::LessEqual: return c <= 0;
            case ast::CompareOp::Greater: return c > 0;
            case ast::CompareOp::GreaterEqual: return c >= 0;
            default: return false;
        }
    }

    const dsl::LoadedProgram& loaded_;
    const dsl::CheckedProgram& checked_;
    std::int32_t asOf_;
    double minConfidence_;  ///< what is less likely does not hold
    engine::SymbolTable symbols_;
    std::map<std::string, Table> tables_;
    std::set<std::string> headNames_;  ///< the variables of the head of the clause being derived
    std::map<std::string, engine::ValueKind> variableKinds_;  ///< the numbers its variables hold (see derive)
};

}  // namespace

NaiveOutcome evaluateNaively(const dsl::LoadedProgram& loaded, const dsl::CheckedProgram& checked, std::int32_t asOf,
                             std::optional<double> minConfidence) {
    Naive naive(loaded, checked, asOf, minConfidence.value_or(checked.threshold.value_or(0.0)));
    return naive.run();
}

}  // namespace accord::testing
