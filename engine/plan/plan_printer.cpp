// Printing rule plans (see plan_printer.hpp).
#include "engine/plan/plan_printer.hpp"

#include <fmt/format.h>

#include "engine/value_format.hpp"

namespace accord::engine {
namespace {

/// What the printer needs beside each step: the program (relations, symbols) and the
/// rule's variable names, which slots are shown by (`s3` for an unnamed one).
struct Printer {
    const ProgramPlan& program;
    const std::vector<std::string>& slotNames;

    std::string slot(Slot s) const { return s < slotNames.size() && !slotNames[s].empty() ? slotNames[s] : fmt::format("s{}", s); }

    std::string expression(const Expression& e) const {
        switch (e.op) {
            case Expression::Op::Constant: return formatValue(e.constant, program.symbols);
            case Expression::Op::Variable: return slot(e.slot);
            case Expression::Op::Negate: return "-" + expression(e.operands[0]);
            default: {
                static const char* ops = "+-*/";
                char op = ops[static_cast<int>(e.op) - static_cast<int>(Expression::Op::Add)];
                return fmt::format("({} {} {})", expression(e.operands[0]), op, expression(e.operands[1]));
            }
        }
    }

    std::string columns(const Step& step) const {
        std::string out;
        for (std::size_t c = 0; c < step.columns.size(); ++c) {
            const ColumnMatch& column = step.columns[c];
            if (c) out += ", ";
            switch (column.kind) {
                case ColumnMatch::Kind::Key: out += expression(column.expression); break;
                case ColumnMatch::Kind::Bind: out += "->" + slot(column.slot); break;
                case ColumnMatch::Kind::Check: out += "=" + slot(column.slot); break;
                case ColumnMatch::Kind::Ignore: out += "_"; break;
            }
        }
        return out;
    }

    void steps(const Steps& steps, int indent, std::string& out) const;
};

void Printer::steps(const Steps& steps, int indent, std::string& out) const {
    static const char* compares[] = {"=", "!=", "<", "<=", ">", ">="};
    static const char* functions[] = {"count", "sum", "min", "max"};
    std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    for (const Step& step : steps) {
        const std::string& relation = program.relations[step.relation].name;
        switch (step.kind) {
            case Step::Kind::Scan:
                out += fmt::format("{}{} {}{}({})\n", pad, step.keyMask ? "LOOKUP" : "SCAN", step.readsDelta ? "delta " : "", relation,
                                   columns(step));
                break;
            case Step::Kind::NotExists:
                out += fmt::format("{}NOT EXISTS {}({})\n", pad, relation, columns(step));
                break;
            case Step::Kind::Filter:
                out += fmt::format("{}FILTER {} {} {}\n", pad, expression(step.left), compares[static_cast<int>(step.compare)], expression(step.right));
                break;
            case Step::Kind::Assign:
                out += fmt::format("{}LET {} = {}\n", pad, slot(step.target), expression(step.value));
                break;
            case Step::Kind::Aggregate: {
                std::string elements;
                for (const Expression& e : step.elements) elements += (elements.empty() ? "" : ", ") + expression(e);
                out += fmt::format("{}LET {} = {} {{ {} }} OF\n", pad, slot(step.target), functions[static_cast<int>(step.function)], elements);
                this->steps(step.body, indent + 1, out);
                break;
            }
            case Step::Kind::ForAll:
                out += fmt::format("{}FOR ALL\n", pad);
                this->steps(step.domain, indent + 1, out);
                for (const Steps& alternative : step.consequent) {
                    out += fmt::format("{}HOLDS\n", pad);
                    this->steps(alternative, indent + 1, out);
                }
                break;
        }
    }
}

}  // namespace

std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program, const RuleCatalog* catalog) {
    std::string title = fmt::format("rule #{}", rule.rule);
    if (catalog && rule.rule < catalog->rules.size()) {
        const RuleDescription& description = catalog->rules[rule.rule];
        title = fmt::format("rule {}#{} at {}", description.name.empty() ? "" : description.name + " ", rule.rule, description.location);
    }
    std::string out = title + (rule.deltaStep ? fmt::format(" (delta at step {})", *rule.deltaStep) : "") + "\n";
    Printer printer{program, rule.slotNames};
    printer.steps(rule.steps, 1, out);
    std::string head;
    for (const Expression& e : rule.headTerms) head += (head.empty() ? "" : ", ") + printer.expression(e);
    out += fmt::format("  EMIT {}({})\n", program.relations[rule.head].name, head);
    return out;
}

std::string printProgramPlan(const ProgramPlan& program, const RuleCatalog* catalog) {
    std::string out;
    for (std::size_t s = 0; s < program.strata.size(); ++s) {
        const StratumPlan& stratum = program.strata[s];
        if (stratum.base.empty()) continue;
        std::string names;
        for (RelationId r : stratum.relations) names += (names.empty() ? "" : ", ") + program.relations[r].name;
        out += fmt::format("stratum {} {{{}}}{}\n", s, names, stratum.recursive ? " recursive" : "");
        for (const RulePlan& rule : stratum.base) out += printRulePlan(rule, program, catalog);
        for (const RulePlan& rule : stratum.deltas) out += printRulePlan(rule, program, catalog);
    }
    return out;
}

}  // namespace accord::engine
