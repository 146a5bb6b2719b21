// Grading end to end: a therapy event and lab results over the native
// protocol become CTCAE findings in the database before the ACCEPTED ack.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace iraed::testing
