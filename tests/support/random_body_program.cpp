// Random one-rule programs (see random_body_program.hpp).
#include "tests/support/random_body_program.hpp"

#include <vector>

#include <fmt/format.h>

namespace accord::testing {

std::string randomBodyProgram(std::mt19937_64& random) {
    auto below = [&](int n) { return std::uniform_int_distribution<int>(0, n - 1)(random); };
    const char* variables[] = {"X", "Y", "M", "N"};
    auto variable = [&] { return std::string(variables[below(4)]); };
    std::vector<std::string> body;
    for (int i = 0, count = 1 + below(4); i < count; ++i) {
        std::string v = variable(), w = variable();
        switch (below(19)) {
            case 0: body.push_back(fmt::format("r({})", v)); break;
            case 1: body.push_back(fmt::format("q({}, {})", v, w)); break;
            case 2: body.push_back(fmt::format("not r({})", v)); break;
            case 3: body.push_back(fmt::format("{} > {}", v, w)); break;
            case 4: body.push_back(fmt::format("{} = {} + 1", v, w)); break;
            case 5: body.push_back(fmt::format("{} = count {{ A : q(A, {}) }}", v, w)); break;
            case 6: body.push_back(fmt::format("{} = max {{ A : q({}, A) }}", v, w)); break;
            case 7: body.push_back(fmt::format("for all q({}, B): r(B)", v)); break;
            case 8: body.push_back(fmt::format("d({}, {})", v, w)); break;
            case 9: body.push_back(fmt::format("t({}, {})", v, w)); break;
            case 10: body.push_back(fmt::format("{} = {} mod {}", v, w, below(2) ? "3" : "-2")); break;
            case 11: body.push_back(fmt::format("{} = abs({} - 2)", v, w)); break;
            case 12: body.push_back(fmt::format("{} = {}({}, 2)", v, below(2) ? "min" : "max", w)); break;
            case 13: body.push_back(fmt::format("k({}) != {}", v, w)); break;
            case 14: body.push_back(fmt::format("k({}) = {}", v, w)); break;
            case 15: body.push_back(fmt::format("b({}, D), {} = years_between(D, today)", v, w)); break;
            case 16: body.push_back(fmt::format("b({}, D), {} = month(D) + day(D) - year(D) mod 7", v, w)); break;
            case 17: body.push_back(fmt::format("{} = count {{ A : q(A, {}), A mod 2 = 1 }}", v, w)); break;
            default: body.push_back(fmt::format("{} < 4", v)); break;
        }
    }
    std::string head = "p";
    std::vector<std::string> headVariables;
    for (const char* v : variables) {
        if (below(3) == 0) headVariables.push_back(v);
    }
    if (!headVariables.empty()) head += "(" + fmt::format("{}", fmt::join(headVariables, ", ")) + ")";
    // d mixes a decimal and an integer column; t carries both kinds through recursion. Every
    // body relation is declared: an undeclared column keeps a number's kind, and matches by
    // identity (docs/language.md), so a variable meeting it and a decimal column could match
    // by join order.
    return "relation q(a: integer, b: integer)\nrelation r(x: integer)\nrelation d(x: decimal, y: integer)\n"
           "relation t(x: decimal, y: integer)\nrelation k(x: integer) -> v: integer\nrelation b(x: integer, born: date)\n"
           "q(1, 1). q(2, 1). q(3, 2). q(1, 3). r(1). r(2).\nd(1, 2). d(2.0, 3). d(2.5, 1). d(3, 3).\n"
           "k(1) = 2. k(2) = 2. k(3) = 1.\nb(1, 1952-02-29). b(2, 1969-01-01). b(3, 1970-01-02).\n"
           "t(X, Y) if d(X, Y).\nt(X, Z) if t(X, Y), d(Y, Z).\n" +
           head + " if " + fmt::format("{}", fmt::join(body, ", ")) + ".\n";
}

}  // namespace accord::testing
