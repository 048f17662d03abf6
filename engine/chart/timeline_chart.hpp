// A timeline (engine/explain/timeline.hpp) as an SVG picture: a lane per fact or key, its
// states as coloured spans along a date axis, each change marked with the facts and rules
// that caused it. The explorer shows it and `accord timeline --format svg` writes it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace accord::engine::chart {

/// The picture of `timeline`, `accord timeline --format json`'s document (`query`, `from`,
/// `to`, `timelines`): a standalone SVG document, every value escaped.
std::string timelineSvg(const nlohmann::ordered_json& timeline);

}  // namespace accord::engine::chart
