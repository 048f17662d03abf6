// When conclusions change: the program evaluated as of every date at which a fact or rule
// starts or stops being valid, and for each fact matching a query, the sequence of its
// values (or of its holding and not holding) with the facts whose validity caused each change.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/engine/engine.hpp"

namespace accord::engine {

/// A fact or rule whose validity starting or ending changed a state.
struct TimelineTrigger {
    std::string subject;  ///< the fact, or `rule NAME` (`rule #ID` without a name)
    std::optional<RuleId> rule;  ///< when it is a rule: its id
    std::string ruleName;  ///< and its name ("" when it has none)
    bool starts = true;  ///< its validity starts (`since`) on the date; false: it ends (`until`)
};

struct TimelineEntry {
    std::int32_t from = 0;  ///< the first day of this state
    /// The state the timeline starts with: on every day before the first change (without a
    /// start date), or on the start date given; not an event of `from`.
    bool initial = false;
    std::string state;  ///< the value (keyed), "holds", or "does not hold"
    double confidence = 0;
    std::vector<TimelineTrigger> triggers;  ///< facts (and rules) whose validity starts or ends on `from`
};

struct Timeline {
    std::string subject;  ///< `vote(romania, rutte)` (a keyed relation's key) or the fact
    std::vector<TimelineEntry> entries;
};

/// The dates a timeline covers: from `from` (nullopt: before every change) to `to`
/// (nullopt: after every change), both included.
struct TimelineRange {
    std::optional<std::int32_t> from, to;
};

/// The dates (ascending) on which a fact or rule that can change relation `target` starts
/// or stops being valid: the only dates its facts can change on.
std::vector<std::int32_t> validityChangeDates(const Engine& engine, RelationId target);

/// The timelines of the facts matching `pattern` (a query on `engine`'s program), over
/// every date in `range` where validity changes. The first entry is the initial state: as
/// of `range.from`, or (without one) on every day before the first change. At most
/// `maxDates` evaluations (the latest dates are dropped beyond it, and `truncated` says so).
std::vector<Timeline> buildTimelines(Engine& engine, const Pattern& pattern, const RunOptions& options, std::size_t maxDates,
                                     bool* truncated = nullptr, TimelineRange range = {});

/// `hasStart`: the timelines were built from a start date, which the initial state carries
/// (without one, the initial state is shown as "earlier", and in JSON with `from` null).
std::string formatTimelines(const std::vector<Timeline>& timelines, bool hasStart = false);
/// What a timeline of `query` says when no fact matches: on no date at all or, when the
/// dates were cut at `maxDates` (`truncated`), on none of the dates evaluated.
std::string noTimelineText(const std::string& query, bool truncated, std::size_t maxDates);
/// Why a timeline of `query`, whose rules read `today`, is refused: its conclusions may
/// change on any date, not only where validities begin or end.
std::string readsTodayRefusal(const std::string& query);
nlohmann::json timelinesToJson(const std::vector<Timeline>& timelines, bool hasStart = false);

}  // namespace accord::engine
