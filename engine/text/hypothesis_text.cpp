// Hypotheses written as text (see hypothesis_text.hpp).
#include "accord/engine/text/hypothesis_text.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "accord/dsl/lexical.hpp"
#include "accord/engine/text/fact_statements.hpp"

namespace accord::engine {
namespace {

HypotheticalFact hypotheticalFact(const ParsedFact& fact) {
    const FactRow& row = fact.row;
    return {fact.relation, row.tuple, row.confidence, {row.since, row.until}, row.source.value_or("what-if")};
}

constexpr const char* kRetractedAnnotations =
    "a removed fact is matched by its atom alone, so its annotations (@, source, since, until) would be ignored";
constexpr const char* kRetractedAnnotationsHint = "write the atom without them: every fact equal to it is removed";

/// Appends the facts parsed from `text` to `out`; removals must carry no annotations.
bool appendFacts(const std::string& text, const char* name, bool removing, Engine& engine, dsl::SourceManager& sources,
                 dsl::Diagnostics& diagnostics, std::vector<HypotheticalFact>& out) {
    auto facts = parseFactStatements(withFinalPeriod(text), name, engine.plan(), engine.symbols(), sources, diagnostics);
    if (!facts) return false;
    for (const ParsedFact& fact : *facts) {
        if (removing && fact.row.hasAnnotations()) {
            diagnostics.fileError(name, fmt::format("'{}': {}", text, kRetractedAnnotations), kRetractedAnnotationsHint);
            return false;
        }
        out.push_back(hypotheticalFact(fact));
    }
    return true;
}

/// Where each statement of scenario text starts, and whether a `-` (or `+`) precedes it.
struct StatementSign {
    std::uint32_t begin = 0;
    bool removes = false;
};

/// Finds the signs at statement starts and blanks them in `text` (offsets stay as they
/// are, so diagnostics point at the right line and column).
std::vector<StatementSign> takeSigns(std::string& text) {
    std::vector<dsl::Comment> comments = dsl::scanComments(text);
    auto skipBlank = [&](std::uint32_t at) {
        for (;;) {
            while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
            auto comment = std::find_if(comments.begin(), comments.end(), [&](const dsl::Comment& c) { return c.begin == at; });
            if (comment == comments.end()) return at;
            at = comment->end;
        }
    };
    std::vector<StatementSign> signs;
    const std::uint32_t start = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;  // a byte order mark is not the first statement's sign
    for (std::uint32_t at = skipBlank(start); at < text.size(); at = skipBlank(dsl::nextStatementEnd(text, at))) {
        bool removes = text[at] == '-';
        if (removes || text[at] == '+') text[at] = ' ';
        signs.push_back({at, removes});
    }
    return signs;
}

}  // namespace

std::optional<Hypothesis> parseHypothesisOptions(const std::vector<std::string>& asserts, const std::vector<std::string>& retracts,
                                                 Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics) {
    Hypothesis hypothesis;
    bool ok = true;
    for (const std::string& text : asserts)
        ok = appendFacts(text, "<--assert>", false, engine, sources, diagnostics, hypothesis.asserts) && ok;
    for (const std::string& text : retracts)
        ok = appendFacts(text, "<--retract>", true, engine, sources, diagnostics, hypothesis.retracts) && ok;
    if (!ok) return std::nullopt;
    return hypothesis;
}

bool readScenarioText(const std::string& name, std::string text, Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                      Hypothesis& hypothesis) {
    std::vector<StatementSign> signs = takeSigns(text);
    auto facts = parseFactStatements(text, name, engine.plan(), engine.symbols(), sources, diagnostics);
    if (!facts) return false;
    Hypothesis read;
    for (const ParsedFact& fact : *facts) {
        // The statement the fact is: the last one starting at or before it.
        auto sign = std::upper_bound(signs.begin(), signs.end(), fact.span.begin,
                                     [](std::uint32_t offset, const StatementSign& s) { return offset < s.begin; });
        bool removes = sign != signs.begin() && std::prev(sign)->removes;
        if (removes && fact.row.hasAnnotations()) {
            diagnostics.error(fact.span, kRetractedAnnotations, kRetractedAnnotationsHint);
            continue;
        }
        (removes ? read.retracts : read.asserts).push_back(hypotheticalFact(fact));
    }
    if (diagnostics.hasErrors()) return false;
    hypothesis.asserts.insert(hypothesis.asserts.end(), read.asserts.begin(), read.asserts.end());
    hypothesis.retracts.insert(hypothesis.retracts.end(), read.retracts.begin(), read.retracts.end());
    return true;
}

bool readScenarioFile(const std::string& path, Engine& engine, dsl::SourceManager& sources, dsl::Diagnostics& diagnostics,
                      Hypothesis& hypothesis) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.fileError(path, "cannot read the scenario file");
        return false;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return readScenarioText(path, text.str(), engine, sources, diagnostics, hypothesis);
}

}  // namespace accord::engine
