// The names of Accord's warnings. Every warning the front end gives has one, shown after
// its message (`warning: ... [never-fires]`) and in JSON (`"code"`), so that it can be
// silenced: for the whole run with `accord check --allow NAME`, or for one statement with
// a comment `# accord: allow NAME` above it or at the end of its line.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace accord::dsl::lint {

// Warnings of the checks every command runs.
inline constexpr std::string_view kUnknownRelation = "unknown-relation";
inline constexpr std::string_view kSingleUseVariable = "single-use-variable";
inline constexpr std::string_view kSumDropsVariable = "sum-drops-variable";
inline constexpr std::string_view kUnorderedValue = "unordered-value";
inline constexpr std::string_view kUnknownResolvedValue = "unknown-resolved-value";
inline constexpr std::string_view kUncertainNegation = "uncertain-negation";
inline constexpr std::string_view kRemainderComment = "remainder-comment";
inline constexpr std::string_view kStrayDocComment = "stray-doc-comment";
inline constexpr std::string_view kEmptyFile = "empty-file";
inline constexpr std::string_view kEmptyDirectory = "empty-directory";
inline constexpr std::string_view kUnknownLint = "unknown-lint";

// The lints only `accord check` (and the language server) run (dsl/lint/lint_program.hpp).
inline constexpr std::string_view kUnusedRelation = "unused-relation";
inline constexpr std::string_view kNeverFires = "never-fires";
inline constexpr std::string_view kNeverWins = "never-wins";
inline constexpr std::string_view kUnusedDefault = "unused-default";
inline constexpr std::string_view kConstantComparison = "constant-comparison";
inline constexpr std::string_view kContradiction = "contradiction";
inline constexpr std::string_view kFactClash = "fact-clash";

struct LintName {
    std::string_view name;
    std::string_view summary;
};

/// Every warning name with a line on what it reports, in the order of docs/language.md.
std::span<const LintName> allLintNames();

bool isLintName(std::string_view name);

/// The known name closest to a misspelt one, for "did you mean".
std::optional<std::string> closestLintName(std::string_view name);

}  // namespace accord::dsl::lint
