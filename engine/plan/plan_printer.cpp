// Printing rule plans (see plan_printer.hpp).
#include "engine/plan/plan_printer.hpp"

#include <fmt/format.h>

#include "engine/value_format.hpp"

namespace accord::engine {
namespace {

std::string printExpression(const Expression& e, const ProgramPlan& program) {
    switch (e.op) {
        case Expression::Op::Constant: return formatValue(e.constant, program.symbols);
        case Expression::Op::Variable: return fmt::format("s{}", e.slot);
        case Expression::Op::Negate: return "-" + printExpression(e.operands[0], program);
        default: {
            static const char* ops = "+-*/";
            char op = ops[static_cast<int>(e.op) - static_cast<int>(Expression::Op::Add)];
            return fmt::format("({} {} {})", printExpression(e.operands[0], program), op, printExpression(e.operands[1], program));
        }
    }
}

std::string printColumns(const Step& step, const ProgramPlan& program) {
    std::string out;
    for (std::size_t c = 0; c < step.columns.size(); ++c) {
        const ColumnMatch& column = step.columns[c];
        if (c) out += ", ";
        switch (column.kind) {
            case ColumnMatch::Kind::Key: out += printExpression(column.expression, program); break;
            case ColumnMatch::Kind::Bind: out += fmt::format("->s{}", column.slot); break;
            case ColumnMatch::Kind::Check: out += fmt::format("=s{}", column.slot); break;
            case ColumnMatch::Kind::Ignore: out += "_"; break;
        }
    }
    return out;
}

void printSteps(const Steps& steps, const ProgramPlan& program, int indent, std::string& out) {
    static const char* compares[] = {"=", "!=", "<", "<=", ">", ">="};
    static const char* functions[] = {"count", "sum", "min", "max"};
    std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    for (const Step& step : steps) {
        const std::string& relation = program.relations[step.relation].name;
        switch (step.kind) {
            case Step::Kind::Scan:
                out += fmt::format("{}{} {}{}({})\n", pad, step.keyMask ? "LOOKUP" : "SCAN", step.readsDelta ? "delta " : "", relation,
                                   printColumns(step, program));
                break;
            case Step::Kind::NotExists:
                out += fmt::format("{}NOT EXISTS {}({})\n", pad, relation, printColumns(step, program));
                break;
            case Step::Kind::Filter:
                out += fmt::format("{}FILTER {} {} {}\n", pad, printExpression(step.left, program),
                                   compares[static_cast<int>(step.compare)], printExpression(step.right, program));
                break;
            case Step::Kind::Assign:
                out += fmt::format("{}LET s{} = {}\n", pad, step.target, printExpression(step.value, program));
                break;
            case Step::Kind::Aggregate: {
                std::string elements;
                for (const Expression& e : step.elements) elements += (elements.empty() ? "" : ", ") + printExpression(e, program);
                out += fmt::format("{}LET s{} = {} {{ {} }} OF\n", pad, step.target, functions[static_cast<int>(step.function)], elements);
                printSteps(step.body, program, indent + 1, out);
                break;
            }
            case Step::Kind::ForAll:
                out += fmt::format("{}FOR ALL\n", pad);
                printSteps(step.domain, program, indent + 1, out);
                for (const Steps& alternative : step.consequent) {
                    out += fmt::format("{}HOLDS\n", pad);
                    printSteps(alternative, program, indent + 1, out);
                }
                break;
        }
    }
}

}  // namespace

std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program) {
    std::string out = fmt::format("rule #{}{}\n", rule.rule, rule.deltaStep ? fmt::format(" (delta at step {})", *rule.deltaStep) : "");
    printSteps(rule.steps, program, 1, out);
    std::string head;
    for (const Expression& e : rule.headTerms) head += (head.empty() ? "" : ", ") + printExpression(e, program);
    out += fmt::format("  EMIT {}({})\n", program.relations[rule.head].name, head);
    return out;
}

std::string printProgramPlan(const ProgramPlan& program) {
    std::string out;
    for (std::size_t s = 0; s < program.strata.size(); ++s) {
        const StratumPlan& stratum = program.strata[s];
        if (stratum.base.empty()) continue;
        std::string names;
        for (RelationId r : stratum.relations) names += (names.empty() ? "" : ", ") + program.relations[r].name;
        out += fmt::format("stratum {} {{{}}}{}\n", s, names, stratum.recursive ? " recursive" : "");
        for (const RulePlan& rule : stratum.base) out += printRulePlan(rule, program);
        for (const RulePlan& rule : stratum.deltas) out += printRulePlan(rule, program);
    }
    return out;
}

}  // namespace accord::engine
