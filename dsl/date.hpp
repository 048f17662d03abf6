// Calendar dates (proleptic Gregorian), stored as days since 1970-01-01.
// Used for date constants (`2024-06-26`) and validity periods (`since`, `until`).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace accord::dsl {

struct Date {
    std::int32_t days = 0;  ///< days since 1970-01-01
    friend bool operator==(Date, Date) = default;
    friend auto operator<=>(Date, Date) = default;
};

/// The date for a year/month/day, or nullopt when no such day exists (2023-02-29).
std::optional<Date> dateFromYmd(int year, int month, int day);
/// Parses exactly "YYYY-MM-DD".
std::optional<Date> parseDate(std::string_view text);
/// "YYYY-MM-DD".
std::string formatDate(Date date);

/// A date's calendar parts.
struct YearMonthDay {
    int year = 1970, month = 1, day = 1;
};
YearMonthDay partsOf(Date date);
/// The whole years from `from` to `to` (negative when `to` is earlier): an age. A year is
/// complete on the same month and day; one from 29 February completes on 1 March in a
/// common year.
int wholeYearsBetween(Date from, Date to);
/// The same day `months` months later, or the month's last day when it has no such day
/// (2024-01-31 plus one month is 2024-02-29).
Date addMonths(Date date, int months);
/// Today's date in UTC.
Date today();
/// The current time in UTC, as "YYYY-MM-DDTHH:MM:SSZ" (for logs and the run table).
std::string timestampNow();

}  // namespace accord::dsl
