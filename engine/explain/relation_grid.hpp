// A relation as a grid, for a picture or a table: its first column's values down the side,
// the other key columns' values across, and in each cell the fact's value (a keyed relation:
// vote(A, C) -> stance) or "holds", with its confidence. The explorer's grid and
// `accord grid` are drawn from this JSON (engine/chart/grid_chart.hpp).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "accord/engine/engine.hpp"

namespace accord::engine {

/// The most cells (rows × columns) a grid has: a picture and a table grow with it, not with
/// the facts (400 facts on a diagonal are 160,000 cells).
inline constexpr std::size_t kMaxGridCells = 40'000;

/// The grid of relation `relation` as the last run left it (`engine` has run), as JSON:
/// `relation`, `row_heading`, `column_heading`, `value_heading`, `rows` and `columns` (each
/// `{"label": plain text, "text": rule text}`, in value order), `values` (the values that
/// occur, strongest first where a `resolve` orders them) and `cells` (`row`, `column`,
/// `value`, `confidence`, `fact`). Throws std::invalid_argument when there is no such
/// relation, it has no column, or its grid would be larger than kMaxGridCells.
nlohmann::ordered_json relationGridJson(const Engine& engine, const std::string& relation);

/// The grid as a text table, one row per line, `.` where no fact is.
std::string relationGridText(const nlohmann::ordered_json& grid);

}  // namespace accord::engine
