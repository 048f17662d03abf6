// Date arithmetic on days since the epoch (Howard Hinnant's civil-date algorithms, via <chrono>).
#include "accord/dsl/date.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>

#include <fmt/format.h>

namespace accord::dsl {

std::optional<Date> dateFromYmd(int year, int month, int day) {
    if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                    std::chrono::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return std::nullopt;
    return Date{static_cast<std::int32_t>(std::chrono::sys_days{ymd}.time_since_epoch().count())};
}

std::optional<Date> parseDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    auto number = [&](std::size_t from, std::size_t length) -> int {
        int value = -1;
        auto result = std::from_chars(text.data() + from, text.data() + from + length, value);
        return result.ec == std::errc{} && result.ptr == text.data() + from + length ? value : -1;
    };
    return dateFromYmd(number(0, 4), number(5, 2), number(8, 2));
}

std::string formatDate(Date date) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date.days}}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

YearMonthDay partsOf(Date date) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date.days}}};
    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

int wholeYearsBetween(Date from, Date to) {
    if (to < from) return -wholeYearsBetween(to, from);
    YearMonthDay a = partsOf(from), b = partsOf(to);
    bool anniversaryReached = b.month > a.month || (b.month == a.month && b.day >= a.day);
    return b.year - a.year - (anniversaryReached ? 0 : 1);
}

Date addMonths(Date date, int months) {
    std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{date.days}}};
    std::chrono::year_month month = std::chrono::year_month{ymd.year(), ymd.month()} + std::chrono::months{months};
    std::chrono::year_month_day_last last{month.year(), std::chrono::month_day_last{month.month()}};
    std::chrono::year_month_day moved{month.year(), month.month(), std::min(ymd.day(), last.day())};
    return Date{static_cast<std::int32_t>(std::chrono::sys_days{moved}.time_since_epoch().count())};
}

Date today() {
    auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
    return Date{static_cast<std::int32_t>(now.time_since_epoch().count())};
}

std::string timestampNow() {
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto day = std::chrono::floor<std::chrono::days>(now);
    std::chrono::hh_mm_ss time{now - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", formatDate(Date{static_cast<std::int32_t>(day.time_since_epoch().count())}),
                       time.hours().count(), time.minutes().count(), time.seconds().count());
}

}  // namespace accord::dsl
