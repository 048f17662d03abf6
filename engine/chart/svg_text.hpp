// Text inside an SVG (or HTML) document: every value a chart draws passes through here, so
// that a fact whose source reads `<script>` is shown as those characters and never run.
#pragma once

#include <string>
#include <string_view>

namespace accord::engine::chart {

/// `text` with `&`, `<`, `>`, `"` and `'` as character references, and the control
/// characters XML does not allow (all below U+0020 but tab, line feed and carriage return)
/// as U+FFFD, so the document stays well-formed whatever a fact holds.
std::string escapeXml(std::string_view text);

/// An estimate of the width of `text` in pixels at `fontSize` (charts lay out labels
/// before a browser measures them): UTF-8 continuation bytes take no width.
double textWidth(std::string_view text, double fontSize);

/// A number as an SVG attribute writes it: at most two decimals, no trailing zeros.
std::string svgNumber(double value);

}  // namespace accord::engine::chart
