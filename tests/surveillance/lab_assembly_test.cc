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

TEST(LabAssemblyTest, GradesCtcae6BesideV5FromRuleSet4Only) {
  grading::GradingOptions options;
  model::Observation o = Result(20, "10*9/L");  // platelets
  o.reference_range.low = 150;
  LabAssessment a =
      AssembleLab(o, Analyte::kPlatelets, Unit::kGigaPerL, {}, 0, options);
  ASSERT_EQ(a.grades.size(), 2u);
  EXPECT_EQ(a.grades[0].system, "CTCAE 5.0");
  EXPECT_EQ(a.grades[0].grade.term, "Platelet count decreased");
  EXPECT_EQ(a.grades[0].grade.grade, 4);  // < 25
  EXPECT_EQ(a.grades[1].system, "CTCAE 6.0");
  EXPECT_EQ(a.grades[1].version, "ctcae-6.0/iraed-1");
  EXPECT_EQ(a.grades[1].grade.term, "Thrombocytopenia");
  EXPECT_EQ(a.grades[1].grade.grade, 3);  // [10, 50)
  options.rule_set = grading::RuleSet::kRules3;
  a = AssembleLab(o, Analyte::kPlatelets, Unit::kGigaPerL, {}, 0, options);
  ASSERT_EQ(a.grades.size(), 1u);
  EXPECT_EQ(a.grades[0].system, "CTCAE 5.0");
}

TEST(LabAssemblyTest, AFastingGlucoseGradesV6HyperglycemiaFromUln) {
  const grading::GradingOptions options;
  model::Observation o = Result(150, "mg/dL");
  o.reference_range.low = 70;
  o.reference_range.high = 99;
  auto v6_hyperglycemia = [&](Analyte a) {
    for (const LabTermGrade& g :
         AssembleLab(o, a, Unit::kMgPerDl, {}, 0, options).grades) {
      if (g.grade.term == "Hyperglycemia" && g.system == "CTCAE 6.0") {
        return g.grade.grade;
      }
    }
    return -1;
  };
  EXPECT_EQ(v6_hyperglycemia(Analyte::kGlucoseFasting), 1);
  EXPECT_EQ(v6_hyperglycemia(Analyte::kGlucose), -1);  // not fasting: none
}

TEST(LabAssemblyTest, HdlHasOnlyAV6Term) {
  const grading::GradingOptions options;
  model::Observation o = Result(0.8, "mmol/L");
  o.reference_range.low = 1.0;
  const LabAssessment a =
      AssembleLab(o, Analyte::kHdl, Unit::kMmolPerL, {}, 0, options);
  ASSERT_EQ(a.grades.size(), 1u);
  EXPECT_EQ(a.grades[0].system, "CTCAE 6.0");
  EXPECT_EQ(a.grades[0].grade.term, "HDL decreased");
  EXPECT_EQ(a.grades[0].grade.grade, 1);
}

TEST(LabAssemblyTest, CreatinineAlsoGradesAscoNephritisAgainstTheBaseline) {
  const grading::GradingOptions options;
  model::Observation o = Result(2.0, "mg/dL");
  o.reference_range.high = 1.2;
  LabAssessment a =
      AssembleLab(o, Analyte::kCreatinine, Unit::kMgPerDl, {}, 0, options);
  for (const LabTermGrade& g : a.grades) {
    EXPECT_TRUE(g.system == "CTCAE 5.0" || g.system == "CTCAE 6.0") << g.system;
  }
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

// Reference 10.3: the ASCO 2021 hepatitis band is the worst of ALT, AST
// and bilirubin as multiples of ULN, whatever the baseline; at each band
// edge (ALT/AST 3, 5, 20 x ULN; bilirubin 1.5, 3, 10 x ULN) just below, at
// and just above, with ULN 1.2 where binary products are inexact.
TEST(LabAssemblyTest, AscoHepatitisBandsAtEveryEdge) {
  auto grade = [](Analyte a, double value, double uln) {
    auto g = AscoHepatitis({{a, value, uln, kAt}});
    return g ? g->grade.grade : -1;
  };
  struct Edge {
    Analyte analyte;
    double multiple;
    int at_edge;  // the grade exactly at the multiple (bands are (a, b])
  };
  for (const Edge e :
       {Edge{Analyte::kAlt, 1.0, 0}, Edge{Analyte::kAlt, 3.0, 1},
        Edge{Analyte::kAlt, 5.0, 2}, Edge{Analyte::kAlt, 20.0, 3},
        Edge{Analyte::kAst, 3.0, 1}, Edge{Analyte::kAst, 5.0, 2},
        Edge{Analyte::kBilirubinTotal, 1.5, 1},
        Edge{Analyte::kBilirubinTotal, 3.0, 2},
        Edge{Analyte::kBilirubinTotal, 10.0, 3}}) {
    const double uln = 1.2;
    const double at = e.multiple * uln;  // 1.5 x 1.2 is 1.7999999999999998
    EXPECT_EQ(grade(e.analyte, at - 0.001, uln), e.at_edge)
        << grading::AnalyteName(e.analyte) << " " << e.multiple;
    EXPECT_EQ(grade(e.analyte, at, uln), e.at_edge)
        << grading::AnalyteName(e.analyte) << " " << e.multiple;
    EXPECT_EQ(grade(e.analyte, at + 0.001, uln), e.at_edge + 1)
        << grading::AnalyteName(e.analyte) << " " << e.multiple;
  }
  EXPECT_FALSE(AscoHepatitis({}).has_value());
  // The worst of the three; the term is "Hepatitis", ASCO 2021.
  auto worst = AscoHepatitis({{Analyte::kAlt, 100, 56, kAt},
                              {Analyte::kBilirubinTotal, 4.0, 1.2, kAt}});
  ASSERT_TRUE(worst);
  EXPECT_EQ(worst->grade.grade, 3);  // bilirubin 3.33 x ULN
  EXPECT_EQ(worst->grade.term, "Hepatitis");
  EXPECT_EQ(worst->system, "ASCO 2021");
  EXPECT_TRUE(IsHepatitisAnalyte(Analyte::kBilirubinTotal));
  EXPECT_FALSE(IsHepatitisAnalyte(Analyte::kAlkalinePhosphatase));
}

TEST(LabAssemblyTest, AscoHepatitisValuesAreInTheEvidence) {
  LabFindingEvidence e;
  e.code = "LN|1742-6";
  e.value = 300;
  e.unit = "U/L";
  e.observed_at = kAt;
  e.status = "final";
  e.asco_hepatitis_values = {{Analyte::kAlt, 300, 56, kAt}};
  const std::string text = DumpJson(ToJson(e));
  EXPECT_NE(
      text.find(R"("asco_hepatitis_values":[{"analyte":"alt","value":)"
                R"(300,"uln":56,"observed_at":"2027-01-15T08:00:00.000Z"}])"),
      std::string::npos)
      << text;
  // Without them the key is absent (texts written before stay the same).
  e.asco_hepatitis_values.clear();
  EXPECT_EQ(DumpJson(ToJson(e)).find("asco_hepatitis"), std::string::npos);
}

}  // namespace
}  // namespace iraed::surveillance
