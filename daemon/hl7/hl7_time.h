// File: hl7/hl7_time.h
//
// HL7 v2 TS/DTM values: YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]
// (hl7-mllp.md section 4.2). A value with an offset is exact. Without one
// it is read in the site's time zone, passed in (config
// `mllp_listener.site_time_zone`, default the system's zone), daylight
// saving applied: an ambiguous local time takes the earlier instant, a
// non-existent one is shifted forward (common/time_zone.h), and the result
// says which so that the reader leaves a data-quality note. Missing parts
// default to the start of the period (a date is midnight). Anything else
// (free text such as "Aug 15, 1942", impossible dates) gives nullopt,
// never a guess. Pure.
#ifndef IRAED_HL7_HL7_TIME_H_
#define IRAED_HL7_HL7_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/time_zone.h"

namespace iraed::hl7 {

struct Hl7Time {
  UnixMillis at = 0;
  // kUnique for a value with an offset.
  TimeZone::Resolution resolution = TimeZone::Resolution::kUnique;
};

std::optional<Hl7Time> ParseHl7Time(std::string_view ts, const TimeZone& zone);

// YYYYMMDDHHMMSS.mmm+0000 for `t` (acknowledgement MSH-7).
std::string FormatHl7Time(UnixMillis t);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_HL7_TIME_H_
