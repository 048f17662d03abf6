#include "accord/dsl/lint/lint_names.hpp"

#include <algorithm>
#include <vector>

#include "accord/dsl/check/relation_catalog.hpp"

namespace accord::dsl::lint {

namespace {

constexpr LintName kLintNames[] = {
    {kUnknownRelation, "a body names a relation no declaration, fact or rule defines"},
    {kSingleUseVariable, "a variable used only once"},
    {kSumDropsVariable, "a `sum` element that leaves out a variable local to its sub-body"},
    {kUnorderedValue, "a value of a resolved relation that its resolution does not order"},
    {kUnknownResolvedValue, "a resolution names a value no rule or fact gives"},
    {kUncertainNegation, "a negation of a relation that can be uncertain, in a program without a threshold"},
    {kRemainderComment, "a `%` that starts a comment where a remainder operator was probably meant"},
    {kStrayDocComment, "a `##` comment that documents nothing"},
    {kEmptyFile, "a file without statements"},
    {kEmptyDirectory, "a directory without .rules files"},
    {kUnknownLint, "an allow comment naming no warning"},
    {kUnusedRelation, "a declared relation no fact, rule or condition uses"},
    {kNeverFires, "a rule with a condition on a relation that no fact gives and no rule can derive"},
    {kNeverWins, "a keyed value always overridden: a rule giving a stronger value applies whenever it does"},
    {kUnusedDefault, "a default never used: a rule that is no default gives a value whenever it applies"},
    {kConstantComparison, "a comparison that is always true or always false (`X != X`, `1 < 2`)"},
    {kContradiction, "conditions that cannot hold together (`p(X) and not p(X)`, two values of one key)"},
    {kFactClash, "two facts giving one key different values that no resolution orders"},
};

}  // namespace

std::span<const LintName> allLintNames() { return kLintNames; }

bool isLintName(std::string_view name) {
    return std::any_of(std::begin(kLintNames), std::end(kLintNames), [&](const LintName& lint) { return lint.name == name; });
}

std::optional<std::string> closestLintName(std::string_view name) {
    std::vector<std::string> names;
    for (const LintName& lint : kLintNames) names.emplace_back(lint.name);
    return check::closestName(std::string(name), names);
}

}  // namespace accord::dsl::lint
