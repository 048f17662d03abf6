// A knowledge base from Python: store rules, assert and retract facts, run (storing the
// conclusions), read what the last run stored, and a Model of its program and facts to ask
// as of any date. Every write is one transaction, as with the commands. The database's
// errors (not a knowledge base, busy) reach Python as accord.Error (bindings.cpp).
#include "knowledge_base_binding.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <pybind11/stl.h>

#include "accord/accord.hpp"
#include "accord/engine/text/fact_statements.hpp"
#include "conversions.hpp"

namespace py = pybind11;

namespace accord::python {
namespace {

/// The knowledge base at `path`, named by its absolute path: a model of it asked for later
/// finds it whatever the working directory is then.
std::string absolutePath(const std::string& path) {
    std::error_code error;
    std::filesystem::path absolute = path.empty() ? std::filesystem::path() : std::filesystem::absolute(path, error);
    if (path.empty() || error) throw Error::plain(fmt::format("'{}': not a file name for a knowledge base", path));
    return absolute.string();
}

class KnowledgeBaseHandle {
public:
    KnowledgeBaseHandle(const std::string& path, bool create)
        : path_(absolutePath(path)), knowledgeBase_(kb::KnowledgeBase::open(path_, create)) {}

    void loadRules(const std::vector<std::string>& paths) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        if (!knowledgeBase_.loadRules(engine, paths, diagnostics)) throw Error::fromDiagnostics(diagnostics, engine.sources());
    }

    /// Asserts (retract: retracts) the facts of `text`; returns how many changed.
    std::size_t changeFacts(const std::string& text, bool retract) {
        dsl::SourceManager sources;
        dsl::Diagnostics diagnostics;
        std::size_t changed = 0;
        if (!knowledgeBase_.changeFacts(engine::withFinalPeriod(text), retract, sources, diagnostics, &changed)) {
            throw Error::fromDiagnostics(diagnostics, sources);
        }
        return changed;
    }

    /// `accord run`: evaluates the stored program and facts as of a date and stores the conclusions.
    py::dict run(const std::optional<std::string>& asOf, std::optional<double> minConfidence) {
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        if (!knowledgeBase_.loadProgram(engine, diagnostics)) throw Error::fromDiagnostics(diagnostics, engine.sources());
        engine::RunOptions options = runOptionsFor({asOf.value_or(""), minConfidence});
        kb::RunReport report;
        try {
            report = knowledgeBase_.run(engine, options);
        } catch (const engine::EvaluationError& error) {
            throw Error::fromEvaluation(engine, error);
        }
        py::dict result;
        result["run"] = report.run.id;
        result["as_of"] = report.run.asOf;
        result["mode"] = report.run.mode;
        result["inserted"] = report.inserted;
        result["updated"] = report.updated;
        result["deleted"] = report.deleted;
        return result;
    }

    /// The stored conclusions matching a query, as of the last run: what `accord query --kb` prints.
    Rows query(const std::string& text) {
        kb::ReadTransaction snapshot(knowledgeBase_.database());  // the program, the run and its rows of one state
        engine::Engine engine;
        dsl::Diagnostics diagnostics;
        if (!knowledgeBase_.loadProgram(engine, diagnostics)) throw Error::fromDiagnostics(diagnostics, engine.sources());
        std::optional<kb::RunRecord> run = knowledgeBase_.lastRun();
        if (!run) throw Error::plain(fmt::format("no run has stored conclusions in {} yet: call run() first", path_));
        std::int32_t asOf = dsl::parseDate(run->asOf).value_or(dsl::today()).days;  // as the commands read it
        engine.setConclusions(knowledgeBase_.readConclusions(engine), run->minConfidence, asOf);
        engine::Pattern pattern;
        auto rows = engine.query(text, diagnostics, &pattern);
        if (!rows) throw Error::fromDiagnostics(diagnostics, engine.sources());
        std::string stale = knowledgeBase_.staleness();
        nlohmann::ordered_json origin = {{"as_of", run->asOf},
                                         {"from", "knowledge base"},
                                         {"run", {{"id", run->id}, {"started_at", run->startedAt}, {"mode", run->mode}}},
                                         {"stale", stale.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(stale)},
                                         {"min_confidence", run->minConfidence}};
        Rows result = rowsOf(text, *rows, pattern, engine, origin);
        result.warnings = dsl::diagnosticsJson(diagnostics, engine.sources());  // a near miss, when nothing matched
        return result;
    }

    const std::string& path() const { return path_; }

private:
    std::string path_;
    kb::KnowledgeBase knowledgeBase_;
};

}  // namespace

void bindKnowledgeBase(py::module_& module) {
    py::class_<KnowledgeBaseHandle>(module, "KnowledgeBase")
        .def(py::init<const std::string&, bool>(), py::arg("path"), py::arg("create") = true)
        .def("load_rules", &KnowledgeBaseHandle::loadRules, py::arg("paths"))
        .def(
            "add_facts", [](KnowledgeBaseHandle& kb, const std::string& text) { return kb.changeFacts(text, false); }, py::arg("text"))
        .def(
            "retract_facts", [](KnowledgeBaseHandle& kb, const std::string& text) { return kb.changeFacts(text, true); }, py::arg("text"))
        .def("run", &KnowledgeBaseHandle::run, py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none())
        .def(
            "query_stored", [](KnowledgeBaseHandle& kb, const std::string& text) { return toPython(kb.query(text)); }, py::arg("text"))
        .def_property_readonly("path", &KnowledgeBaseHandle::path);
}

}  // namespace accord::python
