// Grading end to end: a therapy event and lab results over the native
// protocol become CTCAE findings in the database before the ACCEPTED ack.
#include <gtest/gtest.h>

#include <fstream>

#include "integration/integration_fixture.h"

namespace iraed::testing {
namespace {

namespace pb = ::iraed::v1;

class GradingTest : public DaemonTest {
 protected:
  void SetUp() override { StartDaemon(); }
};

TEST_F(GradingTest, CheckpointInhibitorPatientGetsFindings) {
  auto c = Connect();
  ASSERT_NE(c, nullptr);
  // Before therapy: stored, not graded (it becomes the baseline).
  auto pre = ObservationEnvelope("pre", "lab", "MRN-1", 1, 1789900000);
  pre.mutable_observations()->mutable_observations(0)->set_numeric(25);
  EXPECT_EQ(RoundTrip(*c, pre).status(), pb::ACK_STATUS_ACCEPTED);

  pb::Envelope dose;
  dose.set_message_id("dose-1");
  dose.set_source("pharmacy");
  auto* t = dose.mutable_therapy_event();
  t->mutable_patient()->set_id("MRN-1");
  t->mutable_patient()->set_assigning_authority("TESTHOSP");
  t->set_kind(pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE);
  t->mutable_product()->set_display("nivolumab");
  t->mutable_administered_at()->set_seconds(1789950000);
  EXPECT_EQ(RoundTrip(*c, dose).status(), pb::ACK_STATUS_ACCEPTED);

  // ALT 250 U/L with ULN 56: (3, 5] x ULN is grade 2.
  auto after = ObservationEnvelope("after", "lab", "MRN-1", 1, 1790000000);
  after.mutable_observations()->mutable_observations(0)->set_numeric(250);
  EXPECT_EQ(RoundTrip(*c, after).status(), pb::ACK_STATUS_ACCEPTED);

  EXPECT_EQ(Count("SELECT count(*) FROM findings f JOIN patients p ON "
                  "p.id = f.patient_id WHERE p.identifier = 'MRN-1' AND "
                  "f.term = 'Alanine aminotransferase increased' AND "
                  "f.grading_system = 'CTCAE 5.0' AND "
                  "f.grade = 2 AND f.previous_grade = 0 AND "
                  "json_extract(f.evidence, '$.baseline.value') = 25 AND "
                  "json_extract(f.evidence, '$.therapy.first.product') = "
                  "'nivolumab'"),
            1);
  // ... and one alert for the nurse, linked to that finding.
  EXPECT_EQ(Count("SELECT count(*) FROM alerts a JOIN alert_findings af ON "
                  "af.alert = a.id JOIN findings f ON f.id = af.finding "
                  "WHERE a.syndrome = 'Hepatitis' AND a.grade = 2 AND "
                  "a.previous_grade = 0 AND a.action LIKE '%ASCO21%' AND "
                  "f.term = 'Alanine aminotransferase increased'"),
            1);
  // iraectl shows them to people and to scripts.
  auto alerts =
      RunCommand({IRAECTL_BINARY, "--db", db_path(), "--json", "alerts"});
  ASSERT_EQ(alerts.exit_code, 0) << alerts.err;
  EXPECT_NE(alerts.out.find("\"syndrome\": \"Hepatitis\", \"grade\": 2"),
            std::string::npos)
      << alerts.out;
  EXPECT_NE(alerts.out.find("\"patient\": \"MRN-1\""), std::string::npos);
  auto findings = RunCommand({IRAECTL_BINARY, "--db", db_path(), "findings"});
  ASSERT_EQ(findings.exit_code, 0) << findings.err;
  EXPECT_NE(findings.out.find("Alanine aminotransferase increased"),
            std::string::npos);
}

// A CAR-T patient's flowsheet through the daemon: the site's own codes for
// the oxygen device and its own vasopressor code come from the config file,
// and every ACCEPTED ack means the CRS finding and alert are on disk.
class CrsEndToEndTest : public DaemonTest {};

TEST_F(CrsEndToEndTest, CarTPatientCrsFromSiteCodedFlowsheet) {
  const std::string conf = dir_.File("site.conf");
  {
    std::ofstream f(conf);
    f << "grading {\n"
         "  code_map { system: \"99FLO\" code: \"O2DEV\" analyte: "
         "\"oxygen_device\" }\n"
         "  drugs { generic: \"norepinephrine\" drug_class: \"vasopressor\" "
         "codes: \"99PHARM|NE1\" }\n"
         "}\n";
  }
  StartDaemon({"--config", conf});
  auto c = Connect();
  ASSERT_NE(c, nullptr);
  constexpr std::int64_t kInfusion = 1790000000;
  pb::Envelope infusion;
  infusion.set_message_id("cart-1");
  infusion.set_source("pharmacy");
  auto* th = infusion.mutable_therapy_event();
  th->mutable_patient()->set_id("MRN-9");
  th->set_kind(pb::THERAPY_KIND_CAR_T_INFUSION);
  th->mutable_product()->set_display("Yescarta");
  th->mutable_administered_at()->set_seconds(kInfusion);
  ASSERT_EQ(RoundTrip(*c, infusion).status(), pb::ACK_STATUS_ACCEPTED);

  // Day 1: fever 38.9 Cel and a nasal cannula at 4 L/min: CRS grade 2.
  pb::Envelope vitals;
  vitals.set_message_id("vitals-1");
  vitals.set_source("icu");
  auto* b = vitals.mutable_observations();
  b->mutable_patient()->set_id("MRN-9");
  auto add = [&](const char* system, const char* code) {
    auto* o = b->add_observations();
    o->mutable_code()->set_system(system);
    o->mutable_code()->set_code(code);
    o->set_status(pb::RESULT_STATUS_FINAL);
    o->mutable_observed_at()->set_seconds(kInfusion + 86400);
    return o;
  };
  auto* temp = add("LN", "8310-5");
  temp->set_numeric(38.9);
  temp->set_unit("Cel");
  add("99FLO", "O2DEV")->set_text("Nasal cannula");
  auto* flow = add("LN", "3151-8");
  flow->set_numeric(4);
  flow->set_unit("L/min");
  ASSERT_EQ(RoundTrip(*c, vitals).status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome = 'CRS' AND "
                  "grade = 2 AND previous_grade = 0 AND summary LIKE "
                  "'%low-flow nasal cannula 4 L/min%day 1 after Yescarta%'"),
            1);

  // A norepinephrine infusion under the site's pharmacy code: grade 3.
  pb::Envelope pressor;
  pressor.set_message_id("mar-1");
  pressor.set_source("mar");
  auto* m = pressor.mutable_medication_administration();
  m->mutable_patient()->set_id("MRN-9");
  m->mutable_drug()->set_system("99PHARM");
  m->mutable_drug()->set_code("NE1");
  m->mutable_started_at()->set_seconds(kInfusion + 86400 + 1800);
  m->set_administration_id("inf-77");
  m->set_status(pb::ADMINISTRATION_STATUS_IN_PROGRESS);
  ASSERT_EQ(RoundTrip(*c, pressor).status(), pb::ACK_STATUS_ACCEPTED);
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term = 'Cytokine "
                  "release syndrome' AND grading_system = 'ASTCT 2019' AND "
                  "grade = 3 AND previous_grade = 2 AND observation IS NULL "
                  "AND json_extract(evidence, '$.vasopressors[0]') = "
                  "'norepinephrine'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome = 'CRS'"), 2);
  // The CTCAE fever finding is kept; its own alert is folded into CRS.
  EXPECT_EQ(Count("SELECT count(*) FROM findings WHERE term = 'Fever'"), 1);
  EXPECT_EQ(Count("SELECT count(*) FROM alerts WHERE syndrome = 'Fever'"), 0);
}

}  // namespace
}  // namespace iraed::testing
