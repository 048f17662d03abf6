// The embedding API (see engine.hpp): the facade over loading, checking, lowering,
// evaluation and queries.
#include "engine/engine.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "dsl/ast_walk.hpp"
#include "dsl/check/checked_program.hpp"
#include "dsl/date.hpp"
#include "dsl/fact_file.hpp"
#include "dsl/lexical.hpp"
#include "dsl/parser/parse.hpp"
#include "engine/plan/lower_clause.hpp"
#include "engine/plan/lower_program.hpp"
#include "engine/value_format.hpp"

namespace accord::engine {

Engine::Engine() : loaded_(std::make_unique<dsl::LoadedProgram>()) {}
Engine::~Engine() = default;

const dsl::SourceManager& Engine::sources() const { return loaded_->sources; }

bool Engine::loadFiles(const std::vector<std::string>& paths, dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    if (!dsl::loadPaths(paths, options, *loaded_, diagnostics)) return false;
    return compile(diagnostics);
}

bool Engine::loadFilesAndText(const std::vector<std::string>& paths, const std::string& name, const std::string& text,
                              dsl::Diagnostics& diagnostics, const dsl::LoadOptions& options) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    bool ok = dsl::loadPaths(paths, options, *loaded_, diagnostics);
    ok = dsl::loadText(name, text, std::filesystem::current_path(), options, *loaded_, diagnostics) && ok;
    return ok && compile(diagnostics);
}

bool Engine::loadText(const std::string& name, const std::string& text, dsl::Diagnostics& diagnostics) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    if (!dsl::loadText(name, text, std::filesystem::current_path(), {}, *loaded_, diagnostics)) return false;
    return compile(diagnostics);
}

bool Engine::loadTexts(const std::vector<std::pair<std::string, std::string>>& files, dsl::Diagnostics& diagnostics) {
    loaded_ = std::make_unique<dsl::LoadedProgram>();
    dsl::LoadOptions options;
    options.followIncludes = false;
    bool ok = true;
    for (const auto& [name, text] : files) {
        ok = dsl::loadText(name, text, std::filesystem::current_path(), options, *loaded_, diagnostics) && ok;
    }
    return ok && compile(diagnostics);
}

const std::vector<dsl::ast::Program>& Engine::files() const { return loaded_->files; }

bool Engine::compile(dsl::Diagnostics& diagnostics) {
    auto checked = dsl::checkProgram(*loaded_, diagnostics);
    if (!checked) {
        plan_ = ProgramPlan{};
        return false;
    }
    LoweredProgram lowered = lowerProgram(*loaded_, *checked);
    plan_ = std::move(lowered.plan);
    catalog_ = std::move(lowered.catalog);
    programFactCount_ = plan_.facts.size();
    relations_.clear();
    return true;
}

bool Engine::addFact(const std::string& relation, Tuple tuple, double confidence, Validity validity, const std::string& source) {
    auto id = plan_.relationId(relation);
    if (!id || plan_.relations[*id].arity != tuple.size()) return false;
    FactPlan fact;
    fact.relation = *id;
    fact.tuple = std::move(tuple);
    fact.confidence = confidence;
    fact.validity = validity;
    fact.index = static_cast<std::uint32_t>(catalog_.facts.size());  // removed facts leave gaps in plan_.facts, not here
    catalog_.facts.push_back({formatFact(relation, fact.tuple, plan_.relations[*id].keyed, plan_.symbols), source, ""});
    plan_.facts.push_back(std::move(fact));
    return true;
}

bool Engine::loadFactFile(const std::string& relation, const std::string& path, dsl::Diagnostics& diagnostics) {
    auto id = plan_.relationId(relation);
    if (!id) {
        diagnostics.fileError(path, fmt::format("unknown relation '{}' for --facts", relation),
                              "declare it with `relation` in the rule files");
        return false;
    }
    std::string contents, error;
    if (!dsl::readFile(path, dsl::kMaxDataFileBytes, contents, error)) {
        diagnostics.fileError(path, error);
        return false;
    }
    if (auto problem = dsl::findEncodingProblem(contents); problem && dsl::factFileFormatFor(path) == dsl::FactFileFormat::Csv) {
        dsl::FileId file = loaded_->sources.add(path, std::move(contents));
        diagnostics.error({file, problem->offset, problem->offset + 1}, problem->message, problem->hint);
        return false;
    }
    dsl::FileId file = loaded_->sources.add(path, std::move(contents));
    const RelationPlan& relationPlan = plan_.relations[*id];
    std::vector<std::string> header;
    std::vector<std::size_t> columnOf;  // field position -> column
    FactBatch batch;
    batch.relation = *id;
    batch.source = path;
    const std::size_t errorsBefore = diagnostics.errorCount();
    auto span = [&](const dsl::FactField& field) {
        return dsl::SourceSpan{file, field.offset, field.offset + static_cast<std::uint32_t>(std::max<std::size_t>(1, field.text.size()))};
    };
    bool ok = dsl::readFactFile(loaded_->sources, file, dsl::factFileFormatFor(path), diagnostics, header,
                                [&](std::span<const dsl::FactField> fields) {
        if (columnOf.empty()) {
            for (std::size_t c = 0; c < relationPlan.arity; ++c) columnOf.push_back(c);
            if (!header.empty() && !relationPlan.columnNames.empty()) {
                // A CSV header names the declared columns, in any order.
                for (std::size_t f = 0; f < header.size() && f < relationPlan.arity; ++f) {
                    auto found = std::find(relationPlan.columnNames.begin(), relationPlan.columnNames.end(), header[f]);
                    if (found == relationPlan.columnNames.end()) {
                        diagnostics.error({file, 0, 1}, fmt::format("header column '{}' is not a column of '{}'", header[f], relation),
                                          fmt::format("the columns are: {}", fmt::join(relationPlan.columnNames, ", ")));
                        return false;
                    }
                    columnOf[f] = static_cast<std::size_t>(found - relationPlan.columnNames.begin());
                }
            }
        }
        if (fields.size() != relationPlan.arity) {
            diagnostics.error(span(fields.front()), fmt::format("expected {} field{} for '{}', found {}", relationPlan.arity,
                                                                relationPlan.arity == 1 ? "" : "s", relation, fields.size()));
            return false;
        }
        std::size_t row = batch.values.size();
        batch.values.resize(row + relationPlan.arity);
        for (std::size_t f = 0; f < fields.size(); ++f) {
            std::size_t column = columnOf[f];
            auto kind = relationPlan.columnKinds[column];
            auto value = parseValue(fields[f].text, kind, plan_.symbols);
            if (!value) {
                diagnostics.error(span(fields[f]), fmt::format("'{}' is not a {}", fields[f].text, kindName(*kind)));
                return false;
            }
            batch.values[row + column] = *value;
        }
        return true;
    });
    if (!ok || diagnostics.errorCount() > errorsBefore) return false;
    if (!header.empty() && header.size() != relationPlan.arity) {
        diagnostics.error({file, 0, 1}, fmt::format("the header has {} columns, '{}' has {}", header.size(), relation, relationPlan.arity));
        return false;
    }
    plan_.batches.push_back(std::move(batch));
    return true;
}

std::size_t Engine::removeFact(const std::string& relation, TupleView tuple) {
    auto id = plan_.relationId(relation);
    if (!id) return 0;
    std::size_t before = plan_.facts.size();
    std::erase_if(plan_.facts, [&](const FactPlan& fact) {
        return fact.relation == *id && std::equal(fact.tuple.begin(), fact.tuple.end(), tuple.begin(), tuple.end());
    });
    std::size_t removed = before - plan_.facts.size();
    const std::size_t arity = plan_.relations[*id].arity;
    for (FactBatch& batch : plan_.batches) {
        if (batch.relation != *id || arity == 0) continue;
        std::vector<Value> kept;
        for (std::size_t row = 0; row * arity < batch.values.size(); ++row) {
            auto begin = batch.values.begin() + static_cast<std::ptrdiff_t>(row * arity);
            if (std::equal(begin, begin + static_cast<std::ptrdiff_t>(arity), tuple.begin(), tuple.end())) {
                ++removed;
            } else {
                kept.insert(kept.end(), begin, begin + static_cast<std::ptrdiff_t>(arity));
            }
        }
        batch.values = std::move(kept);
    }
    return removed;
}

RunStats Engine::run(const RunOptions& options) {
    minConfidence_ = minimumConfidence(plan_, options);
    asOf_ = options.asOf;
    conclusionsSet_ = false;
    belowMinimum_.clear();
    // Only a run with a minimum leaves anything out: without one, nothing is kept aside.
    return evaluate(plan_, options, relations_, minConfidence_ > 0 ? &belowMinimum_ : nullptr);
}

const Relation* Engine::relation(const std::string& name) const {
    auto id = plan_.relationId(name);
    if (!id || *id >= relations_.size()) return nullptr;
    return &relations_[*id];
}

std::optional<std::vector<QueryRow>> Engine::query(const std::string& text, dsl::Diagnostics& diagnostics, Pattern* patternOut) {
    std::string statement = text;
    while (!statement.empty() && (statement.back() == ' ' || statement.back() == '\n')) statement.pop_back();
    if (statement.empty() || statement.back() != '.') statement += ".";
    dsl::FileId file = loaded_->sources.add("<query>", statement);
    auto program = dsl::parseProgram(loaded_->sources, file, diagnostics);
    if (!program) return std::nullopt;
    const auto* rule = program->statements.size() == 1 ? boost::get<dsl::ast::Rule>(&program->statements[0]) : nullptr;
    if (!rule || rule->body) {
        diagnostics.error({file, 0, static_cast<std::uint32_t>(statement.size())}, "a query is one atom, such as `vote(A, rutte) = V`");
        return std::nullopt;
    }
    const dsl::ast::Atom& atom = rule->head;
    auto id = plan_.relationId(atom.relation);
    if (!id) {
        diagnostics.error(atom.span, fmt::format("unknown relation '{}'", atom.relation));
        return std::nullopt;
    }
    const RelationPlan& relationPlan = plan_.relations[*id];
    std::size_t arguments = relationPlan.arity - (relationPlan.keyed ? 1 : 0);
    if (atom.arguments.size() != arguments || (atom.value && !relationPlan.keyed)) {
        diagnostics.error(atom.span, fmt::format("'{}' takes {} argument{}{}", atom.relation, arguments, arguments == 1 ? "" : "s",
                                                 relationPlan.keyed ? " and a value" : ""));
        return std::nullopt;
    }
    Pattern pattern;
    pattern.relation = *id;
    std::vector<const dsl::ast::Expr*> terms;
    for (const auto& argument : atom.arguments) terms.push_back(&argument);
    if (relationPlan.keyed) terms.push_back(atom.value ? &*atom.value : nullptr);
    for (const dsl::ast::Expr* term : terms) {
        PatternColumn column;
        const dsl::ast::Variable* variable = term ? dsl::asVariable(*term) : nullptr;
        if (!term || (variable && variable->isAnonymous())) {
            // `_`, or the value of a keyed relation left out: any value
        } else if (variable) {
            auto found = std::find(pattern.variables.begin(), pattern.variables.end(), variable->name);
            column.variable = static_cast<int>(found - pattern.variables.begin());
            if (found == pattern.variables.end()) pattern.variables.push_back(variable->name);
        } else if (dsl::isConstant(*term)) {
            column.constant = lowerConstant(*term, plan_.symbols);
        } else {
            diagnostics.error(dsl::spanOf(*term), "query arguments are constants, variables or '_'");
            return std::nullopt;
        }
        pattern.columns.push_back(column);
    }
    if (patternOut) *patternOut = pattern;
    if (*id >= relations_.size()) return std::vector<QueryRow>{};
    return match(relations_[*id], pattern, plan_.symbols);
}

std::optional<std::pair<RelationId, Tuple>> Engine::parseFact(const std::string& text, dsl::Diagnostics& diagnostics) {
    Pattern pattern;
    if (!query(text, diagnostics, &pattern)) return std::nullopt;
    Tuple tuple;
    for (const PatternColumn& column : pattern.columns) {
        if (!column.constant) {
            diagnostics.fileError("<fact>", fmt::format("'{}' is not a ground fact: every argument must be a constant", text));
            return std::nullopt;
        }
        tuple.push_back(*column.constant);
    }
    return std::pair{pattern.relation, std::move(tuple)};
}

std::string Engine::describe(const EvaluationError& error) const {
    auto ruleText = [&](RuleId rule) -> const RuleDescription* {
        return rule < catalog_.rules.size() ? &catalog_.rules[rule] : nullptr;
    };
    std::string out;
    if (const RuleDescription* rule = ruleText(error.rule())) {
        out = fmt::format("{}: error: {}\n    {}\n", rule->location, error.what(), rule->text);
    } else {
        out = fmt::format("error: {}\n", error.what());
    }
    if (const RuleDescription* other = ruleText(error.otherRule())) {
        out += fmt::format("{}: note: the other value comes from this rule\n    {}\n", other->location, other->text);
    }
    return out;
}

}  // namespace accord::engine
