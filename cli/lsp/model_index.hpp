// What the language server knows of a model's names, read from its parsed files: where
// each relation and rule name occurs (declared, defined, used), and what to say of them
// on hover. Built from the syntax alone, so it serves a model that does not check.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/dsl/loader.hpp"

namespace accord::lsp {

struct Occurrence {
    enum class Kind { Relation, RuleName };
    enum class Role { Declaration, Definition, Use };  ///< `relation r(...)`, a head, a condition or resolution
    Kind kind = Kind::Relation;
    Role role = Role::Use;
    std::string name;
    std::string file;  ///< as the loader named it (an absolute path)
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::vector<std::string> ruleDocs;  ///< for a rule's head: the rule's `##` lines
};

struct RelationSummary {
    std::string declaration;  ///< `relation vote(ally: symbol, ...) -> stance: symbol`, empty when undeclared
    std::vector<std::string> docs;  ///< its `##` lines
    std::size_t arity = 0;
    bool keyed = false;
    std::size_t rules = 0;  ///< rules with a body deriving it
    std::size_t facts = 0;
    std::size_t reads = 0;  ///< conditions naming it
};

struct RuleSummary {
    std::string text;  ///< the rule as written, in the canonical layout
    std::vector<std::string> docs;
};

struct ModelIndex {
    std::vector<Occurrence> occurrences;
    std::map<std::string, RelationSummary> relations;
    std::map<std::string, RuleSummary> rules;

    /// The occurrence under a byte offset of a file (its end counts: the cursor after a name).
    const Occurrence* at(const std::string& file, std::uint32_t offset) const;
    /// Every occurrence of a name of this kind.
    std::vector<const Occurrence*> occurrencesOf(Occurrence::Kind kind, const std::string& name) const;
    /// Where a name is declared: a relation's declaration, else its first definition; a rule's name.
    const Occurrence* definitionOf(Occurrence::Kind kind, const std::string& name) const;
    /// Markdown for a hover over an occurrence.
    std::string hoverText(const Occurrence& occurrence) const;
};

/// Indexes the files of a loaded (not yet checked: checking lifts rules apart) program.
ModelIndex indexModel(const dsl::LoadedProgram& program);

}  // namespace accord::lsp
