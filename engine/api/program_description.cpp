// A loaded program as data (see program_description.hpp).
#include "accord/engine/api/program_description.hpp"

#include <set>

#include "accord/dsl/ast_printer.hpp"
#include "accord/dsl/diagnostic.hpp"
#include "accord/engine/value_format.hpp"

namespace accord {
namespace {

nlohmann::ordered_json docsOf(const std::vector<std::string>& lines) {
    std::string docs;
    for (const std::string& line : lines) docs += (docs.empty() ? "" : "\n") + line;
    return docs.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(docs);
}

nlohmann::ordered_json columnJson(const dsl::ast::Column& column) { return {{"name", column.name}, {"type", dsl::typeName(column.type)}}; }

nlohmann::ordered_json declaredRelation(const dsl::ast::RelationDecl& relation, const dsl::SourceManager& sources) {
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    for (const auto& column : relation.columns) columns.push_back(columnJson(column));
    return {{"name", relation.name},
            {"columns", columns},
            {"value", relation.value ? columnJson(*relation.value) : nlohmann::ordered_json()},
            {"fixed", relation.fixed},
            {"declared", true},
            {"docs", docsOf(relation.docs)},
            {"location", dsl::describeLocation(relation.span, sources)}};
}

/// A relation the program uses without declaring it: its columns by position, untyped.
nlohmann::ordered_json undeclaredRelation(const engine::RelationPlan& relation) {
    nlohmann::ordered_json columns = nlohmann::ordered_json::array();
    std::vector<std::string> names = engine::columnNames(relation);
    std::size_t keys = relation.keyed ? relation.arity - 1 : relation.arity;
    for (std::size_t c = 0; c < keys; ++c) columns.push_back({{"name", names[c]}, {"type", nullptr}});
    nlohmann::ordered_json value =
        relation.keyed ? nlohmann::ordered_json{{"name", names[keys]}, {"type", nullptr}} : nlohmann::ordered_json();
    return {{"name", relation.name}, {"columns", columns}, {"value", value},     {"fixed", relation.fixed},
            {"declared", false},     {"docs", nullptr},    {"location", nullptr}};
}

}  // namespace

nlohmann::ordered_json describeProgram(const engine::Engine& engine) {
    nlohmann::ordered_json relations = nlohmann::ordered_json::array(), rules = nlohmann::ordered_json::array();
    std::set<std::string> declared;
    for (const dsl::ast::Program& file : engine.files()) {
        for (const dsl::ast::Statement& statement : file.statements) {
            if (const auto* relation = boost::get<dsl::ast::RelationDecl>(&statement)) {
                relations.push_back(declaredRelation(*relation, engine.sources()));
                declared.insert(relation->name);
            }
        }
    }
    for (const engine::RelationPlan& relation : engine.plan().relations) {
        if (!relation.lifted && !declared.contains(relation.name)) relations.push_back(undeclaredRelation(relation));
    }
    for (const engine::RuleDescription& rule : engine.catalog().rules) {
        rules.push_back({{"name", rule.name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(rule.name)},
                         {"docs", rule.docs.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(rule.docs)},
                         {"text", rule.text},
                         {"location", rule.location}});
    }
    return {{"relations", relations}, {"rules", rules}};
}

}  // namespace accord
