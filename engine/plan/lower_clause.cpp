// Clause lowering and join ordering (see lower_clause.hpp).
#include "engine/plan/lower_clause.hpp"

#include <set>
#include <stdexcept>

#include "dsl/ast_walk.hpp"
#include "engine/value_format.hpp"

namespace accord::engine {

namespace ast = dsl::ast;

Value lowerConstant(const ast::Expr& expr, SymbolTable& symbols) {
    if (const auto* symbol = boost::get<ast::Symbol>(&expr)) return Value::symbol(symbols.intern(symbol->name));
    if (const auto* string = boost::get<ast::String>(&expr)) return Value::string(symbols.intern(string->value));
    if (const auto* integer = boost::get<ast::Integer>(&expr)) return Value::integer(integer->value);
    if (const auto* decimal = boost::get<ast::Decimal>(&expr)) return Value::decimal(decimal->value);
    if (const auto* date = boost::get<ast::DateConstant>(&expr)) return Value::date(date->value.days);
    throw std::logic_error("lowerConstant: not a constant");
}

Value lowerConstantFor(const ast::Expr& expr, const RelationPlan& relation, std::size_t column, SymbolTable& symbols) {
    Value value = lowerConstant(expr, symbols);
    if (column >= relation.columnKinds.size()) return value;
    return storedAs(value, relation.columnKinds[column]).value_or(value);
}

namespace {

using Names = std::set<std::string>;
using Literals = std::vector<const ast::Literal*>;

Names namesIn(const ast::Literal& literal) {
    Names names;
    dsl::forEachVariableDeep(literal, [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

Names namesIn(const ast::Expr& expr) {
    Names names;
    dsl::forEachVariableDeep(expr, [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

/// Variables of an expression outside its aggregates (those need the aggregate's globals instead).
Names directNamesIn(const ast::Expr& expr) {
    Names names;
    dsl::forEachVariable(expr, [&](const ast::Variable& v) {
        if (!v.isAnonymous()) names.insert(v.name);
    });
    return names;
}

Names namesInside(const ast::Aggregate& aggregate) {
    Names inside;
    for (const ast::Expr& element : aggregate.elements) inside.merge(namesIn(element));
    for (const ast::Literal& literal : aggregate.body) inside.merge(namesIn(literal));
    return inside;
}

Names namesInside(const ast::ForAll& forAll) {
    Names inside;
    for (const ast::Literal& literal : forAll.domain) inside.merge(namesIn(literal));
    inside.merge(namesIn(forAll.consequent));
    return inside;
}

bool contains(const Names& set, const Names& subset) {
    for (const std::string& name : subset) {
        if (!set.count(name)) return false;
    }
    return true;
}

CompareOp lowerCompare(ast::CompareOp op) {
    switch (op) {
        case ast::CompareOp::Equal: return CompareOp::Equal;
        case ast::CompareOp::NotEqual: return CompareOp::NotEqual;
        case ast::CompareOp::Less: return CompareOp::Less;
        case ast::CompareOp::LessEqual: return CompareOp::LessEqual;
        case ast::CompareOp::Greater: return CompareOp::Greater;
        case ast::CompareOp::GreaterEqual: return CompareOp::GreaterEqual;
    }
    return CompareOp::Equal;
}

AggregateFunction lowerFunction(ast::AggregateOp op) {
    switch (op) {
        case ast::AggregateOp::Count: return AggregateFunction::Count;
        case ast::AggregateOp::Sum: return AggregateFunction::Sum;
        case ast::AggregateOp::Min: return AggregateFunction::Min;
        case ast::AggregateOp::Max: return AggregateFunction::Max;
    }
    return AggregateFunction::Count;
}

/// The alternatives of a `for all` consequent: a group `(a or b and c)` in disjunctive normal form.
std::vector<Literals> alternativesOf(const ast::Literal& literal) {
    const auto* group = boost::get<ast::x3::forward_ast<ast::Disjunction>>(&literal);
    if (!group) return {{&literal}};
    std::vector<Literals> result;
    for (const ast::Conjunction& conjunction : group->get().alternatives) {
        std::vector<Literals> product{{}};
        for (const ast::Literal& inner : conjunction.literals) {
            std::vector<Literals> next;
            for (const Literals& prefix : product) {
                for (const Literals& option : alternativesOf(inner)) {
                    next.push_back(prefix);
                    next.back().insert(next.back().end(), option.begin(), option.end());
                }
            }
            product = std::move(next);
        }
        result.insert(result.end(), product.begin(), product.end());
    }
    return result;
}

class ClauseLowering {
public:
    ClauseLowering(const RelationLookup& relations, SymbolTable& symbols) : relations_(relations), symbols_(symbols) {}

    RulePlan lower(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral) {
        RulePlan plan;
        plan.rule = rule;
        const ast::Atom& head = clause.rule->head;
        plan.head = relations_.ids.at(head.relation);

        Literals literals = clause.body;
        const ast::Literal* first = deltaLiteral ? literals.at(*deltaLiteral) : nullptr;

        Names bound;
        dsl::forEachVariableDeep(head, [&](const ast::Variable& v) { visibleNames_.insert(v.name); });
        plan.steps = planBody(literals, bound, first);
        if (first) {
            for (std::size_t i = 0; i < plan.steps.size(); ++i) {
                if (plan.steps[i].readsDelta) plan.deltaStep = i;
            }
        }
        for (const ast::Expr& argument : head.arguments) plan.headTerms.push_back(lowerExpr(argument));
        if (head.value) plan.headTerms.push_back(lowerExpr(*head.value));
        const RelationPlan& relation = relations_.of(head.relation);
        for (std::size_t c = 0; c < plan.headTerms.size(); ++c) fitToColumn(plan.headTerms[c], relation, c, plan.decimalHead);
        plan.slotCount = nextSlot_;
        plan.slotNames = slotNames_;
        return plan;
    }

private:
    Slot slotOf(const std::string& name) {
        auto [it, inserted] = slots_.try_emplace(name, nextSlot_);
        if (inserted) {
            ++nextSlot_;
            slotNames_.push_back(name);
        }
        return it->second;
    }

    /// Makes a term of column `column` give what the column stores: a constant is converted
    /// now; a computed term of a decimal column is marked in `convertAtRun`.
    static void fitToColumn(Expression& term, const RelationPlan& relation, std::size_t column, ColumnMask& convertAtRun) {
        std::optional<ValueKind> kind = column < relation.columnKinds.size() ? relation.columnKinds[column] : std::nullopt;
        if (term.op == Expression::Op::Constant) {
            term.constant = storedAs(term.constant, kind).value_or(term.constant);
        } else if (kind == ValueKind::Decimal) {
            convertAtRun |= ColumnMask{1} << column;
        }
    }

    Expression lowerExpr(const ast::Expr& expr) {
        if (const auto* variable = boost::get<ast::Variable>(&expr)) return Expression::ofSlot(slotOf(variable->name));
        if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            Expression out{Expression::Op::Negate, {}, 0, {}};
            out.operands.push_back(lowerExpr(negative->get().operand));
            return out;
        }
        if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
            Expression out;
            switch (binary->get().op) {
                case ast::ArithmeticOp::Add: out.op = Expression::Op::Add; break;
                case ast::ArithmeticOp::Subtract: out.op = Expression::Op::Subtract; break;
                case ast::ArithmeticOp::Multiply: out.op = Expression::Op::Multiply; break;
                case ast::ArithmeticOp::Divide: out.op = Expression::Op::Divide; break;
            }
            out.operands.push_back(lowerExpr(binary->get().left));
            out.operands.push_back(lowerExpr(binary->get().right));
            return out;
        }
        if (const auto* aggregate = boost::get<ast::x3::forward_ast<ast::Aggregate>>(&expr)) {
            return Expression::ofSlot(aggregateSlots_.at(&aggregate->get()));
        }
        return Expression::ofConstant(lowerConstant(expr, symbols_));
    }

    // ---- Join ordering ---------------------------------------------------------------

    /// Names a literal needs bound before it can run (positive atoms: only those inside
    /// computed arguments; comparisons: see comparisonReady).
    Names requiredBy(const ast::Literal& literal) const {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            Names needed;
            for (const ast::Expr& argument : atom->arguments) {
                if (!dsl::asVariable(argument)) needed.merge(namesIn(argument));
            }
            if (atom->value && !dsl::asVariable(*atom->value)) needed.merge(namesIn(*atom->value));
            return needed;
        }
        if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            // Its globals: names also used outside it. Its locals are bound by its domain.
            return globalsOf(namesInside(forAll->get()));
        }
        return namesIn(literal);
    }

    /// A comparison runs once its variables are bound, or as an assignment `X = expr`
    /// once expr's are (aggregates count through their global variables).
    bool comparisonReady(const ast::Comparison& comparison, const Names& bound) const {
        Names left = operandNeeds(comparison.left), right = operandNeeds(comparison.right);
        if (contains(bound, left) && contains(bound, right)) return true;
        if (comparison.op != ast::CompareOp::Equal) return false;
        auto assignable = [&](const ast::Expr& target, const Names& sourceNeeds) {
            const ast::Variable* variable = dsl::asVariable(target);
            return variable && !variable->isAnonymous() && !bound.count(variable->name) && contains(bound, sourceNeeds);
        };
        return assignable(comparison.left, right) || assignable(comparison.right, left);
    }

    Names operandNeeds(const ast::Expr& expr) const {
        Names needs = directNamesIn(expr);
        dsl::forEachAggregate(expr, [&](const ast::Aggregate& aggregate) { needs.merge(aggregateGlobals(aggregate)); });
        return needs;
    }

    /// Variables of an aggregate that are shared with the rest of the body (group-by variables).
    Names aggregateGlobals(const ast::Aggregate& aggregate) const { return globalsOf(namesInside(aggregate)); }

    /// As in clingo, a variable of an aggregate or `for all` is global when it also occurs
    /// outside every aggregate and `for all` of the body, or in an enclosing scope.
    Names globalsOf(const Names& inside) const {
        Names globals;
        for (const std::string& name : inside) {
            if (visibleNames_.count(name)) globals.insert(name);
        }
        return globals;
    }

    /// Names a literal uses outside its aggregates and `for all`.
    static Names directNamesOf(const ast::Literal& literal) {
        const ast::Atom* atom = boost::get<ast::Atom>(&literal);
        if (const auto* negation = boost::get<ast::Negation>(&literal)) atom = &negation->atom;
        if (atom) {
            Names names;
            for (const ast::Expr& argument : atom->arguments) names.merge(directNamesIn(argument));
            if (atom->value) names.merge(directNamesIn(*atom->value));
            return names;
        }
        if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            Names names = directNamesIn(comparison->left);
            names.merge(directNamesIn(comparison->right));
            return names;
        }
        return {};
    }

    bool ready(const ast::Literal& literal, const Names& bound) const {
        if (const auto* comparison = boost::get<ast::Comparison>(&literal)) return comparisonReady(*comparison, bound);
        return contains(bound, requiredBy(literal));
    }

    /// Columns of an atom that would be index keys with what is bound now.
    std::size_t boundColumns(const ast::Atom& atom, const Names& bound) const {
        std::size_t count = 0;
        auto score = [&](const ast::Expr& term) {
            const ast::Variable* variable = dsl::asVariable(term);
            if (!variable) {
                ++count;
            } else if (!variable->isAnonymous() && bound.count(variable->name)) {
                ++count;
            }
        };
        for (const ast::Expr& argument : atom.arguments) score(argument);
        if (atom.value) score(*atom.value);
        return count;
    }

    Steps planBody(Literals remaining, Names& bound, const ast::Literal* first) {
        // What aggregates and `for all` at this level may share: see globalsOf.
        Names savedVisible = visibleNames_;
        for (const ast::Literal* literal : remaining) visibleNames_.merge(directNamesOf(*literal));
        Steps steps;
        if (first) {
            remaining.erase(std::find(remaining.begin(), remaining.end(), first));
            emit(*first, bound, steps, /*readsDelta=*/true);
        }
        while (!remaining.empty()) {
            // 1. Every test whose variables are bound, as early as possible.
            for (bool progress = true; progress;) {
                progress = false;
                for (auto it = remaining.begin(); it != remaining.end(); ++it) {
                    if (boost::get<ast::Atom>(*it) || !ready(**it, bound)) continue;
                    emit(**it, bound, steps, false);
                    remaining.erase(it);
                    progress = true;
                    break;
                }
            }
            if (remaining.empty()) break;
            // 2. The positive atom with the most bound columns (the first among equals).
            auto best = remaining.end();
            std::size_t bestScore = 0;
            for (auto it = remaining.begin(); it != remaining.end(); ++it) {
                const auto* atom = boost::get<ast::Atom>(*it);
                if (!atom || !ready(**it, bound)) continue;
                std::size_t score = boundColumns(*atom, bound) + 1;
                if (score > bestScore) {
                    bestScore = score;
                    best = it;
                }
            }
            if (best == remaining.end()) best = remaining.begin();  // unsafe programs never get here
            emit(**best, bound, steps, false);
            remaining.erase(best);
        }
        visibleNames_ = std::move(savedVisible);
        return steps;
    }

    // ---- Emitting steps ----------------------------------------------------------------

    void emit(const ast::Literal& literal, Names& bound, Steps& steps, bool readsDelta) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            steps.push_back(scanStep(*atom, bound, Step::Kind::Scan));
            steps.back().readsDelta = readsDelta;
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            steps.push_back(scanStep(negation->atom, bound, Step::Kind::NotExists));
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            emitComparison(*comparison, bound, steps);
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            steps.push_back(forAllStep(forAll->get(), bound));
        } else {
            throw std::logic_error("lowerClause: a group survived desugaring");
        }
    }

    Step scanStep(const ast::Atom& atom, Names& bound, Step::Kind kind) {
        Step step;
        step.kind = kind;
        step.relation = relations_.ids.at(atom.relation);
        std::vector<const ast::Expr*> terms;
        for (const ast::Expr& argument : atom.arguments) terms.push_back(&argument);
        const RelationPlan& relation = relations_.of(atom.relation);
        if (relation.keyed) terms.push_back(atom.value ? &*atom.value : nullptr);
        Names boundHere;
        for (std::size_t c = 0; c < terms.size(); ++c) {
            ColumnMatch match;
            const ast::Variable* variable = terms[c] ? dsl::asVariable(*terms[c]) : nullptr;
            if (!terms[c] || (variable && variable->isAnonymous())) {
                match.kind = ColumnMatch::Kind::Ignore;
            } else if (variable && !bound.count(variable->name)) {
                match.slot = slotOf(variable->name);
                match.kind = boundHere.count(variable->name) ? ColumnMatch::Kind::Check : ColumnMatch::Kind::Bind;
                boundHere.insert(variable->name);
            } else {
                match.kind = ColumnMatch::Kind::Key;
                match.expression = lowerExpr(*terms[c]);
                fitToColumn(match.expression, relation, c, step.decimalKeys);
                step.keyMask |= ColumnMask{1} << c;
            }
            step.columns.push_back(std::move(match));
        }
        if (kind == Step::Kind::Scan) bound.merge(boundHere);
        return step;
    }

    void emitComparison(const ast::Comparison& comparison, Names& bound, Steps& steps) {
        for (const ast::Expr* side : {&comparison.left, &comparison.right}) {
            dsl::forEachAggregate(*side, [&](const ast::Aggregate& aggregate) {
                steps.push_back(aggregateStep(aggregate, bound));
            });
        }
        auto assignTo = [&](const ast::Expr& target, const ast::Expr& source) -> bool {
            const ast::Variable* variable = dsl::asVariable(target);
            if (comparison.op != ast::CompareOp::Equal || !variable || variable->isAnonymous() || bound.count(variable->name)) {
                return false;
            }
            Step step;
            step.kind = Step::Kind::Assign;
            step.value = lowerExpr(source);
            step.target = slotOf(variable->name);
            bound.insert(variable->name);
            steps.push_back(std::move(step));
            return true;
        };
        if (assignTo(comparison.left, comparison.right) || assignTo(comparison.right, comparison.left)) return;
        Step step;
        step.kind = Step::Kind::Filter;
        step.left = lowerExpr(comparison.left);
        step.right = lowerExpr(comparison.right);
        step.compare = lowerCompare(comparison.op);
        steps.push_back(std::move(step));
    }

    /// Runs `lowerBody` with the names of a sub-body that are not bound yet (its locals)
    /// given fresh slots, then restores the enclosing scope (the same name may be local to
    /// two aggregates).
    template <typename LowerBody>
    void withLocals(const Names& inside, Names& bound, LowerBody&& lowerBody) {
        Names locals;
        for (const std::string& name : inside) {
            if (!bound.count(name)) locals.insert(name);
        }
        std::map<std::string, Slot> saved;
        for (const std::string& name : locals) {
            auto it = slots_.find(name);
            if (it != slots_.end()) {
                saved.insert(*it);
                slots_.erase(it);
            }
        }
        Names savedBound = bound;
        lowerBody();
        bound = std::move(savedBound);
        for (const std::string& name : locals) slots_.erase(name);
        for (auto& entry : saved) slots_.insert(entry);
    }

    Step aggregateStep(const ast::Aggregate& aggregate, Names& bound) {
        Step step;
        step.kind = Step::Kind::Aggregate;
        step.function = lowerFunction(aggregate.op);
        withLocals(namesInside(aggregate), bound, [&] {
            Literals body;
            for (const ast::Literal& literal : aggregate.body) body.push_back(&literal);
            step.body = planBody(body, bound, nullptr);
            for (const ast::Expr& element : aggregate.elements) step.elements.push_back(lowerExpr(element));
        });
        step.target = nextSlot_++;
        slotNames_.push_back("");  // the aggregate's value: shown as the aggregate itself
        aggregateSlots_[&aggregate] = step.target;
        return step;
    }

    Step forAllStep(const ast::ForAll& forAll, Names& bound) {
        Step step;
        step.kind = Step::Kind::ForAll;
        withLocals(namesInside(forAll), bound, [&] {
            Literals domain;
            for (const ast::Literal& literal : forAll.domain) domain.push_back(&literal);
            step.domain = planBody(domain, bound, nullptr);
            for (const Literals& alternative : alternativesOf(forAll.consequent)) {
                Names alternativeBound = bound;
                step.consequent.push_back(planBody(alternative, alternativeBound, nullptr));
            }
        });
        return step;
    }

    const RelationLookup& relations_;
    SymbolTable& symbols_;
    std::map<std::string, Slot> slots_;
    Slot nextSlot_ = 0;
    std::vector<std::string> slotNames_;  ///< by slot
    Names visibleNames_;  ///< names of the enclosing scopes and of the current level, outside sub-bodies
    std::map<const ast::Aggregate*, Slot> aggregateSlots_;
};

}  // namespace

RulePlan lowerClause(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral,
                     const RelationLookup& relations, SymbolTable& symbols) {
    ClauseLowering lowering(relations, symbols);
    return lowering.lower(clause, rule, deltaLiteral);
}

}  // namespace accord::engine
