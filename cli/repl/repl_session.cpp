// The repl's session (see repl_session.hpp).
#include "cli/repl/repl_session.hpp"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include <fmt/format.h>

#include "cli/diagnostic_output.hpp"
#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/fact_records.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/explain/needs.hpp"
#include "accord/engine/explain/needs_format.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/plan/dependencies.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "accord/engine/text/hypothesis_text.hpp"
#include "accord/engine/value_format.hpp"
#include "accord/kb/knowledge_base.hpp"

namespace accord::cli {
namespace {

struct Command {
    const char* name;
    const char* usage;
};

const Command kCommands[] = {
    {":why", ":why CONDITIONS         the proof of each matching fact, or what each row rests on"},
    {":why-not", ":why-not CONDITIONS     why a fact (or several conditions) does not hold"},
    {":what-if", ":what-if +FACT. -FACT.  the conclusions a change would add, remove or change"},
    {":needs", ":needs FACT             the smallest changes of facts that make it hold (as `accord needs`)"},
    {":timeline", ":timeline ATOM          when the matching conclusions changed, and which facts changed them"},
    {":retract", ":retract FACT           remove a fact from the session (from its files, typed, or the knowledge base)"},
    {":load", ":load FILE              add a rule file or directory to the session"},
    {":as-of", ":as-of YYYY-MM-DD       evaluate as of a date (default today)"},
    {":program", ":program                what was typed and retracted so far"},
    {":help", ":help                   this list"},
    {":quit", ":quit                   end the session (also :q, or end of input)"},
};

std::string trim(const std::string& text) {
    std::size_t begin = text.find_first_not_of(" \t"), end = text.find_last_not_of(" \t");
    return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

std::string withoutPeriod(std::string text) {
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

}  // namespace

ReplSession::ReplSession(ReplProgram program, const GlobalOptions& global)
    : program_(std::move(program)), global_(global), asOf_(dsl::today().days) {}

/// The stored program, with what was typed as one more file, and the asserted facts.
bool ReplSession::loadFromKnowledgeBase(engine::Engine& engine, const std::string& typed, dsl::Diagnostics& diagnostics) {
    kb::KnowledgeBase knowledgeBase = kb::KnowledgeBase::open(program_.kb, /*create=*/false);
    auto files = knowledgeBase.programFiles();
    if (files.empty()) {
        diagnostics.fileError(program_.kb, "the knowledge base has no rules yet", "load them with `accord load RULES...`");
        return false;
    }
    if (!typed.empty()) files.emplace_back("<repl>", typed);
    if (!engine.loadTexts(files, diagnostics)) return false;
    knowledgeBase.loadAssertedFacts(engine);
    return true;
}

std::unique_ptr<engine::Engine> ReplSession::load(const std::string& typed) {
    auto engine = std::make_unique<engine::Engine>();
    dsl::Diagnostics diagnostics;
    bool ok = false;
    try {
        if (!program_.kb.empty()) {
            ok = loadFromKnowledgeBase(*engine, typed, diagnostics);
        } else {
            ok = typed.empty() ? engine->loadFiles(program_.files, diagnostics)
                               : engine->loadFilesAndText(program_.files, "<repl>", typed, diagnostics);
        }
    } catch (const std::exception& error) {  // no such knowledge base, or not one
        diagnostics.fileError(program_.kb, error.what());
    }
    if (!ok || diagnostics.errorCount() > 0) {
        printDiagnostics(diagnostics, engine->sources(), global_);
        return nullptr;
    }
    printNewWarnings(diagnostics, engine->sources());
    for (const std::string& text : retracted_) {
        if (auto parsed = engine->parseFact(text, diagnostics))
            engine->removeFact(engine->plan().relations[parsed->first].name, parsed->second);
    }
    return engine;
}

/// Each program is loaded again at every change: its warnings are shown once, when first met.
void ReplSession::printNewWarnings(const dsl::Diagnostics& diagnostics, const dsl::SourceManager& sources) {
    dsl::Diagnostics fresh;
    for (const dsl::Diagnostic& diagnostic : diagnostics.items()) {
        std::string where = diagnostic.span ? dsl::describeLocation(*diagnostic.span, sources) : diagnostic.path;
        if (warningsShown_.insert(where + ": " + diagnostic.message).second) fresh.add(diagnostic);
    }
    if (!fresh.items().empty()) printDiagnostics(fresh, sources, global_);
}

bool ReplSession::rebuild(const std::string& typed) {
    auto engine = load(typed);
    if (!engine) return false;
    try {
        engine->run({.asOf = asOf_});
    } catch (const engine::EvaluationError& error) {
        fmt::print(stderr, "{}", engine->describe(error));
        return false;
    }
    engine_ = std::move(engine);
    typed_ = typed;
    return true;
}

std::vector<std::string> ReplSession::words() const {
    std::vector<std::string> words;
    for (const Command& command : kCommands) words.emplace_back(command.name);
    if (engine_) {
        for (const engine::RelationPlan& relation : engine_->plan().relations) words.push_back(relation.name);
    }
    return words;
}

void ReplSession::handle(const std::string& line) {
    std::string text = trim(line);
    if (text.empty() || text.front() == '#') return;
    if (text.rfind("?-", 0) == 0) return query(trim(text.substr(2)));
    if (text.front() != ':') {
        forgetRetraction(text);
        if (!rebuild(typed_ + text + (text.back() == '.' ? "\n" : ".\n"))) fmt::print("(not added)\n");
        return;
    }
    std::string command = text.substr(0, text.find(' '));
    std::string argument = text.size() > command.size() ? trim(text.substr(command.size())) : "";
    if (command == ":help") {
        fmt::print(
            "  FACT.  or  RULE.        add to the session's program, e.g. backs(france, rutte).\n"
            "  ?- CONDITIONS.          query, e.g. ?- vote(A, rutte) = V and eu_member(A).\n");
        for (const Command& known : kCommands) fmt::print("  {}\n", known.usage);
    } else if (command == ":why") {
        why(argument);
    } else if (command == ":why-not") {
        whyNot(argument);
    } else if (command == ":what-if") {
        whatIf(argument);
    } else if (command == ":needs") {
        needs(argument);
    } else if (command == ":timeline") {
        timeline(argument);
    } else if (command == ":retract") {
        retract(argument);
    } else if (command == ":load") {
        if (argument.empty()) {
            fmt::print("give the rule file or directory to load: :load FILE\n");
            return;
        }
        if (!program_.kb.empty()) {
            fmt::print("the session's program is the knowledge base's: type its additions, or start `accord repl FILES` instead\n");
            return;
        }
        program_.files.push_back(argument);
        if (!rebuild(typed_)) program_.files.pop_back();
    } else if (command == ":as-of") {
        auto date = dsl::parseDate(argument);
        if (!date) {
            fmt::print("expected a date YYYY-MM-DD\n");
            return;
        }
        std::int32_t previous = asOf_;
        asOf_ = date->days;
        if (!rebuild(typed_)) asOf_ = previous;
    } else if (command == ":program") {
        fmt::print("{}", typed_);
        for (const std::string& fact : retracted_) fmt::print("(retracted) {}.\n", fact);
    } else {
        fmt::print("unknown command {} (:help lists them)\n", command);
    }
}

/// A fact typed again after `:retract` is back in the session, whatever its annotations.
void ReplSession::forgetRetraction(const std::string& text) {
    dsl::Diagnostics quiet;  // not facts (a rule): nothing to forget
    dsl::SourceManager sources;
    auto typed = engine::parseFactStatements(engine::withFinalPeriod(text), "<repl>", engine_->plan(), engine_->symbols(), sources, quiet);
    if (!typed) return;
    for (const engine::ParsedFact& fact : *typed) {
        std::erase_if(retracted_, [&](const std::string& retracted) {
            auto key = engine_->parseFact(retracted, quiet);
            return key && key->first == fact.relation && key->second == fact.row.tuple;
        });
    }
}

std::optional<engine::FactKey> ReplSession::fact(const std::string& text) {
    dsl::Diagnostics diagnostics;
    auto parsed = engine_->parseFact(withoutPeriod(text), diagnostics);
    if (!parsed) {
        printDiagnostics(diagnostics, engine_->sources(), global_);
        return std::nullopt;
    }
    return engine::FactKey{parsed->first, parsed->second};
}

void ReplSession::query(const std::string& text) {
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    auto rows = engine_->query(withoutPeriod(text), diagnostics, &pattern);
    printDiagnostics(diagnostics, engine_->sources(), global_);  // an error, or why nothing matched
    if (!rows) return;
    for (const engine::QueryRow& row : *rows) {
        std::string bindings = engine::formatBindings(pattern.variables, row.values, engine_->symbols());
        fmt::print("{}{}\n", bindings.empty() ? "true" : bindings,
                   row.confidence < 1 ? fmt::format("  ({})", engine::formatConfidence(row.confidence)) : "");
    }
    if (rows->empty()) fmt::print("false\n");
}

/// `:why` of a fact, a pattern (`blocker(A, rutte)`) or several conditions: the proof of
/// each matching fact, or what each row rests on (at most 20, as `accord why`).
void ReplSession::why(const std::string& text) {
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    auto rows = engine_->query(withoutPeriod(text), diagnostics, &pattern);
    printDiagnostics(diagnostics, engine_->sources(), global_);
    if (!rows) return;
    if (rows->empty()) fmt::print("nothing matches: `:why-not` says why\n");
    engine::EngineFactRecords records(*engine_);
    constexpr std::size_t kShown = 20, kDepth = 12;
    for (std::size_t r = 0; r < rows->size() && r < kShown; ++r) {
        const engine::QueryRow& row = (*rows)[r];
        if (pattern.conditions) {
            std::string bindings = engine::formatBindings(pattern.variables, row.values, engine_->symbols());
            fmt::print("{}", engine::formatRowProofsText(bindings, row.confidence, engine::proofsOfRow(records, *engine_, row, kDepth)));
            continue;
        }
        engine::TupleView tuple = engine_->relations()[pattern.relation].tuple(row.tuple);
        engine::FactKey key{pattern.relation, engine::Tuple(tuple.begin(), tuple.end())};
        fmt::print("{}", engine::formatProofText(engine::buildProof(records, *engine_, key, kDepth)));
    }
    if (rows->size() > kShown) fmt::print("({} more)\n", rows->size() - kShown);
}

void ReplSession::whyNot(const std::string& text) {
    engine::EngineFactRecords records(*engine_);
    const std::string goal = withoutPeriod(text);
    dsl::Diagnostics quiet;  // not a pattern: the question is read as a fact, and its errors shown then
    engine::Pattern pattern;
    const bool withVariables =
        engine::isOneAtom(goal) && engine_->query(goal, quiet, &pattern) &&
        std::any_of(pattern.columns.begin(), pattern.columns.end(), [](const engine::PatternColumn& c) { return !c.constant; });
    if (!engine::isOneAtom(goal) || withVariables) {  // several conditions, or one atom with variables
        dsl::Diagnostics diagnostics;
        auto whyNot = engine::explainConditionsWhyNot(*engine_, records, goal, asOf_, 1, diagnostics);
        printDiagnostics(diagnostics, engine_->sources(), global_);
        if (whyNot) fmt::print("{}", engine::formatWhyNotText(*whyNot));
        return;
    }
    auto key = fact(goal);
    if (!key) return;
    fmt::print("{}", engine::formatWhyNotText(engine::explainWhyNot(*engine_, records, *key, asOf_, 1)));
}

/// `:what-if +backs(romania, rutte). -nominated_by(iohannis, romania).`: a scenario
/// written on one line (engine/text/hypothesis_text.hpp), annotations and all.
void ReplSession::whatIf(const std::string& text) {
    engine::Hypothesis hypothesis;
    dsl::SourceManager sources;
    dsl::Diagnostics diagnostics;
    if (!engine::readScenarioText("<:what-if>", engine::withFinalPeriod(text), *engine_, sources, diagnostics, hypothesis)) {
        return printDiagnostics(diagnostics, sources, global_);
    }
    std::vector<std::string> notFound;
    try {
        auto changes = engine::whatIfInMemory(*engine_, {.asOf = asOf_}, hypothesis, &notFound);
        for (const std::string& fact : notFound) fmt::print("({} is not a fact: removing it changes nothing)\n", fact);
        fmt::print("{}", engine::formatChanges(changes));
        fmt::print("{} change{} (the session is unchanged)\n", changes.size(), changes.size() == 1 ? "" : "s");
    } catch (const engine::EvaluationError& error) {
        fmt::print("{}", engine_->describe(error));
    }
    rebuild(typed_);  // back to the conclusions of the session's own facts
}

/// `:needs vote(turkey, rutte) = approve`: the search of `accord needs`, with its default
/// bounds, over the session's program as it is.
void ReplSession::needs(const std::string& text) {
    const std::string goal = withoutPeriod(text);
    if (!fact(goal)) return;
    engine::NeedsOptions search;
    search.assumable = engine::defaultAssumable(engine_->plan());
    search.run.asOf = asOf_;
    try {
        auto result = engine::searchNeeds(
            [&] {
                auto engine = load(typed_);
                if (!engine) throw std::runtime_error("the session's program could not be loaded again");
                return engine;
            },
            goal, search);
        fmt::print("{}", engine::needsText(result, goal, dsl::formatDate(dsl::Date{asOf_}), search.maxChanges));
    } catch (const engine::EvaluationError& error) {
        fmt::print("{}", engine_->describe(error));
    } catch (const std::runtime_error& error) {  // its files or knowledge base changed meanwhile
        fmt::print("{}\n", error.what());
    }
}

/// `:timeline vote(A, rutte) = V`: as `accord timeline`, over the session's program.
void ReplSession::timeline(const std::string& text) {
    dsl::Diagnostics diagnostics;
    engine::Pattern pattern;
    if (!engine_->query(withoutPeriod(text), diagnostics, &pattern)) return printDiagnostics(diagnostics, engine_->sources(), global_);
    if (pattern.conditions) {
        fmt::print("a timeline follows one atom, such as vote(A, rutte) = V\n");
        return;
    }
    if (engine::readsToday(engine_->plan(), pattern.relation)) {
        fmt::print("the rules behind it read `today`, so its conclusions may change on any date, which a timeline does not follow\n");
        return;
    }
    const std::size_t maxDates = 500;
    bool truncated = false;
    try {
        auto timelines = engine::buildTimelines(*engine_, pattern, {.asOf = asOf_}, maxDates, &truncated);
        fmt::print("{}", engine::formatTimelines(timelines));
        if (timelines.empty()) fmt::print("nothing matches on any date\n");
        if (truncated) fmt::print("(more than {} dates: the latest were left out; `accord timeline --max-dates` shows more)\n", maxDates);
    } catch (const engine::EvaluationError& error) {
        fmt::print("{}", engine_->describe(error));
    }
    rebuild(typed_);  // the timeline evaluated other dates
}

/// `:retract backs(france, rutte)`: the fact leaves the session, wherever it came from.
void ReplSession::retract(const std::string& text) {
    const std::string fact = withoutPeriod(text);
    auto key = this->fact(fact);
    if (!key) return;
    const std::string name = engine_->plan().relations[key->relation].name;
    auto probe = load(typed_);
    if (!probe || probe->removeFact(name, key->tuple) == 0) {
        fmt::print("{} is not a fact of the session: nothing retracted\n", fact);
        return;
    }
    retracted_.push_back(fact);
    if (!rebuild(typed_)) {
        retracted_.pop_back();
        return;
    }
    fmt::print("retracted {}\n", fact);
}

}  // namespace accord::cli
