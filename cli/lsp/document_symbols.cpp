#include "cli/lsp/document_symbols.hpp"

#include "cli/lsp/text_position.hpp"
#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/ast_span.hpp"
#include "accord/dsl/parser/parse.hpp"

namespace accord::lsp {
namespace {

namespace ast = dsl::ast;

// SymbolKind values of the protocol.
constexpr int kClass = 5, kEnum = 10, kFunction = 12, kConstant = 14, kNumber = 16, kModule = 2;

struct Outline {
    std::string name;
    std::string detail;
    int kind = kFunction;
};

Outline outlineOf(const ast::Statement& statement) {
    if (const auto* decl = boost::get<ast::RelationDecl>(&statement)) {
        return {decl->name, decl->fixed ? "fixed relation" : "relation", kClass};
    }
    if (const auto* resolution = boost::get<ast::Resolution>(&statement)) return {"resolve " + resolution->relation, "", kEnum};
    if (const auto* threshold = boost::get<ast::Threshold>(&statement)) {
        return {"threshold " + dsl::formatDecimal(threshold->value), "", kNumber};
    }
    if (const auto* include = boost::get<ast::Include>(&statement)) return {"include " + include->path, "", kModule};
    const auto& rule = boost::get<ast::Rule>(statement);
    std::string head = dsl::print(rule.head);
    if (!rule.body) return {head, "fact", kConstant};
    return {rule.name.empty() ? head : rule.name, rule.name.empty() ? "rule" : head, kFunction};
}

}  // namespace

nlohmann::json documentSymbols(std::string_view text) {
    dsl::SourceManager sources;
    dsl::FileId file = sources.add("document", std::string(text));
    dsl::Diagnostics diagnostics;
    ast::Program program = dsl::parseWhatParses(sources, file, diagnostics);
    nlohmann::json symbols = nlohmann::json::array();
    LineIndex lines(sources.file(file).contents());
    for (const ast::Statement& statement : program.statements) {
        Outline outline = outlineOf(statement);
        dsl::SourceSpan span = dsl::spanOf(statement);
        nlohmann::json range = lines.range(span.begin, span.end);
        nlohmann::json symbol = {{"name", outline.name}, {"kind", outline.kind}, {"range", range}, {"selectionRange", range}};
        if (!outline.detail.empty()) symbol["detail"] = outline.detail;
        symbols.push_back(std::move(symbol));
    }
    return symbols;
}

}  // namespace accord::lsp
