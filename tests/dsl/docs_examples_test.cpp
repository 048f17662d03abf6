// Every example of docs/language.md is parsed and checked, so the reference cannot rot:
// ```accord blocks must check without errors; ```accord-error blocks must produce the
// diagnostic quoted on the `> ` line after them.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/support/test_support.hpp"

namespace accord::testing {
namespace {

struct Example {
    std::string code;
    bool expectsError = false;
    std::string expected;  ///< "error: ..." or "warning: ..." for accord-error blocks
    int line = 0;  ///< where the block starts in the document
};

std::vector<Example> examplesIn(const std::string& document) {
    std::vector<Example> examples;
    std::istringstream in(document);
    std::string line;
    Example* open = nullptr;
    Example* awaitingExpectation = nullptr;
    for (int number = 1; std::getline(in, line); ++number) {
        if (open) {
            if (line == "```") {
                if (open->expectsError) awaitingExpectation = open;
                open = nullptr;
            } else {
                open->code += line + "\n";
            }
        } else if (line == "```accord" || line == "```accord-error") {
            examples.push_back({"", line == "```accord-error", "", number});
            open = &examples.back();
            awaitingExpectation = nullptr;
        } else if (awaitingExpectation && line.rfind("> ", 0) == 0) {
            awaitingExpectation->expected = line.substr(2);
            awaitingExpectation = nullptr;
        }
    }
    return examples;
}

TEST(DocsExamples, LanguageReferenceExamplesCheckAsDocumented) {
    std::vector<Example> examples = examplesIn(readRepositoryFile("docs/language.md"));
    ASSERT_GE(examples.size(), 12u);
    for (const Example& example : examples) {
        std::vector<std::string> diagnostics = checkDiagnostics(example.code);
        SCOPED_TRACE("docs/language.md:" + std::to_string(example.line) + "\n" + example.code);
        if (!example.expectsError) {
            for (const std::string& d : diagnostics) EXPECT_EQ(d.find(": error: "), std::string::npos) << d;
            continue;
        }
        ASSERT_FALSE(example.expected.empty()) << "an accord-error block needs a '> ' line after it";
        bool found = false;
        for (const std::string& d : diagnostics) found = found || d.find(example.expected) != std::string::npos;
        EXPECT_TRUE(found) << "expected '" << example.expected << "' in " << ::testing::PrintToString(diagnostics);
    }
}

}  // namespace
}  // namespace accord::testing
