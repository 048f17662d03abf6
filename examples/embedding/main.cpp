// Embedding Accord in a C++ program: load the NATO model, add a hypothetical fact, run it
// as of a date and read the conclusions with their confidence and derivation.
//
//   build/example_embedding rules/nato 2024-06-19
#include <cstdio>
#include <string>

#include "dsl/date.hpp"
#include "engine/engine.hpp"
#include "engine/value_format.hpp"

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: %s RULES_DIR YYYY-MM-DD\n", argv[0]);
        return 2;
    }
    accord::engine::Engine engine;
    accord::dsl::Diagnostics diagnostics;
    if (!engine.loadFiles({argv[1]}, diagnostics)) {
        for (const auto& diagnostic : diagnostics.items()) std::fputs(accord::dsl::renderText(diagnostic, engine.sources()).c_str(), stderr);
        return 1;
    }
    auto day = accord::dsl::parseDate(argv[2]);
    if (!day) return 2;

    // What if Romania had backed Rutte a week earlier? Facts can be added through the API.
    auto& symbols = engine.symbols();
    engine.addFact("backs", {accord::engine::Value::symbol(symbols.intern("romania")), accord::engine::Value::symbol(symbols.intern("rutte"))});

    accord::engine::RunOptions options;
    options.asOf = day->days;
    try {
        engine.run(options);
    } catch (const accord::engine::EvaluationError& error) {
        std::fputs(engine.describe(error).c_str(), stderr);
        return 1;
    }
    auto rows = engine.query("vote(Ally, rutte) = Stance", diagnostics);
    if (!rows) return 1;
    int approving = 0;
    for (const auto& row : *rows) {
        bool approves = accord::engine::formatValue(row.values[1], symbols) == "approve";
        approving += approves;
        if (!approves) {
            std::printf("%-16s %s (confidence %.2f)\n", accord::engine::formatValue(row.values[0], symbols).c_str(),
                        accord::engine::formatValue(row.values[1], symbols).c_str(), row.confidence);
        }
    }
    auto appointed = engine.query("appointed(rutte)", diagnostics);
    std::printf("%d of %zu allies approve; appointed: %s\n", approving, rows->size(), appointed && !appointed->empty() ? "yes" : "no");
    return 0;
}
