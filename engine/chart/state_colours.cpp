// Colours of values in charts (see state_colours.hpp).
#include "accord/engine/chart/state_colours.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace accord::engine::chart {
namespace {

struct WordColour {
    std::string_view word;
    const char* colour;
};

constexpr const char* kGreen = "#2e7d32";
constexpr const char* kRed = "#c62828";
constexpr const char* kGrey = "#8d8d8d";
constexpr const char* kAmber = "#f9a825";
/// "holds" says nothing for or against (a blocker holds, an approval holds): a neutral blue-grey.
constexpr const char* kHolds = "#455a64";

constexpr std::array kPlainWords{
    WordColour{"approve", kGreen},  WordColour{"approved", kGreen}, WordColour{"yes", kGreen},
    WordColour{"for", kGreen},      WordColour{"support", kGreen},  WordColour{"supports", kGreen},
    WordColour{"accept", kGreen},   WordColour{"allow", kGreen},    WordColour{"allowed", kGreen},
    WordColour{"eligible", kGreen}, WordColour{"permit", kGreen},   WordColour{"holds", kHolds},
    WordColour{"block", kRed},      WordColour{"blocked", kRed},    WordColour{"blocks", kRed},
    WordColour{"veto", kRed},       WordColour{"no", kRed},         WordColour{"against", kRed},
    WordColour{"deny", kRed},       WordColour{"denied", kRed},     WordColour{"reject", kRed},
    WordColour{"oppose", kRed},     WordColour{"ineligible", kRed}, WordColour{"does not hold", kNoFactColour},
    WordColour{"undecided", kGrey}, WordColour{"abstain", kGrey},   WordColour{"unknown", kGrey},
    WordColour{"pending", kGrey},   WordColour{"neutral", kGrey},   WordColour{"conditional", kAmber},
};

/// Distinct from the plain words' colours, and from one another for readers with the common
/// colour-vision deficiencies (the first ones most).
constexpr std::array kPalette{"#1565c0", "#ef6c00", "#6a1b9a", "#00838f", "#ad1457", "#4e342e", "#558b2f", "#283593"};

std::string lowerCase(std::string_view text) {
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return lower;
}

}  // namespace

std::vector<std::string> stateColours(const std::vector<std::string>& values) {
    std::vector<std::string> colours;
    std::size_t next = 0;
    for (const std::string& value : values) {
        std::string word = lowerCase(value);
        auto plain = std::find_if(kPlainWords.begin(), kPlainWords.end(), [&](const WordColour& entry) { return entry.word == word; });
        colours.push_back(plain != kPlainWords.end() ? plain->colour : kPalette[next++ % kPalette.size()]);
    }
    return colours;
}

double confidenceOpacity(double confidence) { return 0.25 + 0.75 * std::clamp(confidence, 0.0, 1.0); }

const char* textColourOn(const std::string& fill, double opacity) {
    return opacity > 0.55 && fill != kAmber && fill != kNoFactColour ? "#ffffff" : "#1a1a1a";
}

}  // namespace accord::engine::chart
