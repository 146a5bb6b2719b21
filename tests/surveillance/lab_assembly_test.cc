// Lab input assembly on plain values (surveillance/lab_assembly.h): which
// results are graded, limit precedence, baseline choice, the ASCO rules
// valued from labs, and the evidence, without a database.
#include "surveillance/lab_assembly.h"

#include <gtest/gtest.h>

#include <string>

#include "grading/asco_irae.h"
#include "surveillance/evidence.h"

namespace iraed::surveillance {
namespace {

using grading::Analyte;
using grading::Unit;

constexpr UnixMillis kAt = 1'800'000'000'000;

model::Observation Result(double value, std::string unit) {
  model::Observation o;
  o.code = {"LN", "1742-6", "ALT"};
  o.numeric = value;
  o.unit = std::move(unit);
  o.status = model::ResultStatus::kFinal;
  o.observed_at = kAt;
  return o;
}

StoredResult Baseline(double value, std::string unit) {
  StoredResult b;
  b.value = value;
  b.unit = std::move(unit);
  b.observed_at = kAt - 10 * grading::kDayMs;
  return b;
}

TEST(LabAssemblyTest, OnlyFinalNumericResultsOfGradedAnalytesAreGraded) {
  model::Observation o = Result(100, "U/L");
  EXPECT_TRUE(LabIsGraded(o, Analyte::kAlt));
  EXPECT_FALSE(LabIsGraded(o, std::nullopt));
  // Fever is a CTCAE term as well as an ASTCT input; oxygen flow is only
  // ASTCT's.
  EXPECT_TRUE(LabIsGraded(o, Analyte::kBodyTemperature));
  EXPECT_FALSE(LabIsGraded(o, Analyte::kOxygenFlow));
  EXPECT_TRUE(LabIsGraded(o, Analyte::kTsh));
  EXPECT_TRUE(LabIsGraded(o, Analyte::kGlucoseFasting));
  o.status = model::ResultStatus::kCorrected;
  EXPECT_TRUE(LabIsGraded(o, Analyte::kAlt));
  o.status = model::ResultStatus::kPreliminary;
  EXPECT_FALSE(LabIsGraded(o, Analyte::kAlt));
  o = Result(100, "U/L");
  o.comparator = ">";
  EXPECT_FALSE(LabIsGraded(o, Analyte::kAlt));
  o = Result(100, "U/L");
  o.numeric.reset();
  EXPECT_FALSE(LabIsGraded(o, Analyte::kAlt));
}

TEST(LabAssemblyTest, LimitsComeFromNumbersThenTextThenTheSite) {
  grading::GradingOptions options;
  options.default_limits[{Analyte::kAlt, Unit::kUnitsPerL}] = {std::nullopt,
                                                               33.0};
  model::Observation o = Result(100, "U/L");
  o.reference_range.high = 40;
  o.reference_range.text = "0-50";
  LabAssessment a =
      AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, {}, 0, options);
  EXPECT_EQ(a.input.uln, 40.0);
  EXPECT_FALSE(a.site_limits);

  o.reference_range.high.reset();
  a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, {}, 0, options);
  EXPECT_EQ(a.input.uln, 50.0);
  EXPECT_EQ(a.input.lln, 0.0);
  EXPECT_FALSE(a.site_limits);

  o.reference_range.text.clear();
  a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, {}, 0, options);
  EXPECT_EQ(a.input.uln, 33.0);
  EXPECT_TRUE(a.site_limits);
  // No site default for this unit: no limits, so CTCAE says why.
  options.default_limits.clear();
  a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, {}, 0, options);
  EXPECT_FALSE(a.input.uln);
  EXPECT_TRUE(a.grades.empty());
  EXPECT_FALSE(a.not_graded.empty());
}

TEST(LabAssemblyTest, AnMiCutoffAppliesOnlyInItsOwnUnit) {
  grading::GradingOptions options;
  options.mi_cutoffs[{"LN", "1742-6"}] = {Unit::kNgPerL, 14};
  model::Observation o = Result(20, "ng/L");
  EXPECT_EQ(AssembleLab(o, Analyte::kTroponinT, Unit::kNgPerL, {}, 0, options)
                .input.mi_cutoff,
            14.0);
  EXPECT_FALSE(
      AssembleLab(o, Analyte::kTroponinT, Unit::kNgPerMl, {}, 0, options)
          .input.mi_cutoff);
}

TEST(LabAssemblyTest, ABaselineCountsOnlyInTheSameUnit) {
  const grading::GradingOptions options;
  model::Observation o = Result(100, "U/L");
  o.reference_range.high = 40;
  StoredResult b = Baseline(30, "U/L");
  b.ref_text = "0-45";
  LabAssessment a =
      AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, b, 0, options);
  EXPECT_EQ(a.input.baseline, 30.0);
  EXPECT_EQ(a.input.baseline_uln, 45.0);  // from its own text
  EXPECT_EQ(a.baseline_at, b.observed_at);
  b.ref_high = 35;
  a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, b, 0, options);
  EXPECT_EQ(a.input.baseline_uln, 35.0);  // its own numbers first

  b.unit = "ukat/L";
  a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL, b, 0, options);
  EXPECT_FALSE(a.input.baseline);
  EXPECT_FALSE(a.baseline_at);
}

TEST(LabAssemblyTest, StoolCountsPerDayAndWithoutUnitAreTheSame) {
  const grading::GradingOptions options;
  model::Observation o = Result(9, "/d");
  for (const char* unit : {"/d", ""}) {
    const LabAssessment a =
        AssembleLab(o, Analyte::kStoolFrequency, Unit::kPerDay,
                    Baseline(2, unit), 0, options);
    EXPECT_EQ(a.input.baseline, 2.0) << unit;
  }
  EXPECT_FALSE(AssembleLab(o, Analyte::kStoolFrequency, Unit::kPerDay,
                           Baseline(2, "mmol/L"), 0, options)
                   .input.baseline);
}

TEST(LabAssemblyTest, CreatinineAlsoGradesAscoNephritisAgainstTheBaseline) {
  const grading::GradingOptions options;
  model::Observation o = Result(2.0, "mg/dL");
  o.reference_range.high = 1.2;
  LabAssessment a =
      AssembleLab(o, Analyte::kCreatinine, Unit::kMgPerDl, {}, 0, options);
  for (const LabTermGrade& g : a.grades) EXPECT_EQ(g.system, "CTCAE 5.0");
  const std::size_t ctcae_only = a.grades.size();
  a = AssembleLab(o, Analyte::kCreatinine, Unit::kMgPerDl,
                  Baseline(1.0, "mg/dL"), 0, options);
  ASSERT_EQ(a.grades.size(), ctcae_only + 1);
  EXPECT_EQ(a.grades.back().grade.term, "Nephritis");
  EXPECT_EQ(a.grades.back().system, "ASCO 2021");
  EXPECT_EQ(a.grades.back().grade.grade,
            grading::GradeAscoNephritis(2.0, 1.0, Unit::kMgPerDl)->grade);
}

TEST(LabAssemblyTest, TshReadsTheGradeInForceBefore) {
  const grading::GradingOptions options;
  model::Observation o = Result(12, "m[IU]/L");
  for (int before : {0, 1, 2, 3}) {
    const LabAssessment a =
        AssembleLab(o, Analyte::kTsh, Unit::kMilliIuPerL, {}, before, options);
    ASSERT_EQ(a.grades.size(), 1u);
    EXPECT_EQ(a.grades[0].grade.term, "Hypothyroidism");
    EXPECT_EQ(a.grades[0].grade.meddra, "10021114");
    EXPECT_EQ(a.grades[0].grade.grade, grading::GradeAscoHypothyroidism(
                                           12, Unit::kMilliIuPerL, before >= 2)
                                           ->grade)
        << before;
  }
  const LabAssessment wrong =
      AssembleLab(o, Analyte::kTsh, Unit::kMgPerL, {}, 0, options);
  EXPECT_TRUE(wrong.grades.empty());
  EXPECT_EQ(wrong.not_graded, "tsh: unit must be m[IU]/L");
}

TEST(LabAssemblyTest, EvidenceKeysAndSummaryAreFrozen) {
  const grading::GradingOptions options;
  model::Observation o = Result(130, "U/L");
  o.reference_range.high = 40;
  const LabAssessment a = AssembleLab(o, Analyte::kAlt, Unit::kUnitsPerL,
                                      Baseline(20, "U/L"), 0, options);
  ASSERT_FALSE(a.grades.empty());
  const TherapyRef first{"checkpoint_inhibitor_dose", "pembrolizumab",
                         kAt - 20 * grading::kDayMs};
  const TherapyRef latest{"checkpoint_inhibitor_dose", "pembrolizumab",
                          kAt - 2 * grading::kDayMs - 1};
  Json e = LabEvidence(a, o, a.grades[0].grade, first, latest, true);
  std::string keys;
  for (const auto& [k, v] : e.items()) keys += k + ",";
  EXPECT_EQ(keys,
            "observation,uln,lln,limits_from,mi_cutoff,baseline,rule,"
            "assumption,therapy,regraded_for_late_input,");
  EXPECT_EQ(e["observation"]["code"], "LN|1742-6");
  EXPECT_EQ(e["limits_from"], "observation");
  EXPECT_EQ(e["baseline"]["value"], 20);
  EXPECT_EQ(e["therapy"]["first"]["day"], 20);
  EXPECT_EQ(e["therapy"]["latest"]["day"], 2);
  EXPECT_FALSE(LabEvidence(a, o, a.grades[0].grade, first, latest, false)
                   .contains("regraded_for_late_input"));
  EXPECT_EQ(LabWhat(o, a.grades[0].grade, false),
            "ALT 130 U/L, " + a.grades[0].grade.rule);
  EXPECT_EQ(TherapyText(first, kAt), "day 20 after pembrolizumab");
}

}  // namespace
}  // namespace iraed::surveillance
