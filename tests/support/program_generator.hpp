// Seeded generator of random, syntactically valid rule text that exercises every
// construct of the language in both spellings, with random layout and comments.
// Programs need not pass the semantic checks: they feed the parser and formatter tests.
#pragma once

#include <cstdint>
#include <random>
#include <string>

namespace accord::testing {

class ProgramGenerator {
public:
    explicit ProgramGenerator(std::uint64_t seed) : random_(seed) {}

    /// A program of about `statements` statements.
    std::string program(int statements);

private:
    std::string statement();
    std::string declaration();
    std::string resolution();
    std::string rule();
    std::string annotations(bool allowConfidence);
    std::string atom(bool allowValue);
    std::string body(int depth);
    std::string conjunction(int depth);
    std::string literal(int depth);
    std::string comparison(int depth);
    std::string expression(int depth);
    std::string term();
    std::string constant();
    std::string variable();
    std::string space();
    std::string comment();

    int below(int n) { return std::uniform_int_distribution<int>(0, n - 1)(random_); }
    bool chance(double p) { return std::bernoulli_distribution(p)(random_); }
    template <typename T, std::size_t N>
    const T& pick(const T (&items)[N]) {
        return items[below(static_cast<int>(N))];
    }

    std::mt19937_64 random_;
    int ruleCounter_ = 0;
};

}  // namespace accord::testing
