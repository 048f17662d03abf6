// The library's answers as Python data: JSON documents (the commands' --format json data) as
// dicts and lists, query rows as dicts of plain values (dates as datetime.date).
#pragma once

#include <nlohmann/json.hpp>
#include <pybind11/pybind11.h>

#include "accord/engine/api/model.hpp"

namespace accord::python {

/// Text from the library as a Python str: bytes that are not UTF-8 (a rule file in another
/// encoding, quoted in a diagnostic) become U+FFFD rather than failing.
pybind11::str text(const std::string& value);
pybind11::object toPython(const nlohmann::json& value);
pybind11::object toPython(const nlohmann::ordered_json& value);
/// As the package's Rows takes them: as_of, min_confidence, columns, the rows as dicts (each
/// with its confidence), and the query's JSON document.
pybind11::dict toPython(const Rows& rows);

}  // namespace accord::python
