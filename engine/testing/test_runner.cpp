// Running tests (see test_runner.hpp).
#include "accord/engine/testing/test_runner.hpp"

#include <algorithm>
#include <cstring>
#include <optional>
#include <set>
#include <exception>

#include <fmt/format.h>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/build_proof.hpp"
#include "accord/engine/explain/hypothesis.hpp"
#include "accord/engine/explain/needs.hpp"
#include "accord/engine/explain/proof_format.hpp"
#include "accord/engine/explain/why_not.hpp"
#include "accord/engine/explain/why_not_format.hpp"
#include "accord/engine/text/query_conditions.hpp"
#include "accord/engine/text/hypothesis_text.hpp"
#include "accord/engine/value_format.hpp"

namespace accord::engine {
namespace {

/// Levels of the why-not shown beside an expectation that does not hold.
constexpr std::size_t kWhyNotDepth = 2;
constexpr std::size_t kProofDepth = 12;

/// `A = romania,  C = rutte` and `A = romania, C = rutte` are the same row.
std::string normalized(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '\t') {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            if (c == ',' && !out.empty() && out.back() == ' ') out.pop_back();
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

bool mentions(const ProofStep& step, const std::string& fact, const std::string& rule) {
    if (!fact.empty() && step.fact == fact) return true;
    if (!rule.empty() && step.rule && step.rule->name == rule) return true;
    return std::any_of(step.premises.begin(), step.premises.end(), [&](const ProofStep& p) { return mentions(p, fact, rule); });
}

/// The model no longer loads (its files changed while the tests ran).
struct ModelReloadFailed : std::exception {};

/// `not X` of one atom: the atom, which must not hold at all. (As a condition, `not X`
/// holds with 1 - c when X holds with confidence c: `expect not X` would pass beside
/// `expect X`.)
std::optional<std::string> negatedAtom(const std::string& conditions) {
    for (const char* word : {"not ", "no "}) {
        if (conditions.starts_with(word) && isOneAtom(conditions.substr(std::strlen(word)))) return conditions.substr(std::strlen(word));
    }
    return std::nullopt;
}

/// `+ FACT.` or `- FACT.` in place: two columns before the fact, where `given`'s or
/// `without`'s last letters were, so that diagnostics point into the test file.
std::string scenarioLine(const TestText& fact, const char* sign) {
    return std::string(fact.line - 1, '\n') + std::string(fact.column - 3, ' ') + sign + " " + fact.text;
}

/// The atom of `expect not ATOM`, where it stands after the `not `.
TestText absentAtom(const TestText& conditions, const std::string& atom) {
    TestText text = conditions;
    text.column += conditions.text.size() - atom.size();
    text.text = atom;
    return text;
}

class TestRunner {
public:
    TestRunner(Engine& engine, TestDiagnostics& diagnostics, const ModelLoader& loadModel)
        : engine_(engine), diagnostics_(diagnostics), loadModel_(loadModel) {
        coverage_.rulesFired.assign(engine.plan().rules.size(), false);
        coverage_.factsUsed.assign(engine.catalog().facts.size(), false);
    }

    const TestCoverage& coverage() const { return coverage_; }

    TestResult run(const TestFile& file, const TestCase& test) {
        TestResult result{file.path, test.name, test.line, test.asOf, false, {}};
        path_ = file.path;
        asOf_ = test.asOf;
        const std::size_t errors = diagnostics_.errorCount();
        try {
            if (!evaluate(test, result)) return result;
            for (const Expectation& expectation : test.expectations) {
                if (auto failure = check(expectation)) result.failures.push_back(std::move(*failure));
            }
        } catch (const EvaluationError& error) {  // a clash or an overflow in this test's facts: the other tests go on
            evaluatedAsOf_.reset();
            result.failures.push_back({{"", test.line, 1}, "its evaluation fails", engine_.describe(error)});
        }
        result.passed = result.failures.empty() && diagnostics_.errorCount() == errors;
        return result;
    }

private:
    /// The conclusions as of the test's date, with its facts changed: false (and a
    /// failure) when its facts cannot be read, or a fact it removes is not there.
    bool evaluate(const TestCase& test, TestResult& result) {
        scenario_.clear();
        if (test.given.empty() && test.without.empty()) {
            if (evaluatedAsOf_ != test.asOf) record(engine_.run({.asOf = test.asOf}));
            evaluatedAsOf_ = test.asOf;
            return true;
        }
        Hypothesis hypothesis;
        bool read = true;
        auto add = [&](const TestText& fact, const char* sign) {
            std::string text = scenarioLine(fact, sign);
            scenario_.push_back(text);
            read = readScenarioText(path_, text, engine_, diagnostics_.factSources, diagnostics_.facts, hypothesis) && read;
        };
        for (const TestText& fact : test.given) add(fact, "+");
        for (const TestText& fact : test.without) add(fact, "-");
        evaluatedAsOf_.reset();  // the conclusions are this test's own
        if (!read) {
            result.failures.push_back({{"", test.line, 1}, "its facts have errors (above)", ""});
            return false;
        }
        std::vector<std::string> notFound;
        record(evaluateSituation(engine_, {.asOf = test.asOf}, {test.asOf, hypothesis}, notFound));
        for (const std::string& fact : notFound) {
            result.failures.push_back({{"", test.line, 1}, fmt::format("it removes {}, which the model does not have", fact), ""});
        }
        return notFound.empty();
    }

    /// The rules that fired in an evaluation, and the facts its conclusions rest on.
    void record(const RunStats& stats) {
        for (RuleId rule = 0; rule < stats.rules.size() && rule < coverage_.rulesFired.size(); ++rule) {
            if (stats.rules[rule].derivations > 0) coverage_.rulesFired[rule] = true;
        }
        for (const Relation& relation : engine_.relations()) {
            for (TupleId id = 0; id < relation.size(); ++id) {
                for (const FactRef& premise : relation.premisesOf(id)) markUsed(premise);
            }
        }
    }

    /// A fact of the program that an answer or a conclusion rests on (not one a test added).
    void markUsed(const FactRef& ref) {
        const Relation& relation = engine_.relations()[ref.relation];
        if (ref.tuple == kNoTuple || !relation.keepsDerivations()) return;
        const Derivation& derivation = relation.derivation(ref.tuple);
        if (derivation.isFact() && derivation.fact() < coverage_.factsUsed.size()) coverage_.factsUsed[derivation.fact()] = true;
    }

    std::optional<ExpectationFailure> check(const Expectation& expectation) {
        if (expectation.kind == Expectation::Kind::Needs) return checkNeeds(expectation);
        if (auto negated = negatedAtom(expectation.conditions.text); negated && expectation.kind == Expectation::Kind::Holds) {
            if (expectation.atLeast || expectation.because) {
                return ExpectationFailure{expectation.conditions, "a confidence or `because` is for what holds, not for `not`", ""};
            }
            return checkAbsent(expectation, *negated);
        }
        Pattern pattern;
        auto rows = engine_.query(inPlace(expectation.conditions), diagnostics_.conditions, &pattern, path_);
        if (!rows) return ExpectationFailure{expectation.conditions, "the conditions have errors (above)", ""};
        for (const QueryRow& row : *rows) {
            for (const FactRef& premise : row.premises) markUsed(premise);
            if (!pattern.conditions) markUsed({pattern.relation, row.tuple});
        }
        if (expectation.kind == Expectation::Kind::Exactly) return checkRows(expectation, pattern, *rows);
        if (rows->empty()) return ExpectationFailure{expectation.conditions, "it does not hold", whyNot(expectation.conditions.text)};
        const QueryRow& best =
            *std::max_element(rows->begin(), rows->end(), [](const QueryRow& a, const QueryRow& b) { return a.confidence < b.confidence; });
        if (expectation.atLeast && best.confidence < *expectation.atLeast) {
            return ExpectationFailure{expectation.conditions,
                                      fmt::format("it holds with confidence {}, below {}", formatConfidence(best.confidence),
                                                  formatConfidence(*expectation.atLeast)),
                                      proofText(pattern, best)};
        }
        if (expectation.because) return checkBecause(expectation, pattern, *rows, best);
        return std::nullopt;
    }

    std::optional<ExpectationFailure> checkAbsent(const Expectation& expectation, const std::string& atom) {
        Pattern pattern;
        auto rows = engine_.query(inPlace(absentAtom(expectation.conditions, atom)), diagnostics_.conditions, &pattern, path_);
        if (!rows) return ExpectationFailure{expectation.conditions, "the conditions have errors (above)", ""};
        if (rows->empty()) return std::nullopt;
        return ExpectationFailure{
            expectation.conditions,
            fmt::format("{} holds{}", atom,
                        (*rows)[0].confidence < 1 ? fmt::format(" (confidence {})", formatConfidence((*rows)[0].confidence)) : ""),
            proofText(pattern, (*rows)[0])};
    }

    std::optional<ExpectationFailure> checkRows(const Expectation& expectation, const Pattern& pattern, const std::vector<QueryRow>& rows) {
        std::set<std::string> expected, actual;
        for (const TestText& row : expectation.rows) expected.insert(normalized(row.text));
        for (const QueryRow& row : rows) actual.insert(normalized(formatBindings(pattern.variables, row.values, engine_.symbols())));
        std::string missing, unexpected;
        for (const std::string& row : expected) {
            if (!actual.count(row)) missing += "  missing:    " + row + "\n";
        }
        for (const std::string& row : actual) {
            if (!expected.count(row))
                unexpected += "  unexpected: " + (row.empty() ? std::string("(a row: the conditions hold)") : row) + "\n";
        }
        if (missing.empty() && unexpected.empty()) return std::nullopt;
        return ExpectationFailure{expectation.conditions,
                                  fmt::format("its rows are not the ones listed ({} row{})", rows.size(), rows.size() == 1 ? "" : "s"),
                                  missing + unexpected};
    }

    /// The proof of some row (as `accord why` shows it) rests on the fact or uses the rule;
    /// a failure shows the best row's.
    std::optional<ExpectationFailure> checkBecause(const Expectation& expectation, const Pattern& pattern,
                                                   const std::vector<QueryRow>& rows, const QueryRow& best) {
        const TestText& because = *expectation.because;
        std::string fact, rule;
        if (because.text.starts_with("rule ")) {
            rule = std::string(because.text.substr(5));
            const auto& rules = engine_.catalog().rules;
            if (std::none_of(rules.begin(), rules.end(), [&](const RuleDescription& r) { return r.name == rule; })) {
                return ExpectationFailure{because, fmt::format("the model has no rule named '{}'", rule), ""};
            }
        } else {
            auto key = engine_.parseFact(inPlace(because), diagnostics_.conditions, path_);
            if (!key) return ExpectationFailure{because, "`because` names no fact (see the errors above)", ""};
            const RelationPlan& relation = engine_.plan().relations[key->first];
            fact = formatFact(relation.name, key->second, relation.keyed, engine_.symbols());
        }
        for (const QueryRow& row : rows) {
            for (const ProofStep& proof : proofs(pattern, row)) {
                if (mentions(proof, fact, rule)) return std::nullopt;
            }
        }
        return ExpectationFailure{expectation.conditions,
                                  fmt::format("{} on {}", rows.size() == 1 ? "its proof does not rest" : "no proof of its rows rests",
                                              rule.empty() ? fact : "rule " + rule),
                                  proofText(pattern, best)};
    }

    /// `accord needs` of the goal, in the test's situation, finds an answer that holds the
    /// listed changes; or, for `finds nothing`, a complete search finds none.
    std::optional<ExpectationFailure> checkNeeds(const Expectation& expectation) {
        const TestText& goal = expectation.conditions;
        if (!loadModel_) return ExpectationFailure{goal, "`expect needs` cannot run here: nothing loads the model again", ""};
        if (!engine_.parseFact(inPlace(goal), diagnostics_.conditions, path_)) {
            return ExpectationFailure{goal, "`expect needs` takes one fact as its goal (see the errors above)", ""};
        }
        std::vector<FactChange> wanted;
        for (const TestChange& change : expectation.changes) {
            auto key = engine_.parseFact(inPlace(change.fact), diagnostics_.conditions, path_);
            if (!key) return ExpectationFailure{change.fact, "the change names no fact (see the errors above)", ""};
            const RelationPlan& relation = engine_.plan().relations[key->first];
            wanted.push_back(
                {change.add, {key->first, key->second}, formatFact(relation.name, key->second, relation.keyed, engine_.symbols())});
        }
        NeedsOptions options;
        options.assumable = defaultAssumable(engine_.plan());
        options.maxChanges = std::max(options.maxChanges, wanted.size());
        options.run.asOf = asOf_;
        NeedsResult found;
        try {
            found = searchNeeds([&] { return engineOfThisTest(); }, goal.text, options);
        } catch (const ModelReloadFailed&) {  // its files changed while the tests ran
            return ExpectationFailure{goal, "the model could not be loaded again for the search", ""};
        }
        if (found.alreadyHolds) return ExpectationFailure{goal, "it already holds, so nothing is needed", ""};
        auto holdsWanted = [&](const std::vector<FactChange>& answer) {
            return std::all_of(wanted.begin(), wanted.end(),
                               [&](const FactChange& change) { return std::find(answer.begin(), answer.end(), change) != answer.end(); });
        };
        if (wanted.empty() ? found.answers.empty() && found.complete()
                           : std::any_of(found.answers.begin(), found.answers.end(), holdsWanted)) {
            return std::nullopt;
        }
        std::string answers;
        for (const std::vector<FactChange>& answer : found.answers) answers += "  found: " + changesText(answer) + "\n";
        if (!found.complete()) answers += "  (the search was not complete: other answers may exist)\n";
        std::string message;
        if (!wanted.empty()) {
            message =
                found.answers.empty() ? "`needs` finds no answer" : fmt::format("no answer `needs` finds has {}", changesText(wanted));
        } else {
            message = found.answers.empty() ? "`needs` finds no answer, but its search was not complete"
                                            : fmt::format("`needs` finds {} answer{}, and none was expected", found.answers.size(),
                                                          found.answers.size() == 1 ? "" : "s");
        }
        return ExpectationFailure{goal, message, answers};
    }

    static std::string changesText(const std::vector<FactChange>& changes) {
        std::string text;
        for (const FactChange& change : changes)
            text += (text.empty() ? "" : " and ") + std::string(change.add ? "+ " : "- ") + change.text;
        return text;
    }

    /// A fresh engine with the model and this test's own facts: the search evaluates many.
    std::unique_ptr<Engine> engineOfThisTest() {
        std::unique_ptr<Engine> engine = loadModel_();
        if (!engine) throw ModelReloadFailed();
        Hypothesis hypothesis;
        dsl::SourceManager sources;
        dsl::Diagnostics reportedAlready;  // the facts were read for the test's own evaluation
        for (const std::string& text : scenario_) readScenarioText(path_, text, *engine, sources, reportedAlready, hypothesis);
        applyHypothesis(*engine, hypothesis);
        return engine;
    }

    std::vector<ProofStep> proofs(const Pattern& pattern, const QueryRow& row) {
        EngineFactRecords records(engine_);
        if (pattern.conditions) return proofsOfRow(records, engine_, row, kProofDepth);
        TupleView tuple = engine_.relations()[pattern.relation].tuple(row.tuple);
        return {buildProof(records, engine_, {pattern.relation, Tuple(tuple.begin(), tuple.end())}, kProofDepth)};
    }

    std::string proofText(const Pattern& pattern, const QueryRow& row) {
        std::string text;
        for (const ProofStep& proof : proofs(pattern, row)) text += formatProofText(proof);
        return text;
    }

    std::string whyNot(const std::string& conditions) {
        EngineFactRecords records(engine_);
        dsl::Diagnostics quiet;  // the conditions were read once already
        auto explained = explainConditionsWhyNot(engine_, records, conditions, asOf_, kWhyNotDepth, quiet);
        return explained ? formatWhyNotText(*explained) : "";
    }

    Engine& engine_;
    TestDiagnostics& diagnostics_;
    const ModelLoader& loadModel_;
    std::vector<std::string> scenario_;  ///< the test's `+ FACT` and `- FACT` lines, in place
    std::string path_;
    std::int32_t asOf_ = 0;
    std::optional<std::int32_t> evaluatedAsOf_;  ///< the date of the conclusions, when no test changed the facts
    TestCoverage coverage_;
};

}  // namespace

TestRun runTests(Engine& engine, const std::vector<TestFile>& files, const std::function<bool(const TestCase&)>& select,
                 TestDiagnostics& diagnostics, const ModelLoader& loadModel) {
    TestRunner runner(engine, diagnostics, loadModel);
    TestRun out;
    for (const TestFile& file : files) {
        for (const TestCase& test : file.tests) {
            if (select(test)) out.results.push_back(runner.run(file, test));
        }
    }
    out.coverage = runner.coverage();
    return out;
}

void checkTestText(Engine& engine, const TestFile& file, TestDiagnostics& diagnostics) {
    for (const TestCase& test : file.tests) {
        Hypothesis ignored;
        for (const TestText& fact : test.given) {
            readScenarioText(file.path, scenarioLine(fact, "+"), engine, diagnostics.factSources, diagnostics.facts, ignored);
        }
        for (const TestText& fact : test.without) {
            readScenarioText(file.path, scenarioLine(fact, "-"), engine, diagnostics.factSources, diagnostics.facts, ignored);
        }
        for (const Expectation& expectation : test.expectations) {
            const TestText& conditions = expectation.conditions;
            if (expectation.kind == Expectation::Kind::Needs) {
                engine.parseFact(inPlace(conditions), diagnostics.conditions, file.path);
                for (const TestChange& change : expectation.changes)
                    engine.parseFact(inPlace(change.fact), diagnostics.conditions, file.path);
                continue;
            }
            auto negated = expectation.kind == Expectation::Kind::Holds ? negatedAtom(conditions.text) : std::nullopt;
            engine.query(inPlace(negated ? absentAtom(conditions, *negated) : conditions), diagnostics.conditions, nullptr, file.path);
            if (expectation.because && !expectation.because->text.starts_with("rule ")) {
                engine.parseFact(inPlace(*expectation.because), diagnostics.conditions, file.path);
            }
        }
    }
}

}  // namespace accord::engine
