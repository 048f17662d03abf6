// A line of progress on standard error for long work (`run`, `import`, `needs`): shown only
// when standard error is a terminal and --quiet is not given, only once the work has taken
// a moment (quick commands show nothing), redrawn at most ten times a second, and erased
// when the work ends, so that what the command prints after is not mixed with it.
#pragma once

#include <chrono>
#include <string>

#include "cli/cli_options.hpp"

namespace accord::cli {

class ProgressLine {
public:
    explicit ProgressLine(const GlobalOptions& global);
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    bool enabled() const { return enabled_; }
    /// Shows `describe()` in place of the last line, unless too soon after it (or too soon
    /// after the start): the text is only made when it is shown.
    template <typename Describe>
    void update(Describe describe) {
        if (enabled_ && due()) show(describe());
    }
    /// Erases the line (before the command's own output).
    void clear();

    /// "12,345": counts read better with thousands separated.
    static std::string count(std::size_t n);

private:
    bool due();
    void show(const std::string& text);

    using Clock = std::chrono::steady_clock;
    bool enabled_ = false;
    bool shown_ = false;
    Clock::time_point started_ = Clock::now();
    Clock::time_point lastShown_{};
};

}  // namespace accord::cli
