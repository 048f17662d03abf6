// A query evaluated on several dates (`accord query --over FROM..TO --every ...`): the
// matching rows as of each date, for a report of how each party's position moved.
#pragma once

#include <cstdint>
#include <vector>

#include "accord/engine/engine.hpp"

namespace accord::engine {

/// Which dates of a range are evaluated.
enum class DateStep {
    Day,
    Week,  ///< the first date, then every 7 days
    Month,  ///< the first date, then the same day of each following month
    Change,  ///< the first date, then each date the answer changes on
};

struct DatedRows {
    std::int32_t asOf = 0;
    std::vector<QueryRow> rows;
};

/// The dates from `from` to `to` (both included) that `step` names; for Change, the first
/// date and every later one on which a fact or rule that can change `pattern`'s relation
/// starts or stops being valid (the candidates: keepChanges leaves those that changed it).
std::vector<std::int32_t> datesOver(const Engine& engine, const Pattern& pattern, std::int32_t from, std::int32_t to, DateStep step);

/// The pattern's rows as of each date, in order: a run of the program with `options` on
/// each (without provenance: only rows are read), of only what the pattern's conclusions
/// rest on when `demandDriven` (Engine::runFor). The engine's conclusions are afterwards
/// those of the last date.
std::vector<DatedRows> queryOnDates(Engine& engine, const Pattern& pattern, const RunOptions& options,
                                    const std::vector<std::int32_t>& dates, bool demandDriven = true);

/// Leaves the first date, and each date whose rows (values and confidences) differ from
/// those of the date before it.
void keepChanges(std::vector<DatedRows>& dated);

}  // namespace accord::engine
