// The stored text of ASTCT findings' evidence is frozen: each kind is
// checked against the exact text the release before these types wrote
// (keys in that order; the replay fixture tests/fixtures/replay_45b9b5d.db
// checks the same end to end).
#include "surveillance/astct_evidence.h"

#include <gtest/gtest.h>

#include "surveillance/evidence.h"

namespace iraed::surveillance {
namespace {

constexpr UnixMillis kAt = 1800000000000;  // 2027-01-15T08:00:00Z

ChartedValue Number(double v) {
  ChartedValue c;
  c.number = v;
  c.observed_at = kAt;
  return c;
}

ChartedValue Token(std::string t) {
  ChartedValue c;
  c.token = std::move(t);
  c.observed_at = kAt;
  return c;
}

Json Therapy() {
  return TherapyJson(TherapyRef{"car_t_infusion", "Kymriah", kAt - 86400000},
                     kAt);
}

TEST(AstctEvidenceTest, ACrsFindingKeepsItsStoredText) {
  CrsFindingEvidence e;
  e.inputs.temperature_cel = ChartedEvidence::Number(Number(39.1));
  e.inputs.fever_masked_by =
      MaskingEvidence{"acetaminophen", "antipyretic", kAt - 3600000};
  e.inputs.hypotension_flag = ChartedEvidence::Token(Token("yes"));
  e.inputs.systolic_mm_hg = ChartedEvidence::Number(std::nullopt);
  e.inputs.hypotension_systolic_below = 90;
  e.inputs.vasopressors = {"norepinephrine"};
  e.inputs.oxygen_device = ChartedEvidence::Token(std::nullopt);
  e.inputs.oxygen_flow_l_min = ChartedEvidence::Number(Token("n/a"));
  e.not_current = "oxygen support";
  e.basis = {"fever; one vasopressor",
             "fever not attributable to another cause", true, Therapy()};
  EXPECT_EQ(
      DumpJson(ToJson(e)),
      R"({"temperature_cel":{"value":39.1,"observed_at":"2027-01-15T08:00:00.000Z"},)"
      R"("fever_masked_by":{"drug":"acetaminophen","class":"antipyretic",)"
      R"("at":"2027-01-15T07:00:00.000Z"},)"
      R"("hypotension_flag":{"value":"yes","observed_at":"2027-01-15T08:00:00.000Z"},)"
      R"("systolic_mm_hg":null,"hypotension_systolic_below":90,)"
      R"("vasopressors":["norepinephrine"],"vasopressin":false,)"
      R"("oxygen_device":null,)"
      R"("oxygen_flow_l_min":{"value":null,"observed_at":"2027-01-15T08:00:00.000Z"},)"
      R"("not_current":"oxygen support","rule":"fever; one vasopressor",)"
      R"("assumption":"fever not attributable to another cause",)"
      R"("regraded_for_late_input":true,)"
      R"("therapy":{"kind":"car_t_infusion","product":"Kymriah",)"
      R"("at":"2027-01-14T08:00:00.000Z","day":1}})");
}

TEST(AstctEvidenceTest, AnIcansFindingKeepsItsStoredText) {
  IcansFindingEvidence e;
  e.inputs.ice_score = ChartedEvidence::NumberElseToken(Number(6));
  e.inputs.consciousness = ChartedEvidence::NumberElseToken(Token("alert"));
  e.basis = {"ICE 6", "", false, Therapy()};
  EXPECT_EQ(
      DumpJson(ToJson(e)),
      R"({"ice_score":{"value":6,"observed_at":"2027-01-15T08:00:00.000Z"},)"
      R"("consciousness":{"value":"alert","observed_at":"2027-01-15T08:00:00.000Z"},)"
      R"("seizure":null,"deep_focal_motor_weakness":null,"cerebral_edema":null,)"
      R"("sedated":null,"rule":"ICE 6","assumption":"",)"
      R"("therapy":{"kind":"car_t_infusion","product":"Kymriah",)"
      R"("at":"2027-01-14T08:00:00.000Z","day":1}})");
}

TEST(AstctEvidenceTest, ARestoredGradeKeepsItsStoredText) {
  RestoredGradeEvidence withdrawn{
      kAt,
      2,
      {"nothing gradable once the result was withdrawn", std::nullopt, false,
       Therapy()}};
  EXPECT_EQ(DumpJson(ToJson(withdrawn)),
            R"({"withdrawn":{"observed_at":"2027-01-15T08:00:00.000Z"},)"
            R"("grade_restored":2,)"
            R"("rule":"nothing gradable once the result was withdrawn",)"
            R"("therapy":{"kind":"car_t_infusion","product":"Kymriah",)"
            R"("at":"2027-01-14T08:00:00.000Z","day":1}})");
  RestoredGradeEvidence late{
      std::nullopt,
      0,
      {"nothing gradable with the late input", std::nullopt, true, Therapy()}};
  EXPECT_EQ(DumpJson(ToJson(late)),
            R"({"grade_restored":0,)"
            R"("rule":"nothing gradable with the late input",)"
            R"("regraded_for_late_input":true,)"
            R"("therapy":{"kind":"car_t_infusion","product":"Kymriah",)"
            R"("at":"2027-01-14T08:00:00.000Z","day":1}})");
}

}  // namespace
}  // namespace iraed::surveillance
