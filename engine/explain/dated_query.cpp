// Queries over dates (see dated_query.hpp).
#include "accord/engine/explain/dated_query.hpp"

#include <algorithm>

#include "accord/dsl/date.hpp"
#include "accord/engine/explain/timeline.hpp"
#include "accord/engine/plan/dependencies.hpp"

namespace accord::engine {
namespace {

bool sameRows(const std::vector<QueryRow>& a, const std::vector<QueryRow>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const QueryRow& x, const QueryRow& y) { return x.values == y.values && x.confidence == y.confidence; });
}

}  // namespace

std::vector<std::int32_t> datesOver(const Engine& engine, const Pattern& pattern, std::int32_t from, std::int32_t to, DateStep step) {
    std::vector<std::int32_t> dates;
    switch (step) {
        case DateStep::Day:
        case DateStep::Week:
            for (std::int32_t date = from; date <= to; date += step == DateStep::Day ? 1 : 7) dates.push_back(date);
            break;
        case DateStep::Month:
            for (int months = 0;; ++months) {
                std::int32_t date = dsl::addMonths(dsl::Date{from}, months).days;
                if (date > to) break;
                dates.push_back(date);
            }
            break;
        case DateStep::Change:
            if (readsToday(engine.plan(), pattern.relation)) return datesOver(engine, pattern, from, to, DateStep::Day);  // any day
            dates.push_back(from);
            for (std::int32_t date : validityChangeDates(engine, pattern.relation)) {
                if (date > from && date <= to) dates.push_back(date);
            }
            break;
    }
    return dates;
}

std::vector<DatedRows> queryOnDates(Engine& engine, const Pattern& pattern, const RunOptions& options,
                                    const std::vector<std::int32_t>& dates, bool demandDriven) {
    std::vector<DatedRows> dated;
    for (std::int32_t date : dates) {
        RunOptions run = options;
        run.asOf = date;
        run.provenance = false;  // rows only: no derivation is explained
        if (demandDriven) {
            engine.runFor(pattern, run);
        } else {
            engine.run(run);
        }
        dated.push_back({date, match(engine.relations()[pattern.relation], pattern, engine.symbols())});
    }
    return dated;
}

void keepChanges(std::vector<DatedRows>& dated) {
    std::vector<DatedRows> kept;
    for (DatedRows& rows : dated) {
        if (kept.empty() || !sameRows(kept.back().rows, rows.rows)) kept.push_back(std::move(rows));
    }
    dated = std::move(kept);
}

}  // namespace accord::engine
