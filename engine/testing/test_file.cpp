// Test files (see test_file.hpp).
#include "accord/engine/testing/test_file.hpp"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"

namespace accord::engine {
namespace {

/// One line of the file: its text without the indentation, and where that text starts.
struct Line {
    std::string_view text;
    std::size_t number = 0;
    std::uint32_t offset = 0;  ///< of `text` in the file
};

std::string_view trimmed(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
    return text;
}

/// The text after `keyword` and a space, or nullopt when the line does not start with it.
std::optional<std::string_view> after(std::string_view text, std::string_view keyword) {
    if (!text.starts_with(keyword)) return std::nullopt;
    std::string_view rest = text.substr(keyword.size());
    if (!rest.empty() && rest.front() != ' ' && rest.front() != '\t') return std::nullopt;
    return trimmed(rest);
}

/// Where `needle` occurs in `text` outside quotes ("..." and '...', with backslash
/// escapes): the first occurrence, or the last; npos when there is none.
std::size_t findOutsideQuotes(std::string_view text, std::string_view needle, bool last) {
    std::size_t found = std::string_view::npos;
    char quote = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quote) {
            if (c == '\\')
                ++i;
            else if (c == quote)
                quote = 0;
            continue;
        }
        if (c == '"' || c == '\'') {
            quote = c;
            continue;
        }
        if (text.substr(i, needle.size()) == needle) {
            found = i;
            if (!last) return found;
        }
    }
    return found;
}

class TestFileReader {
public:
    TestFileReader(const dsl::SourceManager& sources, dsl::FileId file, dsl::Diagnostics& diagnostics)
        : source_(sources.file(file)), file_(file), diagnostics_(diagnostics) {}

    std::optional<TestFile> read() {
        TestFile out{source_.name(), {}};
        const std::string_view contents = source_.contents();
        const std::size_t errors = diagnostics_.errorCount();
        std::size_t number = 0;
        for (std::size_t start = 0; start < contents.size();) {
            std::size_t end = std::min(contents.find('\n', start), contents.size());
            ++number;
            std::string_view raw = contents.substr(start, end - start);
            std::string_view text = trimmed(raw);
            Line line{text, number, static_cast<std::uint32_t>(start + static_cast<std::size_t>(text.data() - raw.data()))};
            start = end + 1;
            if (text.empty() || text.front() == '%' || text.front() == '#') continue;
            readLine(line, out);
        }
        for (const TestCase& test : out.tests) {
            if (test.expectations.empty()) {
                diagnostics_.error(spanOfLine(test.line), fmt::format("test '{}' expects nothing", test.name),
                                   "add `expect CONDITIONS` lines: a test without them passes whatever the model says");
            }
        }
        if (diagnostics_.errorCount() > errors) return std::nullopt;
        if (out.tests.empty())
            diagnostics_.fileError(source_.name(), "no test in this file", "a test starts with `test NAME as of YYYY-MM-DD`");
        return diagnostics_.errorCount() > errors ? std::nullopt : std::optional<TestFile>(std::move(out));
    }

private:
    void readLine(const Line& line, TestFile& out) {
        if (auto rest = after(line.text, "test")) return startTest(line, *rest, out);
        if (out.tests.empty())
            return error(line, line.text, "a test file's lines belong to a test", "start one with `test NAME as of YYYY-MM-DD`");
        TestCase& test = out.tests.back();
        for (const char* change : {"given", "without"}) {
            auto rest = after(line.text, change);
            if (!rest) continue;
            if (!test.expectations.empty()) {
                return error(line, line.text, fmt::format("`{}` comes before the test's expectations", change),
                             "a test's facts are changed once, for all of its expectations");
            }
            return (change == std::string_view("given") ? test.given : test.without).push_back(at(line, *rest));
        }
        if (auto rest = after(line.text, "expect")) return expect(line, *rest, test);
        if (auto rest = after(line.text, "row")) {
            if (test.expectations.empty() || test.expectations.back().kind != Expectation::Kind::Exactly) {
                return error(line, line.text, "a `row` lists a row of the `expect exactly` above it, and there is none");
            }
            return test.expectations.back().rows.push_back(at(line, *rest));
        }
        error(line, line.text, "expected `test`, `given`, `without`, `expect` or `row`", "see docs/testing.md for what a test file holds");
    }

    /// `test NAME as of YYYY-MM-DD`; NAME a word or a "quoted" phrase. (Read by hand, not
    /// with std::regex, whose matching recurses once per character of a long line.)
    void startTest(const Line& line, std::string_view rest, TestFile& out) {
        const char* usage = "a test is `test NAME as of YYYY-MM-DD`";
        const char* hint = "NAME is a word or a \"quoted phrase\"; the date is the one its expectations are as of";
        std::string name;
        if (!rest.empty() && rest.front() == '"') {
            std::size_t close = rest.find('"', 1);
            if (close == std::string_view::npos || close == 1) return error(line, rest, usage, hint);
            name = std::string(rest.substr(1, close - 1));
            rest = trimmed(rest.substr(close + 1));
        } else {
            std::size_t end = 0;
            while (end < rest.size() && (std::isalnum(static_cast<unsigned char>(rest[end])) || rest[end] == '_')) ++end;
            if (end == 0) return error(line, rest, usage, hint);
            name = std::string(rest.substr(0, end));
            rest = trimmed(rest.substr(end));
        }
        auto as = after(rest, "as");
        auto of = as ? after(*as, "of") : std::nullopt;
        if (!of) return error(line, rest.empty() ? line.text : rest, usage, hint);
        std::string_view dateText = of->substr(0, of->find_first_of(" \t%"));
        if (!trimmed(of->substr(dateText.size())).empty() && trimmed(of->substr(dateText.size())).front() != '%') {
            return error(line, *of, usage, hint);
        }
        auto date = dsl::parseDate(dateText);
        if (!date) return error(line, dateText, fmt::format("{} is not a date (YYYY-MM-DD)", dateText));
        for (const TestCase& earlier : out.tests) {
            if (earlier.name == name) {
                return error(line, line.text, fmt::format("a second test named '{}' (the first is on line {})", name, earlier.line));
            }
        }
        out.tests.push_back({name, line.number, date->days, {}, {}, {}});
    }

    /// `expect [exactly] CONDITIONS [@CONFIDENCE] [because FACT | because rule NAME]`, or
    /// `expect needs FACT finds (+|-) FACT [and (+|-) FACT...]` or `... finds nothing`.
    void expect(const Line& line, std::string_view rest, TestCase& test) {
        Expectation expectation;
        if (auto needs = after(rest, "needs")) return expectNeeds(line, *needs, test);
        if (auto exactly = after(rest, "exactly")) {
            expectation.kind = Expectation::Kind::Exactly;
            rest = *exactly;
        }
        if (std::size_t because = findOutsideQuotes(rest, " because ", true); because != std::string_view::npos) {
            expectation.because = at(line, trimmed(rest.substr(because + 9)));
            rest = trimmed(rest.substr(0, because));
        }
        if (std::size_t blank = findOutsideQuotes(rest, " @", true); blank != std::string_view::npos) {
            const std::size_t sign = blank + 1;
            std::string_view number = trimmed(rest.substr(sign + 1));
            double value = 0;
            auto [end, problem] = std::from_chars(number.data(), number.data() + number.size(), value);
            if (problem != std::errc() || end != number.data() + number.size() || !(value > 0 && value <= 1)) {
                return error(line, rest.substr(sign), "a confidence is a number above 0 and at most 1, such as `@0.9`");
            }
            expectation.atLeast = value;
            rest = trimmed(rest.substr(0, sign));
        }
        if (rest.empty()) return error(line, line.text, "`expect` names the conditions that must hold");
        if (expectation.kind == Expectation::Kind::Exactly && (expectation.atLeast || expectation.because)) {
            return error(line, rest, "`expect exactly` lists rows; a confidence or `because` is for `expect`");
        }
        expectation.conditions = at(line, rest);
        test.expectations.push_back(std::move(expectation));
    }

    void expectNeeds(const Line& line, std::string_view rest, TestCase& test) {
        const char* usage = "expected `expect needs FACT finds + FACT [and - FACT...]` or `expect needs FACT finds nothing`";
        std::size_t finds = findOutsideQuotes(rest, " finds ", false);
        if (finds == std::string_view::npos) return error(line, rest.empty() ? line.text : rest, usage);
        Expectation expectation;
        expectation.kind = Expectation::Kind::Needs;
        expectation.conditions = at(line, trimmed(rest.substr(0, finds)));
        std::string_view changes = trimmed(rest.substr(finds + 7));
        if (changes != "nothing") {
            while (!changes.empty()) {
                std::size_t next = findOutsideQuotes(changes, " and ", false);
                std::string_view change = trimmed(changes.substr(0, next));
                changes = next == std::string_view::npos ? std::string_view{} : trimmed(changes.substr(next + 5));
                if (change.size() < 2 || (change[0] != '+' && change[0] != '-') || trimmed(change.substr(1)).empty()) {
                    return error(line, change.empty() ? rest : change, "a change is `+ FACT` (added) or `- FACT` (removed)", usage);
                }
                expectation.changes.push_back({change[0] == '+', at(line, trimmed(change.substr(1)))});
            }
            if (expectation.changes.empty()) return error(line, rest, usage);
        }
        test.expectations.push_back(std::move(expectation));
    }

    TestText at(const Line& line, std::string_view rest) const {
        const std::size_t offset = line.offset + static_cast<std::size_t>(rest.data() - line.text.data());
        dsl::LineColumn position = source_.lineColumn(static_cast<std::uint32_t>(offset));
        return {std::string(rest), position.line, position.column};
    }

    /// The whole of a 1-based line.
    dsl::SourceSpan spanOfLine(std::size_t number) const {
        std::string_view text = source_.line(static_cast<std::uint32_t>(number));
        const std::uint32_t begin = static_cast<std::uint32_t>(text.data() - source_.contents().data());
        return {file_, begin, begin + static_cast<std::uint32_t>(text.size())};
    }

    void error(const Line& line, std::string_view where, std::string message, std::string hint = {}) {
        const std::uint32_t begin = line.offset + static_cast<std::uint32_t>(where.data() - line.text.data());
        diagnostics_.error({file_, begin, begin + static_cast<std::uint32_t>(where.size())}, std::move(message), std::move(hint));
    }

    const dsl::SourceText& source_;
    dsl::FileId file_;
    dsl::Diagnostics& diagnostics_;
};

}  // namespace

std::optional<TestFile> parseTestFile(const dsl::SourceManager& sources, dsl::FileId file, dsl::Diagnostics& diagnostics) {
    return TestFileReader(sources, file, diagnostics).read();
}

std::string inPlace(const TestText& text) { return std::string(text.line - 1, '\n') + std::string(text.column - 1, ' ') + text.text; }

}  // namespace accord::engine
