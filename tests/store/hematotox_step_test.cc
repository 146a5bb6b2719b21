// CAR-HEMATOTOX in the store (rule set iraed-rules-4): the values before
// lymphodepletion, the risk finding at the infusion, pages nobody.
#include "store/hematotox_step.h"

#include <gtest/gtest.h>

#include "support/store_fixture.h"

namespace iraed::store {
namespace {

namespace pb = ::iraed::v1;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kInfusion = 1790000000;  // seconds

class HematotoxStepTest : public ::iraed::testing::StoreTest {
 protected:
  void Result(const std::string& loinc, double value, const std::string& unit,
              std::int64_t offset, const std::string& comparator = "") {
    pb::Envelope env;
    env.set_message_id("obs-" + std::to_string(++n_));
    env.set_source("lab");
    auto* b = env.mutable_observations();
    b->mutable_patient()->set_id("P1");
    auto* o = b->add_observations();
    o->mutable_code()->set_system("LN");
    o->mutable_code()->set_code(loinc);
    o->set_numeric(value);
    o->set_comparator(comparator);
    o->set_unit(unit);
    o->set_status(pb::RESULT_STATUS_FINAL);
    o->mutable_observed_at()->set_seconds(kInfusion + offset);
    File(env);
  }
  void Drug(const std::string& name, std::int64_t offset) {
    pb::Envelope env;
    env.set_message_id("med-" + std::to_string(++n_));
    env.set_source("mar");
    auto* m = env.mutable_medication_administration();
    m->mutable_patient()->set_id("P1");
    m->mutable_drug()->set_display(name);
    m->mutable_started_at()->set_seconds(kInfusion + offset);
    m->set_status(pb::ADMINISTRATION_STATUS_COMPLETED);
    File(env);
  }
  void Infusion(std::int64_t offset = 0) {
    pb::Envelope env;
    env.set_message_id("therapy-" + std::to_string(++n_));
    env.set_source("pharmacy");
    auto* t = env.mutable_therapy_event();
    t->mutable_patient()->set_id("P1");
    t->set_kind(pb::THERAPY_KIND_CAR_T_INFUSION);
    t->mutable_product()->set_display("axicabtagene ciloleucel");
    t->mutable_administered_at()->set_seconds(kInfusion + offset);
    t->set_event_id("inf-" + std::to_string(n_));
    File(env);
  }
  // The baseline panel at day -7: platelets 60 (2), ANC 0.9 (1), Hb 10.0
  // g/dL (0), CRP 15 mg/L = 1.5 mg/dL (0), ferritin 800 ng/mL (1): 4.
  void Panel(bool with_ferritin = true) {
    Result("777-3", 60, "10*9/L", -7 * kDay);
    Result("751-8", 0.9, "10*9/L", -7 * kDay);
    Result("718-7", 10.0, "g/dL", -7 * kDay);
    Result("1988-5", 15, "mg/L", -7 * kDay);
    if (with_ferritin) Result("2276-4", 800, "ng/mL", -7 * kDay);
  }
  std::int64_t Findings(const std::string& where) {
    return Count(
        "SELECT count(*) FROM findings WHERE grading_system = "
        "'CAR-HEMATOTOX 2021' AND term = 'CAR-HEMATOTOX' AND " +
        where);
  }
  int n_ = 0;
};

TEST_F(HematotoxStepTest, ScoredFromTheValuesBeforeLymphodepletion) {
  Panel();
  Drug("fludarabine", -5 * kDay);
  Drug("Cytoxan", -5 * kDay);
  // After lymphodepletion: not a pre-treatment value.
  Result("777-3", 20, "10*9/L", -4 * kDay);
  EXPECT_EQ(Findings("1"), 0);  // no infusion yet
  Infusion();
  EXPECT_EQ(Findings("grade = 1 AND provisional = 0 AND rule_version = "
                     "'car-hematotox-2021/iraed-1' AND observed_at_ms = " +
                     std::to_string(kInfusion * 1000) +
                     " AND json_extract(evidence, '$.score') = 4 AND "
                     "json_extract(evidence, '$.inputs.platelets.value') = 60 "
                     "AND json_extract(evidence, '$.inputs.crp.in_score_unit') "
                     "= 1.5 AND json_extract(evidence, '$.verification') LIKE "
                     "'partially verified%' AND json_extract(evidence, "
                     "'$.lymphodepletion_start') IS NOT NULL"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts"), 0);  // pages nobody
  // A later count changes nothing.
  Result("777-3", 250, "10*9/L", kDay);
  EXPECT_EQ(Findings("1"), 1);
}

TEST_F(HematotoxStepTest, WithoutLymphodepletionTheValuesBeforeTheInfusion) {
  Result("777-3", 250, "10*9/L", -2 * kDay);
  Result("751-8", 3.0, "10*9/L", -2 * kDay);
  Result("718-7", 130, "g/L", -2 * kDay);
  Result("1988-5", 0.5, "mg/dL", -2 * kDay);
  Result("2276-4", 100, "ug/L", -2 * kDay);
  Infusion();
  EXPECT_EQ(Findings("grade = 0 AND provisional = 0 AND json_extract("
                     "evidence, '$.risk') = 'low' AND json_type(evidence, "
                     "'$.lymphodepletion_start') = 'null'"),
            1);
}

TEST_F(HematotoxStepTest, AMissingInputIsProvisionalUntilItArrives) {
  Result("777-3", 150, "10*9/L", -7 * kDay);  // 1
  Result("751-8", 2.0, "10*9/L", -7 * kDay);
  Result("718-7", 10.0, "g/dL", -7 * kDay);
  Result("1988-5", 5, "mg/L", -7 * kDay);
  Infusion();
  EXPECT_EQ(Findings("grade = 0 AND provisional = 1 AND json_extract("
                     "evidence, '$.missing[0]') = 'ferritin'"),
            1);
  // The ferritin of day -7 resulted late: 2500 (2) makes it high risk.
  Result("2276-4", 2500, "ng/mL", -7 * kDay);
  EXPECT_EQ(Findings("grade = 1 AND provisional = 0 AND previous_grade = 0"),
            1);
  EXPECT_EQ(Findings("1"), 2);
}

TEST_F(HematotoxStepTest, NotScoredBeforeRuleSet4) {
  grading::GradingOptions o;
  o.rule_set = grading::RuleSet::kRules3;
  Open(o);
  Panel();
  Infusion();
  EXPECT_EQ(Findings("1"), 0);
}

TEST_F(HematotoxStepTest, EachInfusionHasItsOwnFinding) {
  Panel();
  Infusion();
  EXPECT_EQ(Findings("grade = 1"), 1);
  // A second infusion 60 days later: scored from the values before it (the
  // same panel, within no look-back: incomplete), its own finding.
  Result("777-3", 60, "10*9/L", 58 * kDay);
  Result("751-8", 0.9, "10*9/L", 58 * kDay);
  Infusion(60 * kDay);
  EXPECT_EQ(Findings("observed_at_ms = " +
                     std::to_string((kInfusion + 60 * kDay) * 1000)),
            1);
  EXPECT_EQ(Findings("1"), 2);
}

TEST_F(HematotoxStepTest, ANewerValueWithAComparatorIsMissingNotAnOlderOne) {
  Panel();                                   // CRP 15 mg/L at day -7 (0 points)
  Result("1988-5", 40, "mg/L", -20 * kDay);  // older, would score 1
  Result("1988-5", 5, "mg/L", -2 * kDay, "<");  // the last one: bounded
  Infusion();
  EXPECT_EQ(Findings("json_extract(evidence, '$.sent_with_comparator') = "
                     "'crp' AND json_extract(evidence, '$.missing[0]') = "
                     "'crp' AND json_extract(evidence, '$.score') = 4"),
            1);
}

TEST_F(HematotoxStepTest, AChangedScoreOfTheSameClassIsWrittenAgain) {
  Panel();  // score 4
  Infusion();
  EXPECT_EQ(Findings("json_extract(evidence, '$.score') = 4"), 1);
  // A late hemoglobin of day -6, 8.0 g/dL: score 5, still high risk.
  Result("718-7", 8.0, "g/dL", -6 * kDay);
  EXPECT_EQ(Findings("json_extract(evidence, '$.score') = 5 AND grade = 1 "
                     "AND previous_grade = 1"),
            1);
  // The same again: nothing new.
  Result("751-8", 0.9, "10*9/L", 2 * kDay);
  EXPECT_EQ(Findings("1"), 2);
}

}  // namespace
}  // namespace iraed::store
