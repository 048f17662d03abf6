// Random stratified programs (see stratified_program_generator.hpp).
#include "tests/support/stratified_program_generator.hpp"

#include <random>
#include <set>
#include <vector>

#include <fmt/format.h>

namespace accord::testing {
namespace {

class Generator {
public:
    explicit Generator(std::uint64_t seed) : random_(seed) {}

    std::string program() {
        std::string out = "resolve k: hi overrides lo.\n";
        facts(out);
        for (int i = 0; i < kDerived; ++i) {
            arity_[i] = 1 + below(2);
            int rules = 1 + below(3);
            for (int r = 0; r < rules; ++r) out += rule(i) + "\n";
            if (i == kKeyedAfter) out += keyedRules();
        }
        return out;
    }

private:
    static constexpr int kDerived = 5;
    static constexpr int kKeyedAfter = 1;  ///< k is defined after r1; r2.. may read it

    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }

    std::string annotation() {
        std::string out;
        if (chance(0.25)) out += chance(0.5) ? " @0.5" : " @0.8";
        if (chance(0.15)) out += " since 2024-03-01";
        if (chance(0.1)) out += " until 2024-06-01";
        return out;
    }

    void facts(std::string& out) {
        // e0, e1: binary over 1..5; e2: unary. Every base relation gets at least one fact.
        for (const char* relation : {"e0", "e1"}) {
            int count = 2 + below(14);
            for (int f = 0; f < count; ++f) out += fmt::format("{}({}, {}){}.\n", relation, 1 + below(4), 1 + below(4), annotation());
        }
        int count = 1 + below(4);
        for (int f = 0; f < count; ++f) out += fmt::format("e2({}){}.\n", 1 + below(5), annotation());
    }

    /// A positive atom over a relation readable at level `i`, using variables from `pool`.
    std::string atom(int i, bool allowSelf, std::set<std::string>& bound) {
        static const char* pool[] = {"X", "Y", "Z", "W"};
        int choice = below(3 + i + (allowSelf ? 1 : 0));
        std::string name;
        int arity;
        if (choice < 2) {
            name = choice == 0 ? "e0" : "e1";
            arity = 2;
        } else if (choice == 2) {
            name = "e2";
            arity = 1;
        } else {
            int j = choice - 3;  // r0..r(i-1), or ri itself when allowSelf
            name = fmt::format("r{}", j);
            arity = arity_[j];
        }
        std::string out = name + "(";
        for (int c = 0; c < arity; ++c) {
            std::string variable = pool[below(4)];
            out += (c ? ", " : "") + variable;
            bound.insert(variable);
        }
        return out + ")";
    }

    std::string someBound(const std::set<std::string>& bound) {
        auto it = bound.begin();
        std::advance(it, below(static_cast<int>(bound.size())));
        return *it;
    }

    std::string rule(int i) {
        std::set<std::string> bound;
        std::vector<std::string> body;
        int atoms = 1 + below(3);
        for (int a = 0; a < atoms; ++a) body.push_back(atom(i, /*allowSelf=*/a > 0 || chance(0.3), bound));
        if (chance(0.3)) {
            // Negation of a lower relation.
            std::set<std::string> ignored;
            std::string negated = lowerAtomWith(i, bound);
            body.push_back("not " + negated);
        }
        if (chance(0.3))
            body.push_back(someBound(bound) + pick({" < ", " != ", " >= "}) +
                           (chance(0.5) ? someBound(bound) : std::to_string(1 + below(5))));
        if (chance(0.2)) {
            // Bounded arithmetic: the new value stays within 1..6.
            std::string from = someBound(bound);
            body.push_back("V = " + from + " + 1");
            body.push_back("V <= 6");
            bound.insert("V");
        }
        if (chance(0.2)) {
            std::string group = someBound(bound);
            body.push_back(fmt::format("N = {} {{ Q : e0({}, Q) }}", pick({"count", "sum", "max"}), group));
            bound.insert("N");
        }
        if (chance(0.15)) body.push_back(fmt::format("for all e2(Q): e1({}, Q)", someBound(bound)));
        if (i > kKeyedAfter && chance(0.3)) body.push_back(fmt::format("k({}) = {}", someBound(bound), pick({"hi", "lo", "none"})));
        std::string head = fmt::format("r{}({}", i, someBound(bound));
        if (arity_[i] == 2) head += ", " + someBound(bound);
        head += ")";
        std::string out = head + (chance(0.15) ? " @0.9" : "") + " if ";
        for (std::size_t b = 0; b < body.size(); ++b) out += (b ? " and " : "") + body[b];
        return out + ".";
    }

    /// An atom over e0/e1/e2 or r_j (j < i) whose variables are all bound (safe negation).
    std::string lowerAtomWith(int i, const std::set<std::string>& bound) {
        int choice = below(3 + i);
        auto term = [&] { return chance(0.2) ? std::string("_") : someBound(bound); };
        if (choice < 2) return fmt::format("{}({}, {})", choice == 0 ? "e0" : "e1", term(), term());
        if (choice == 2) return fmt::format("e2({})", term());
        int j = choice - 3;
        return arity_[j] == 1 ? fmt::format("r{}({})", j, term()) : fmt::format("r{}({}, {})", j, term(), term());
    }

    std::string keyedRules() {
        return "k(X) = hi if e0(X, Y) and Y > 2.\n"
               "k(X) = lo if e1(X, _).\n"
               "k(X) = none by default if e2(X).\n";
    }

    template <std::size_t N>
    const char* pick(const char* const (&items)[N]) {
        return items[below(static_cast<int>(N))];
    }

    std::mt19937_64 random_;
    int arity_[kDerived] = {};
};

}  // namespace

std::string generateStratifiedProgram(std::uint64_t seed) {
    Generator generator(seed);
    return generator.program();
}

}  // namespace accord::testing
