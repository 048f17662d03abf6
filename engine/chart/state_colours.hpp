// The colour of each value a chart shows (a vote's stance, an eligibility, "holds"): the
// same value has the same colour in the grid and the timeline, and in every chart of one
// set of values.
#pragma once

#include <string>
#include <vector>

namespace accord::engine::chart {

/// One CSS colour per value of `values`, in order. Words whose meaning is plain get the
/// colours a reader expects (approve, yes: green; block, veto, no: red; undecided, abstain:
/// grey; conditional: amber; holds, which is neither for nor against: blue-grey); other values
/// take distinct colours of a palette, in the order given.
std::vector<std::string> stateColours(const std::vector<std::string>& values);

/// The colour of "no fact" (an empty cell, a state that does not hold).
inline constexpr const char* kNoFactColour = "#f5f5f5";

/// How opaque a value's colour is drawn at `confidence`: paler the less confident, never
/// invisible.
double confidenceOpacity(double confidence);

/// The colour of text on `fill` drawn at `opacity`: white on strong fills, dark on light
/// ones (low confidence, amber, no fact).
const char* textColourOn(const std::string& fill, double opacity);

}  // namespace accord::engine::chart
