// The compiled half of the Python module (accord._accord): accord::Model and the knowledge
// base, with answers as Python data. accord/__init__.py wraps them in the classes users see.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "accord/accord.hpp"
#include "conversions.hpp"
#include "knowledge_base_binding.hpp"

namespace py = pybind11;

namespace accord::python {
namespace {

py::tuple answerToPython(const Answer& answer) { return py::make_tuple(toPython(answer.json), answer.text); }

AsOf asOf(const std::optional<std::string>& date, std::optional<double> minConfidence) { return AsOf{date.value_or(""), minConfidence}; }

void bindModel(py::module_& module) {
    py::class_<Model>(module, "Model")
        .def_static("load", &Model::load, py::arg("paths"))
        .def_static("from_text", &Model::fromText, py::arg("text"), py::arg("name") = "<text>")
        .def_static("from_knowledge_base", &Model::fromKnowledgeBase, py::arg("path"))
        .def_property_readonly("warnings", [](const Model& model) { return toPython(model.warnings()); })
        .def("add_facts", &Model::addFacts, py::arg("text"))
        .def("retract_facts", &Model::retractFacts, py::arg("text"))
        .def(
            "query",
            [](Model& model, const std::string& text, std::optional<std::string> date, std::optional<double> minConfidence) {
                return toPython(model.query(text, asOf(date, minConfidence)));
            },
            py::arg("text"), py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none())
        .def(
            "why",
            [](Model& model, const std::string& text, std::optional<std::string> date, std::optional<double> minConfidence,
               std::size_t depth, std::size_t limit) {
                return answerToPython(model.why(text, asOf(date, minConfidence), WhyOptions{depth, limit}));
            },
            py::arg("text"), py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none(), py::arg("depth") = 12,
            py::arg("limit") = 20)
        .def(
            "why_not",
            [](Model& model, const std::string& text, std::optional<std::string> date, std::optional<double> minConfidence,
               std::size_t depth) { return answerToPython(model.whyNot(text, asOf(date, minConfidence), WhyNotOptions{depth})); },
            py::arg("text"), py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none(), py::arg("depth") = 3)
        .def(
            "what_if",
            [](Model& model, const std::vector<std::string>& asserts, const std::vector<std::string>& retracts,
               std::optional<std::string> date, std::optional<double> minConfidence,
               const std::string& query) { return answerToPython(model.whatIf(asserts, retracts, asOf(date, minConfidence), query)); },
            py::arg("assert_"), py::arg("retract"), py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none(),
            py::arg("query") = "")
        .def(
            "needs",
            [](Model& model, const std::string& goal, std::optional<std::string> date, std::optional<double> minConfidence,
               std::vector<std::string> assumable, std::size_t maxAnswers, std::size_t maxChanges, std::size_t maxEvaluations) {
                NeedsOptions options{std::move(assumable), maxAnswers, maxChanges, maxEvaluations};
                return answerToPython(model.needs(goal, asOf(date, minConfidence), options));
            },
            py::arg("goal"), py::arg("as_of") = py::none(), py::arg("min_confidence") = py::none(),
            py::arg("assumable") = std::vector<std::string>{}, py::arg("max_answers") = 5, py::arg("max_changes") = 3,
            py::arg("max_evaluations") = 400)
        .def(
            "timeline",
            [](Model& model, const std::string& query, std::optional<std::string> from, std::optional<std::string> to,
               std::optional<double> minConfidence, std::size_t maxDates) {
                return answerToPython(model.timeline(query, TimelineOptions{from.value_or(""), to.value_or(""), maxDates}, minConfidence));
            },
            py::arg("query"), py::arg("from_") = py::none(), py::arg("to") = py::none(), py::arg("min_confidence") = py::none(),
            py::arg("max_dates") = 500);
}

/// accord.Error: the message as the command line prints it, and `diagnostics`, a list of
/// dicts (severity, file, line, column, message, ...).
void bindError(py::module_& module) {
    static py::exception<Error> error(module, "Error");
    static auto raise = [](const Error& caught) {
        py::object instance = static_cast<py::object&>(error)(py::str(caught.what()));  // an instance of the type
        instance.attr("diagnostics") = toPython(caught.diagnostics());
        PyErr_SetObject(error.ptr(), instance.ptr());
    };
    py::register_exception_translator([](std::exception_ptr thrown) {
        try {
            if (thrown) std::rethrow_exception(thrown);
        } catch (const Error& caught) {
            raise(caught);
        } catch (const kb::DatabaseError& caught) {  // a file that is not a knowledge base, a busy database
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
