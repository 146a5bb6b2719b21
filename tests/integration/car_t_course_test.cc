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
#include "support/csv_rows.h"
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
        "|P|2.5.1\rPID|1||" + mrn + "^^^HOSP^MR" +
        (pid7_.empty() ? "" : "||DOE^ALEX||" + pid7_) + "\r" + body;
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

  // One neutrophil count of `day` under order `filler` (its result id),
  // with OBX-11 `status` ("F"; "W" withdraws it).
  void Anc(const std::string& mrn, int day, double anc,
           const std::string& filler, const std::string& status = "F") {
    char value[32];
    std::snprintf(value, sizeof value, "%g", anc);
    Send("ORU^R01", mrn,
         "OBR|1||" + filler + "\rOBX|1|NM|751-8^Neutrophils^LN||" + value +
             "|10*3/uL|1.8-7.7||||" + status + "|||" +
             Hl7Time(kInfusion + day * kDay - 7 * 3600) + "\r");
  }

  void Infusion(const std::string& mrn) {
    Send("RAS^O17", mrn,
         "ORC|RE|P-1|F-1\rRXA|0|1|" + Hl7Time(kInfusion) + "|" +
             Hl7Time(kInfusion + 1800) +
             "|KYM^Kymriah^99PHARM|1|bag|||||||||||||CP|A\r");
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
  std::string pid7_;  // PID-7 of the messages sent ("" none)
};

TEST_F(CarTCourseTest, NeutropeniaPagesByIcahtPlateletsAtGradeFourOnly) {
  const std::string mrn = "CART-1";
  // Baseline, day -6: normal counts; the morning of the infusion (day 0,
  // before it) after lymphodepletion.
  Counts(mrn, -6, 3.2, 190, 12.1);
  Counts(mrn, 0, 0.6, 120, 10.2);
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
      // ... and febrile neutropenia pages beside it (reference 10.2).
      EXPECT_EQ(PatientCount(mrn,
                             "a.syndrome = 'Febrile neutropenia' AND "
                             "a.grade = 3 AND a.summary LIKE '%ANC 0.3 "
                             "x 10^9/L (< 1.0) with a temperature of "
                             "38.9 Cel (> 38.3)%'"),
                1);
    }
    // Early ICAHT rises with the severe days (<= 500/uL, cumulative): grade
    // 1 from day 1, 2 from day 7, 3 from day 14; only grade 3 pages.
    EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'ICAHT'"), day < 14 ? 0 : 1)
        << "day " << day;
  }
  for (int day = 15; day <= 17; ++day) Counts(mrn, day, 1.8, 80, 7.8);

  // Every CTCAE count finding is recorded: neutrophils grade 4 (< 0.5),
  // anemia grade 3 (< 8.0 g/dL), platelets grade 4 (< 25) ...
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Neutrophil count decreased' AND f.grade = "
                         "4 AND f.evidence LIKE '%\"paging_policy\":{\"name\":"
                         "\"car_t_cytopenia_window\",\"car_t_day\":1,%'"),
            1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Anemia' AND f.grade = 3 AND "
                         "f.grading_system = 'CTCAE 5.0'"),
            2);
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

  // Day 31: the window is over and normal CTCAE alerting resumes. Anemia
  // grade 3 recorded in the window paged nobody, so it does not hold back
  // a platelet grade 3 now (reference 10.1); the first count after day 30
  // makes early ICAHT final (days 18-30 read from days 17 and 31, both
  // recovered).
  // The nurse resolved the day-7 platelet alert when the count recovered.
  {
    auto p = Connect();
    ASSERT_NE(p, nullptr);
    iraed::v1::Envelope resolve;
    resolve.set_message_id("resolve-1");
    resolve.set_source("console");
    resolve.mutable_alert_action()->set_alert_id(static_cast<std::uint64_t>(
        Count("SELECT a.id FROM alerts a JOIN patients p ON p.id = "
              "a.patient_id WHERE p.identifier = 'CART-1' AND a.syndrome = "
              "'Cytopenia'")));
    resolve.mutable_alert_action()->set_kind(
        iraed::v1::ALERT_ACTION_KIND_RESOLVE);
    resolve.mutable_alert_action()->set_by("rn.jones");
    ASSERT_EQ(RoundTrip(*p, resolve).status(), iraed::v1::ACK_STATUS_ACCEPTED);
  }
  Counts(mrn, 31, 1.9, 40, 7.8);
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Cytopenia' AND a.grade = 3 AND "
                         "a.summary NOT LIKE '%CAR-T cytopenia%'"),
            1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Early ICAHT' AND f.grade = 3 AND "
                         "f.provisional = 0"),
            1);
  EXPECT_EQ(FindingCount(mrn, "f.term = 'Late ICAHT' AND f.grade = 0"), 0);

  // The pharmacovigilance export (finding level) carries each row's
  // grading system and rule version, and the infusion of an ICAHT row:
  // day of therapy counted from day 1 = the infusion's calendar day.
  auto export_rows = [&](const char* version) {
    auto r = RunCommand({IRAECTL_BINARY, "--db", db_path(), "export", "--level",
                         "finding", "--from", "2026-09-01", "--to",
                         "2026-11-01", "--time-zone", "Europe/Berlin",
                         "--ctcae-version", version});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return ParseCsvRows(r.out);
  };
  const auto v5 = export_rows("5.0");
  const auto icaht = RowsWhere(
      v5, {{"term", "Early ICAHT"}, {"grade", "3"}, {"previous_grade", "2"}});
  ASSERT_EQ(icaht.size(), 1u);
  EXPECT_EQ(icaht[0].at("grading_system"), "EHA/EBMT ICAHT 2023");
  EXPECT_EQ(icaht[0].at("rule_version"), "icaht-2023-cumulative/iraed-1");
  EXPECT_EQ(icaht[0].at("meddra_llt_code"), "");
  EXPECT_EQ(icaht[0].at("soc"), "");
  EXPECT_EQ(icaht[0].at("severe"), "1");
  EXPECT_EQ(icaht[0].at("therapy_class"), "CAR-T cell therapy");
  EXPECT_EQ(icaht[0].at("active_ingredient"), "tisagenlecleucel");
  EXPECT_EQ(icaht[0].at("product"), "Kymriah");
  EXPECT_EQ(std::stoi(icaht[0].at("day_of_therapy")),
            std::stoi(icaht[0].at("days_since_latest_dose")) + 1);
  EXPECT_EQ(RowsWhere(v5, {{"term", "Early ICAHT"},
                           {"days_since_latest_dose", "14"},
                           {"day_of_therapy", "15"}})
                .size(),
            1u);
  const auto fn = RowsWhere(v5, {{"term", "Febrile neutropenia"},
                                 {"grade", "3"},
                                 {"grading_system", "CTCAE 5.0"}});
  ASSERT_EQ(fn.size(), 1u);
  EXPECT_EQ(fn[0].at("meddra_llt_code"), "10016288");
  EXPECT_EQ(fn[0].at("soc"), "Blood and lymphatic system disorders");
  // CTCAE 5.0 rows by default; --ctcae-version 6.0 gives the v6 terms
  // (Thrombocytopenia) and keeps the terms graded by v5 only.
  EXPECT_TRUE(RowsWhere(v5, {{"grading_system", "CTCAE 6.0"}}).empty());
  const auto plt = RowsWhere(v5, {{"term", "Platelet count decreased"}});
  ASSERT_FALSE(plt.empty());
  EXPECT_EQ(plt[0].at("meddra_llt_code"), "10035528");
  EXPECT_EQ(plt[0].at("soc"), "Investigations");
  EXPECT_EQ(plt[0].at("meddra_version"), "20.1");
  const auto v6 = export_rows("6.0");
  const auto thrombo = RowsWhere(v6, {{"term", "Thrombocytopenia"}});
  ASSERT_FALSE(thrombo.empty());
  EXPECT_EQ(thrombo[0].at("meddra_llt_code"), "10043554");
  EXPECT_EQ(thrombo[0].at("soc"), "Blood and lymphatic system disorders");
  EXPECT_EQ(thrombo[0].at("meddra_version"), "28.0");
  EXPECT_TRUE(RowsWhere(v6, {{"term", "Platelet count decreased"}}).empty());
  EXPECT_TRUE(
      RowsWhere(v6, {{"term", "Anemia"}, {"grading_system", "CTCAE 5.0"}})
          .empty());
  EXPECT_EQ(RowsWhere(v6, {{"term", "Febrile neutropenia"},
                           {"grade", "3"},
                           {"grading_system", "CTCAE 5.0"}})
                .size(),
            1u);
  EXPECT_FALSE(RowsWhere(v6, {{"term", "Early ICAHT"}}).empty());
  const auto all = export_rows("all");
  EXPECT_FALSE(RowsWhere(all, {{"grading_system", "CTCAE 6.0"}}).empty());
  EXPECT_FALSE(RowsWhere(all, {{"term", "Platelet count decreased"}}).empty());

  // Replay reproduces the course under this rule set; under the rule set
  // before ICAHT the ICAHT findings and alert are the difference.
  auto same = RunCommand({IRAECTL_BINARY, "--db", db_path(), "replay",
                          "--rules", "iraed-rules-4"});
  EXPECT_EQ(same.exit_code, 0) << same.out << same.err;
  EXPECT_NE(same.out.find("Reproduced exactly."), std::string::npos)
      << same.out;
  auto before = RunCommand({IRAECTL_BINARY, "--db", db_path(), "replay",
                            "--rules", "iraed-rules-2"});
  EXPECT_EQ(before.exit_code, 3) << before.out << before.err;
  EXPECT_NE(before.out.find("stored only: "), std::string::npos) << before.out;
  EXPECT_NE(before.out.find("Early ICAHT"), std::string::npos) << before.out;
}

// A withdrawn count: the lab step restores the CTCAE grade under the
// window's paging policy (nobody paged), and ICAHT is graded again from the
// counts left (never a lab-style "withdrawn" ICAHT finding).
TEST_F(CarTCourseTest, WithdrawnCountsRegradeIcahtAndPageNobody) {
  const std::string mrn = "CART-2";
  Infusion(mrn);
  Anc(mrn, 1, 1.2, "D1");       // CTCAE grade 2, above 500/uL: no ICAHT day
  Anc(mrn, 2, 0.3, "D2");       // grade 4; early ICAHT grade 1
  Anc(mrn, 3, 1.6, "D3");       // grade 1
  Anc(mrn, 3, 1.6, "D3", "W");  // withdrawn: grade 4 restored
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Neutrophil count decreased' AND "
                         "f.grade = 4 AND f.evidence LIKE "
                         "'%\"paging_policy\":{\"name\":"
                         "\"car_t_cytopenia_window\"}%'"),
            1);
  Anc(mrn, 2, 0.3, "D2", "W");  // the only severe day withdrawn
  EXPECT_EQ(Count("SELECT group_concat(f.grade, '') FROM findings f JOIN "
                  "patients p ON p.id = f.patient_id WHERE p.identifier = "
                  "'CART-2' AND f.term = 'Early ICAHT' ORDER BY f.id"),
            10);
  EXPECT_EQ(FindingCount(mrn,
                         "f.grading_system = 'EHA/EBMT ICAHT 2023' AND "
                         "f.evidence LIKE '%withdrawn%'"),
            0);
  EXPECT_EQ(PatientCount(mrn, "1"), 0);  // nothing paged
}

// Reference 10.4: a fever charted with another documented cause
// (IRAED|FEVER-OTHER-CAUSE yes) is not CRS fever; the CTCAE Fever finding
// is still recorded. A later fever without one is CRS again.
TEST_F(CarTCourseTest, FeverWithAnotherDocumentedCauseIsNotCrs) {
  const std::string mrn = "CART-3";
  Infusion(mrn);
  const std::string day2 = Hl7Time(kInfusion + 2 * kDay - 3 * 3600);
  Send("ORU^R01", mrn,
       "OBR|1||V-1\rOBX|1|NM|8310-5^Body temperature^LN||38.9|Cel|||||F|||" +
           day2 +
           "\rOBX|2|ST|FEVER-OTHER-CAUSE^Fever with another cause^IRAED||"
           "yes||||||F|||" +
           day2 + "\r");
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'CRS'"), 0);
  EXPECT_EQ(FindingCount(mrn, "f.term = 'Fever' AND f.grade = 1"), 1);
  EXPECT_EQ(FindingCount(mrn, "f.term = 'Cytokine release syndrome'"), 0);
  // Eight hours later (the other cause no longer current): CRS grade 1.
  Send("ORU^R01", mrn,
       "OBR|1||V-2\rOBX|1|NM|8310-5^Body temperature^LN||39.1|Cel|||||F|||" +
           Hl7Time(kInfusion + 2 * kDay + 5 * 3600) + "\r");
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'CRS' AND a.grade = 1"), 1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Cytokine release syndrome' AND "
                         "f.grading_system = 'ASTCT 2019' AND "
                         "f.grade = 1 AND json_extract(f.evidence, "
                         "'$.fever_other_cause') IS NULL AND "
                         "f.evidence LIKE '%\"fever_other_cause\":null%'"),
            1);
  // The CTCAE 5.0 scale beside it (reference 10.6): fever alone, grade 1.
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Cytokine release syndrome' AND "
                         "f.grading_system = 'CTCAE 5.0' AND f.grade = 1"),
            1);
}

// Reference 10.5 through HL7: a child under 12 (PID-7) is graded for ICANS
// by CAPD, not ICE; reference 10.6: FiO2 (3150-0) grades the CTCAE CRS
// scale beside ASTCT, which pages.
TEST_F(CarTCourseTest, AChildIsGradedByCapdAndFio2GradesTheCtcaeScale) {
  const std::string mrn = "CART-CHILD";
  pid7_ = "20190301";  // seven in 2026
  Infusion(mrn);
  const std::string at = Hl7Time(kInfusion + 2 * kDay);
  Send("ORU^R01", mrn,
       "OBR|1||N-1\rOBX|1|NM|ICE-SCORE^ICE^IRAED||2||||||F|||" + at +
           "\rOBX|2|ST|LOC^Consciousness^IRAED||awakens to voice||||||F|||" +
           at + "\rOBX|3|NM|CAPD^CAPD^IRAED||6||||||F|||" + at + "\r");
  // CAPD 6 awakening to voice: 2 (ICE 2 would be 3).
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'ICANS' AND a.grade = 2"), 1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.grading_system = 'ASTCT 2019' AND f.grade = 2 AND "
                         "json_extract(f.evidence, '$.age_years') = 7 AND "
                         "json_extract(f.evidence, '$.encephalopathy_scale') "
                         "= 'CAPD'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM patients WHERE identifier = "
                  "'CART-CHILD' AND birth_date = '2019-03-01'"),
            1);
  const std::string later = Hl7Time(kInfusion + 2 * kDay + 3600);
  Send("ORU^R01", mrn,
       "OBR|1||V-1\rOBX|1|NM|8310-5^Body temperature^LN||38.7|Cel|||||F|||" +
           later +
           "\rOBX|2|ST|O2-DEVICE^Oxygen device^IRAED||face mask||||||F"
           "|||" +
           later +
           "\rOBX|3|NM|3150-0^Inhaled oxygen concentration^LN"
           "||45|%|||||F|||" +
           later + "\r");
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'CRS' AND a.grade = 3"), 1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Cytokine release syndrome' AND "
                         "f.grading_system = 'CTCAE 5.0' AND f.grade = 3 AND "
                         "f.provisional = 0 AND f.rule_version = "
                         "'ctcae-5.0-crs/iraed-1'"),
            1);
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'CRS'"), 1);
}

// CAR-HEMATOTOX through HL7 (reference 4 addendum): the values before
// the first fludarabine dose score the infusion; the risk finding pages
// nobody.
TEST_F(CarTCourseTest, HematotoxScoresTheValuesBeforeLymphodepletion) {
  const std::string mrn = "CART-HT";
  const std::string pre = Hl7Time(kInfusion - 7 * kDay);
  Send("ORU^R01", mrn,
       "OBR|1||PRE-1\rOBX|1|NM|777-3^Platelets^LN||60|10*3/uL|150-400|||"
       "|F|||" +
           pre +
           "\rOBX|2|NM|751-8^Neutrophils^LN||0.9|10*3/uL|"
           "1.8-7.7||||F|||" +
           pre +
           "\rOBX|3|NM|718-7^Hemoglobin^LN||10.5|g/dL|"
           "12-16||||F|||" +
           pre + "\rOBX|4|NM|1988-5^CRP^LN||12|mg/L|0-5||||F|||" + pre +
           "\rOBX|5|NM|2276-4^Ferritin^LN||900|ng/mL|20-300||||F|||" + pre +
           "\r");
  Send("RAS^O17", mrn,
       "ORC|RE|P-LD|F-LD\rRXA|0|1|" + Hl7Time(kInfusion - 5 * kDay) + "|" +
           Hl7Time(kInfusion - 5 * kDay + 1800) +
           "|FLU^Fludarabine^99PHARM|30|mg/m2|||||||||||||CP|A\r");
  // After lymphodepletion: not a pre-treatment value.
  Send("ORU^R01", mrn,
       "OBR|1||PRE-2\rOBX|1|NM|777-3^Platelets^LN||20|10*3/uL|150-400|||"
       "|F|||" +
           Hl7Time(kInfusion - 3 * kDay) + "\r");
  Infusion(mrn);
  // Platelets 60 (2) + ANC 0.9 (1) + Hb 10.5 (0) + CRP 1.2 mg/dL (0) +
  // ferritin 900 (1) = 4: high risk.
  EXPECT_EQ(FindingCount(mrn,
                         "f.grading_system = 'CAR-HEMATOTOX 2021' AND "
                         "f.term = 'CAR-HEMATOTOX' AND f.grade = 1 AND "
                         "f.provisional = 0 AND json_extract(f.evidence, "
                         "'$.score') = 4"),
            1);
  EXPECT_EQ(PatientCount(mrn, "1"), 0);  // nothing paged
  // A risk score, not an adverse event: not in the export, at either
  // level.
  for (const char* level : {"episode", "finding"}) {
    auto csv = RunCommand({IRAECTL_BINARY, "--db", db_path(), "export",
                           "--level", level, "--from", "2026-09-01", "--to",
                           "2026-11-01", "--ctcae-version", "all"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    EXPECT_EQ(csv.out.find("CAR-HEMATOTOX"), std::string::npos) << csv.out;
  }
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
  // Febrile neutropenia pages for every monitored patient: 38.1 Cel charted
  // twice 70 min apart is a fever sustained for more than an hour. (Each
  // reading has its own order: without OBR-3 every temperature would share
  // one result id and each would supersede the one before.)
  Send("ORU^R01", mrn,
       "OBR|1||T-1\rOBX|1|NM|8310-5^Body temperature^LN||38.1|Cel|||||F|||" +
           Hl7Time(kInfusion + 5 * kDay - 5 * 3600) + "\r");
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'Febrile neutropenia'"), 0);
  Send("ORU^R01", mrn,
       "OBR|1||T-2\rOBX|1|NM|8310-5^Body temperature^LN||38.2|Cel|||||F|||" +
           Hl7Time(kInfusion + 5 * kDay - 5 * 3600 + 70 * 60) + "\r");
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Febrile neutropenia' AND "
                         "a.grade = 3 AND a.summary LIKE '%sustained "
                         "for more than 1 h%'"),
            1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Febrile neutropenia' AND f.grade = "
                         "3 AND f.meddra_code = '10016288' AND "
                         "f.grading_system = 'CTCAE 5.0'"),
            1);
}

// The usual order: the fever is charted at 07:00, the count drawn at 06:00
// is resulted later. The count grades the fever charted after it; its
// withdrawal takes the grade back.
TEST_F(CarTCourseTest,
       ACountResultedAfterTheFeverStillPagesAndAWithdrawalUndoes) {
  const std::string mrn = "ICI-3";
  Send("RAS^O17", mrn,
       "ORC|RE|P-7|F-7\rRXA|0|1|" + Hl7Time(kInfusion) +
           "||PEMBRO^Keytruda^99PHARM|200|mg|||||||||||||CP|A\r");
  Send("ORU^R01", mrn,
       "OBR|1||T-7\rOBX|1|NM|8310-5^Body temperature^LN||38.6|Cel|||||F|||" +
           Hl7Time(kInfusion + 4 * kDay - 6 * 3600) + "\r");
  EXPECT_EQ(PatientCount(mrn, "a.syndrome = 'Febrile neutropenia'"), 0);
  Anc(mrn, 4, 0.4, "CBC-7");  // 06:00, an hour before the fever
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Febrile neutropenia' AND "
                         "a.grade = 3"),
            1);
  EXPECT_EQ(FindingCount(
                mrn,
                "f.term = 'Febrile neutropenia' AND f.grade = "
                "3 AND f.observed_at_ms = " +
                    std::to_string((kInfusion + 4 * kDay - 6 * 3600) * 1000)),
            1);
  Anc(mrn, 4, 0.4, "CBC-7", "W");  // entered in error
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Febrile neutropenia' AND f.grade = "
                         "0 AND f.previous_grade = 3"),
            1);
}

// Reference 10.3: with an abnormal baseline CTCAE grades ALT by multiples
// of the baseline, ASCO 2021 by multiples of ULN; the Hepatitis alert is
// the higher and names the scale that drove it.
TEST_F(CarTCourseTest, HepatitisAlertIsTheHigherOfCtcaeAndAsco) {
  const std::string mrn = "ICI-2";
  auto alt = [&](double value, std::int64_t at) {
    char v[32];
    std::snprintf(v, sizeof v, "%g", value);
    Send("ORU^R01", mrn,
         std::string("OBX|1|NM|1742-6^ALT^LN||") + v + "|U/L|7-56|H|||F|||" +
             Hl7Time(at) + "\r");
  };
  alt(100, kInfusion - 3 * kDay);  // baseline above ULN 56
  Send("RAS^O17", mrn,
       "ORC|RE|P-8|F-8\rRXA|0|1|" + Hl7Time(kInfusion) +
           "||NIVO^Opdivo^99PHARM|240|mg|||||||||||||CP|A\r");
  // 300 U/L: 3.0 x baseline (CTCAE grade 1) but 5.36 x ULN (ASCO grade 3).
  alt(300, kInfusion + 10 * kDay);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Alanine aminotransferase increased' "
                         "AND f.grade = 1"),
            1);
  EXPECT_EQ(FindingCount(mrn,
                         "f.term = 'Hepatitis' AND f.grade = 3 AND "
                         "f.grading_system = 'ASCO 2021' AND f.evidence "
                         "LIKE '%\"asco_hepatitis_values\":[{\"analyte\":"
                         "\"alt\",\"value\":300,\"uln\":56,%'"),
            1);
  EXPECT_EQ(PatientCount(mrn,
                         "a.syndrome = 'Hepatitis' AND a.grade = 3 AND "
                         "a.summary LIKE '%[ASCO 2021]%'"),
            1);
}

}  // namespace
}  // namespace iraed::testing
