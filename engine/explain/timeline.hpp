// When conclusions change: the program evaluated as of every date at which a fact or rule
// starts or stops being valid, and for each fact matching a query, the sequence of its
// values (or of its holding and not holding) with the facts whose validity caused each change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/engine.hpp"

namespace accord::engine {

struct TimelineEntry {
    std::int32_t from = 0;          ///< the first day of this state
    std::string state;              ///< the value (keyed), "holds", or "does not hold"
    double confidence = 0;
    std::vector<std::string> triggers;  ///< facts (and rules) whose validity starts or ends on `from`
};

struct Timeline {
    std::string subject;  ///< `vote(romania, rutte)` (a keyed relation's key) or the fact
    std::vector<TimelineEntry> entries;
};

/// The timelines of the facts matching `pattern` (a query on `engine`'s program), over
/// every date where validity changes. The first entry is dated the day before the first
/// such date and is the state on every earlier day too. At most
/// `maxDates` evaluations (the latest dates are dropped beyond it, and `truncated` says so).
std::vector<Timeline> buildTimelines(Engine& engine, const Pattern& pattern, const RunOptions& options, std::size_t maxDates,
                                     bool* truncated = nullptr);

std::string formatTimelines(const std::vector<Timeline>& timelines);
nlohmann::json timelinesToJson(const std::vector<Timeline>& timelines);

}  // namespace accord::engine
