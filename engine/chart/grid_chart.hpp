// A relation's grid (engine/explain/relation_grid.hpp) as an SVG picture: a row per first
// key, a column per other key, each cell coloured by its value and shaded by its confidence,
// with a legend. The explorer shows it and `accord grid --format svg` writes it, so each
// cell carries its fact as data attributes (`data-fact`, `data-row`, `data-column`).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace accord::engine::chart {

/// The picture of `grid` (relationGridJson's document, with `as_of` when it has one): a
/// standalone SVG document, every value escaped.
std::string gridSvg(const nlohmann::ordered_json& grid);

}  // namespace accord::engine::chart
