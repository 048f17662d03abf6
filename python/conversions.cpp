// The library's answers as Python data (see conversions.hpp). JSON objects keep their keys'
// order (dicts are ordered).
#include "conversions.hpp"

#include <pybind11/stl.h>

namespace accord::python {
namespace py = pybind11;
namespace {

template <class Json>
py::object convert(const Json& value) {
    switch (value.type()) {
        case nlohmann::json::value_t::null: return py::none();
        case nlohmann::json::value_t::boolean: return py::bool_(value.template get<bool>());
        case nlohmann::json::value_t::number_integer: return py::int_(value.template get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return py::int_(value.template get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return py::float_(value.template get<double>());
        case nlohmann::json::value_t::string: return py::str(value.template get_ref<const std::string&>());
        case nlohmann::json::value_t::array: {
            py::list list;
            for (const auto& item : value) list.append(convert(item));
            return list;
        }
        case nlohmann::json::value_t::object: {
            py::dict dict;
            for (const auto& [key, item] : value.items()) dict[py::str(key)] = convert(item);
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
    return std::visit([](const auto& plain) -> py::object { return py::cast(plain); }, value);
}

}  // namespace

py::object toPython(const nlohmann::json& value) { return convert(value); }
py::object toPython(const nlohmann::ordered_json& value) { return convert(value); }

py::dict toPython(const Rows& rows) {
    py::list list;
    for (const Rows::Row& row : rows.rows) {
        py::dict item;
        for (std::size_t c = 0; c < rows.columns.size(); ++c) item[py::str(rows.columns[c])] = plainToPython(row.values[c]);
        item["confidence"] = row.confidence;
        list.append(std::move(item));
    }
    py::dict result;
    result["as_of"] = rows.asOf;
    result["min_confidence"] = rows.minConfidence;
    result["columns"] = rows.columns;
    result["rows"] = std::move(list);
    result["json"] = toPython(rows.json);
    return result;
}

}  // namespace accord::python
