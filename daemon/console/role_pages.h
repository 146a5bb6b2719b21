// File: console/role_pages.h
//
// The pages of the console's other roles (auth/console_users.h): the
// pharmacovigilance findings page (adverse-event episodes of a period,
// with the episode and finding exports of `iraectl export` to download)
// and the operations page for admins (feeds by source, feed consumers and
// their lag, rejected messages, data-quality records, unmapped codes; no
// patient data). Pure: the routes (role_routes.cc) read the reports.
#ifndef IRAED_CONSOLE_ROLE_PAGES_H_
#define IRAED_CONSOLE_ROLE_PAGES_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "common/time_zone.h"
#include "reports/table.h"

namespace iraed::console {

// A period of whole local days, as the findings page's form gives it.
struct FindingsPeriod {
  std::string from_date;     // "YYYY-MM-DD", the first day
  std::string through_date;  // "YYYY-MM-DD", the last day (inclusive)
  UnixMillis from = 0;       // local midnight starting from_date
  UnixMillis to = 0;         // local midnight after through_date
  std::string problem;       // why the asked period was not used, or ""
  // The CTCAE rows shown and exported: "5.0", "6.0" or "all" (as iraectl
  // export --ctcae-version).
  std::string ctcae;
};

// The period of a query "from=YYYY-MM-DD&through=YYYY-MM-DD" in `zone`;
// absent: the 30 days through today. Unusable (not dates, from after
// through, more than kMaxPeriodDays): the default, with `problem` saying
// why. "ctcae=5.0|6.0|all", else `site_ctcae` (the version the site pages
// by).
inline constexpr int kMaxPeriodDays = 3660;
FindingsPeriod ReadFindingsPeriod(std::string_view query, const TimeZone& zone,
                                  UnixMillis now, std::string_view site_ctcae);

// The export query for a period (and its CTCAE choice), level ("episode",
// "finding", "dictionary") and format ("csv", "json"):
// "/findings/export?level=...".
std::string ExportLink(const FindingsPeriod& period, std::string_view level,
                       std::string_view format);

// The findings page: the period form, the episodes overlapping it (the
// columns a reader scans first; the patient linked to its page) and the
// download links.
std::string RenderFindingsMain(const reports::Table& episodes,
                               const FindingsPeriod& period, UnixMillis as_of,
                               const TimeZone& zone);

struct OperationsReports {
  reports::Table feeds;
  std::int64_t feed_window = 0;  // messages the feeds table counts
  reports::Table consumers;
  reports::Table rejected;
  reports::Table data_quality;
  reports::Table unmapped;
};
std::string RenderOperationsMain(const OperationsReports& r, UnixMillis now,
                                 const TimeZone& zone);

}  // namespace iraed::console

#endif  // IRAED_CONSOLE_ROLE_PAGES_H_
