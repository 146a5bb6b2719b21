// A CAR-T course through HL7 end to end (reference sections 4 and 10.1):
// the infusion, two weeks of daily counts with a neutropenic episode, a
// fever on day 3 with ANC 300, thrombocytopenia, anemia and recovery, in a
// site whose calendar is Europe/Berlin. Which findings are written and
// which alerts page; and a checkpoint-inhibitor patient for whom nothing
// changed.
#include <gtest/gtest.h>

#include <ctime>
#include <fstream>

#include "integration/integration_fixture.h"
#include "support/mllp_client.h"

namespace iraed::testing {
namespace {

// 2026-09-21T13:00:00Z: 15:00 in Berlin, day 0.
constexpr std::int64_t kInfusion = 1789995600;
constexpr std::int64_t kDay = 86400;

// "YYYYMMDDHHMMSS+0000" of a Unix time.
std::string Hl7Time(std::int64_t seconds) {
  const std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%d%H%M%S+0000", &tm);
  return text;
}

class CarTCourseTest : public DaemonTest {
 protected:
  void SetUp() override {
    const std::string conf = dir_.File("site.conf");
    {
      std::ofstream f(conf);
      f << "mllp_listener { listen: \"127.0.0.1:0\" "
           "site_time_zone: \"Europe/Berlin\" }\n";
    }
    StartDaemon({"--config", conf});
    auto c = MllpClient::Connect(daemon_->mllp_port());
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    hl7_ = std::move(c).value();
  }

  // Sends one message; expects AA.
  void Send(const std::string& type, const std::string& mrn,
            const std::string& body) {
    const std::string id = "M-" + std::to_string(++sent_);
    const std::string message =
        "MSH|^~\\&|LIS|LAB|IRAED|ONC|20260921000000+0000||" + type + "|" + id +
        "|P|2.5.1\rPID|1||" + mrn + "^^^HOSP^MR\r" + body;
    ASSERT_TRUE(hl7_->Send(message).ok());
    auto ack = hl7_->ReadFrame();
    ASSERT_TRUE(ack.ok()) << ack.status().ToString();
    ASSERT_EQ(FieldOf(Segment(*ack, 1), 1), "AA") << *ack;
  }

  // The morning counts of `day` (06:00Z) for `mrn`; a count < 0 is not sent.
  void Counts(const std::string& mrn, int day, double anc, double platelets,
              double hemoglobin) {
    const std::string at = Hl7Time(kInfusion + day * kDay - 7 * 3600);
    std::string obx;
    int n = 0;
    auto add = [&](const char* code, double v, const char* unit,
                   const char* range) {
      if (v < 0) return;
      char value[32];
      std::snprintf(value, sizeof value, "%g", v);
      obx += "OBX|" + std::to_string(++n) + "|NM|" + code + "||" + value + "|" +
             unit + "|" + range + "||||F|||" + at + "\r";
    };
    add("751-8^Neutrophils^LN", anc, "10*3/uL", "1.8-7.7");
    add("777-3^Platelets^LN", platelets, "10*3/uL", "150-400");
    add("718-7^Hemoglobin^LN", hemoglobin, "g/dL", "12.0-16.0");
    Send("ORU^R01", mrn, "OBR|1||CBC-" + std::to_string(sent_) + "\r" + obx);
  }

  std::int64_t PatientCount(const std::string& mrn, const std::string& where) {
    return Count(
        "SELECT count(*) FROM alerts a JOIN patients p ON p.id = a.patient_id "
        "WHERE p.identifier = '" +
        mrn + "' AND " + where);
  }
  std::int64_t FindingCount(const std::string& mrn, const std::string& where) {
    return Count(
        "SELECT count(*) FROM findings f JOIN patients p ON p.id = "
        "f.patient_id WHERE p.identifier = '" +
        mrn + "' AND " + where);
  }

  std::unique_ptr<MllpClient> hl7_;
  int sent_ = 0;
};

TEST_F(CarTCourseTest, NeutropeniaPagesByIcahtPlateletsAtGradeFourOnly) {
  const std::string mrn = "CART-1";
  // Baseline, day -6: normal counts.
  Counts(mrn, -6, 3.2, 190, 12.1);
  Send("RAS^O17", mrn,
       "ORC|RE|P-1|F-1\rRXA|0|1|" + Hl7Time(kInfusion) + "|" +
           Hl7Time(kInfusion + 1800) +
           "|KYM^Kymriah^99PHARM|1|bag|||||||||||||CP|A\r");
  for (int day = 1; day <= 14; ++day) {
    const double platelets = day < 5 ? 90 : day == 5 ? 40 : day == 7 ? 20 : 30;
    Counts(mrn, day, 0.3, platelets, day == 5 ? 7.5 : 9.5);
    if (day == 3) {
      // Fever on day 3 (ANC 300): CRS grade 1 pages as before.
      Send("ORU^R01", mrn,
           "OBX|1|NM|8310-5^Body temperature^LN||38.9|Cel|||||F|||" +
               Hl7Time(kInfusion + 3 * kDay - 3 * 3600) + "\r");
      EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'CRS' AND a.grade = 1"), 1);
    }
    // Early ICAHT rises with the severe days (<= 500/uL, cumulative): grade
    // 1 from day 1, 2 from day 7, 3 from day 14; only grade 3 pages.
    EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'ICAHT'"), day < 14 ? 0 : 1)
        << "day " << day;
  }
  for (int day = 15; day <= 17; ++day) Counts(mrn, day, 1.8, 80, 10.5);

  // Every CTCAE count finding is recorded: neutrophils grade 4 (< 0.5),
  // anemia grade 3 (< 8.0 g/dL), platelets grade 4 (< 25) ...
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Neutrophil count decreased' AND f.grade = "
                         "4 AND f.evidence LIKE '%\"paging_policy\":{\"name\":"
                         "\"car_t_cytopenia_window\",\"car_t_day\":1,%'"),
            1);
  EXPECT_EQ(FindingCount(mrn, "f.term = 'Anemia' AND f.grade = 3"), 1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Platelet count decreased' AND "
                         "f.grade = 4"),
            1);
  // ... and of them only the platelet count at grade 4 paged (day 7).
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'Cytopenia'"), 1);
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Cytopenia' AND a.grade = 4 AND "
                         "a.previous_grade = 3 AND a.summary LIKE "
                         "'%CAR-T cytopenia window (reference 10.1)%'"),
            1);
  // Early ICAHT: 1, 2, 3, each provisional (the window is open), under
  // "EHA/EBMT ICAHT 2023" with the counting method in the rule version.
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Early ICAHT' AND f.grading_system = "
                         "'EHA/EBMT ICAHT 2023' AND f.provisional = 1 AND "
                         "f.rule_version = 'icaht-2023-cumulative/iraed-1'"),
            3);
  EXPECT_EQ(Count("SELECT group_concat(grade, '') FROM (SELECT f.grade FROM "
                  "findings f WHERE f.term = 'Early ICAHT' ORDER BY f.id)"),
            123);
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'ICAHT' AND a.grade = 3 AND "
                         "a.previous_grade = 2"),
            1);
  // The day-14 count decided it: 14 severe days (day 0 has no count).
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Early ICAHT' AND f.grade = 3 AND "
                         "f.evidence LIKE '%\"through_day\":14,%' AND "
                         "f.evidence LIKE '%\"severe_days\":14,%'"),
            1);
  EXPECT_EQ(FindingCount(mrn, "f.term = 'Late ICAHT'"), 0);

  // Replay reproduces the course under this rule set; under the rule set
  // before ICAHT the ICAHT findings and alert are the difference.
  auto same = RunCommand({IRAECTL_BINARY, "--db", db_path(), "replay",
                          "--rules", "iraed-rules-3"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("Reproduced exactly."), std::string::npos)
      << same.out;
  auto before = RunCommand({IRAECTL_BINARY, "--db", db_path(), "replay",
                            "--rules", "iraed-rules-2"});
  EXPECT_EQ(before.exit_code, 3) << before.out << before.err;
  EXPECT_NE(before.out.find("stored only: "), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("Early ICAHT"), std::string::npos) << before.out;
}

TEST_F(CarTCourseTest, CheckpointPatientsPageAsBefore) {
  const std::string mrn = "ICI-1";
  Send("RAS^O17", mrn,
       "ORC|RE|P-9|F-9\rRXA|0|1|" + Hl7Time(kInfusion) +
           "||PEMBRO^Keytruda^99PHARM|200|mg|||||||||||||CP|A\r");
  Counts(mrn, 5, 0.3, 190, 12.5);
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Cytopenia' AND a.grade = 4 AND "
                         "a.summary NOT LIKE '%CAR-T%'"),
            1);
  EXPECT_EQ(FindingCount(mrn, "f.evidence LIKE '%paging_policy%'"), 0);
  EXPECT_EQ(FindingCount(mrn, "f.grading_system = 'EHA/EBMT ICAHT 2023'"), 0);
}

}  // namespace
}  // namespace iraed::testing
