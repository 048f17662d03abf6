// Progress on a terminal (see progress_line.hpp).
#include "cli/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

namespace accord::cli {
namespace {

constexpr auto kFirstAfter = std::chrono::milliseconds(300);  ///< quicker work shows nothing
constexpr auto kRedrawEvery = std::chrono::milliseconds(100);

}  // namespace

ProgressLine::ProgressLine(const GlobalOptions& global) : enabled_(!global.quiet && isatty(STDERR_FILENO)) {}

bool ProgressLine::due() {
    Clock::time_point now = Clock::now();
    if (now - started_ < kFirstAfter || now - lastShown_ < kRedrawEvery) return false;
    lastShown_ = now;
    return true;
}

void ProgressLine::show(const std::string& text) {
    fmt::print(stderr, "\r\033[K{}", text);  // back to the line's start, erase it, write
    std::fflush(stderr);
    shown_ = true;
}

void ProgressLine::clear() {
    if (!shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
}

std::string ProgressLine::count(std::size_t n) {
    std::string digits = std::to_string(n), out;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

}  // namespace accord::cli
