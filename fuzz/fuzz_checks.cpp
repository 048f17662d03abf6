// The fuzzers' properties (see fuzz_checks.hpp).
#include "fuzz/fuzz_checks.hpp"

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "accord/dsl/ast_dump.hpp"
#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/parser/parse.hpp"
#include "accord/engine/engine.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/text/fact_rows.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "tests/support/stratified_program_generator.hpp"

namespace accord::fuzz {
namespace {

[[noreturn]] void fail(const std::string& what, std::string_view input) {
    std::fprintf(stderr, "fuzz property failed: %s\ninput (%zu bytes):\n%.*s\n", what.c_str(), input.size(),
                 static_cast<int>(std::min<std::size_t>(input.size(), 4000)), input.data());
    std::abort();
}

void renderAll(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
        if (dsl::renderText(diagnostic, sources).empty()) fail("a diagnostic rendered as nothing", "");
    }
}

/// The formatter never changes what a file means: its output parses to the same AST.
void checkFormatterRoundTrip(const std::string& text, std::string_view input) {
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    dsl::FileId file = sources.add("fuzz.rules", text);
    auto program = dsl::parseProgram(sources, file, diagnostics);
    if (!program) return;
    for (dsl::Spelling spelling : {dsl::Spelling::Keywords, dsl::Spelling::Datalog}) {
        dsl::PrintOptions print;
        print.spelling = spelling;
        std::string formatted = dsl::formatProgram(*program, text, print);
        dsl::Diagnostics again;
        auto reparsed = dsl::parseProgram(sources, sources.add("formatted.rules", formatted), again);
        if (!reparsed) fail("the formatted program does not parse:\n" + formatted, input);
        if (dsl::dump(*reparsed) != dsl::dump(*program)) fail("the formatted program means something else:\n" + formatted, input);
    }
}

/// Small limits: a fuzzer's program may derive without end.
engine::RunOptions smallLimits() {
    engine::RunOptions options;
    options.asOf = 19'800;  // 2024-03-19
    options.maxFacts = 20'000;
    options.maxIterations = 200;
    options.maxSeconds = 2;
    return options;
}

/// `name(V0, V1)`: every fact of a relation (a keyed relation's value left out).
std::string patternFor(const engine::Engine& engine, engine::RelationId r) {
    const engine::RelationPlan& relation = engine.plan().relations[r];
    std::size_t columns = relation.keyed ? relation.arity - 1 : relation.arity;
    std::string pattern = relation.name;
    for (std::size_t c = 0; c < columns; ++c) pattern += (c == 0 ? "(V" : ", V") + std::to_string(c);
    return columns == 0 ? pattern : pattern + ")";
}

void explainSome(engine::Engine& engine) {
    engine::EngineFactRecords records(engine);
    for (engine::RelationId r = 0; r < engine.relations().size(); ++r) {
        const engine::Relation& relation = engine.relations()[r];
        dsl::Diagnostics diagnostics;
        if (!engine.query(patternFor(engine, r), diagnostics)) fail("a query of every fact of " + relation.name() + " is refused", "");
        for (engine::TupleId id = 0; id < relation.size() && id < 3; ++id) {
            engine::TupleView tuple = relation.tuple(id);
            engine::FactKey key{r, engine::Tuple(tuple.begin(), tuple.end())};
            engine::ProofStep proof = engine::buildProof(records, engine, key, 4);
            (void)engine::formatProofText(proof);
            (void)engine::proofToJson(proof).dump();
            if (key.tuple.empty()) continue;
            key.tuple[0] = engine::Value::symbol(engine.symbols().intern("zz_fuzz"));  // most likely a fact that does not hold
            engine::WhyNot whyNot = engine::explainWhyNot(engine, records, key, smallLimits().asOf, 2);
            (void)engine::formatWhyNotText(whyNot);
            (void)engine::whyNotToJson(whyNot).dump();
        }
    }
}

}  // namespace

void checkRules(std::string_view input) {
    std::string text(input);
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    engine.loadText("fuzz.rules", text, diagnostics);
    renderAll(diagnostics, engine.sources());
    checkFormatterRoundTrip(text, input);
}

void checkFactImport(std::string_view input) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    // r has a column of each type; u is not declared: its values are typed by their look.
    const char* program = "relation r(s: symbol, i: integer, d: date, x: decimal, t: string)\nu(x, 1).\n";
    if (!engine.loadText("import.rules", program, diagnostics)) fail("the import program does not load", input);
    const char* name = input.empty()     ? "rows.tsv"
                       : input[0] == 'c' ? "rows.csv"
                       : input[0] == 'j' ? "rows.json"
                       : input[0] == 'l' ? "rows.jsonl"
                                         : "rows.tsv";
    std::string rows(input.empty() ? input : input.substr(1));
    for (const char* relationName : {"r", "u"}) {
        const engine::RelationPlan* relation = nullptr;
        for (const engine::RelationPlan& candidate : engine.plan().relations) {
            if (candidate.name == relationName) relation = &candidate;
        }
        if (!relation) fail("no relation to import into", input);
        dsl::SourceManager sources;
        dsl::Diagnostics importDiagnostics;
        auto imported =
            engine::readFactRowsText(name, rows, engine::factRowFormatFor(name), *relation, engine.symbols(), sources, importDiagnostics);
        if (imported.has_value() == (importDiagnostics.errorCount() > 0)) fail("rows and errors together, or neither", input);
        for (const engine::FactRow& row : imported.value_or(std::vector<engine::FactRow>{})) {
            if (row.tuple.size() != relation->arity) fail("an imported row of the wrong width", input);
            if (!(row.confidence > 0 && row.confidence <= 1)) fail("an imported confidence outside (0, 1]", input);
        }
        renderAll(importDiagnostics, sources);
    }
    dsl::SourceManager sources;
    dsl::Diagnostics statementDiagnostics;
    auto facts = engine::parseFactStatements(rows, "<facts>", engine.plan(), engine.symbols(), sources, statementDiagnostics);
    if (facts.has_value() == (statementDiagnostics.errorCount() > 0)) fail("facts and errors together, or neither", input);
    renderAll(statementDiagnostics, sources);
}

void checkPipeline(std::string_view input) {
    std::string text(input);
    if (input.substr(0, 5) == "seed:") {
        std::uint64_t seed = 0;
        std::from_chars(input.data() + 5, input.data() + input.size(), seed);
        text = testing::generateStratifiedProgram(seed);
    }
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    if (!engine.loadText("fuzz.rules", text, diagnostics)) {
        renderAll(diagnostics, engine.sources());
        return;
    }
    try {
        engine.run(smallLimits());
    } catch (const engine::EvaluationError& error) {
        if (engine.describe(error).empty()) fail("an evaluation error described as nothing", input);
        return;
    }
    explainSome(engine);
}

}  // namespace accord::fuzz
