// File: pv/age_band.h
//
// A patient's age group at a moment, as the ICH E2B(R3) individual case
// safety report codes it (data element D.2.3, age groups of ICH E11):
// neonate 0-27 days, infant 28 days to 23 months, child 2-11 years,
// adolescent 12-17 years, adult 18-64 years, elderly 65 years and over.
// A band, not an age, so that a pseudonymised export does not carry a
// birth date. Pure.
#ifndef IRAED_PV_AGE_BAND_H_
#define IRAED_PV_AGE_BAND_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace iraed::pv {

// `birth_date` "YYYY-MM-DD"; `on_day` the local calendar day of the moment
// as days since 1970-01-01 (TimeZone::LocalDayNumber). nullopt when the
// birth date cannot be read or is after the day.
std::optional<std::string_view> AgeBand(std::string_view birth_date,
                                        std::int64_t on_day);

}  // namespace iraed::pv

#endif  // IRAED_PV_AGE_BAND_H_
