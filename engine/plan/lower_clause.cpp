// Clause lowering (see lower_clause.hpp).
#include "accord/engine/plan/lower_clause.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

#include "accord/dsl/ast_walk.hpp"
#include "accord/dsl/binding_analysis.hpp"
#include "accord/engine/plan/join_order.hpp"
#include "accord/engine/value_format.hpp"

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
    return storedAs(value, relation.kindOf(column)).value_or(value);
}

VariableKinds variableKinds(const std::vector<const ast::Literal*>& literals, const RelationLookup& relations) {
    VariableKinds kinds;
    for (const ast::Literal* literal : literals) {
        dsl::forEachAtom(*literal, [&](const ast::Atom& atom, dsl::AtomRole) {
            const RelationPlan& relation = relations.of(atom.relation);
            std::vector<const ast::Expr*> terms;
            for (const ast::Expr& argument : atom.arguments) terms.push_back(&argument);
            if (atom.value) terms.push_back(&*atom.value);
            for (std::size_t c = 0; c < terms.size(); ++c) {
                const ast::Variable* variable = dsl::asVariable(*terms[c]);
                std::optional<ValueKind> kind = relation.kindOf(c);
                if (!variable || variable->isAnonymous() || (kind != ValueKind::Integer && kind != ValueKind::Decimal)) continue;
                auto [it, inserted] = kinds.emplace(variable->name, *kind);
                if (*kind == ValueKind::Integer) it->second = ValueKind::Integer;
            }
        });
    }
    return kinds;
}

namespace {

using dsl::Literals;
using dsl::Names;

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
        case ast::AggregateOp::Mean: return AggregateFunction::Mean;
    }
    return AggregateFunction::Count;
}

class ClauseLowering {
public:
    ClauseLowering(const RelationLookup& relations, SymbolTable& symbols) : relations_(relations), symbols_(symbols) {}

    RulePlan lower(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral, std::vector<std::size_t>* stepLiterals,
                   const VariableKinds* kinds) {
        RulePlan plan;
        plan.rule = rule;
        const ast::Atom& head = clause.rule->head;
        plan.head = relations_.ids.at(head.relation);

        Literals literals = clause.body;
        const ast::Literal* first = deltaLiteral ? literals.at(*deltaLiteral) : nullptr;

        variableKinds_ = kinds ? *kinds : variableKinds(literals, relations_);
        privates_ = dsl::privateVariables(head, literals);
        Names bound;
        dsl::BindingScope scope(dsl::variablesIn(head), literals);
        auto [independent, dependent] = splitIndependent(head, literals);
        auto firstOf = [&](const Literals& part) { return std::count(part.begin(), part.end(), first) ? first : nullptr; };
        std::vector<const ast::Literal*> origins;
        plan.steps = planBody(independent, bound, firstOf(independent), scope, &origins);
        plan.independentSteps = plan.steps.size();
        for (Step& step : planBody(dependent, bound, firstOf(dependent), scope, &origins)) plan.steps.push_back(std::move(step));
        if (stepLiterals) {
            stepLiterals->clear();
            for (const ast::Literal* origin : origins) {
                stepLiterals->push_back(static_cast<std::size_t>(std::find(literals.begin(), literals.end(), origin) - literals.begin()));
            }
        }
        if (first) {
            for (std::size_t i = 0; i < plan.steps.size(); ++i) {
                if (plan.steps[i].readsDelta) plan.deltaStep = i;
            }
        }
        for (const ast::Expr& argument : head.arguments) plan.headTerms.push_back(lowerExpr(argument));
        if (head.value) plan.headTerms.push_back(lowerExpr(*head.value));
        const RelationPlan& relation = relations_.of(head.relation);
        for (std::size_t c = 0; c < plan.headTerms.size(); ++c) fitToColumn(plan.headTerms[c], relation, c, plan.headConversions);
        plan.todaySlot = todaySlot_;
        plan.slotCount = nextSlot_;
        plan.slotNames = slotNames_;
        for (const std::string& name : slotNames_) plan.slotKinds.push_back(variableKind(name));
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

    std::optional<ValueKind> variableKind(const std::string& name) const {
        auto it = variableKinds_.find(name);
        return it == variableKinds_.end() ? std::nullopt : std::optional(it->second);
    }

    /// Makes a term of column `column` give what the column stores: a constant is converted
    /// now; a computed term is marked for the runner to convert (see ColumnConversions).
    /// Columns past the 64th have no conversions (the checker allows no more columns).
    static void fitToColumn(Expression& term, const RelationPlan& relation, std::size_t column, ColumnConversions& convertAtRun) {
        std::optional<ValueKind> kind = relation.kindOf(column);
        if (term.op == Expression::Op::Constant) {
            term.constant = storedAs(term.constant, kind).value_or(term.constant);
        } else {
            convertAtRun.convertTo(column, kind);
        }
    }

    Expression lowerExpr(const ast::Expr& expr) {
        if (const auto* variable = boost::get<ast::Variable>(&expr)) return Expression::ofSlot(slotOf(variable->name));
        if (const auto* negative = boost::get<ast::x3::forward_ast<ast::Negative>>(&expr)) {
            return Expression::of(Expression::Op::Negate, {lowerExpr(negative->get().operand)});
        }
        if (const auto* call = boost::get<ast::x3::forward_ast<ast::Call>>(&expr)) return lowerCall(call->get());
        if (const auto* binary = boost::get<ast::x3::forward_ast<ast::Binary>>(&expr)) {
            Expression out;
            switch (binary->get().op) {
                case ast::ArithmeticOp::Add: out.op = Expression::Op::Add; break;
                case ast::ArithmeticOp::Subtract: out.op = Expression::Op::Subtract; break;
                case ast::ArithmeticOp::Multiply: out.op = Expression::Op::Multiply; break;
                case ast::ArithmeticOp::Divide: out.op = Expression::Op::Divide; break;
                case ast::ArithmeticOp::Modulo: out.op = Expression::Op::Modulo; break;
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

    /// A built-in function; `today` reads the slot the runner fills with the evaluation's date
    /// (named `today`, which no variable can be: variables are capitalised).
    Expression lowerCall(const ast::Call& call) {
        const dsl::FunctionSignature& function = *dsl::findFunction(call.function);  // the checker refused unknown ones
        if (function.function == dsl::Function::Today) {
            todaySlot_ = slotOf("today");
            return Expression::ofSlot(*todaySlot_);
        }
        std::vector<Expression> arguments;
        for (const ast::Expr& argument : call.arguments) arguments.push_back(lowerExpr(argument));
        Expression out = Expression::of(Expression::Op::Call, std::move(arguments));
        out.function = function.function;
        return out;
    }

    /// The body's conditions split in two: those connected (through shared variables, at any
    /// depth) to no head variable, which hold or not whatever the head is, and the rest.
    static std::pair<Literals, Literals> splitIndependent(const ast::Atom& head, const Literals& literals) {
        // Grow the dependent part from the head's variables until nothing more joins it.
        Names reached = dsl::variablesIn(head);
        std::vector<bool> dependent(literals.size(), false);
        for (bool grew = true; grew;) {
            grew = false;
            for (std::size_t i = 0; i < literals.size(); ++i) {
                if (dependent[i]) continue;
                Names names = dsl::variablesIn(*literals[i]);
                if (std::none_of(names.begin(), names.end(), [&](const std::string& name) { return reached.count(name); })) continue;
                dependent[i] = grew = true;
                reached.merge(names);
            }
        }
        std::pair<Literals, Literals> parts;
        for (std::size_t i = 0; i < literals.size(); ++i) (dependent[i] ? parts.second : parts.first).push_back(literals[i]);
        return parts;
    }

    /// The steps of a body (a level of one: the rule's, an aggregate's, a `for all`'s), in
    /// join order (see join_order.hpp); `origins`, when given, gets the literal of each step.
    Steps planBody(const Literals& literals, Names& bound, const ast::Literal* first, const dsl::BindingScope& scope,
                   std::vector<const ast::Literal*>* origins = nullptr) {
        Steps steps;
        for (const ast::Literal* literal : joinOrder(scope, literals, bound, privates_, first)) {
            const std::size_t before = steps.size();
            emit(*literal, bound, steps, literal == first, scope);
            if (origins) origins->insert(origins->end(), steps.size() - before, literal);
        }
        return steps;
    }

    // ---- Emitting steps ----------------------------------------------------------------

    void emit(const ast::Literal& literal, Names& bound, Steps& steps, bool readsDelta, const dsl::BindingScope& scope) {
        if (const auto* atom = boost::get<ast::Atom>(&literal)) {
            steps.push_back(scanStep(*atom, bound, Step::Kind::Scan));
            steps.back().readsDelta = readsDelta;
            if (atom->valueDiffers) steps.push_back(valueDiffersStep(steps.back(), *atom->value));
        } else if (const auto* negation = boost::get<ast::Negation>(&literal)) {
            steps.push_back(scanStep(negation->atom, bound, Step::Kind::NotExists));
        } else if (const auto* comparison = boost::get<ast::Comparison>(&literal)) {
            emitComparison(*comparison, bound, steps, scope);
        } else if (const auto* forAll = boost::get<ast::x3::forward_ast<ast::ForAll>>(&literal)) {
            steps.push_back(forAllStep(forAll->get(), bound, scope));
        } else {
            throw std::logic_error("lowerClause: a group survived desugaring");
        }
    }

    /// `r(K) != V`: the scan binds r's value to a slot of its own, then this compares it with V.
    Step valueDiffersStep(const Step& scan, const ast::Expr& value) {
        Step step;
        step.kind = Step::Kind::Filter;
        step.compare = CompareOp::NotEqual;
        step.left = Expression::ofSlot(scan.columns.back().slot);
        step.right = lowerExpr(value);
        return step;
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
            if (atom.valueDiffers && c + 1 == terms.size()) {  // the value, for the comparison after the scan
                match.kind = ColumnMatch::Kind::Bind;
                match.slot = nextSlot_++;
                slotNames_.emplace_back();
            } else if (!terms[c] || (variable && variable->isAnonymous())) {
                match.kind = ColumnMatch::Kind::Ignore;
            } else if (variable && !bound.count(variable->name)) {
                match.slot = slotOf(variable->name);
                match.kind = boundHere.count(variable->name) ? ColumnMatch::Kind::Check : ColumnMatch::Kind::Bind;
                if (match.kind == ColumnMatch::Kind::Check) {
                    Expression compared = Expression::ofSlot(match.slot);
                    fitToColumn(compared, relation, c, step.keyConversions);
                } else if (auto holds = variableKind(variable->name); holds && c < 64 && relation.kindOf(c) != holds) {
                    (*holds == ValueKind::Integer ? step.bindConversions.toInteger : step.bindConversions.toDecimal) |= ColumnMask{1} << c;
                }
                boundHere.insert(variable->name);
            } else {
                match.kind = ColumnMatch::Kind::Key;
                match.expression = lowerExpr(*terms[c]);
                fitToColumn(match.expression, relation, c, step.keyConversions);
                step.keyMask |= ColumnMask{1} << c;
            }
            step.columns.push_back(std::move(match));
        }
        // An existence check: some column it could bind is unused (with every column a key,
        // at most one tuple matches anyway).
        bool leavesColumns = std::any_of(step.columns.begin(), step.columns.end(), [](const ColumnMatch& column) {
            return column.kind == ColumnMatch::Kind::Ignore || column.kind == ColumnMatch::Kind::Bind;
        });
        step.existsOnly = kind == Step::Kind::Scan && !atom.valueDiffers && leavesColumns &&
                          std::all_of(boundHere.begin(), boundHere.end(), [&](const std::string& name) { return privates_.count(name); });
        if (kind == Step::Kind::Scan) bound.merge(boundHere);
        return step;
    }

    void emitComparison(const ast::Comparison& comparison, Names& bound, Steps& steps, const dsl::BindingScope& scope) {
        for (const ast::Expr* side : {&comparison.left, &comparison.right}) {
            dsl::forEachAggregate(*side, [&](const ast::Aggregate& aggregate) { steps.push_back(aggregateStep(aggregate, bound, scope)); });
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
            step.targetKind = variableKind(variable->name);
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

    Step aggregateStep(const ast::Aggregate& aggregate, Names& bound, const dsl::BindingScope& scope) {
        Step step;
        step.kind = Step::Kind::Aggregate;
        step.function = lowerFunction(aggregate.op);
        withLocals(dsl::variablesInside(aggregate), bound, [&] {
            Literals body = dsl::literalsOf(aggregate.body);
            step.body = planBody(body, bound, nullptr, scope.nested(body));
            for (const ast::Expr& element : aggregate.elements) step.elements.push_back(lowerExpr(element));
        });
        step.target = nextSlot_++;
        slotNames_.push_back("");  // the aggregate's value: shown as the aggregate itself
        aggregateSlots_[&aggregate] = step.target;
        return step;
    }

    Step forAllStep(const ast::ForAll& forAll, Names& bound, const dsl::BindingScope& scope) {
        Step step;
        step.kind = Step::Kind::ForAll;
        withLocals(dsl::variablesInside(forAll), bound, [&] {
            Literals domain = dsl::literalsOf(forAll.domain);
            step.domain = planBody(domain, bound, nullptr, scope.nested(domain));
            for (const Literals& alternative : dsl::consequentAlternatives(forAll.consequent)) {
                Names alternativeBound = bound;
                step.consequent.push_back(planBody(alternative, alternativeBound, nullptr, scope.nested(alternative)));
            }
        });
        return step;
    }

    const RelationLookup& relations_;
    SymbolTable& symbols_;
    std::map<std::string, Slot> slots_;
    Slot nextSlot_ = 0;
    std::vector<std::string> slotNames_;  ///< by slot
    std::map<const ast::Aggregate*, Slot> aggregateSlots_;
    VariableKinds variableKinds_;  ///< see variableKinds
    Names privates_;  ///< the variables used once in the rule (dsl::privateVariables)
    std::optional<Slot> todaySlot_;
};

}  // namespace

RulePlan lowerClause(const dsl::Clause& clause, RuleId rule, std::optional<std::size_t> deltaLiteral, const RelationLookup& relations,
                     SymbolTable& symbols, std::vector<std::size_t>* stepLiterals, const VariableKinds* kinds) {
    ClauseLowering lowering(relations, symbols);
    return lowering.lower(clause, rule, deltaLiteral, stepLiterals, kinds);
}

}  // namespace accord::engine
