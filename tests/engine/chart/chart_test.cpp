// The charts: every value escaped (a document stays well-formed XML whatever a fact holds),
// colours by meaning, and the grid's cells against the relation's rows (the query is the
// oracle), on the NATO model and on random values.
#include <random>
#include <regex>
#include <set>
#include <string>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "accord/accord.hpp"
#include "accord/engine/chart/state_colours.hpp"
#include "accord/engine/chart/svg_text.hpp"

namespace accord::engine::chart {
namespace {

const std::string kNato = std::string(ACCORD_SOURCE_DIR) + "/rules/nato";

TEST(SvgText, EscapesMarkupAndControlCharacters) {
    EXPECT_EQ(escapeXml(R"(<script>alert("x") & 'y'</script>)"), "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;");
    EXPECT_EQ(escapeXml(std::string("a\x01"
                                    "b\tc",
                                    5)),
              "a\xEF\xBF\xBD"
              "b\tc");
    EXPECT_EQ(escapeXml("Iași"), "Iași");
}

TEST(SvgText, WidthsAndNumbers) {
    EXPECT_EQ(textWidth("Iași", 10), textWidth("Iasi", 10));  // a character, not its bytes
    EXPECT_EQ(svgNumber(12.5), "12.5");
    EXPECT_EQ(svgNumber(12.0), "12");
    EXPECT_EQ(svgNumber(-0.001), "0");
}

TEST(StateColours, PlainWordsHaveTheirMeaningAndOthersDiffer) {
    auto colours = stateColours({"block", "approve", "undecided", "Approve", "alpha", "beta"});
    EXPECT_EQ(colours[0], "#c62828");
    EXPECT_EQ(colours[1], "#2e7d32");
    EXPECT_EQ(colours[3], colours[1]);
    EXPECT_NE(colours[4], colours[5]);
    EXPECT_NE(colours[4], colours[0]);
}

/// Every character data and attribute value of an SVG document is escaped: no raw `<` or
/// `&` outside the markup (a cheap well-formedness check; the server tests parse it).
void expectNoRawMarkupInValues(const std::string& svg, const std::string& hostile) {
    EXPECT_EQ(svg.find(hostile), std::string::npos) << "unescaped: " << hostile;
    EXPECT_EQ(svg.find("<script"), std::string::npos);
}

TEST(GridChart, HostileValuesAreEscaped) {
    auto model = Model::fromText(R"(
relation vote(state: symbol, candidate: symbol) -> stance: symbol
vote('<script>alert(1)</script>', x) = '"><img src=x onerror=alert(2)>'.
vote(b, '&amp;') = approve @0.4.
)");
    Answer grid = model.grid("vote", {.asOf = "2024-06-19"});
    std::string svg = gridSvg(grid.json);
    expectNoRawMarkupInValues(svg, "<script>alert(1)");
    expectNoRawMarkupInValues(svg, "<img src=x");
    EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("&amp;amp;"), std::string::npos);
    EXPECT_NE(svg.find(R"x(data-key="vote(b, &#39;&amp;amp;&#39;)")x"), std::string::npos) << svg;
}

TEST(TimelineChart, HostileValuesAreEscaped) {
    auto model = Model::fromText(R"(
relation status(name: symbol) -> state: string
status(a) = "<b>on</b>" since 2024-01-01 until 2024-03-01.
status(a) = "off & out" since 2024-03-01.
)");
    std::string svg = timelineSvg(model.timeline("status(a) = S").json);
    expectNoRawMarkupInValues(svg, "<b>on</b>");
    EXPECT_NE(svg.find("&lt;b&gt;on&lt;/b&gt;"), std::string::npos);
    EXPECT_NE(svg.find("off &amp; out"), std::string::npos);
    EXPECT_NE(svg.find("2024-03-01"), std::string::npos);
}

/// The grid's cells, read back as facts, are exactly the relation's rows.
std::set<std::string> cellFacts(const nlohmann::ordered_json& grid) {
    std::set<std::string> facts;
    for (const auto& cell : grid.at("cells")) facts.insert(cell.at("fact").get<std::string>());
    return facts;
}

std::set<std::string> queryFacts(Model& model, const std::string& relation, int keys, bool keyed, const std::string& date) {
    std::string variables;
    for (int k = 0; k < keys; ++k) variables += (k ? ", K" : "K") + std::to_string(k);
    Rows rows = model.query(relation + "(" + variables + ")" + (keyed ? " = V" : ""), {.asOf = date});
    std::set<std::string> facts;
    auto text = [](const nlohmann::ordered_json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); };
    for (const auto& row : rows.json.at("rows")) {
        std::string args;
        for (int k = 0; k < keys; ++k) args += (k ? ", " : "") + text(row.at("K" + std::to_string(k)));
        facts.insert(relation + "(" + args + ")" + (keyed ? " = " + text(row.at("V")) : ""));
    }
    return facts;
}

TEST(RelationGrid, CellsAreTheRelationsFactsOnEveryDate) {
    auto model = Model::load({kNato});
    for (const char* date : {"2023-11-01", "2024-04-02", "2024-06-19", "2024-06-20"}) {
        Answer grid = model.grid("vote", {.asOf = date});
        EXPECT_EQ(cellFacts(grid.json), queryFacts(model, "vote", 2, true, date)) << date;
        Answer backs = model.grid("backs", {.asOf = date});
        EXPECT_EQ(cellFacts(backs.json), queryFacts(model, "backs", 2, false, date)) << date;
    }
    Answer grid = model.grid("vote", {.asOf = "2024-06-19"});
    EXPECT_EQ(grid.json.at("rows").size(), 32u);
    EXPECT_EQ(grid.json.at("values"), nlohmann::ordered_json({"block", "approve", "undecided"}));  // the resolve's order
    EXPECT_NE(grid.text.find("romania          approve    block"), std::string::npos) << grid.text;
}

TEST(RelationGrid, RandomRelationsLayOutEachFactOnce) {
    std::mt19937 random(7);
    for (int round = 0; round < 30; ++round) {
        std::string text = "relation r(a: symbol, b: integer, c: symbol) -> v: integer\n";
        std::set<std::string> keys;
        for (int f = 0; f < 25; ++f) {
            std::string key = fmt::format("r(s{}, {}, t{})", random() % 5, static_cast<int>(random() % 7) - 3, random() % 3);
            if (keys.insert(key).second) text += fmt::format("{} = {}.\n", key, random() % 4);
        }
        auto model = Model::fromText(text);
        Answer grid = model.grid("r", {.asOf = "2024-01-01"});
        EXPECT_EQ(cellFacts(grid.json), queryFacts(model, "r", 3, true, "2024-01-01"));
        std::set<std::pair<std::size_t, std::size_t>> places;
        for (const auto& cell : grid.json.at("cells")) {
            EXPECT_TRUE(places.emplace(cell.at("row").get<std::size_t>(), cell.at("column").get<std::size_t>()).second);
            EXPECT_LT(cell.at("row").get<std::size_t>(), grid.json.at("rows").size());
            EXPECT_LT(cell.at("column").get<std::size_t>(), grid.json.at("columns").size());
        }
        EXPECT_EQ(places.size(), keys.size());
    }
}

TEST(RelationGrid, RefusesWhatIsNoGrid) {
    auto model = Model::load({kNato});
    EXPECT_THROW(model.grid("votes", {.asOf = "2024-06-19"}), Error);
    try {
        model.grid("votes", {.asOf = "2024-06-19"});
    } catch (const Error& error) {
        EXPECT_NE(error.text().find("did you mean 'vote'"), std::string::npos);
    }
}

TEST(ModelClone, AnswersAsTheOriginalAndChangesAlone) {
    auto model = Model::load({kNato});
    model.addFacts("ally(narnia).");
    Model copy = model.clone();
    EXPECT_EQ(copy.query("ally(narnia)", {.asOf = "2024-06-19"}).json, model.query("ally(narnia)", {.asOf = "2024-06-19"}).json);
    copy.retractFacts("ally(narnia).");
    EXPECT_TRUE(copy.query("ally(narnia)", {.asOf = "2024-06-19"}).rows.empty());
    EXPECT_EQ(model.query("ally(narnia)", {.asOf = "2024-06-19"}).rows.size(), 1u);
}

}  // namespace
}  // namespace accord::engine::chart
