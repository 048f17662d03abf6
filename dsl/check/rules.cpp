// Statement-level checks on rules and resolutions (see rules.hpp).
#include "accord/dsl/check/rules.hpp"

#include <map>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/lint/lint_names.hpp"

namespace accord::dsl::check {

void checkAnnotations(const ast::Rule& rule, Diagnostics& diagnostics) {
    const ast::Annotations& a = rule.annotations;
    if (a.since && a.until && !(*a.since < *a.until)) {
        diagnostics.error(rule.span,
                          fmt::format("empty validity period: since {} is not before until {}", formatDate(*a.since), formatDate(*a.until)),
                          "'since' is inclusive and 'until' exclusive");
    }
}

namespace {

/// `or` is desugared only at the top of a body: inside an aggregate or a `for all` domain
/// it would change what is counted or quantified over.
void forbidGroups(const std::vector<ast::Literal>& literals, const char* where, Diagnostics& diagnostics) {
    for (const ast::Literal& literal : literals) {
        if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
            if (group->get().alternatives.size() > 1) {
                // A rule file's groups were lifted into helper relations (lift_alternatives.hpp)
                // before this check: what is left is a query's.
                diagnostics.error(group->get().span, fmt::format("'or' inside {} is not supported in a query", where),
                                  "a rule may hold it: add a rule with this condition to the program, and query its conclusions");
            } else {
                diagnostics.error(group->get().span, fmt::format("parentheses group nothing inside {}", where),
                                  "write the conditions without them");
            }
        }
    }
}

/// Variables of a rule that occur only inside one aggregate (its local variables).
std::set<std::string> localVariables(const ast::Rule& rule, const ast::Aggregate& aggregate) {
    std::map<std::string, int> inRule, inAggregate;
    auto countRule = [&](const ast::Variable& v) { ++inRule[v.name]; };
    forEachVariableDeep(rule.head, countRule);
    for (const ast::Conjunction& conjunction : rule.body->alternatives) {
        for (const ast::Literal& literal : conjunction.literals) forEachVariableDeep(literal, countRule);
    }
    auto countAggregate = [&](const ast::Variable& v) { ++inAggregate[v.name]; };
    for (const ast::Expr& element : aggregate.elements) forEachVariableDeep(element, countAggregate);
    for (const ast::Literal& literal : aggregate.body) forEachVariableDeep(literal, countAggregate);
    std::set<std::string> local;
    for (const auto& [name, count] : inAggregate) {
        if (name != "_" && inRule[name] == count) local.insert(name);
    }
    return local;
}

void checkAggregate(const ast::Rule& rule, const ast::Aggregate& aggregate, Diagnostics& diagnostics) {
    forbidGroups(aggregate.body, "an aggregate", diagnostics);
    // sum and mean take each distinct element once: a value of the body left out of the
    // element (a named local, or `_`) makes equal values of different rows one.
    if (aggregate.op != ast::AggregateOp::Sum && aggregate.op != ast::AggregateOp::Mean) return;
    const char* function = aggregateName(aggregate.op);
    std::set<std::string> inElement;
    for (const ast::Expr& element : aggregate.elements) {
        forEachVariable(element, [&](const ast::Variable& v) { inElement.insert(v.name); });
    }
    std::string element;
    for (const ast::Expr& e : aggregate.elements) element += print(e) + ", ";
    for (const std::string& name : localVariables(rule, aggregate)) {
        if (inElement.count(name)) continue;
        diagnostics
            .warning(aggregate.span,
                     fmt::format("{} takes each distinct element once, and its element leaves out '{}': "
                                 "equal values for different {} count only once",
                                 function, name, name),
                     fmt::format("write `{} {{ {}{} : ... }}` to take one value per {}", function, element, name, name))
            .code = lint::kSumDropsVariable;
    }
    bool anonymous = false;
    for (const ast::Literal& literal : aggregate.body) {
        forEachVariableDeep(literal, [&](const ast::Variable& v) { anonymous = anonymous || v.isAnonymous(); });
    }
    if (anonymous) {
        diagnostics
            .warning(aggregate.span,
                     fmt::format("{} takes each distinct element once, and a '_' in its body stands for values the element "
                                 "leaves out: equal values of different rows count only once",
                                 function),
                     fmt::format("name the '_' and add it to the element: `{} {{ {}Y : ... }}`", function, element))
            .code = lint::kSumDropsVariable;
    }
}

void checkLiteralPlacement(const ast::Rule& rule, const ast::Literal& literal, Diagnostics& diagnostics) {
    auto aggregateMisplaced = [&](const ast::Aggregate& aggregate) {
        diagnostics.error(aggregate.span, "an aggregate must be one side of a comparison",
                          "bind it first: `N = count { ... }`, then use N");
    };
    auto inAtom = [&](const ast::Atom& atom) {
        for (const ast::Expr& argument : atom.arguments) forEachAggregate(argument, aggregateMisplaced);
        if (atom.value) forEachAggregate(*atom.value, aggregateMisplaced);  // `k(X) = count {...}` (found by fuzzing)
    };
    if (const auto* atom = boost::get<ast::Atom>(&literal)) {
        inAtom(*atom);
    } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
        inAtom(negation->atom);
    } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
        forbidGroups(forAll->get().domain, "the domain of 'for all'", diagnostics);
        for (const ast::Literal& domain : forAll->get().domain) checkLiteralPlacement(rule, domain, diagnostics);
        checkLiteralPlacement(rule, forAll->get().consequent, diagnostics);
    } else if (const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal)) {
        for (const ast::Conjunction& conjunction : group->get().alternatives) {
            for (const ast::Literal& inner : conjunction.literals) checkLiteralPlacement(rule, inner, diagnostics);
        }
    }
    forEachAggregateIn(literal, [&](const ast::Aggregate& aggregate) {
        checkAggregate(rule, aggregate, diagnostics);
        for (const ast::Literal& inner : aggregate.body) checkLiteralPlacement(rule, inner, diagnostics);
    });
}

}  // namespace

namespace {

/// A fact's terms are constants: `today`, a function or arithmetic is computed by a rule.
void checkFactTerms(const ast::Rule& fact, Diagnostics& diagnostics) {
    std::vector<const ast::Expr*> terms;
    for (const ast::Expr& argument : fact.head.arguments) terms.push_back(&argument);
    if (fact.head.value) terms.push_back(&*fact.head.value);
    for (const ast::Expr* term : terms) {
        if (isConstant(*term) || asVariable(*term)) continue;  // a variable is reported as unsafe
        ast::Atom rule = fact.head;  // the fact with the term as a variable that a condition computes
        ast::Variable computed;
        computed.name = "X";
        (term == (fact.head.value ? &*fact.head.value : nullptr)
             ? *rule.value
             : rule.arguments[static_cast<std::size_t>(term - fact.head.arguments.data())]) = computed;
        diagnostics.error(spanOf(*term), fmt::format("a fact's terms are constants, and {} is computed", print(*term)),
                          fmt::format("compute it in a rule: `{} if X = {}.`", print(rule), print(*term)));
        return;
    }
}

}  // namespace

void checkRules(const std::vector<ast::Program>& files, Diagnostics& diagnostics) {
    std::map<std::string, const ast::Rule*> byName;
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule) continue;
            if (!rule->name.empty()) {
                auto [it, inserted] = byName.emplace(rule->name, rule);
                if (!inserted) {
                    Diagnostic& error = diagnostics.error(rule->nameSpan, fmt::format("duplicate rule name '{}'", rule->name),
                                                          "rule names identify rules in explanations; make each unique");
                    error.notes.push_back({it->second->nameSpan, "first used here"});
                }
            }
            checkAnnotations(*rule, diagnostics);
            if (!rule->body) {
                checkFactTerms(*rule, diagnostics);
                continue;
            }
            for (const ast::Conjunction& conjunction : rule->body->alternatives) {
                for (const ast::Literal& literal : conjunction.literals) checkLiteralPlacement(*rule, literal, diagnostics);
            }
        }
    }
}

namespace {

/// The printed constants a relation's rules and facts give as values; nullopt when some
/// rule computes its value (then any value may occur).
std::optional<std::set<std::string>> knownValues(const std::vector<ast::Program>& files, const std::string& relation) {
    std::set<std::string> values;
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule || rule->head.relation != relation || !rule->head.value) continue;
            if (!isConstant(*rule->head.value)) return std::nullopt;
            values.insert(print(*rule->head.value));
        }
    }
    return values;
}

/// Reports `a overrides b` and `b overrides a` (directly or through others).
void checkOverrideCycles(const ast::Resolution& resolution, Diagnostics& diagnostics) {
    std::map<std::string, std::set<std::string>> beats;
    for (const ast::OverrideChain& chain : resolution.chains) {
        for (std::size_t i = 0; i + 1 < chain.values.size(); ++i) beats[print(chain.values[i])].insert(print(chain.values[i + 1]));
    }
    for (const auto& [start, direct] : beats) {
        std::set<std::string> seen;
        std::vector<std::string> work(direct.begin(), direct.end());
        while (!work.empty()) {
            std::string value = work.back();
            work.pop_back();
            if (value == start) {
                diagnostics.error(resolution.span, fmt::format("contradictory resolution: '{}' overrides itself through the chains", start),
                                  "each value may override only values below it");
                return;
            }
            if (!seen.insert(value).second) continue;
            auto it = beats.find(value);
            if (it != beats.end()) work.insert(work.end(), it->second.begin(), it->second.end());
        }
    }
}

}  // namespace

/// Warns about a constant value of a resolved relation that no chain orders: a clash
/// between it and another value would stop the run.
void warnUnorderedValues(const std::vector<ast::Program>& files, const std::map<std::string, std::set<std::string>>& ordered,
                         Diagnostics& diagnostics) {
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* rule = boost::get<ast::Rule>(&statement);
            if (!rule || !rule->head.value || !isConstant(*rule->head.value) || rule->isDefault) continue;
            auto it = ordered.find(rule->head.relation);
            if (it == ordered.end()) continue;
            std::string text = print(*rule->head.value);
            if (it->second.count(text)) continue;
            std::string hint = fmt::format("add it to `resolve {}: ...`", rule->head.relation);
            for (const std::string& known : it->second) {
                if (editDistance(known, text) <= 2) hint = fmt::format("did you mean '{}'?", known);
            }
            diagnostics
                .warning(spanOf(*rule->head.value),
                         fmt::format("value '{}' of '{}' is not ordered by its resolution; a clash with another value "
                                     "will stop the run",
                                     text, rule->head.relation),
                         hint)
                .code = lint::kUnorderedValue;
        }
    }
}

void checkResolutions(const std::vector<ast::Program>& files, const RelationCatalog& catalog, Diagnostics& diagnostics) {
    std::map<std::string, std::set<std::string>> ordered;  // relation -> values its chains name
    for (const ast::Program& file : files) {
        for (const ast::Statement& statement : file.statements) {
            const auto* resolution = boost::get<ast::Resolution>(&statement);
            if (!resolution) continue;
            const RelationInfo* info = catalog.find(resolution->relation);
            if (!info) {
                std::string hint;
                if (auto suggestion = catalog.closestName(resolution->relation)) hint = fmt::format("did you mean '{}'?", *suggestion);
                diagnostics.error(resolution->span, fmt::format("resolution for unknown relation '{}'", resolution->relation), hint);
                continue;
            }
            if (!info->keyed) {
                diagnostics.error(resolution->span, fmt::format("'{}' is not keyed, so it has no values to resolve", resolution->relation),
                                  "resolutions order the values of a keyed relation (`relation r(k: symbol) -> v: symbol`)");
                continue;
            }
            checkOverrideCycles(*resolution, diagnostics);
            for (const ast::OverrideChain& chain : resolution->chains) {
                for (const ast::Expr& value : chain.values) ordered[resolution->relation].insert(print(value));
            }
            auto values = knownValues(files, resolution->relation);
            if (!values) continue;
            std::set<std::string> reported;
            for (const ast::OverrideChain& chain : resolution->chains) {
                for (const ast::Expr& value : chain.values) {
                    std::string text = print(value);
                    if (values->count(text) || !reported.insert(text).second) continue;
                    // Close to a known value: a typo, an error. Otherwise the value may come from
                    // facts loaded later (a knowledge base, a facts file): a warning.
                    std::optional<std::string> close;
                    for (const std::string& known : *values) {
                        if (editDistance(known, text) <= 2) close = known;
                    }
                    std::string message = fmt::format("unknown value '{}' for '{}'", text, resolution->relation);
                    if (close) {
                        diagnostics.error(spanOf(value), message, fmt::format("did you mean '{}'?", *close));
                    } else {
                        diagnostics
                            .warning(spanOf(value), message + ": no rule or fact in the program gives it",
                                     "ignore this if its facts come from a knowledge base or a facts file")
                            .code = lint::kUnknownResolvedValue;
                    }
                }
            }
        }
    }
    warnUnorderedValues(files, ordered, diagnostics);
}

}  // namespace accord::dsl::check
