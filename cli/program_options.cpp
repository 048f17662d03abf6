// Loading and running for the evaluating commands (see program_options.hpp).
#include "cli/program_options.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "cli/diagnostic_output.hpp"
#include "cli/progress_line.hpp"
#include "accord/dsl/date.hpp"

namespace accord::cli {

std::string checkDate(const std::string& text) { return dsl::parseDate(text) ? std::string() : "expected a date YYYY-MM-DD"; }

void addEvaluationOptions(CLI::App& command, EvaluationOptions& options) {
    options.command = &command;
    command.add_option("--as-of", options.asOf, "Evaluate with the facts and rules valid on this date (YYYY-MM-DD; default today)")
        ->check(checkDate);
    command.add_flag("--no-provenance", options.noProvenance, "Do not keep derivations (faster; no explanations)");
    command.add_flag("--allow-include-outside", options.allowIncludeOutside, "Let includes reach outside the named directories");
    command.add_option("--max-facts", options.maxFacts, "Stop when the run holds more facts than this")->capture_default_str();
    command.add_option("--max-iterations", options.maxIterations, "Stop a recursion after this many rounds")->capture_default_str();
    command.add_option("--max-seconds", options.maxSeconds, "Stop a run after this many seconds (0: no limit)");
    command
        .add_option("--threads", options.threads,
                    "Split a rule's run across this many threads (default: one per core); the conclusions are the same")
        ->option_text("N")
        ->check([](const std::string& text) {
            std::size_t threads = 0;
            bool number = !text.empty() && text.find_first_not_of("0123456789") == std::string::npos && text.size() < 5;
            if (number) threads = std::stoul(text);
            return threads >= 1 && threads <= 256 ? std::string() : "expected a number of threads from 1 to 256";
        });
    command
        .add_option_function<double>(
            "--min-confidence", [&options](double value) { options.minConfidence = value; },
            "Facts and conclusions less likely than this do not hold, for the rules that read them too (0 to 1; replaces "
            "the program's threshold)")
        ->check(CLI::Range(0.0, 1.0));
    command.add_option("--kb", options.kb, "The knowledge base, used when no rule files are named")->capture_default_str();
    command.add_option("--facts", options.factFiles, "Load RELATION=FILE (.csv with a header, else tab-separated); repeatable")
        ->allow_extra_args(false)  // one file per --facts: the query after it is not a file
        ->check([](const std::string& text) {
            return text.find('=') == std::string::npos || text.front() == '=' ? "expected RELATION=FILE" : std::string();
        });
}

bool refuseIgnoredOptions(const EvaluationOptions& options, const OptionUse& use, CommandOutput& output) {
    std::vector<std::string> errors;
    bool fromKnowledgeBase = options.files.empty();
    if (!fromKnowledgeBase && options.given("--kb")) {
        errors.push_back("--kb: rule files were named, so no knowledge base is read (name no files to use it)");
    }
    if (!fromKnowledgeBase && options.given("--from-scratch"))
        errors.push_back("--from-scratch: rule files are always evaluated from scratch");
    if (fromKnowledgeBase && options.given("--allow-include-outside")) {
        errors.push_back("--allow-include-outside: the knowledge base's program was checked when it was loaded");
    }
    if (use.explains && options.given("--no-provenance")) errors.push_back("--no-provenance: explanations need the derivations it drops");
    if (use.evaluatesEveryDate && options.given("--as-of")) {
        errors.push_back("--as-of: this command chooses the dates it evaluates (see its --help)");
    }
    if (use.readsStoredConclusions && fromKnowledgeBase && options.asOf.empty()) {
        for (const char* name : {"--no-provenance", "--max-facts", "--max-iterations", "--max-seconds", "--threads", "--facts",
                                 "--min-confidence", "--all-rules"}) {
            if (!options.given(name)) continue;
            errors.push_back(
                fmt::format("{}: the answers are read from the conclusions the last run stored, so nothing is evaluated "
                            "(give --as-of DATE to evaluate the knowledge base's program and facts)",
                            name));
        }
    }
    for (const std::string& error : errors) output.error(error);
    return errors.empty();
}

bool loadProgram(engine::Engine& engine, const EvaluationOptions& options, kb::KnowledgeBase* knowledgeBase, bool withAssertedFacts,
                 dsl::Diagnostics& diagnostics) {
    if (options.files.empty()) {
        if (!knowledgeBase->loadProgram(engine, diagnostics)) return false;
        if (withAssertedFacts) knowledgeBase->loadAssertedFacts(engine);
    } else {
        dsl::LoadOptions load;
        load.allowIncludeOutsideRoot = options.allowIncludeOutside;
        if (!engine.loadFiles(options.files, diagnostics, load)) return false;
    }
    for (const std::string& spec : options.factFiles) {
        std::size_t equals = spec.find('=');
        if (!engine.loadFactFile(spec.substr(0, equals), spec.substr(equals + 1), diagnostics)) return false;
    }
    return true;
}

bool loadForEvaluation(engine::Engine& engine, const EvaluationOptions& options, const std::string& query, engine::Pattern& pattern,
                       CommandOutput& output) {
    std::optional<kb::KnowledgeBase> knowledgeBase;
    if (options.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(options.kb, /*create=*/false));
    dsl::Diagnostics diagnostics;
    bool loaded = loadProgram(engine, options, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/true, diagnostics);
    if (loaded && !query.empty()) loaded = engine.query(query, diagnostics, &pattern).has_value();
    output.diagnostics(diagnostics, engine.sources());
    return loaded && requireOneAtom(pattern, output);
}

bool requireOneAtom(const engine::Pattern& pattern, CommandOutput& output) {
    if (!pattern.conditions) return true;
    output.error(
        "this takes one atom, such as `vote(A, rutte) = V`; several conditions are for `query` (without --over), `why`, `why-not` and "
        "`what-if`");
    return false;
}

bool questionFollowsFiles(const std::string& question, const EvaluationOptions& options, CommandOutput& output) {
    std::error_code error;
    if (!options.files.empty() || !std::filesystem::exists(question, error)) return true;
    output.error(fmt::format("'{}' names rule files, and no question follows: write it after them: `accord {} {} 'relation(X)'`", question,
                             output.command(), question));
    return false;
}

std::string takeQuestion(const std::vector<std::string>& arguments, EvaluationOptions& options) {
    options.files.assign(arguments.begin(), arguments.end() - 1);  // CLI11 has made sure there is one
    return arguments.back();
}

void addQuestionArguments(CLI::App& command, std::vector<std::string>& arguments, const std::string& question) {
    command.add_option("arguments", arguments, "Rule files or directories (none: the knowledge base), then " + question)->required();
}

int reportingErrors(CommandOutput& output, const engine::Engine& engine, const nlohmann::ordered_json& fields,
                    const std::function<int()>& body) {
    try {
        return body();
    } catch (const engine::EvaluationError& error) {
        output.renderedError(engine.describe(error));
    } catch (const kb::DatabaseError& error) {
        output.error(error.what());
    }
    return output.finish(1, "", fields);
}

namespace {

/// "stratum 3 of 12, round 5: 1,234,567 facts, 410,000 a second".
std::string runProgressText(const engine::RunProgress& where) {
    std::string text = fmt::format("evaluating: stratum {} of {}", where.stratum, where.strata);
    if (where.round > 1) text += fmt::format(", round {}", where.round);
    text += fmt::format(": {} facts", ProgressLine::count(where.facts));
    if (where.seconds > 0) text += fmt::format(", {} a second", ProgressLine::count(static_cast<std::size_t>(where.facts / where.seconds)));
    return text;
}

}  // namespace

engine::RunOptions runOptionsOf(const EvaluationOptions& options) {
    engine::RunOptions run;
    run.asOf = options.asOf.empty() ? dsl::today().days : dsl::parseDate(options.asOf)->days;
    run.provenance = !options.noProvenance;
    run.maxFacts = options.maxFacts;
    run.threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    run.maxIterations = options.maxIterations;
    run.maxSeconds = options.maxSeconds;
    run.minConfidence = options.minConfidence;
    return run;
}

engine::RunStats runFor(engine::Engine& engine, const std::string& query, const engine::RunOptions& options, bool explains) {
    dsl::Diagnostics diagnostics;  // the query is read again, and its errors said, when it is answered
    std::optional<engine::Pattern> pattern = query.empty() ? std::nullopt : engine.queryPattern(query, diagnostics);
    if (!pattern) return engine.run(options);
    return explains ? engine.runToExplain(*pattern, options) : engine.runFor(*pattern, options);
}

LoadAndRunResult loadAndRun(engine::Engine& engine, const EvaluationOptions& options, const GlobalOptions& global, CommandOutput* output,
                            const std::string& forQuery, bool explains) {
    CommandOutput textOutput("", OutputFormat::Text, global);
    CommandOutput& out = output ? *output : textOutput;
    dsl::Diagnostics diagnostics;
    std::optional<kb::KnowledgeBase> knowledgeBase;
    bool loaded = false;
    try {
        if (options.files.empty()) knowledgeBase.emplace(kb::KnowledgeBase::open(options.kb, /*create=*/false));
        loaded = loadProgram(engine, options, knowledgeBase ? &*knowledgeBase : nullptr, /*withAssertedFacts=*/false, diagnostics);
    } catch (const kb::DatabaseError& error) {
        out.error(error.what());
        return {std::nullopt, 1, std::nullopt};
    }
    // Rule files' warnings are shown (a misspelt relation is a warning, and its rule never
    // fires); a knowledge base's program showed its own when it was loaded.
    const bool showWarnings = !options.files.empty() || global.verbosity > 0;
    if (!loaded || diagnostics.errorCount() > 0 || (diagnostics.warningCount() > 0 && showWarnings)) {
        out.diagnostics(diagnostics, engine.sources());
    }
    if (!loaded) return {std::nullopt, 1, std::nullopt};

    engine::RunOptions run = runOptionsOf(options);
    ProgressLine progress(global);
    if (progress.enabled())
        run.onProgress = [&](const engine::RunProgress& where) { progress.update([&] { return runProgressText(where); }); };
    try {
        if (knowledgeBase) {
            kb::RunReport report = knowledgeBase->run(engine, run, options.fromScratch);
            engine::RunStats stats = report.stats;
            return {std::move(stats), 0, std::move(report)};
        }
        return {runFor(engine, forQuery, run, explains), 0, std::nullopt};
    } catch (const engine::EvaluationError& error) {
        progress.clear();
        out.renderedError(engine.describe(error));
        return {std::nullopt, 1, std::nullopt};
    } catch (const kb::DatabaseError& error) {
        progress.clear();
        out.error(fmt::format("{} (the knowledge base is left as it was)", error.what()));
        return {std::nullopt, 1, std::nullopt};
    }
}

}  // namespace accord::cli
