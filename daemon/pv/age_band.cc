#include "pv/age_band.h"

namespace iraed::pv {
namespace {

struct CivilDate {
  std::int64_t year = 0;
  int month = 0, day = 0;
};

// Howard Hinnant's days_from_civil / civil_from_days ("chrono-Compatible
// Low-Level Date Algorithms", public domain): proleptic Gregorian.
std::int64_t DaysFromCivil(CivilDate d) {
  const std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe =
      (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::optional<int> Digits(std::string_view s) {
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::optional<CivilDate> ReadDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
    return std::nullopt;
  }
  const auto y = Digits(text.substr(0, 4)), m = Digits(text.substr(5, 2)),
             d = Digits(text.substr(8, 2));
  if (!y || !m || !d || *m < 1 || *m > 12 || *d < 1 || *d > 31) {
    return std::nullopt;
  }
  const CivilDate date{*y, *m, *d};
  // A date that does not exist (02-30) does not read back the same.
  const CivilDate back = CivilFromDays(DaysFromCivil(date));
  if (back.month != date.month || back.day != date.day) return std::nullopt;
  return date;
}

}  // namespace

std::optional<std::string_view> AgeBand(std::string_view birth_date,
                                        std::int64_t on_day) {
  const std::optional<CivilDate> born = ReadDate(birth_date);
  if (!born) return std::nullopt;
  const std::int64_t days = on_day - DaysFromCivil(*born);
  if (days < 0) return std::nullopt;
  if (days <= 27) return "neonate";
  const CivilDate on = CivilFromDays(on_day);
  // Whole years and months completed on `on`.
  std::int64_t months = (on.year - born->year) * 12 + (on.month - born->month);
  if (on.day < born->day) --months;
  const std::int64_t years = months / 12;
  if (months <= 23) return "infant";
  if (years <= 11) return "child";
  if (years <= 17) return "adolescent";
  if (years <= 64) return "adult";
  return "elderly";
}

}  // namespace iraed::pv
