// Text inside SVG documents (see svg_text.hpp).
#include "accord/engine/chart/svg_text.hpp"

#include <fmt/format.h>

namespace accord::engine::chart {

std::string escapeXml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                    out += "\xEF\xBF\xBD";  // U+FFFD REPLACEMENT CHARACTER
                } else {
                    out += c;
                }
        }
    }
    return out;
}

double textWidth(std::string_view text, double fontSize) {
    double characters = 0;
    for (char c : text) {
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) characters += 1;
    }
    return characters * fontSize * 0.6;  // a sans-serif average, generous for lower case
}

std::string svgNumber(double value) {
    std::string text = fmt::format("{:.2f}", value);
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
}

}  // namespace accord::engine::chart
