// Embedding Accord in a C++ program: load the NATO model, add a hypothetical fact, run it
// as of a date, read the conclusions with their confidence, and explain one of them —
// first with the engine's own calls, then with accord::Model, which takes every question
// as text and answers with plain values — then keep the analysis in a knowledge base and
// assert a fact there.
//
//   build/example_embedding rules/nato 2024-06-19 [KNOWLEDGE_BASE]
//
// Built in this tree (target example_embedding) or on its own against an installed Accord
// (CMakeLists.txt here: find_package(Accord); or pkg-config --cflags --libs accord).
#include <cstdio>
#include <string>
#include <variant>

#include <accord/accord.hpp>

namespace {

void printDiagnostics(const accord::dsl::Diagnostics& diagnostics, const accord::dsl::SourceManager& sources) {
    for (const auto& diagnostic : diagnostics.items()) std::fputs(accord::dsl::renderText(diagnostic, sources).c_str(), stderr);
}

/// Each ally that does not approve Rutte, with its stance; then the count and the outcome.
void printVotes(accord::engine::Engine& engine) {
    accord::dsl::Diagnostics diagnostics;
    auto rows = engine.query("vote(Ally, rutte) = Stance", diagnostics);
    if (!rows) return;
    int approving = 0;
    for (const auto& row : *rows) {
        std::string ally = accord::engine::formatValue(row.values[0], engine.symbols());
        std::string stance = accord::engine::formatValue(row.values[1], engine.symbols());
        approving += stance == "approve";
        if (stance != "approve") std::printf("%-16s %s (confidence %.2f)\n", ally.c_str(), stance.c_str(), row.confidence);
    }
    auto appointed = engine.query("appointed(rutte)", diagnostics);
    std::printf("%d of %zu allies approve; appointed: %s\n", approving, rows->size(), appointed && !appointed->empty() ? "yes" : "no");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 && argc != 4) {
        std::fprintf(stderr, "usage: %s RULES_DIR YYYY-MM-DD [KNOWLEDGE_BASE]\n", argv[0]);
        return 2;
    }
    auto day = accord::dsl::parseDate(argv[2]);
    if (!day) return 2;
    accord::engine::RunOptions options;
    options.asOf = day->days;

    // Load and check the rules; diagnostics print as `file:line:col: error: ...`.
    accord::engine::Engine engine;
    accord::dsl::Diagnostics diagnostics;
    if (!engine.loadFiles({argv[1]}, diagnostics)) {
        printDiagnostics(diagnostics, engine.sources());
        return 1;
    }

    // What if Romania had backed Rutte a week earlier? Facts can be added through the API.
    auto& symbols = engine.symbols();
    engine.addFact("backs",
                   {accord::engine::Value::symbol(symbols.intern("romania")), accord::engine::Value::symbol(symbols.intern("rutte"))});
    try {
        engine.run(options);
    } catch (const accord::engine::EvaluationError& error) {
        std::fputs(engine.describe(error).c_str(), stderr);  // names the rule, e.g. on overflow
        return 1;
    }
    printVotes(engine);

    // Why does Romania still block? The proof of the conclusion, one level deep.
    auto blocker = engine.parseFact("blocker(romania, rutte)", diagnostics);
    if (blocker) {
        accord::engine::EngineFactRecords records(engine);
        auto proof = accord::engine::buildProof(records, engine, {blocker->first, blocker->second}, 1);
        std::fputs(accord::engine::formatProofText(proof).c_str(), stdout);
    }

    // The same question in the user's terms: facts as text, rows of plain values.
    try {
        auto model = accord::Model::load({argv[1]});
        model.addFacts("backs(romania, rutte) source \"example\".");
        accord::Rows votes = model.query("vote(romania, rutte) = Stance", {.asOf = argv[2]});
        for (const auto& row : votes.rows) {
            std::printf("romania: %s as of %s (model API)\n", std::get<std::string>(row.values[0]).c_str(), votes.asOf.c_str());
        }
        std::fputs(model.why("blocker(romania, rutte)", {.asOf = argv[2]}, {.depth = 1}).text.c_str(), stdout);
    } catch (const accord::Error& error) {
        std::fputs(error.what(), stderr);  // file:line:col: error: ... with the source line
        return 1;
    }

    // The same analysis kept in a knowledge base: load the rules, assert, run, read back.
    if (argc == 4) {
        auto knowledgeBase = accord::kb::KnowledgeBase::open(argv[3], /*create=*/true);
        accord::engine::Engine loader;
        if (!knowledgeBase.loadRules(loader, {argv[1]}, diagnostics)) {
            printDiagnostics(diagnostics, loader.sources());
            return 1;
        }
        accord::dsl::SourceManager assertedText;  // holds the asserted text, for diagnostics
        if (!knowledgeBase.changeFacts("backs(romania, rutte) source \"example\".", /*retract=*/false, assertedText, diagnostics)) {
            printDiagnostics(diagnostics, assertedText);
            return 1;
        }
        accord::engine::Engine program;
        if (!knowledgeBase.loadProgram(program, diagnostics)) return 1;
        auto report = knowledgeBase.run(program, options);  // one transaction
        std::printf("stored %zu conclusion rows in %s\n", report.inserted, argv[3]);

        accord::engine::Engine reader;  // another program reads the stored conclusions
        if (!knowledgeBase.loadProgram(reader, diagnostics)) return 1;
        reader.setConclusions(knowledgeBase.readConclusions(reader));
        printVotes(reader);
    }
    return 0;
}
