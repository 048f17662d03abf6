// What the program says about each relation: its declaration (if any), arity, whether it
// is keyed, the types of its columns, and where it is defined and used. Built once and
// shared by the checks; later handed to the engine with the checked program.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/ast.hpp"
#include "accord/dsl/diagnostic.hpp"

namespace accord::dsl::check {

/// The most columns a relation may have (a keyed relation's value counts): plans describe
/// columns in 64-bit masks.
inline constexpr std::size_t kMaxColumns = 64;

struct RelationInfo {
    std::string name;
    std::size_t arity = 0;
    bool keyed = false;  ///< has a value column (`-> stance: symbol` or `= v` heads)
    const ast::RelationDecl* declaration = nullptr;  ///< null when only used
    std::vector<std::optional<ast::Type>> columnTypes;  ///< declared types; nullopt when undeclared
    std::optional<ast::Type> valueType;
    SourceSpan firstSeen;  ///< the declaration, or the first atom naming it
    bool hasRules = false;  ///< some rule with a body derives it
    bool hasFacts = false;  ///< some fact asserts it
    bool usedInBody = false;
    bool isDerived() const { return hasRules; }
};

class RelationCatalog {
public:
    const RelationInfo* find(const std::string& name) const;
    RelationInfo* find(const std::string& name);
    RelationInfo& insert(RelationInfo info);
    const std::map<std::string, RelationInfo>& all() const { return relations_; }
    /// The known relation names closest to `name` (edit distance), for "did you mean".
    std::optional<std::string> closestName(const std::string& name) const;

private:
    std::map<std::string, RelationInfo> relations_;
};

/// Builds the catalog from all files; reports duplicate declarations.
RelationCatalog buildRelationCatalog(const std::vector<ast::Program>& files, Diagnostics& diagnostics);

/// Edit distance between two names (for suggestions).
std::size_t editDistance(const std::string& a, const std::string& b);

/// The candidate a misspelt name most likely meant (a few edits away), if any.
std::optional<std::string> closestName(const std::string& name, const std::vector<std::string>& candidates);

}  // namespace accord::dsl::check
