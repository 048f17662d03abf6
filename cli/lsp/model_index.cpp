#include "cli/lsp/model_index.hpp"

#include <fmt/format.h>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_walk.hpp"

namespace accord::lsp {
namespace {

namespace ast = dsl::ast;

/// Declarations and rules as hover shows them: their docs come apart, under them.
const dsl::PrintOptions kWithoutDocs{.docs = false};

bool isWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// Where `name` first occurs as a whole word in [from, to) of a text.
std::optional<std::uint32_t> findWord(std::string_view text, std::uint32_t from, std::uint32_t to, const std::string& name) {
    for (std::size_t at = text.find(name, from); at != std::string_view::npos && at + name.size() <= to; at = text.find(name, at + 1)) {
        bool startsWord = at == 0 || !isWordByte(text[at - 1]);
        bool endsWord = at + name.size() >= text.size() || !isWordByte(text[at + name.size()]);
        if (startsWord && endsWord) return static_cast<std::uint32_t>(at);
    }
    return std::nullopt;
}

class Indexer {
public:
    Indexer(const dsl::LoadedProgram& program, ModelIndex& index) : program_(program), index_(index) {}

    void file(const ast::Program& file) {
        file_ = program_.sources.file(file.file).name();
        text_ = program_.sources.file(file.file).contents();
        for (const ast::Statement& statement : file.statements) {
            if (const auto* decl = boost::get<ast::RelationDecl>(&statement)) declaration(*decl);
            if (const auto* resolution = boost::get<ast::Resolution>(&statement)) {
                add(Occurrence::Kind::Relation, Occurrence::Role::Use, resolution->relation, resolution->span, 8);
            }
            if (const auto* rule = boost::get<ast::Rule>(&statement)) this->rule(*rule);
        }
    }

private:
    void declaration(const ast::RelationDecl& decl) {
        RelationSummary& summary = index_.relations[decl.name];
        summary.declaration = dsl::print(ast::Statement(decl), kWithoutDocs);
        while (!summary.declaration.empty() && summary.declaration.back() == '\n') summary.declaration.pop_back();
        summary.docs = decl.docs;
        summary.arity = decl.columns.size();
        summary.keyed = decl.value.has_value();
        add(Occurrence::Kind::Relation, Occurrence::Role::Declaration, decl.name, decl.span, 8);
    }

    void rule(const ast::Rule& rule) {
        if (!rule.name.empty()) {
            index_.rules[rule.name] = {dsl::print(ast::Statement(rule), kWithoutDocs), rule.docs};
            add(Occurrence::Kind::RuleName, Occurrence::Role::Declaration, rule.name, rule.nameSpan, 0);
        }
        RelationSummary& head = index_.relations[rule.head.relation];
        (rule.body ? head.rules : head.facts) += 1;
        if (head.declaration.empty()) {
            head.arity = rule.head.arguments.size();
            head.keyed = rule.head.value.has_value();
        }
        std::size_t before = index_.occurrences.size();
        add(Occurrence::Kind::Relation, Occurrence::Role::Definition, rule.head.relation, rule.head.span, 0);
        if (index_.occurrences.size() > before) index_.occurrences.back().ruleDocs = rule.docs;  // its head was found
        if (!rule.body) return;
        for (const ast::Conjunction& alternative : rule.body->alternatives) {
            for (const ast::Literal& literal : alternative.literals) {
                dsl::forEachAtom(literal, [&](const ast::Atom& atom, dsl::AtomRole) {
                    RelationSummary& read = index_.relations[atom.relation];
                    if (read.declaration.empty() && read.rules + read.facts == 0) {  // known only from its uses
                        read.arity = atom.arguments.size();
                        read.keyed = atom.value.has_value();
                    }
                    read.reads += 1;
                    add(Occurrence::Kind::Relation, Occurrence::Role::Use, atom.relation, atom.span, 0);
                });
            }
        }
    }

    /// Records the name where it is written, the first whole word at or after `skip` bytes
    /// into the node (past `relation ` or `resolve `).
    void add(Occurrence::Kind kind, Occurrence::Role role, const std::string& name, dsl::SourceSpan span, std::uint32_t skip) {
        std::optional<std::uint32_t> at = findWord(text_, std::min(span.begin + skip, span.end), span.end, name);
        if (!at) return;  // a quoted or generated name: not navigable
        index_.occurrences.push_back({kind, role, name, file_, *at, *at + static_cast<std::uint32_t>(name.size()), {}});
    }

    const dsl::LoadedProgram& program_;
    ModelIndex& index_;
    std::string file_;
    std::string_view text_;
};

std::string relationHover(const std::string& name, const RelationSummary& summary) {
    std::string text = summary.declaration.empty()
                           ? fmt::format("```accord\n{}/{}{}\n```\nundeclared: its shape comes from where it is used", name, summary.arity,
                                         summary.keyed ? " (keyed)" : "")
                           : fmt::format("```accord\n{}\n```", summary.declaration);
    if (!summary.docs.empty()) {
        text += "\n\n";
        for (const std::string& line : summary.docs) text += line + "\n";
    }
    text += fmt::format("\n\n{} fact{}, {} rule{} deriving it, {} condition{} reading it", summary.facts, summary.facts == 1 ? "" : "s",
                        summary.rules, summary.rules == 1 ? "" : "s", summary.reads, summary.reads == 1 ? "" : "s");
    return text;
}

}  // namespace

const Occurrence* ModelIndex::at(const std::string& file, std::uint32_t offset) const {
    for (const Occurrence& occurrence : occurrences) {
        if (occurrence.file == file && occurrence.begin <= offset && offset <= occurrence.end) return &occurrence;
    }
    return nullptr;
}

std::vector<const Occurrence*> ModelIndex::occurrencesOf(Occurrence::Kind kind, const std::string& name) const {
    std::vector<const Occurrence*> found;
    for (const Occurrence& occurrence : occurrences) {
        if (occurrence.kind == kind && occurrence.name == name) found.push_back(&occurrence);
    }
    return found;
}

const Occurrence* ModelIndex::definitionOf(Occurrence::Kind kind, const std::string& name) const {
    const Occurrence* firstDefinition = nullptr;
    for (const Occurrence* occurrence : occurrencesOf(kind, name)) {
        if (occurrence->role == Occurrence::Role::Declaration) return occurrence;
        if (occurrence->role == Occurrence::Role::Definition && !firstDefinition) firstDefinition = occurrence;
    }
    return firstDefinition;
}

std::string ModelIndex::hoverText(const Occurrence& occurrence) const {
    if (occurrence.kind == Occurrence::Kind::Relation) {
        auto it = relations.find(occurrence.name);
        if (it == relations.end()) return {};
        std::string text = relationHover(occurrence.name, it->second);
        if (!occurrence.ruleDocs.empty()) {
            text += "\n\n---\nThis rule:\n";
            for (const std::string& line : occurrence.ruleDocs) text += line + "\n";
        }
        return text;
    }
    auto it = rules.find(occurrence.name);
    if (it == rules.end()) return {};
    std::string text = fmt::format("rule **{}**\n\n```accord\n{}\n```", occurrence.name, it->second.text);
    for (const std::string& line : it->second.docs) text += "\n" + line;
    return text;
}

ModelIndex indexModel(const dsl::LoadedProgram& program) {
    ModelIndex index;
    Indexer indexer(program, index);
    for (const ast::Program& file : program.files) indexer.file(file);
    return index;
}

}  // namespace accord::lsp
