// Printing rule plans (see plan_printer.hpp).
#include "accord/engine/plan/plan_printer.hpp"

#include <fmt/format.h>

#include "accord/engine/plan/operator_spelling.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

std::string expressionText(const Expression& e, const ProgramPlan& program, const SlotText& slotText, bool nested) {
    switch (e.op) {
        case Expression::Op::Constant: return formatValue(e.constant, program.symbols);
        case Expression::Op::Variable: return slotText(e.slot);
        case Expression::Op::Negate: return "-" + expressionText(e.operands[0], program, slotText, true);
        case Expression::Op::Call: {
            std::vector<std::string> arguments;
            for (const Expression& operand : e.operands) arguments.push_back(expressionText(operand, program, slotText));
            return fmt::format("{}({})", dsl::signatureOf(e.function).name, fmt::join(arguments, ", "));
        }
        default: {
            std::string text = fmt::format("{} {} {}", expressionText(e.operands[0], program, slotText, true), spelling(e.op),
                                           expressionText(e.operands[1], program, slotText, true));
            return nested ? "(" + text + ")" : text;
        }
    }
}

std::string atomText(const Step& step, const ProgramPlan& program, const SlotText& slotText) {
    const RelationPlan& relation = program.relations[step.relation];
    std::vector<std::string> columns;
    for (const ColumnMatch& column : step.columns) {
        switch (column.kind) {
            case ColumnMatch::Kind::Key: columns.push_back(expressionText(column.expression, program, slotText)); break;
            case ColumnMatch::Kind::Bind:
            case ColumnMatch::Kind::Check: columns.push_back(slotText(column.slot)); break;
            case ColumnMatch::Kind::Ignore: columns.push_back("_"); break;
        }
    }
    std::string value;
    if (relation.keyed && !columns.empty()) {
        value = " = " + columns.back();
        columns.pop_back();
    }
    return relation.name + (columns.empty() ? "" : fmt::format("({})", fmt::join(columns, ", "))) + value;
}

const char* scanKeyword(const Step& scan) {
    if (scan.existsOnly) return "EXISTS";
    return scan.keyMask ? "LOOKUP" : "SCAN";
}

/// What the printer needs beside each step: the program (relations, symbols) and the
/// rule's variable names, which slots are shown by (`s3` for an unnamed one).
struct Printer {
    const ProgramPlan& program;
    const std::vector<std::string>& slotNames;

    std::string slot(Slot s) const { return s < slotNames.size() && !slotNames[s].empty() ? slotNames[s] : fmt::format("s{}", s); }

    std::string expression(const Expression& e) const {
        return expressionText(e, program, [&](Slot s) { return slot(s); });
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
    std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
    for (const Step& step : steps) {
        const std::string& relation = program.relations[step.relation].name;
        switch (step.kind) {
            case Step::Kind::Scan:
                out += fmt::format("{}{} {}{}({})\n", pad, scanKeyword(step), step.readsDelta ? "delta " : "", relation, columns(step));
                break;
            case Step::Kind::NotExists: out += fmt::format("{}NOT EXISTS {}({})\n", pad, relation, columns(step)); break;
            case Step::Kind::Filter:
                out += fmt::format("{}FILTER {} {} {}\n", pad, expression(step.left), spelling(step.compare), expression(step.right));
                break;
            case Step::Kind::Assign: out += fmt::format("{}LET {} = {}\n", pad, slot(step.target), expression(step.value)); break;
            case Step::Kind::Aggregate: {
                std::string elements;
                for (const Expression& e : step.elements) elements += (elements.empty() ? "" : ", ") + expression(e);
                out += fmt::format("{}LET {} = {} {{ {} }} OF\n", pad, slot(step.target), spelling(step.function), elements);
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

std::string expressionText(const Expression& expression, const ProgramPlan& program, const SlotText& slotText) {
    return expressionText(expression, program, slotText, false);
}

std::string conditionText(const Step& step, const ProgramPlan& program, const SlotText& slotText) {
    auto expression = [&](const Expression& e) { return expressionText(e, program, slotText); };
    auto conditions = [&](const Steps& steps, const char* separator) {
        std::vector<std::string> parts;
        for (const Step& part : steps) parts.push_back(conditionText(part, program, slotText));
        return fmt::format("{}", fmt::join(parts, separator));
    };
    switch (step.kind) {
        case Step::Kind::Scan: return atomText(step, program, slotText);
        case Step::Kind::NotExists: return "not " + atomText(step, program, slotText);
        case Step::Kind::Filter: return fmt::format("{} {} {}", expression(step.left), spelling(step.compare), expression(step.right));
        case Step::Kind::Assign: return fmt::format("{} = {}", slotText(step.target), expression(step.value));
        case Step::Kind::Aggregate: {
            std::vector<std::string> elements;
            for (const Expression& element : step.elements) elements.push_back(expression(element));
            return fmt::format("{} {{ {} : {} }}", spelling(step.function), fmt::join(elements, ", "), conditions(step.body, ", "));
        }
        case Step::Kind::ForAll: {
            std::vector<std::string> alternatives;
            for (const Steps& alternative : step.consequent) alternatives.push_back(conditions(alternative, " and "));
            std::string consequent = fmt::format("{}", fmt::join(alternatives, " or "));
            bool several = alternatives.size() > 1 || step.consequent.front().size() > 1;
            return fmt::format("for all {}: {}", conditions(step.domain, " and "), several ? "(" + consequent + ")" : consequent);
        }
    }
    return "";
}

std::string printRulePlan(const RulePlan& rule, const ProgramPlan& program, const RuleCatalog* catalog) {
    std::string title = fmt::format("rule #{}", rule.rule);
    if (catalog && rule.rule < catalog->rules.size()) {
        const RuleDescription& description = catalog->rules[rule.rule];
        title = fmt::format("rule {}#{} at {}", description.name.empty() ? "" : description.name + " ", rule.rule, description.location);
    }
    std::string out = title + (rule.deltaStep ? fmt::format(" (delta at step {})", *rule.deltaStep) : "") + "\n";
    Printer printer{program, rule.slotNames};
    auto independentEnd = rule.steps.begin() + static_cast<std::ptrdiff_t>(rule.independentSteps);
    if (rule.independentSteps) {
        out += "  ONCE\n";  // solved once per evaluation of the rule: the rest runs from its best solution
        printer.steps(Steps(rule.steps.begin(), independentEnd), 2, out);
    }
    printer.steps(Steps(independentEnd, rule.steps.end()), 1, out);
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
