// Random rule text (see program_generator.hpp).
#include "tests/support/program_generator.hpp"

#include <fmt/format.h>

namespace accord::testing {

std::string ProgramGenerator::program(int statements) {
    std::string out;
    for (int i = 0; i < statements; ++i) {
        if (chance(0.2)) out += comment() + "\n";
        if (chance(0.2)) out += "\n";
        out += statement();
        if (chance(0.2)) out += "  " + comment();
        out += "\n";
    }
    return out;
}

std::string ProgramGenerator::statement() {
    switch (below(10)) {
        case 0: return declaration();
        case 1: return resolution();
        case 2: return fmt::format("include \"{}.rules\"{}", pick({"allies", "sub/candidates", "x"}), chance(0.5) ? "." : "");
        default: return rule();
    }
}

std::string ProgramGenerator::declaration() {
    static const char* types[] = {"symbol", "string", "integer", "decimal", "date"};
    std::string out = chance(0.3) ? "## Documentation of a relation.\n" : "";
    out += fmt::format("relation {}(", pick({"ally", "vote", "pledge", "member", "note"}));
    int columns = below(4);
    for (int i = 0; i < columns; ++i) out += fmt::format("{}c{}:{}{}", i ? "," + space() : "", i, space(), pick(types));
    out += ")";
    if (chance(0.4)) out += fmt::format(" -> value: {}", pick(types));
    if (chance(0.5)) out += ".";
    return out;
}

std::string ProgramGenerator::resolution() {
    std::string out = chance(0.3) ? "## How clashes resolve.\n" : "";
    out += fmt::format("resolve {}: ", pick({"vote", "stance"}));
    int chains = 1 + below(3);
    for (int c = 0; c < chains; ++c) {
        if (c) out += ", ";
        int length = 2 + below(2);
        for (int i = 0; i < length; ++i) out += (i ? " overrides " : "") + constant();
    }
    return out + ".";
}

std::string ProgramGenerator::rule() {
    std::string out;
    for (int i = below(3); i > 0; --i) out += pick({"## A doc line.\n", "## Another, with \"quotes\" and # hashes.\n", "##\n"});
    bool named = chance(0.3);
    if (named) {
        out += fmt::format("rule r{}", ++ruleCounter_);
        if (chance(0.5)) out += fmt::format(" @{}", pick({"0.8", "1", "0.25", "0.999"}));
        out += ":" + space();
    }
    out += atom(true);
    if (chance(0.15)) out += " by default";
    out += annotations(!named);
    if (chance(0.7)) out += space() + pick({"if", ":-"}) + space() + body(0);
    return out + ".";
}

std::string ProgramGenerator::annotations(bool allowConfidence) {
    std::string options[] = {allowConfidence ? " @0.5" : "", " source \"Bloomberg, 2024-02\"", " since 2024-02-22", " until 2024-06-26"};
    std::string out;
    for (int start = below(4), i = 0; i < 4; ++i) {
        if (chance(0.25)) out += options[(start + i) % 4];
    }
    return out;
}

std::string ProgramGenerator::atom(bool allowValue) {
    std::string out = pick({"ally", "vote", "p", "q", "note", "nobody", "android", "iffy", "order", "count"});
    int arity = below(4);
    if (arity > 0 || chance(0.2)) {
        out += "(";
        for (int i = 0; i < arity; ++i) out += (i ? "," + space() : "") + term();
        out += ")";
    } else if (allowValue) {
        out += "()";  // a nullary keyed atom needs its parentheses
    }
    if (allowValue && chance(0.3)) out += space() + "=" + space() + term();
    return out;
}

std::string ProgramGenerator::body(int depth) {
    std::string out = conjunction(depth);
    for (int i = chance(0.2) ? 1 + below(2) : 0; i > 0; --i) out += space() + pick({"or", ";"}) + space() + conjunction(depth);
    return out;
}

std::string ProgramGenerator::conjunction(int depth) {
    std::string out = literal(depth);
    for (int i = below(4); i > 0; --i) {
        out += pick({" and", ",", " and\n    ", ",\n\t"});
        if (chance(0.05)) out += "# a comment inside a rule\n    ";
        out += space() + literal(depth);
    }
    return out;
}

std::string ProgramGenerator::literal(int depth) {
    int choice = depth > 2 ? below(3) : below(6);
    switch (choice) {
        case 0: return atom(true);
        case 1: return pick({"not ", "no ", "!", "not\n  "}) + atom(true);
        case 2: return comparison(depth);
        case 3: return "(" + body(depth + 1) + ")";
        case 4: {
            std::string domain = atom(false);
            if (chance(0.4)) domain += ", " + atom(false);
            std::string consequent = chance(0.3) ? "(" + conjunction(depth + 1) + ")" : atom(true);
            return pick({"for all ", "forall ", "for  all "}) + domain + ":" + space() + consequent;
        }
        default: {
            std::string elements = variable();
            if (chance(0.4)) elements += ", " + variable();
            std::string inner = atom(true);
            if (chance(0.4)) inner += ", " + literal(depth + 2);
            return variable() + " = " + pick({"count", "sum", "min", "max"}) + space() + "{ " + elements + " : " + inner + " }";
        }
    }
}

std::string ProgramGenerator::comparison(int depth) {
    // The left side starts with a variable: a literal starting with `no` or `for` is a negation or a `for all`.
    return variable() + space() + pick({"=", "!=", "<", "<=", ">", ">=", "=="}) + space() + expression(depth);
}

std::string ProgramGenerator::expression(int depth) {
    if (depth > 3 || chance(0.5)) return term();
    switch (below(3)) {
        case 0: return expression(depth + 1) + space() + pick({"+", "-", "*", "/"}) + space() + expression(depth + 1);
        case 1: return "(" + expression(depth + 1) + ")";
        default: return "-" + variable();
    }
}

std::string ProgramGenerator::term() { return chance(0.5) ? variable() : constant(); }

std::string ProgramGenerator::constant() {
    switch (below(7)) {
        case 0:
            return pick({"turkey", "rutte", "north_macedonia", "no", "yes", "for", "all", "default", "'United Kingdom'",
                         "'it\\'s # not a comment'", "'today'"});
        case 1:
            return pick(
                {"\"Bloomberg, 2024-02\"", "\"\"", "\"a \\\"quoted\\\" word\"", "\"tab\\there\"", "\"caf\xC3\xA9 # not a comment\""});
        case 2: return std::to_string(below(1000) - 500);
        case 3: return pick({"0.5", "-2.25", "1.0e3", "1.5e-7", "3.0"});
        case 4: return pick({"2024-06-26", "2023-11-30", "2000-02-29"});
        case 5: return "-9223372036854775807";
        default: return "9223372036854775807";
    }
}

std::string ProgramGenerator::variable() { return pick({"A", "C", "X", "Y", "_Tmp", "Ally2", "_"}); }

std::string ProgramGenerator::space() { return pick({" ", " ", " ", "  ", "\n    ", "\t"}); }

std::string ProgramGenerator::comment() { return pick({"# a comment", "% percent comment", "// slash comment", "### banner ###"}); }

}  // namespace accord::testing
