// The compiled half of the Python module (accord._accord): accord::Model and the knowledge
// base, with answers as Python data. accord/__init__.py wraps them in the classes users see.
// Options left out (None) take the C++ API's defaults, which are defined once, there.
#include <optional>
#include <string>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "accord/accord.hpp"
#include "conversions.hpp"
#include "knowledge_base_binding.hpp"

namespace py = pybind11;

namespace accord::python {
namespace {

/// An answer as (json, text, warnings), which the package's Explanation takes.
py::tuple answerToPython(const Answer& answer) {
    return py::make_tuple(toPython(answer.json), text(answer.text), toPython(answer.warnings));
}

AsOf asOf(const std::optional<std::string>& date, std::optional<double> minConfidence) { return AsOf{date.value_or(""), minConfidence}; }

template <class Value>
void setIfGiven(Value& field, const std::optional<Value>& given) {
    if (given) field = *given;
}

void bindModel(py::module_& module) {
    using Size = std::optional<std::size_t>;
    using Date = std::optional<std::string>;
    using Confidence = std::optional<double>;
    py::class_<Model>(module, "Model")
        .def_static("load", &Model::load, py::arg("paths"))
        .def_static("from_text", &Model::fromText, py::arg("text"), py::arg("name") = "<text>")
        .def_static("from_knowledge_base", &Model::fromKnowledgeBase, py::arg("path"))
        .def_property_readonly("warnings", [](const Model& model) { return toPython(model.warnings()); })
        .def("add_facts", &Model::addFacts, py::arg("text"))
        .def("retract_facts", &Model::retractFacts, py::arg("text"))
        .def(
            "set_limits",
            [](Model& model, std::optional<double> maxSeconds, Size maxFacts, Size maxIterations) {
                Limits limits = model.limits();
                setIfGiven(limits.maxSeconds, maxSeconds);
                setIfGiven(limits.maxFacts, maxFacts);
                setIfGiven(limits.maxIterations, maxIterations);
                model.setLimits(limits);
            },
            py::arg("max_seconds"), py::arg("max_facts"), py::arg("max_iterations"))
        .def(
            "query",
            [](Model& model, const std::string& question, Date date, Confidence minConfidence) {
                return toPython(model.query(question, asOf(date, minConfidence)));
            },
            py::arg("text"), py::arg("as_of"), py::arg("min_confidence"))
        .def(
            "why",
            [](Model& model, const std::string& question, Date date, Confidence minConfidence, Size depth, Size limit) {
                WhyOptions options;
                setIfGiven(options.depth, depth);
                setIfGiven(options.limit, limit);
                return answerToPython(model.why(question, asOf(date, minConfidence), options));
            },
            py::arg("text"), py::arg("as_of"), py::arg("min_confidence"), py::arg("depth"), py::arg("limit"))
        .def(
            "why_not",
            [](Model& model, const std::string& question, Date date, Confidence minConfidence, Size depth) {
                WhyNotOptions options;
                setIfGiven(options.depth, depth);
                return answerToPython(model.whyNot(question, asOf(date, minConfidence), options));
            },
            py::arg("text"), py::arg("as_of"), py::arg("min_confidence"), py::arg("depth"))
        .def(
            "what_if",
            [](Model& model, const std::vector<std::string>& asserts, const std::vector<std::string>& retracts, Date date,
               Confidence minConfidence,
               const std::string& query) { return answerToPython(model.whatIf(asserts, retracts, asOf(date, minConfidence), query)); },
            py::arg("asserts"), py::arg("retracts"), py::arg("as_of"), py::arg("min_confidence"), py::arg("query"))
        .def(
            "needs",
            [](Model& model, const std::string& goal, Date date, Confidence minConfidence, std::vector<std::string> assumable,
               Size maxAnswers, Size maxChanges, Size maxEvaluations) {
                NeedsOptions options;
                options.assumable = std::move(assumable);
                setIfGiven(options.maxAnswers, maxAnswers);
                setIfGiven(options.maxChanges, maxChanges);
                setIfGiven(options.maxEvaluations, maxEvaluations);
                return answerToPython(model.needs(goal, asOf(date, minConfidence), options));
            },
            py::arg("goal"), py::arg("as_of"), py::arg("min_confidence"), py::arg("assumable"), py::arg("max_answers"),
            py::arg("max_changes"), py::arg("max_evaluations"))
        .def(
            "timeline",
            [](Model& model, const std::string& query, Date from, Date to, Confidence minConfidence, Size maxDates) {
                TimelineOptions options{from.value_or(""), to.value_or("")};
                setIfGiven(options.maxDates, maxDates);
                return answerToPython(model.timeline(query, options, minConfidence));
            },
            py::arg("query"), py::arg("from_"), py::arg("to"), py::arg("min_confidence"), py::arg("max_dates"));
}

/// accord.Error: the message as the command line prints it, and `diagnostics`, a list of
/// dicts (severity, file, line, column, message, ...). The knowledge base's own errors (not
/// a knowledge base, busy) become one too.
void bindError(py::module_& module) {
    // Never destroyed: its reference would be dropped after the interpreter is gone.
    static auto* error = new py::exception<Error>(module, "Error");
    static auto raise = [](const Error& caught) {
        py::object instance = static_cast<py::object&>(*error)(text(caught.text()));  // an instance of the type
        instance.attr("diagnostics") = toPython(caught.diagnostics());
        PyErr_SetObject(error->ptr(), instance.ptr());
    };
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown) std::rethrow_exception(thrown);
        } catch (const Error& caught) {
            raise(caught);
        } catch (const kb::DatabaseError& caught) {
            raise(Error::plain(caught.what()));
        }
    });
}

}  // namespace
}  // namespace accord::python

PYBIND11_MODULE(_accord, module) {
    module.doc() = "Accord's compiled bindings; import accord, not this module";
    module.attr("__version__") = accord::kVersion;
    accord::python::bindError(module);
    accord::python::bindModel(module);
    accord::python::bindKnowledgeBase(module);
}
