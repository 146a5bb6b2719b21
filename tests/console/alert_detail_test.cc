// The alert page for a person: evidence as nested lists, escaped; the
// forms only for who may act and while there is something to do.
#include "console/alert_detail.h"

#include <gtest/gtest.h>

namespace iraed::console {
namespace {

AlertDetail Alert(const std::string& state) {
  AlertDetail a;
  a.id = 12;
  a.patient_authority = "HOSP";
  a.patient_identifier = "MRN1";
  a.syndrome = "Hepatitis";
  a.grade = 3;
  a.previous_grade = 0;
  a.raised_ms = 1'790'000'000'000;
  a.summary = "ALT 300 U/L";
  a.action = "Hold; steroids (ASCO 2021)";
  a.state = state;
  a.events = {{"raised", 1'790'000'000'000, "ward nurse", "", std::nullopt},
              {"escalated", 1'790'000'060'000, "charge nurse", "", 1},
              {"acknowledged", 1'790'000'120'000, "console:rn.jones", "on <it>",
               std::nullopt}};
  FindingRow f;
  f.term = "Alanine aminotransferase increased";
  f.grading_system = "CTCAE 5.0";
  f.grade = 3;
  f.evidence =
      R"({"value":300,"uln":56,"rule":"> 5.0 - 20.0 x ULN","baseline":null,)"
      R"("therapy_latest":{"product":"<b>nivolumab</b>","day":14}})";
  f.observation = "LN|1742-6 ALT = 300 U/L (final)";
  a.findings.push_back(f);
  a.messages.push_back({5, "hl7v2", "LIS^LAB-1", "LAB-1", 1'790'000'000'000,
                        "MSH|^~\\&|LIS\rPID|1||MRN1<x>"});
  return a;
}

DetailActions Nurse() {
  DetailActions act;
  act.may_act = true;
  act.csrf = std::string(64, 'c');
  act.nonce_ack = std::string(64, 'a');
  act.nonce_resolve = std::string(64, 'b');
  return act;
}

TEST(AlertDetailTest, EvidenceFindingsHistoryAndRawMessages) {
  const std::string html = RenderAlertDetail(
      Alert("acknowledged"), Nurse(), 1'790'000'300'000, TimeZone::Utc());
  EXPECT_NE(html.find("<dt>uln</dt><dd>56</dd>"), std::string::npos) << html;
  EXPECT_NE(html.find("<dt>rule</dt><dd>&gt; 5.0 - 20.0 x ULN</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dt>therapy latest</dt><dd><dl"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;nivolumab&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(html.find("<dt>baseline</dt><dd>none</dd>"), std::string::npos);
  EXPECT_NE(html.find("escalated (step 1): paged charge nurse"),
            std::string::npos);
  EXPECT_NE(html.find("acknowledged by console:rn.jones: “on &lt;it&gt;”"),
            std::string::npos);
  EXPECT_NE(html.find("From LN|1742-6 ALT = 300 U/L (final)"),
            std::string::npos);
  // The raw HL7, segments on their own lines, escaped, inside <details>.
  EXPECT_NE(html.find("<details><summary>Message 5"), std::string::npos);
  EXPECT_NE(html.find("MSH|^~\\&amp;|LIS\nPID|1||MRN1&lt;x&gt;"),
            std::string::npos);
  EXPECT_EQ(html.find("<b>"), std::string::npos);
}

TEST(AlertDetailTest, FormsFollowTheStateAndTheRole) {
  const std::string open =
      RenderAlertDetail(Alert("open"), Nurse(), 0, TimeZone::Utc());
  EXPECT_NE(open.find("action=\"/alerts/12/acknowledge\""), std::string::npos);
  EXPECT_NE(open.find("action=\"/alerts/12/resolve\""), std::string::npos);
  EXPECT_NE(open.find("name=\"nonce\" value=\"" + std::string(64, 'a')),
            std::string::npos);
  EXPECT_NE(open.find("name=\"csrf\" value=\"" + std::string(64, 'c')),
            std::string::npos);
  const std::string acked =
      RenderAlertDetail(Alert("acknowledged"), Nurse(), 0, TimeZone::Utc());
  EXPECT_EQ(acked.find("/acknowledge\""), std::string::npos);
  EXPECT_NE(acked.find("/resolve\""), std::string::npos);
  const std::string resolved =
      RenderAlertDetail(Alert("resolved"), Nurse(), 0, TimeZone::Utc());
  EXPECT_EQ(resolved.find("<form"), std::string::npos);
  EXPECT_NE(resolved.find("nothing left to do"), std::string::npos);
  DetailActions reader = Nurse();
  reader.may_act = false;
  const std::string read =
      RenderAlertDetail(Alert("open"), reader, 0, TimeZone::Utc());
  EXPECT_EQ(read.find("<form"), std::string::npos);
  EXPECT_NE(read.find("nurses and physicians act on it"), std::string::npos);
}

TEST(AlertDetailTest, TheOutcomeOfAnActionIsShown) {
  DetailActions act = Nurse();
  act.notice = "Acknowledged: escalation has stopped.";
  const std::string html =
      RenderAlertDetail(Alert("acknowledged"), act, 0, TimeZone::Utc());
  EXPECT_NE(html.find("<p class=\"notice\" role=\"status\" id=\"outcome\">"
                      "Acknowledged: escalation has stopped.</p>"),
            std::string::npos);
  EXPECT_EQ(RenderEvidence("not json <x>"), "<p>not json &lt;x&gt;</p>");
}

}  // namespace
}  // namespace iraed::console
