#include "console/role_pages.h"

#include <gtest/gtest.h>

#include "common/time_format.h"
#include "console/report_table.h"

namespace iraed::console {
namespace {

using reports::Cell;
using reports::Table;

// 2026-12-04T10:00:00Z.
const UnixMillis kNow = *ParseUtcMillis("2026-12-04T10:00:00Z");

TimeZone Paris() { return *TimeZone::Named("Europe/Paris"); }

TEST(FindingsPeriodTest, DefaultsToTheThirtyDaysThroughToday) {
  const FindingsPeriod p = ReadFindingsPeriod("", Paris(), kNow, "5.0");
  EXPECT_EQ(p.from_date, "2026-11-05");
  EXPECT_EQ(p.through_date, "2026-12-04");
  EXPECT_EQ(p.from, *ParseUtcMillis("2026-11-04T23:00:00Z"));
  EXPECT_EQ(p.to, *ParseUtcMillis("2026-12-04T23:00:00Z"));
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(p.ctcae, "5.0");  // the site's
  EXPECT_EQ(ReadFindingsPeriod("ctcae=all", Paris(), kNow, "5.0").ctcae, "all");
  EXPECT_EQ(ReadFindingsPeriod("ctcae=6.0", Paris(), kNow, "5.0").ctcae, "6.0");
  EXPECT_EQ(ReadFindingsPeriod("ctcae=7", Paris(), kNow, "6.0").ctcae, "6.0");
}

TEST(FindingsPeriodTest, LocalMidnightsAcrossASummerTimeChange) {
  // Paris leaves summer time on 2026-10-25: the period ends at local
  // midnight after the last day, whatever the offset.
  const FindingsPeriod p = ReadFindingsPeriod(
      "from=2026-10-01&through=2026-10-31", Paris(), kNow, "5.0");
  EXPECT_EQ(p.problem, "");
  EXPECT_EQ(p.from, *ParseUtcMillis("2026-09-30T22:00:00Z"));
  EXPECT_EQ(p.to, *ParseUtcMillis("2026-10-31T23:00:00Z"));
  // The day the clocks go back has 25 hours.
  const FindingsPeriod change = ReadFindingsPeriod(
      "from=2026-10-25&through=2026-10-25", Paris(), kNow, "5.0");
  EXPECT_EQ(change.to - change.from, 25LL * 3600 * 1000);
  // One day: from and through the same date.
  const FindingsPeriod day = ReadFindingsPeriod(
      "from=2026-02-28&through=2026-02-28", Paris(), kNow, "5.0");
  EXPECT_EQ(day.to - day.from, 24LL * 3600 * 1000);
}

TEST(FindingsPeriodTest, AnUnusablePeriodFallsBackAndSaysWhy) {
  for (const char* q : {"from=2026-02-30&through=2026-03-01",
                        "from=2026-3-1&through=2026-03-02",
                        "from=2026-03-02&through=2026-03-01", "from=2026-03-01",
                        "from=%3Cx%3E&through=2026-03-01"}) {
    const FindingsPeriod p = ReadFindingsPeriod(q, Paris(), kNow, "5.0");
    EXPECT_NE(p.problem, "") << q;
    EXPECT_EQ(p.through_date, "2026-12-04") << q;
  }
  // The longest period: kMaxPeriodDays days in all (3659 days after the
  // first comes the last).
  const FindingsPeriod longest = ReadFindingsPeriod(
      "from=2016-11-27&through=2026-12-04", Paris(), kNow, "5.0");
  EXPECT_EQ(longest.problem, "");
  EXPECT_EQ(longest.from_date, "2016-11-27");
  const FindingsPeriod too_long = ReadFindingsPeriod(
      "from=2016-11-26&through=2026-12-04", Paris(), kNow, "5.0");
  EXPECT_NE(too_long.problem, "");
  const FindingsPeriod shorter = ReadFindingsPeriod(
      "from=2016-11-28&through=2026-12-04", Paris(), kNow, "5.0");
  EXPECT_EQ(shorter.problem, "");
}

TEST(ReportTableTest, ShowsTheColumnsAskedEscapedWithNullsAndALimit) {
  Table t;
  t.columns = {"a", "b", "c"};
  t.rows.push_back({Cell::Text("<x>"), Cell::Null(), Cell::Number(3)});
  t.rows.push_back({Cell::Text("y"), Cell::Text("z"), Cell::Number(4)});
  ReportTableView v;
  v.caption = "Rows & more";
  v.columns = {"c", "a", "missing"};
  v.max_rows = 1;
  const std::string html = RenderReportTable(t, v);
  EXPECT_NE(html.find("<caption>Rows &amp; more (the first 1 of 2)</caption>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<th scope=\"col\">c</th><th scope=\"col\">a</th></tr>"),
            std::string::npos);
  EXPECT_NE(html.find("<td class=\"number\">3</td><td>&lt;x&gt;</td>"),
            std::string::npos);
  EXPECT_EQ(html.find(">y<"), std::string::npos);  // beyond the limit
  v.columns = {};
  v.max_rows = 10;
  const std::string all = RenderReportTable(t, v);
  EXPECT_NE(all.find("<span class=\"muted\">–</span>"), std::string::npos);
  EXPECT_NE(all.find("<td>z</td>"), std::string::npos);
  Table none;
  none.columns = {"a"};
  v.empty = "Nothing <here>.";
  EXPECT_NE(RenderReportTable(none, v).find("Nothing &lt;here&gt;."),
            std::string::npos);
}

TEST(FindingsPageTest, LinksPatientsAndTheDownloadsOfThePeriod) {
  Table episodes;
  episodes.columns = {"patient", "assigning_authority", "term", "worst_grade"};
  episodes.rows.push_back({Cell::Text("P 1<"), Cell::Text("HOSP"),
                           Cell::Text("Hepatitis"), Cell::Number(3)});
  const FindingsPeriod p = ReadFindingsPeriod(
      "from=2026-11-01&through=2026-11-30", Paris(), kNow, "5.0");
  const std::string html = RenderFindingsMain(episodes, p, kNow, Paris());
  EXPECT_NE(html.find("<a href=\"/patients/HOSP/P%201%3C\">P 1&lt;</a>"),
            std::string::npos)
      << html;
  EXPECT_NE(
      html.find("href=\"/findings/export?level=episode&amp;format=csv&amp;"
                "from=2026-11-01&amp;through=2026-11-30&amp;ctcae=5.0\""),
      std::string::npos);
  EXPECT_NE(html.find("level=finding&amp;format=json"), std::string::npos);
  EXPECT_NE(html.find("level=dictionary"), std::string::npos);
  EXPECT_NE(html.find("value=\"2026-11-30\""), std::string::npos);
  EXPECT_NE(html.find("1 episode(s)"), std::string::npos);
}

TEST(OperationsPageTest, SaysWhenTheLastMessageCameAndWhatIsEmpty) {
  OperationsReports r;
  r.feed_window = 10000;
  r.feeds.columns = {"source",          "protocol", "accepted",
                     "duplicate",       "rejected", "last_received",
                     "last_received_ms"};
  r.feeds.rows.push_back({Cell::Text("LIS|LAB-1"), Cell::Text("mllp"),
                          Cell::Number(5), Cell::Number(0), Cell::Number(1),
                          Cell::Text("2026-12-04T09:55:00.000Z"),
                          Cell::Number(kNow - (5 * 60 * 1000))});
  const std::string html = RenderOperationsMain(r, kNow, Paris());
  EXPECT_NE(html.find("2026-12-04T09:55:00.000Z (5 min ago)"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("No notifier reads the alert feed."), std::string::npos);
  EXPECT_NE(html.find("Every code received is mapped."), std::string::npos);
  EXPECT_EQ(html.find("last_received_ms"), std::string::npos);
}

}  // namespace
}  // namespace iraed::console
