// File: hl7/hl7_time.h
//
// HL7 v2 TS/DTM values: YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]
// (hl7-mllp.md section 4.2). A value with an offset is exact. Without one
// it is read in the site's time zone: the process time zone, which the
// daemon sets from `hl7.site_time_zone` at start-up (default: the system's
// zone), with daylight saving applied. Missing parts default to the start
// of the period (a date is midnight). Anything else (free text such as
// "Aug 15, 1942", impossible dates) gives nullopt, never a guess.
#ifndef IRAED_HL7_HL7_TIME_H_
#define IRAED_HL7_HL7_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"

namespace iraed::hl7 {

std::optional<UnixMillis> ParseHl7Time(std::string_view ts);

// YYYYMMDDHHMMSS.mmm+0000 for `t` (acknowledgement MSH-7).
std::string FormatHl7Time(UnixMillis t);

}  // namespace iraed::hl7

#endif  // IRAED_HL7_HL7_TIME_H_
