#include <gtest/gtest.h>

#include "console/board.h"
#include "console/html.h"

namespace iraed::console {
namespace {

constexpr UnixMillis kRaised = 1'790'000'000'000;  // 2026-09-21T14:13:20Z

BoardAlert Alert() {
  BoardAlert a;
  a.id = 7;
  a.patient_authority = "HOSP";
  a.patient_identifier = "P<1>";
  a.syndrome = "Hepatitis";
  a.grade = 3;
  a.raised_ms = kRaised;
  a.state = "open";
  a.escalations = 1;
  a.with = "charge-nurse";
  a.summary = "ALT 300 U/L <script>alert(1)</script>";
  a.action = "Hold the checkpoint inhibitor (ASCO 2021)";
  return a;
}

TEST(BoardRenderTest, ARowSaysTheGradeInWordsAndEscapesTheFeed) {
  Board board;
  board.alerts.push_back(Alert());
  const std::string rows =
      RenderBoardRows(board, kRaised + (65LL * 60 * 1000), TimeZone::Utc());
  EXPECT_NE(rows.find("Grade 3 · severe"), std::string::npos) << rows;
  EXPECT_NE(rows.find("class=\"grade g3\""), std::string::npos);
  EXPECT_EQ(rows.find("<script>"), std::string::npos) << rows;
  EXPECT_NE(rows.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(rows.find("P&lt;1&gt; (HOSP)"), std::string::npos);
  EXPECT_NE(rows.find("href=\"/patients/HOSP/P%3C1%3E\""), std::string::npos);
  EXPECT_NE(rows.find("Escalated (step 1), with charge-nurse"),
            std::string::npos);
  EXPECT_NE(rows.find("1 h 05 min ago"), std::string::npos);
  EXPECT_NE(rows.find("2026-09-21 14:13"), std::string::npos);
  EXPECT_NE(rows.find("(ASCO 2021)"), std::string::npos);
  EXPECT_EQ(rows.find("Provisional"), std::string::npos);
}

TEST(BoardRenderTest, ProvisionalAcknowledgedAndEmpty) {
  Board board;
  BoardAlert a = Alert();
  a.provisional = true;
  a.state = "acknowledged";
  a.with = "console:rn.jones";
  board.alerts.push_back(a);
  const std::string rows = RenderBoardRows(board, kRaised, TimeZone::Utc());
  EXPECT_NE(rows.find("Provisional"), std::string::npos);
  EXPECT_NE(rows.find("Acknowledged by console:rn.jones"), std::string::npos);
  EXPECT_NE(rows.find("just now"), std::string::npos);
  EXPECT_NE(RenderBoardRows(Board{}, kRaised, TimeZone::Utc())
                .find("No open alerts."),
            std::string::npos);
}

TEST(BoardRenderTest, TheFilterKeepsItsChoice) {
  Board board;
  board.syndromes = {"CRS", "Hepatitis"};
  const std::string main = RenderBoardMain(board, BoardFilter{"Hepatitis", ""},
                                           kRaised, TimeZone::Utc());
  EXPECT_NE(main.find("<option value=\"Hepatitis\" selected>"),
            std::string::npos)
      << main;
  EXPECT_NE(main.find("data-live=\"/board/rows?syndrome=Hepatitis\""),
            std::string::npos);
}

TEST(BoardRenderTest, NameWardAndBedWhenAFeedGaveThem) {
  Board board;
  BoardAlert a = Alert();
  a.patient_name = "O'BRIEN, <Mary>";
  a.ward = "5 West & ICU";
  a.bed = "12-2";
  board.alerts.push_back(a);
  BoardAlert b = Alert();
  b.id = 8;
  board.alerts.push_back(b);
  const std::string rows = RenderBoardRows(board, kRaised, TimeZone::Utc());
  EXPECT_NE(rows.find("<strong>O&#39;BRIEN, &lt;Mary&gt;</strong><br><small>"
                      "P&lt;1&gt; (HOSP)</small>"),
            std::string::npos)
      << rows;
  EXPECT_NE(rows.find("<td class=\"ward\">5 West &amp; ICU<br><small>bed "
                      "12-2</small></td>"),
            std::string::npos);
  // Without a name the identifier stands alone; without a ward it says so.
  EXPECT_NE(rows.find("class=\"patient\">P&lt;1&gt; (HOSP)</a>"),
            std::string::npos);
  EXPECT_NE(rows.find("<span class=\"muted\">not given</span>"),
            std::string::npos);
}

TEST(BoardRenderTest, TheWardFilterOffersEveryWardAndNone) {
  Board board;
  board.syndromes = {"CRS"};
  board.wards = {std::string(kNoWard), "5 West"};
  const std::string main = RenderBoardMain(board, BoardFilter{"CRS", "5 West"},
                                           kRaised, TimeZone::Utc());
  EXPECT_NE(main.find("<option value=\"-\">No ward given</option>"),
            std::string::npos)
      << main;
  EXPECT_NE(main.find("<option value=\"5 West\" selected>5 West</option>"),
            std::string::npos);
  EXPECT_NE(
      main.find("data-live=\"/board/rows?ward=5%20West&amp;syndrome=CRS\""),
      std::string::npos);
  EXPECT_NE(main.find("<th scope=\"col\">Ward</th>"), std::string::npos);
  // A ward no open alert has any more stays chosen.
  const std::string gone =
      RenderBoardMain(board, BoardFilter{"", "ICU"}, kRaised, TimeZone::Utc());
  EXPECT_NE(gone.find("<option value=\"ICU\" selected>ICU</option>"),
            std::string::npos);
}

TEST(HtmlTest, PatientTextAndWardFacts) {
  EXPECT_EQ(PatientText("DOE, <J>", "M&1", "H"),
            "DOE, &lt;J&gt; · M&amp;1 (H)");
  EXPECT_EQ(PatientText("", "M1", ""), "M1");
  EXPECT_EQ(WardFacts("", ""), "");
  EXPECT_EQ(WardFacts("5W", ""), "<dt>Ward</dt><dd>5W</dd>");
  EXPECT_EQ(WardFacts("", "3"), "<dt>Ward</dt><dd>not given, bed 3</dd>");
}

TEST(HtmlTest, EscapeGradeWordsElapsedAndLocalTime) {
  EXPECT_EQ(Escape("a&b<c>\"d'"), "a&amp;b&lt;c&gt;&quot;d&#39;");
  EXPECT_EQ(GradeWord(1), "mild");
  EXPECT_EQ(GradeWord(4), "life-threatening");
  EXPECT_EQ(GradeWord(5), "death");
  EXPECT_EQ(Elapsed(0, 59'999), "just now");
  EXPECT_EQ(Elapsed(0, 60'000), "1 min");
  EXPECT_EQ(Elapsed(0, (60LL * 60'000) - 1), "59 min");
  EXPECT_EQ(Elapsed(0, 60LL * 60'000), "1 h 00 min");
  EXPECT_EQ(Elapsed(0, 24LL * 60 * 60'000), "1 d 0 h");
  auto paris = TimeZone::Named("Europe/Paris");
  ASSERT_TRUE(paris.ok());
  EXPECT_EQ(LocalMinute(*paris, kRaised), "2026-09-21 16:13");
  const std::string page =
      RenderPage("Board <x>", Viewer{"rn.jones", "nurse", "tok"}, *paris, "");
  EXPECT_NE(page.find("Times in Europe/Paris"), std::string::npos);
  EXPECT_NE(page.find("<title>Board &lt;x&gt; · iraed</title>"),
            std::string::npos);
  EXPECT_NE(page.find("name=\"csrf\" value=\"tok\""), std::string::npos);
  EXPECT_EQ(page.find("<script>"), std::string::npos);  // no inline script
}

}  // namespace
}  // namespace iraed::console
