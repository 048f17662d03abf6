// The library's answers as Python data (see conversions.hpp). JSON objects keep their keys'
// order (dicts are ordered).
#include "conversions.hpp"

#include <pybind11/stl.h>

namespace accord::python {
namespace py = pybind11;

py::str text(const std::string& value) {
    PyObject* decoded = PyUnicode_DecodeUTF8(value.data(), static_cast<Py_ssize_t>(value.size()), "replace");
    if (!decoded) throw py::error_already_set();
    return py::reinterpret_steal<py::str>(decoded);
}

namespace {

template <class Json>
py::object convert(const Json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(value.template get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(value.template get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(value.template get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(value.template get<double>());
        case nlohmann::json::value_t::string: return text(value.template get_ref<const std::string&>());
        case nlohmann::json::value_t::array: {
            py::list list;
            for (const auto& item : value) list.append(convert(item));
            return list;
        }
        case nlohmann::json::value_t::object: {
            py::dict dict;
            for (const auto& [key, item] : value.items()) dict[text(key)] = convert(item);
            return dict;
        }
        default: return py::none();  // binary and discarded values: the library writes none
    }
}

py::object plainToPython(const PlainValue& value) {
    if (const auto* date = std::get_if<dsl::Date>(&value)) {
        dsl::YearMonthDay parts = dsl::partsOf(*date);
        // Python's dates end at years 1 and 9999; a date beyond them stays its text.
        if (parts.year < 1 || parts.year > 9999) return py::str(dsl::formatDate(*date));
        return py::module_::import("datetime").attr("date")(parts.year, parts.month, parts.day);
    }
    if (const auto* symbol = std::get_if<std::string>(&value)) return text(*symbol);
    return std::visit([](const auto& plain) -> py::object { return py::cast(plain); }, value);
}

}  // namespace

py::object toPython(const nlohmann::json& value) { return convert(value); }
py::object toPython(const nlohmann::ordered_json& value) { return convert(value); }

py::dict toPython(const Rows& rows) {
    py::list list, columns;
    for (const std::string& column : rows.columns) columns.append(text(column));
    for (const Rows::Row& row : rows.rows) {
        py::dict item;
        for (std::size_t c = 0; c < rows.columns.size(); ++c) item[text(rows.columns[c])] = plainToPython(row.values[c]);
        item["confidence"] = row.confidence;
        list.append(std::move(item));
    }
    py::dict result;
    result["as_of"] = rows.asOf;
    result["min_confidence"] = rows.minConfidence;
    result["columns"] = columns;
    result["rows"] = std::move(list);
    result["json"] = toPython(rows.json);
    result["warnings"] = toPython(rows.warnings);
    return result;
}

}  // namespace accord::python
