// accord::Model against fresh engines: whatever questions came before (other dates,
// what-ifs, timelines, searches, added and retracted facts), a query answers as an engine
// loaded with the same program and facts and run as of that date does. And errors carry
// their diagnostics.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "accord/accord.hpp"

namespace accord {
namespace {

const std::string kNato = std::string(ACCORD_SOURCE_DIR) + "/rules/nato";

/// The rows of `query` from a fresh engine: the NATO model with `changes` applied (true:
/// added), run as of `date` — the oracle the model's cached evaluations are checked against.
std::vector<std::string> freshRows(const std::vector<std::pair<bool, std::string>>& changes, const std::string& date,
                                   const std::string& query) {
    engine::Engine engine;
    dsl::Diagnostics diagnostics;
    EXPECT_TRUE(engine.loadFiles({kNato}, diagnostics));
    for (const auto& [add, text] : changes) {
        EXPECT_TRUE(add ? engine.addFacts(text, diagnostics) : engine.removeFacts(text, diagnostics).has_value());
    }
    engine::RunOptions options;
    options.asOf = dsl::parseDate(date)->days;
    engine.run(options);
    auto rows = engine.query(query, diagnostics);
    std::vector<std::string> lines;
    for (const auto& row : *rows) {
        std::string line;
        for (const auto& value : row.values) line += (line.empty() ? "" : ", ") + engine::plainValue(value, engine.symbols());
        lines.push_back(line.empty() ? "true" : line);
    }
    return lines;
}

std::vector<std::string> modelRows(Model& model, const std::string& date, const std::string& query) {
    Rows rows = model.query(query, {.asOf = date});
    EXPECT_EQ(rows.asOf, date);
    std::vector<std::string> lines;
    for (const auto& row : rows.rows) {
        std::string line;
        for (const PlainValue& value : row.values) line += (line.empty() ? "" : ", ") + std::get<std::string>(value);
        lines.push_back(line.empty() ? "true" : line);
    }
    return lines;
}

TEST(Model, AnswersAsAFreshEngineWhateverCameBefore) {
    const std::vector<std::string> dates = {"2024-03-01", "2024-04-01", "2024-06-19", "2024-06-20", "2024-10-01"};
    const std::vector<std::string> facts = {"backs(romania, rutte).", "nominated_by(iohannis, romania).",
                                            "restricts_arms_sales(netherlands, turkey).", "backs(hungary, rutte) since 2024-05-01."};
    const std::string query = "vote(A, rutte) = block";
    Model model = Model::load({kNato});
    std::vector<std::pair<bool, std::string>> changes;
    std::mt19937 random(20241201);
    for (int step = 0; step < 40; ++step) {
        const std::string& date = dates[random() % dates.size()];
        const std::string& fact = facts[random() % facts.size()];
        switch (random() % 6) {
            case 0: model.whatIf({fact}, {}, {.asOf = date}); break;
            case 1: model.timeline("vote(romania, rutte) = V"); break;
            case 2:
                model.addFacts(fact);
                changes.emplace_back(true, fact);
                break;
            case 3:
                model.retractFacts(fact);
                changes.emplace_back(false, fact);
                break;
            case 4: model.why("vote(A, rutte) = V", {.asOf = date}, {.depth = 1, .limit = 2}); break;
            default: break;
        }
        const std::string& asked = dates[random() % dates.size()];
        ASSERT_EQ(modelRows(model, asked, "vote(A, rutte) = block"), freshRows(changes, asked, query))
            << "step " << step << " as of " << asked;
    }
}

TEST(Model, NeedsSearchesTheModelWithItsAddedFacts) {
    Model model = Model::load({kNato});
    Answer before = model.needs("appointable(rutte)", {.asOf = "2024-06-19"});
    EXPECT_FALSE(before.json["answers"].empty());
    model.addFacts("backs(romania, rutte).");
    model.retractFacts("nominated_by(iohannis, romania).");
    Answer after = model.needs("appointable(rutte)", {.asOf = "2024-06-19"});
    EXPECT_TRUE(after.json["already_holds"].get<bool>()) << after.text;
}

TEST(Model, ErrorsCarryTheirDiagnostics) {
    try {
        Model::fromText("relation p(x: symbol)\nrule r: p(X) if p(X) and .\n", "bad.rules");
        FAIL() << "a rule that does not parse was loaded";
    } catch (const Error& error) {
        ASSERT_FALSE(error.diagnostics().empty());
        EXPECT_EQ(error.diagnostics()[0]["file"], "bad.rules");
        EXPECT_EQ(error.diagnostics()[0]["line"], 2);
        EXPECT_NE(std::string(error.what()).find("bad.rules:2:"), std::string::npos) << error.what();
    }
    Model model = Model::fromText("relation p(x: symbol)\np(a).\n");
    EXPECT_THROW(model.addFacts("p(b).\np(c, d)."), Error);
    EXPECT_EQ(model.query("p(X)").rows.size(), 1u) << "a rejected batch added some of its facts";
    EXPECT_THROW(model.query("p(X)", {.asOf = "2024-02-30"}), Error);
    EXPECT_THROW(model.query("p(X)", {.minConfidence = 2.0}), Error);
    EXPECT_THROW(model.timeline("p(X)", {.from = "2024-06-01", .to = "2024-01-01"}), Error);
}

TEST(Model, QueryJsonIsTheCommandsDocument) {
    Model model = Model::fromText("relation n(x: integer, y: decimal, d: date)\nn(3, 2.5, 2024-01-02).\n");
    Rows rows = model.query("n(X, Y, D)", {.asOf = "2024-06-01"});
    ASSERT_EQ(rows.rows.size(), 1u);
    EXPECT_EQ(std::get<std::int64_t>(rows.rows[0].values[0]), 3);
    EXPECT_EQ(std::get<double>(rows.rows[0].values[1]), 2.5);
    EXPECT_EQ(std::get<dsl::Date>(rows.rows[0].values[2]), *dsl::parseDate("2024-01-02"));
    EXPECT_EQ(rows.json["as_of"], "2024-06-01");
    EXPECT_EQ(rows.json["from"], "rule files");
    EXPECT_EQ(rows.json["rows"][0]["D"], "2024-01-02");
}

}  // namespace
}  // namespace accord
