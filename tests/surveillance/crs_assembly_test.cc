// CRS input assembly on plain values (surveillance/crs_assembly.h): which
// charted values, doses and infusions count at a moment, at every time
// boundary (just inside, at, just outside), without a database.
#include "surveillance/crs_assembly.h"

#include <gtest/gtest.h>

#include <string>

namespace iraed::surveillance {
namespace {

using grading::DrugClass;
using grading::kHourMs;
using grading::kMinuteMs;

constexpr UnixMillis kAt = 1'800'000'000'000;

ChartedValue Number(double v, UnixMillis at = kAt) {
  return ChartedValue{v, "", at};
}
ChartedValue Token(std::string t, UnixMillis at = kAt) {
  return ChartedValue{std::nullopt, std::move(t), at};
}

VasopressorRecord Pressor(std::string generic, std::string status,
                          UnixMillis started,
                          std::optional<UnixMillis> ended = std::nullopt,
                          std::string id = "", std::int64_t row = 1) {
  VasopressorRecord r;
  r.drug_class = generic == "vasopressin" ? "vasopressin" : "vasopressor";
  r.generic = std::move(generic);
  r.administration_id = std::move(id);
  r.row = row;
  r.status = std::move(status);
  r.started_at = started;
  r.ended_at = ended;
  return r;
}

CrsSnapshot Febrile() {
  CrsSnapshot s;
  s.at = kAt;
  s.temperature = Number(38.4, kAt - kHourMs);
  return s;
}

TEST(CrsAssemblyTest, NoTemperatureAndNoMaskingIsNotGradable) {
  CrsSnapshot s;
  s.at = kAt;
  s.systolic = Number(80);
  const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
  EXPECT_FALSE(a.gradable);
  EXPECT_FALSE(a.inputs.temperature_c);
  // A temperature charted as text only is no temperature.
  s.temperature = Token("hot");
  EXPECT_FALSE(AssembleCrs(s, grading::GradingOptions{}).gradable);
}

TEST(CrsAssemblyTest, EvidenceKeysAreFrozenInOrder) {
  CrsSnapshot s = Febrile();
  const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
  EXPECT_TRUE(a.gradable);
  std::string keys;
  const Json evidence = ToJson(a.evidence);
  for (const auto& [k, v] : evidence.items()) keys += k + ",";
  // fever_other_cause is written from rule set iraed-rules-3, fio2_percent
  // from iraed-rules-4, last.
  EXPECT_EQ(keys,
            "temperature_cel,fever_masked_by,hypotension_flag,systolic_mm_hg,"
            "hypotension_systolic_below,vasopressors,vasopressin,"
            "oxygen_device,oxygen_flow_l_min,fever_other_cause,fio2_percent,");
  EXPECT_TRUE(ToJson(a.evidence)["fio2_percent"].is_null());
  grading::GradingOptions rules3;
  rules3.rule_set = grading::RuleSet::kRules3;
  EXPECT_FALSE(
      ToJson(AssembleCrs(s, rules3).evidence).contains("fio2_percent"));
  EXPECT_TRUE(ToJson(a.evidence)["fever_other_cause"].is_null());
  grading::GradingOptions rules2;
  rules2.rule_set = grading::RuleSet::kRules2;
  keys.clear();
  const Json rules2_evidence = ToJson(AssembleCrs(s, rules2).evidence);
  for (const auto& [k, v] : rules2_evidence.items()) keys += k + ",";
  EXPECT_EQ(keys,
            "temperature_cel,fever_masked_by,hypotension_flag,systolic_mm_hg,"
            "hypotension_systolic_below,vasopressors,vasopressin,"
            "oxygen_device,oxygen_flow_l_min,");
  EXPECT_EQ(ToJson(a.evidence)["temperature_cel"]["value"], 38.4);
  EXPECT_EQ(ToJson(a.evidence)["temperature_cel"]["observed_at"],
            "2027-01-15T07:00:00.000Z");
  EXPECT_TRUE(ToJson(a.evidence)["fever_masked_by"].is_null());
  EXPECT_EQ(a.not_current, "blood pressure, oxygen support");
}

// Reference 10.4: a fever with another documented cause is not CRS fever;
// rule set iraed-rules-2 did not read it.
TEST(CrsAssemblyTest, AFeverWithAnotherDocumentedCauseIsNotCrsFever) {
  CrsSnapshot s = Febrile();
  s.fever_other_cause = Token("yes", kAt - 2 * kHourMs);
  const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
  EXPECT_TRUE(a.gradable);  // the temperature is known
  EXPECT_EQ(a.inputs.fever_other_cause, true);
  EXPECT_EQ(grading::GradeCrs(a.inputs).grade, 0);
  EXPECT_EQ(ToJson(a.evidence)["fever_other_cause"]["value"], "yes");
  s.fever_other_cause = Token("no");
  EXPECT_EQ(AssembleCrs(s, grading::GradingOptions{}).inputs.fever_other_cause,
            false);
  grading::GradingOptions rules2;
  rules2.rule_set = grading::RuleSet::kRules2;
  s.fever_other_cause = Token("yes");
  EXPECT_FALSE(AssembleCrs(s, rules2).inputs.fever_other_cause.has_value());
  EXPECT_EQ(grading::GradeCrs(AssembleCrs(s, rules2).inputs).grade, 1);
}

TEST(CrsAssemblyTest, SystolicBelowTheSiteThresholdIsHypotension) {
  grading::GradingOptions options;
  options.hypotension_systolic_below = 90.0;
  struct Case {
    double systolic;
    bool hypotension;
  };
  for (const Case c :
       {Case{89.9, true}, Case{90.0, false}, Case{90.1, false}}) {
    CrsSnapshot s = Febrile();
    s.systolic = Number(c.systolic);
    const CrsAssessment a = AssembleCrs(s, options);
    ASSERT_TRUE(a.inputs.hypotension) << c.systolic;
    EXPECT_EQ(*a.inputs.hypotension, c.hypotension) << c.systolic;
    EXPECT_EQ(a.not_current, "oxygen support") << c.systolic;
  }
  // No site threshold: only a charted flag counts.
  options.hypotension_systolic_below.reset();
  CrsSnapshot s = Febrile();
  s.systolic = Number(60);
  const CrsAssessment a = AssembleCrs(s, options);
  EXPECT_FALSE(a.inputs.hypotension);
  EXPECT_TRUE(ToJson(a.evidence)["hypotension_systolic_below"].is_null());
}

TEST(CrsAssemblyTest, AChartedFlagOrALowPressureEitherSuffices) {
  CrsSnapshot s = Febrile();
  s.hypotension_flag = Token("yes");
  s.systolic = Number(120);
  EXPECT_TRUE(*AssembleCrs(s, grading::GradingOptions{}).inputs.hypotension);
  s.hypotension_flag = Token("no");
  s.systolic = Number(85);
  EXPECT_TRUE(*AssembleCrs(s, grading::GradingOptions{}).inputs.hypotension);
  s.systolic = Number(95);
  EXPECT_FALSE(*AssembleCrs(s, grading::GradingOptions{}).inputs.hypotension);
  EXPECT_EQ(ToJson(AssembleCrs(s, grading::GradingOptions{})
                       .evidence)["hypotension_flag"]["value"],
            "no");
}

TEST(CrsAssemblyTest, FlowChartedBeforeTheDeviceIsNotUsed) {
  struct Case {
    UnixMillis flow_at;
    bool used;
  };
  for (const Case c :
       {Case{kAt - 2 * kHourMs - 1, false}, Case{kAt - 2 * kHourMs, true},
        Case{kAt - 2 * kHourMs + 1, true}}) {
    CrsSnapshot s = Febrile();
    s.oxygen_device = Token("nasal_cannula", kAt - 2 * kHourMs);
    s.oxygen_flow = Number(4, c.flow_at);
    const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
    EXPECT_EQ(a.inputs.oxygen_device, grading::OxygenDevice::kNasalCannula);
    EXPECT_EQ(a.inputs.oxygen_flow_l_min.has_value(), c.used) << c.flow_at;
    EXPECT_EQ(ToJson(a.evidence)["oxygen_flow_l_min"].is_null(), !c.used);
    EXPECT_EQ(a.not_current, "blood pressure");
  }
  // A flow without any device reading is used as charted.
  CrsSnapshot s = Febrile();
  s.oxygen_flow = Number(2);
  EXPECT_EQ(AssembleCrs(s, grading::GradingOptions{}).inputs.oxygen_flow_l_min,
            2.0);
}

TEST(CrsAssemblyTest, MaskingDoseCountsWithinItsWindowWhileCrsWasInForce) {
  grading::GradingOptions options;  // antipyretic 24 h, tocilizumab 72 h
  struct Case {
    DrugClass cls;
    std::int64_t before;
    int crs_then;
    bool masked;
  };
  const std::int64_t day = 24 * kHourMs;
  for (const Case c : {
           Case{DrugClass::kAntipyretic, day - 1, 1, true},
           Case{DrugClass::kAntipyretic, day, 1, true},
           Case{DrugClass::kAntipyretic, day + 1, 1, false},
           Case{DrugClass::kTocilizumab, 3 * day, 2, true},
           Case{DrugClass::kTocilizumab, 3 * day + 1, 2, false},
           Case{DrugClass::kAntipyretic, kMinuteMs, 0, false},  // no CRS then
       }) {
    CrsSnapshot s;
    s.at = kAt;
    s.masking_doses.push_back({c.cls, "drug", kAt - c.before, c.crs_then});
    const CrsAssessment a = AssembleCrs(s, options);
    EXPECT_EQ(a.inputs.fever_masked, c.masked)
        << grading::DrugClassName(c.cls) << " " << c.before;
    EXPECT_EQ(a.gradable, c.masked);
    if (c.masked) {
      EXPECT_EQ(ToJson(a.evidence)["fever_masked_by"]["class"],
                grading::DrugClassName(c.cls));
    }
  }
}

TEST(CrsAssemblyTest, ASitePolicyThatDoesNotCountAClassDoesNotMask) {
  grading::GradingOptions options;
  options.fever_masking.antipyretics = false;
  CrsSnapshot s;
  s.at = kAt;
  s.masking_doses.push_back(
      {DrugClass::kAntipyretic, "paracetamol", kAt - kHourMs, 1});
  EXPECT_FALSE(AssembleCrs(s, options).inputs.fever_masked);
  EXPECT_EQ(MaskingWindow(options, DrugClass::kAntipyretic), std::nullopt);
  EXPECT_EQ(LongestMaskingWindow(options), 72 * kHourMs);
  options.fever_masking = {false, false, false, false};
  EXPECT_EQ(LongestMaskingWindow(options), 0);
}

TEST(CrsAssemblyTest, TheNewestMaskingDoseGivenDuringCrsIsNamed) {
  CrsSnapshot s;
  s.at = kAt;
  s.masking_doses.push_back(
      {DrugClass::kAntipyretic, "paracetamol", kAt - kHourMs, 0});
  s.masking_doses.push_back(
      {DrugClass::kTocilizumab, "tocilizumab", kAt - 5 * kHourMs, 2});
  const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
  EXPECT_TRUE(a.inputs.fever_masked);
  EXPECT_EQ(ToJson(a.evidence)["fever_masked_by"]["drug"], "tocilizumab");
}

TEST(CrsAssemblyTest, VasopressorFreshnessBoundary) {
  const std::int64_t fresh = 24 * kHourMs;
  for (const auto& [since, running] :
       {std::pair{fresh - 1, true}, std::pair{fresh, true},
        std::pair{fresh + 1, false}}) {
    const RunningVasopressors r = VasopressorsRunning(
        {Pressor("norepinephrine", "in_progress", kAt - since)}, kAt, fresh);
    EXPECT_EQ(r.pressors.size(), running ? 1u : 0u) << since;
  }
}

TEST(CrsAssemblyTest, StoppedEndedAndWithdrawnInfusionsDoNotRun) {
  const std::int64_t fresh = 24 * kHourMs;
  const UnixMillis start = kAt - 2 * kHourMs;
  struct Case {
    std::vector<VasopressorRecord> records;
    std::size_t pressors;
    const char* what;
  };
  const Case cases[] = {
      {{Pressor("norepinephrine", "in_progress", start)}, 1, "running"},
      {{Pressor("norepinephrine", "completed", start, kAt)}, 0, "ended at"},
      {{Pressor("norepinephrine", "completed", start, kAt + 1)},
       1,
       "ends after"},
      {{Pressor("norepinephrine", "completed", start)}, 0, "no end"},
      {{Pressor("norepinephrine", "in_progress", start, std::nullopt, "A"),
        Pressor("norepinephrine", "stopped", kAt - kHourMs, std::nullopt, "A")},
       0,
       "stopped"},
      {{Pressor("norepinephrine", "in_progress", start, std::nullopt, "A"),
        Pressor("norepinephrine", "stopped", kAt + 1, std::nullopt, "A")},
       1,
       "stopped later"},
      {{Pressor("norepinephrine", "in_progress", start, std::nullopt, "A"),
        Pressor("norepinephrine", "entered_in_error", start, std::nullopt,
                "A")},
       0,
       "entered in error"},
      {{Pressor("norepinephrine", "in_progress", start, std::nullopt, "", 1),
        Pressor("norepinephrine", "in_progress", start, std::nullopt, "", 2),
        Pressor("phenylephrine", "in_progress", start, std::nullopt, "", 3)},
       2,
       "distinct drugs"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(VasopressorsRunning(c.records, kAt, fresh).pressors.size(),
              c.pressors)
        << c.what;
  }
  const RunningVasopressors v = VasopressorsRunning(
      {Pressor("vasopressin", "in_progress", start)}, kAt, fresh);
  EXPECT_TRUE(v.vasopressin);
  EXPECT_TRUE(v.pressors.empty());
}

TEST(CrsAssemblyTest, RunningVasopressorsMakeBloodPressureKnown) {
  CrsSnapshot s = Febrile();
  s.oxygen_device = Token("room_air");
  s.vasopressors = {Pressor("norepinephrine", "in_progress", kAt - kHourMs)};
  const CrsAssessment a = AssembleCrs(s, grading::GradingOptions{});
  EXPECT_EQ(a.inputs.vasopressors_excluding_vasopressin, 1);
  EXPECT_EQ(a.not_current, "");
  EXPECT_EQ(ToJson(a.evidence)["vasopressors"],
            Json::array({"norepinephrine"}));
  EXPECT_EQ(ToJson(a.evidence)["vasopressin"], false);
}

}  // namespace
}  // namespace iraed::surveillance
