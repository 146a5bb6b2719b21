// Independent, table-driven tests of grading/ctcae_labs.h, written from the
// clinical reference (clinical-grading.md sections 1, 5, 7 and 8) and the
// header contract, not from the implementation.
//
// Every threshold is tested just below, exactly at and just above it.
// Conventions under test (header contract + reference section 1):
//   "A - B" closed, leading < or > strict; integer gaps half-open
//   ([125, 130), [30, 60)); worst case + provisional for lipase/amylase,
//   hyponatremia, hypokalemia and troponin without an MI cut-off; missing
//   ULN -> no grade; missing LLN -> only the absolute grades 2-4 of low
//   terms; paired thresholds applied in the reported unit; counts converted
//   to 10*9/L; comparisons at 12 significant digits.
#include "grading/ctcae_labs.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <map>
#include <ostream>
#include <sstream>
#include <string>
#include <vector>

namespace iraed::grading {
namespace {

// CTCAE v5.0 terms, verbatim, and their MedDRA LLT codes (reference
// sections 5 and 8).
constexpr const char* kAlt = "Alanine aminotransferase increased";
constexpr const char* kAst = "Aspartate aminotransferase increased";
constexpr const char* kBili = "Blood bilirubin increased";
constexpr const char* kAlp = "Alkaline phosphatase increased";
constexpr const char* kGgt = "GGT increased";
constexpr const char* kCreat = "Creatinine increased";
constexpr const char* kCkd = "Chronic kidney disease";
constexpr const char* kLipase = "Lipase increased";
constexpr const char* kAmylase = "Serum amylase increased";
constexpr const char* kAnc = "Neutrophil count decreased";
constexpr const char* kPlt = "Platelet count decreased";
constexpr const char* kAnemia = "Anemia";
constexpr const char* kLymph = "Lymphocyte count decreased";
constexpr const char* kWbc = "White blood cell decreased";
constexpr const char* kFib = "Fibrinogen decreased";
constexpr const char* kInr = "INR increased";
constexpr const char* kAptt = "Activated partial thromboplastin time prolonged";
constexpr const char* kHypoNa = "Hyponatremia";
constexpr const char* kHyperK = "Hyperkalemia";
constexpr const char* kHypoK = "Hypokalemia";
constexpr const char* kHypoGlu = "Hypoglycemia";
constexpr const char* kHypoAlb = "Hypoalbuminemia";
constexpr const char* kHypoCa = "Hypocalcemia";
constexpr const char* kHypoMg = "Hypomagnesemia";
constexpr const char* kCpk = "CPK increased";
constexpr const char* kTropI = "Cardiac troponin I increased";
constexpr const char* kTropT = "Cardiac troponin T increased";
constexpr const char* kFever = "Fever";
constexpr const char* kDiarrhea = "Diarrhea";
// Graded from rule set iraed-rules-3 (admiral's v5 terms; ctcae-v6.md 2,
// where v5 is the same as v6).
constexpr const char* kHyperNa = "Hypernatremia";
constexpr const char* kHyperCa = "Hypercalcemia";
constexpr const char* kHyperMg = "Hypermagnesemia";
constexpr const char* kHgbUp = "Hemoglobin increased";
constexpr const char* kLeukocytosis = "Leukocytosis";
constexpr const char* kLymphUp = "Lymphocyte count increased";
constexpr const char* kLdhUp = "Blood lactate dehydrogenase increased";
constexpr const char* kCholHigh = "Cholesterol high";
constexpr const char* kHyperTg = "Hypertriglyceridemia";
constexpr const char* kHyperUric = "Hyperuricemia";
constexpr const char* kCd4Down = "CD4 lymphocytes decreased";
constexpr const char* kAcidosis = "Acidosis";
constexpr const char* kAlkalosis = "Alkalosis";
constexpr const char* kHaptoDown = "Haptoglobin decreased";

const std::map<std::string, std::string>& Meddra() {
  static const auto* const kCodes = new std::map<std::string, std::string>{
      {kAlt, "10001551"},       {kAst, "10003481"},
      {kBili, "10005364"},      {kAlp, "10001675"},
      {kGgt, "10056910"},       {kCreat, "10011368"},
      {kCkd, "10064848"},       {kLipase, "10024574"},
      {kAmylase, "10040139"},   {kAnc, "10029366"},
      {kPlt, "10035528"},       {kAnemia, "10002272"},
      {kLymph, "10025256"},     {kWbc, "10049182"},
      {kFib, "10016596"},       {kInr, "10022402"},
      {kAptt, "10000636"},      {kHypoNa, "10021038"},
      {kHyperK, "10020647"},    {kHypoK, "10021018"},
      {kHypoGlu, "10021005"},   {kHypoAlb, "10020943"},
      {kHypoCa, "10020949"},    {kHypoMg, "10021028"},
      {kCpk, "10011268"},       {kTropI, "10007612"},
      {kTropT, "10007613"},     {kFever, "10016558"},
      {kDiarrhea, "10012727"},  {kHyperNa, "10020680"},
      {kHyperCa, "10020587"},   {kHyperMg, "10020670"},
      {kHgbUp, "10055599"},     {kLeukocytosis, "10024378"},
      {kLymphUp, "10025258"},   {kLdhUp, "10005630"},
      {kCholHigh, "10008661"},  {kHyperTg, "10020870"},
      {kHyperUric, "10020907"}, {kCd4Down, "10007839"},
      {kAcidosis, "10000486"},  {kAlkalosis, "10001680"},
      {kHaptoDown, "10019150"},
  };
  return *kCodes;
}

// Builds a LabInput: In(analyte, value, unit).Uln(..).Lln(..).Base(..).
struct In {
  LabInput v;
  In(Analyte a, double value, Unit u) {
    v.analyte = a;
    v.value = value;
    v.unit = u;
  }
  In Uln(double x) const {
    In c = *this;
    c.v.uln = x;
    return c;
  }
  In Lln(double x) const {
    In c = *this;
    c.v.lln = x;
    return c;
  }
  // Baseline value with the ULN of its own observation.
  In Base(double b, double b_uln) const {
    In c = *this;
    c.v.baseline = b;
    c.v.baseline_uln = b_uln;
    return c;
  }
  // Baseline value with the LLN of its own observation.
  In BaseLow(double b, double b_lln) const {
    In c = *this;
    c.v.baseline = b;
    c.v.baseline_lln = b_lln;
    return c;
  }
  In Mi(double x) const {
    In c = *this;
    c.v.mi_cutoff = x;
    return c;
  }
};

constexpr int kNotGraded = -1;
constexpr bool P = true;   // provisional (worst case assumed)
constexpr bool F = false;  // not provisional

struct LabCase {
  const char* label;  // readable context; the value and grade are appended
  LabInput in;
  const char* term;
  int grade;  // kNotGraded: no entry for `term`, not_graded explains
  bool provisional = false;
};

LabCase C(const char* label, const In& in, const char* term, int grade,
          bool provisional = false) {
  return LabCase{label, in.v, term, grade, provisional};
}

// Readable parameter dump in failure messages.
void PrintTo(const LabCase& c, std::ostream* os) {
  *os << c.label << ": " << AnalyteName(c.in.analyte) << " " << c.in.value
      << " " << UnitName(c.in.unit);
  if (c.in.uln) *os << " ULN " << *c.in.uln;
  if (c.in.lln) *os << " LLN " << *c.in.lln;
  if (c.in.baseline) *os << " baseline " << *c.in.baseline;
  if (c.in.baseline_uln) *os << " (its ULN " << *c.in.baseline_uln << ")";
  if (c.in.mi_cutoff) *os << " MI cut-off " << *c.in.mi_cutoff;
  *os << " -> '" << c.term << "' ";
  if (c.grade == kNotGraded) {
    *os << "not graded";
  } else {
    *os << "G" << c.grade << (c.provisional ? " provisional" : "");
  }
}

std::string Describe(const LabGrading& g) {
  std::ostringstream out;
  out << "grades:";
  for (const TermGrade& t : g.grades) {
    out << " [" << t.term << " G" << t.grade
        << (t.provisional ? " provisional" : "") << " rule='" << t.rule << "']";
  }
  out << " not_graded='" << g.not_graded << "'";
  return out.str();
}

std::string CaseName(const testing::TestParamInfo<LabCase>& info) {
  const LabCase& c = info.param;
  std::ostringstream v;
  v.precision(12);
  v << c.in.value;
  std::string name = std::string(c.label) + "_";
  for (char ch : v.str()) {
    if (ch == '.') {
      name += 'p';
    } else if (ch == '-') {
      name += 'm';
    } else {
      name += ch;
    }
  }
  if (c.grade == kNotGraded) {
    name += "_NotGraded";
  } else {
    name += "_G" + std::to_string(c.grade);
    if (c.provisional) name += "p";
  }
  return name;
}

class CtcaeLabTest : public testing::TestWithParam<LabCase> {};

TEST_P(CtcaeLabTest, Grades) {
  const LabCase& c = GetParam();
  const LabGrading g = GradeCtcaeLab(c.in);
  SCOPED_TRACE(Describe(g));

  const TermGrade* found = nullptr;
  int count = 0;
  for (const TermGrade& t : g.grades) {
    if (t.term == c.term) {
      found = &t;
      ++count;
    }
  }

  if (c.grade == kNotGraded) {
    EXPECT_EQ(found, nullptr) << "expected no grade for '" << c.term << "'";
    EXPECT_FALSE(g.not_graded.empty()) << "not_graded must say why";
    return;
  }

  ASSERT_NE(found, nullptr) << "no entry for '" << c.term << "'";
  EXPECT_EQ(count, 1) << "one entry per term";
  EXPECT_EQ(found->grade, c.grade);
  EXPECT_EQ(found->meddra, Meddra().at(c.term));
  EXPECT_EQ(found->provisional, c.provisional);
  EXPECT_EQ(found->assumption.empty(), !found->provisional)
      << "assumption='" << found->assumption << "'";
  if (found->grade > 0) {
    EXPECT_FALSE(found->rule.empty()) << "the deciding rule is evidence";
  }
}

// Units used below.
constexpr Unit kUL = Unit::kUnitsPerL;
constexpr Unit kMgDl = Unit::kMgPerDl;
constexpr Unit kUmol = Unit::kUmolPerL;
constexpr Unit kMmol = Unit::kMmolPerL;
constexpr Unit kGDl = Unit::kGPerDl;
constexpr Unit kGL = Unit::kGPerL;
constexpr Unit kGiga = Unit::kGigaPerL;
constexpr Unit kPerUl = Unit::kPerUl;
constexpr Unit kSec = Unit::kSeconds;
constexpr Unit kNgMl = Unit::kNgPerMl;
constexpr Unit kNgL = Unit::kNgPerL;
constexpr Unit kEgfr = Unit::kMlPerMinPer173M2;
constexpr Unit kCel = Unit::kCelsius;
constexpr Unit kDegF = Unit::kFahrenheit;

// ---------------------------------------------------------------- 5.1 Liver

// ALT: baseline normal (ULN, 3] (3, 5] (5, 20] >20 x ULN;
// baseline abnormal [1.5, 3] (3, 5] (5, 20] >20 x B.
std::vector<LabCase> AltCases() {
  auto uln = [](double v) { return In(Analyte::kAlt, v, kUL).Uln(40); };
  auto abn = [](double v) {  // B 60 > its ULN 40: abnormal baseline
    return In(Analyte::kAlt, v, kUL).Uln(40).Base(60, 40);
  };
  return {
      C("Uln40", uln(5), kAlt, 0),
      C("Uln40", uln(39.99), kAlt, 0),
      C("Uln40", uln(40), kAlt, 0),
      C("Uln40", uln(40.01), kAlt, 1),
      C("Uln40", uln(119.99), kAlt, 1),
      C("Uln40", uln(120), kAlt, 1),
      C("Uln40", uln(120.01), kAlt, 2),
      C("Uln40", uln(199.99), kAlt, 2),
      C("Uln40", uln(200), kAlt, 2),
      C("Uln40", uln(200.01), kAlt, 3),
      C("Uln40", uln(799.99), kAlt, 3),
      C("Uln40", uln(800), kAlt, 3),
      C("Uln40", uln(800.01), kAlt, 4),
      // Normal baseline: the ULN rule applies.
      C("Uln40BaseNormal30", uln(41).Base(30, 40), kAlt, 1),
      C("Uln40BaseNormal30", uln(121).Base(30, 40), kAlt, 2),
      // Baseline exactly at its ULN is normal (abnormal is B > ULN).
      C("Uln40BaseAtUln40", uln(50).Base(40, 40), kAlt, 1),
      // Normal/abnormal is judged on the baseline's own limits: B 45 is
      // normal against its own ULN 50 even though today's ULN is 40.
      C("Uln40BaseNormalOwnUln50", uln(50).Base(45, 50), kAlt, 1),
      // Abnormal baseline 60: thresholds 90, 180, 300, 1200.
      C("Uln40BaseAbn60", abn(30), kAlt, 0),
      C("Uln40BaseAbn60", abn(89), kAlt, 0),  // reference example
      C("Uln40BaseAbn60", abn(89.99), kAlt, 0),
      C("Uln40BaseAbn60", abn(90), kAlt, 1),  // 1.5 x B, closed
      C("Uln40BaseAbn60", abn(90.01), kAlt, 1),
      C("Uln40BaseAbn60", abn(179.99), kAlt, 1),
      C("Uln40BaseAbn60", abn(180), kAlt, 1),
      C("Uln40BaseAbn60", abn(180.01), kAlt, 2),
      C("Uln40BaseAbn60", abn(299.99), kAlt, 2),
      C("Uln40BaseAbn60", abn(300), kAlt, 2),
      C("Uln40BaseAbn60", abn(300.01), kAlt, 3),
      C("Uln40BaseAbn60", abn(1199.99), kAlt, 3),
      C("Uln40BaseAbn60", abn(1200), kAlt, 3),
      C("Uln40BaseAbn60", abn(1200.01), kAlt, 4),
      // No ULN: never graded.
      C("NoUln", In(Analyte::kAlt, 100, kUL), kAlt, kNotGraded),
      C("NoUln", In(Analyte::kAlt, 10, kUL), kAlt, kNotGraded),
      // Header: no ULN for a ULN-relative term means no grade, even when
      // an abnormal baseline would allow the baseline multiples.
      C("NoUlnBaseAbn60", In(Analyte::kAlt, 300, kUL).Base(60, 40), kAlt,
        kNotGraded),
  };
}

std::vector<LabCase> AstCases() {
  auto uln = [](double v) { return In(Analyte::kAst, v, kUL).Uln(35); };
  auto abn = [](double v) {
    return In(Analyte::kAst, v, kUL).Uln(35).Base(50, 35);
  };
  return {
      C("Uln35", uln(34.99), kAst, 0),
      C("Uln35", uln(35), kAst, 0),
      C("Uln35", uln(35.01), kAst, 1),
      C("Uln35", uln(104.99), kAst, 1),
      C("Uln35", uln(105), kAst, 1),
      C("Uln35", uln(105.01), kAst, 2),
      C("Uln35", uln(174.99), kAst, 2),
      C("Uln35", uln(175), kAst, 2),
      C("Uln35", uln(175.01), kAst, 3),
      C("Uln35", uln(699.99), kAst, 3),
      C("Uln35", uln(700), kAst, 3),
      C("Uln35", uln(700.01), kAst, 4),
      C("Uln35BaseAbn50", abn(74.99), kAst, 0),
      C("Uln35BaseAbn50", abn(75), kAst, 1),
      C("Uln35BaseAbn50", abn(75.01), kAst, 1),
      C("Uln35BaseAbn50", abn(149.99), kAst, 1),
      C("Uln35BaseAbn50", abn(150), kAst, 1),
      C("Uln35BaseAbn50", abn(150.01), kAst, 2),
      C("Uln35BaseAbn50", abn(250), kAst, 2),
      C("Uln35BaseAbn50", abn(250.01), kAst, 3),
      C("Uln35BaseAbn50", abn(1000), kAst, 3),
      C("Uln35BaseAbn50", abn(1000.01), kAst, 4),
      C("NoUln", In(Analyte::kAst, 100, kUL), kAst, kNotGraded),
  };
}

// Bilirubin: baseline normal (ULN, 1.5] (1.5, 3] (3, 10] >10 x ULN;
// baseline abnormal (1.0, 1.5] (1.5, 3] (3, 10] >10 x B.
std::vector<LabCase> BilirubinCases() {
  auto mg = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(1.2);
  };
  auto umol = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kUmol).Uln(21);
  };
  auto abn = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(1.2).Base(2.0, 1.2);
  };
  // Abnormal baseline 0.7 (own ULN 0.6): the 1.5 x 0.7 and 3 x 0.7 traps.
  auto abn07 = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(0.6).Base(0.7, 0.6);
  };
  return {
      C("MgDlUln1p2", mg(1.19), kBili, 0),
      C("MgDlUln1p2", mg(1.2), kBili, 0),
      C("MgDlUln1p2", mg(1.21), kBili, 1),
      C("MgDlUln1p2", mg(1.79), kBili, 1),
      C("MgDlUln1p2", mg(1.8), kBili, 1),  // trap: 1.5 x 1.2
      C("MgDlUln1p2", mg(1.81), kBili, 2),
      C("MgDlUln1p2", mg(3.59), kBili, 2),
      C("MgDlUln1p2", mg(3.6), kBili, 2),  // trap: 3 x 1.2
      C("MgDlUln1p2", mg(3.61), kBili, 3),
      C("MgDlUln1p2", mg(11.99), kBili, 3),
      C("MgDlUln1p2", mg(12), kBili, 3),
      C("MgDlUln1p2", mg(12.01), kBili, 4),
      C("UmolUln21", umol(21), kBili, 0),
      C("UmolUln21", umol(21.1), kBili, 1),
      C("UmolUln21", umol(31.5), kBili, 1),
      C("UmolUln21", umol(31.6), kBili, 2),
      C("UmolUln21", umol(63), kBili, 2),
      C("UmolUln21", umol(63.1), kBili, 3),
      C("UmolUln21", umol(210), kBili, 3),
      C("UmolUln21", umol(210.1), kBili, 4),
      C("BaseNormal1p0", mg(1.21).Base(1.0, 1.2), kBili, 1),
      C("BaseAbn2", abn(1.5), kBili, 0),
      C("BaseAbn2", abn(1.99), kBili, 0),
      C("BaseAbn2", abn(2.0), kBili, 0),
      C("BaseAbn2", abn(2.01), kBili, 1),
      C("BaseAbn2", abn(2.99), kBili, 1),
      C("BaseAbn2", abn(3.0), kBili, 1),
      C("BaseAbn2", abn(3.01), kBili, 2),
      C("BaseAbn2", abn(5.99), kBili, 2),
      C("BaseAbn2", abn(6.0), kBili, 2),
      C("BaseAbn2", abn(6.01), kBili, 3),
      C("BaseAbn2", abn(19.99), kBili, 3),
      C("BaseAbn2", abn(20), kBili, 3),
      C("BaseAbn2", abn(20.01), kBili, 4),
      C("BaseAbn0p7", abn07(0.7), kBili, 0),
      C("BaseAbn0p7", abn07(0.71), kBili, 1),
      C("BaseAbn0p7", abn07(1.04), kBili, 1),
      C("BaseAbn0p7", abn07(1.05), kBili, 1),  // trap: 1.5 x 0.7
      C("BaseAbn0p7", abn07(1.06), kBili, 2),
      C("BaseAbn0p7", abn07(2.09), kBili, 2),
      C("BaseAbn0p7", abn07(2.1), kBili, 2),  // trap: 3 x 0.7
      C("BaseAbn0p7", abn07(2.11), kBili, 3),
      C("NoUln", In(Analyte::kBilirubinTotal, 3, kMgDl), kBili, kNotGraded),
  };
}

// ALP and GGT: baseline normal (ULN, 2.5] (2.5, 5] (5, 20] >20 x ULN;
// baseline abnormal [2.0, 2.5] (2.5, 5] (5, 20] >20 x B.
std::vector<LabCase> AlpCases() {
  auto uln = [](double v) {
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Uln(120);
  };
  auto abn = [](double v) {
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Uln(120).Base(150, 120);
  };
  return {
      C("Uln120", uln(119.99), kAlp, 0),
      C("Uln120", uln(120), kAlp, 0),
      C("Uln120", uln(120.01), kAlp, 1),
      C("Uln120", uln(299.99), kAlp, 1),
      C("Uln120", uln(300), kAlp, 1),
      C("Uln120", uln(300.01), kAlp, 2),
      C("Uln120", uln(599.99), kAlp, 2),
      C("Uln120", uln(600), kAlp, 2),
      C("Uln120", uln(600.01), kAlp, 3),
      C("Uln120", uln(2399.99), kAlp, 3),
      C("Uln120", uln(2400), kAlp, 3),
      C("Uln120", uln(2400.01), kAlp, 4),
      C("Uln120BaseNormal100", uln(121).Base(100, 120), kAlp, 1),
      C("Uln120BaseAbn150", abn(200), kAlp, 0),
      C("Uln120BaseAbn150", abn(299.99), kAlp, 0),
      C("Uln120BaseAbn150", abn(300), kAlp, 1),  // 2.0 x B, closed
      C("Uln120BaseAbn150", abn(300.01), kAlp, 1),
      C("Uln120BaseAbn150", abn(374.99), kAlp, 1),
      C("Uln120BaseAbn150", abn(375), kAlp, 1),
      C("Uln120BaseAbn150", abn(375.01), kAlp, 2),
      C("Uln120BaseAbn150", abn(749.99), kAlp, 2),
      C("Uln120BaseAbn150", abn(750), kAlp, 2),
      C("Uln120BaseAbn150", abn(750.01), kAlp, 3),
      C("Uln120BaseAbn150", abn(2999.99), kAlp, 3),
      C("Uln120BaseAbn150", abn(3000), kAlp, 3),
      C("Uln120BaseAbn150", abn(3000.01), kAlp, 4),
      C("NoUln", In(Analyte::kAlkalinePhosphatase, 300, kUL), kAlp, kNotGraded),
  };
}

std::vector<LabCase> GgtCases() {
  auto uln = [](double v) { return In(Analyte::kGgt, v, kUL).Uln(60); };
  auto abn = [](double v) {
    return In(Analyte::kGgt, v, kUL).Uln(60).Base(80, 60);
  };
  return {
      C("Uln60", uln(59.99), kGgt, 0),
      C("Uln60", uln(60), kGgt, 0),
      C("Uln60", uln(60.01), kGgt, 1),
      C("Uln60", uln(149.99), kGgt, 1),
      C("Uln60", uln(150), kGgt, 1),
      C("Uln60", uln(150.01), kGgt, 2),
      C("Uln60", uln(299.99), kGgt, 2),
      C("Uln60", uln(300), kGgt, 2),
      C("Uln60", uln(300.01), kGgt, 3),
      C("Uln60", uln(1199.99), kGgt, 3),
      C("Uln60", uln(1200), kGgt, 3),
      C("Uln60", uln(1200.01), kGgt, 4),
      C("Uln60BaseNormal50", uln(61).Base(50, 60), kGgt, 1),
      C("Uln60BaseAbn80", abn(100), kGgt, 0),
      C("Uln60BaseAbn80", abn(159.99), kGgt, 0),
      // CTCAE "2.0 - 2.5 x baseline" is closed (header: "A - B" is
      // closed); admiral's GGT code disagrees (reference 5.1, disputed).
      C("Uln60BaseAbn80", abn(160), kGgt, 1),
      C("Uln60BaseAbn80", abn(160.01), kGgt, 1),
      C("Uln60BaseAbn80", abn(199.99), kGgt, 1),
      C("Uln60BaseAbn80", abn(200), kGgt, 1),
      C("Uln60BaseAbn80", abn(200.01), kGgt, 2),
      C("Uln60BaseAbn80", abn(399.99), kGgt, 2),
      C("Uln60BaseAbn80", abn(400), kGgt, 2),
      C("Uln60BaseAbn80", abn(400.01), kGgt, 3),
      C("Uln60BaseAbn80", abn(1599.99), kGgt, 3),
      C("Uln60BaseAbn80", abn(1600), kGgt, 3),
      C("Uln60BaseAbn80", abn(1600.01), kGgt, 4),
      C("NoUln", In(Analyte::kGgt, 100, kUL), kGgt, kNotGraded),
  };
}

// --------------------------------------------------------------- 5.2 Kidney

// Creatinine: G1 (ULN, 1.5 x ULN]; G2 (1.5, 3] x B or (1.5, 3] x ULN;
// G3 > 3 x B or (3, 6] x ULN; G4 > 6 x ULN. Grade = max of both rules.
std::vector<LabCase> CreatinineCases() {
  auto uln = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl).Uln(1.2);
  };
  // Baseline 0.7 (normal against its own ULN 1.2).
  auto b07 = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl).Uln(1.2).Base(0.7, 1.2);
  };
  auto b10 = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl).Uln(1.2).Base(1.0, 1.2);
  };
  auto umol = [](double v) {
    return In(Analyte::kCreatinine, v, kUmol).Uln(106).Base(62, 106);
  };
  return {
      C("Uln1p2", uln(0.8), kCreat, 0),
      C("Uln1p2", uln(1.19), kCreat, 0),
      C("Uln1p2", uln(1.2), kCreat, 0),
      C("Uln1p2", uln(1.21), kCreat, 1),
      C("Uln1p2", uln(1.79), kCreat, 1),
      C("Uln1p2", uln(1.8), kCreat, 1),  // trap: 1.5 x 1.2
      C("Uln1p2", uln(1.81), kCreat, 2),
      C("Uln1p2", uln(3.59), kCreat, 2),
      C("Uln1p2", uln(3.6), kCreat, 2),  // trap: 3 x 1.2
      C("Uln1p2", uln(3.61), kCreat, 3),
      C("Uln1p2", uln(7.19), kCreat, 3),
      C("Uln1p2", uln(7.2), kCreat, 3),
      C("Uln1p2", uln(7.21), kCreat, 4),
      // v5 grade 1 has no baseline component: 1.29 x B within ULN is 0.
      C("Uln1p2Base0p7", b07(0.9), kCreat, 0),
      C("Uln1p2Base0p7", b07(1.04), kCreat, 0),
      C("Uln1p2Base0p7", b07(1.05), kCreat, 0),  // trap: 1.5 x 0.7
      C("Uln1p2Base0p7", b07(1.06), kCreat, 2),
      C("Uln1p2Base0p7", b07(1.1), kCreat, 2),  // reference example
      C("Uln1p2Base0p7", b07(1.5), kCreat, 2),
      C("Uln1p2Base0p7", b07(2.09), kCreat, 2),
      C("Uln1p2Base0p7", b07(2.1), kCreat, 2),  // trap: 3 x 0.7
      C("Uln1p2Base0p7", b07(2.11), kCreat, 3),
      C("Uln1p2Base0p7", b07(7.2), kCreat, 3),
      C("Uln1p2Base0p7", b07(7.21), kCreat, 4),
      C("Uln1p2Base1p0", b10(1.5), kCreat, 1),
      C("Uln1p2Base1p0", b10(1.51), kCreat, 2),
      C("Uln1p2Base1p0", b10(2.99), kCreat, 2),
      C("Uln1p2Base1p0", b10(3.0), kCreat, 2),
      C("Uln1p2Base1p0", b10(3.01), kCreat, 3),  // > 3 x B, 2.5 x ULN
      C("UmolUln106Base62", umol(92.9), kCreat, 0),
      C("UmolUln106Base62", umol(93), kCreat, 0),
      C("UmolUln106Base62", umol(93.1), kCreat, 2),
      C("UmolUln106Base62", umol(186), kCreat, 2),
      C("UmolUln106Base62", umol(186.1), kCreat, 3),
      C("NoUln", In(Analyte::kCreatinine, 2.0, kMgDl), kCreat, kNotGraded),
      C("NoUlnBase0p7", In(Analyte::kCreatinine, 1.1, kMgDl).Base(0.7, 1.2),
        kCreat, kNotGraded),
  };
}

// Chronic kidney disease: eGFR G1 [60, LLN); G2 59-30 = [30, 60);
// G3 29-15 = [15, 30); G4 < 15 (integer gaps read half-open).
std::vector<LabCase> CkdCases() {
  auto lln = [](double v) { return In(Analyte::kEgfr, v, kEgfr).Lln(90); };
  auto nolln = [](double v) { return In(Analyte::kEgfr, v, kEgfr); };
  return {
      C("Lln90", lln(100), kCkd, 0),
      C("Lln90", lln(90), kCkd, 0),
      C("Lln90", lln(89.9), kCkd, 1),
      C("Lln90", lln(60.1), kCkd, 1),
      C("Lln90", lln(60), kCkd, 1),
      C("Lln90", lln(59.9), kCkd, 2),
      C("Lln90", lln(59.5), kCkd, 2),  // in the 59/60 gap: half-open
      C("Lln90", lln(59), kCkd, 2),
      C("Lln90", lln(30.1), kCkd, 2),
      C("Lln90", lln(30), kCkd, 2),
      C("Lln90", lln(29.9), kCkd, 3),
      C("Lln90", lln(29.5), kCkd, 3),  // in the 29/30 gap: half-open
      C("Lln90", lln(29), kCkd, 3),
      C("Lln90", lln(15.1), kCkd, 3),
      C("Lln90", lln(15), kCkd, 3),
      C("Lln90", lln(14.9), kCkd, 4),
      C("Lln90", lln(5), kCkd, 4),
      C("Lln60", In(Analyte::kEgfr, 60, kEgfr).Lln(60), kCkd, 0),
      C("Lln60", In(Analyte::kEgfr, 59.9, kEgfr).Lln(60), kCkd, 2),
      C("NoLln", nolln(75), kCkd, kNotGraded),
      C("NoLln", nolln(60), kCkd, kNotGraded),
      C("NoLln", nolln(59.5), kCkd, 2),
      C("NoLln", nolln(45), kCkd, 2),
      C("NoLln", nolln(20), kCkd, 3),
      C("NoLln", nolln(10), kCkd, 4),
  };
}

// ------------------------------------------------------------- 5.3 Pancreas

// Lipase / amylase, worst case (symptomatic): (ULN, 1.5] G1, (1.5, 2] G2,
// (2, 5] G3 provisional, > 5 G4 provisional (x ULN).
std::vector<LabCase> PancreasCases() {
  auto lip = [](double v) { return In(Analyte::kLipase, v, kUL).Uln(60); };
  auto amy = [](double v) { return In(Analyte::kAmylase, v, kUL).Uln(100); };
  return {
      C("LipaseUln60", lip(59.99), kLipase, 0),
      C("LipaseUln60", lip(60), kLipase, 0),
      C("LipaseUln60", lip(60.01), kLipase, 1),
      C("LipaseUln60", lip(89.99), kLipase, 1),
      C("LipaseUln60", lip(90), kLipase, 1),
      C("LipaseUln60", lip(90.01), kLipase, 2),
      C("LipaseUln60", lip(119.99), kLipase, 2),
      C("LipaseUln60", lip(120), kLipase, 2),
      C("LipaseUln60", lip(120.01), kLipase, 3, P),
      C("LipaseUln60", lip(299.99), kLipase, 3, P),
      C("LipaseUln60", lip(300), kLipase, 3, P),
      C("LipaseUln60", lip(300.01), kLipase, 4, P),
      C("LipaseNoUln", In(Analyte::kLipase, 500, kUL), kLipase, kNotGraded),
      C("AmylaseUln100", amy(99.9), kAmylase, 0),
      C("AmylaseUln100", amy(100), kAmylase, 0),
      C("AmylaseUln100", amy(100.1), kAmylase, 1),
      C("AmylaseUln100", amy(149.9), kAmylase, 1),
      C("AmylaseUln100", amy(150), kAmylase, 1),
      C("AmylaseUln100", amy(150.1), kAmylase, 2),
      C("AmylaseUln100", amy(199.9), kAmylase, 2),
      C("AmylaseUln100", amy(200), kAmylase, 2),
      C("AmylaseUln100", amy(200.1), kAmylase, 3, P),
      C("AmylaseUln100", amy(499.9), kAmylase, 3, P),
      C("AmylaseUln100", amy(500), kAmylase, 3, P),
      C("AmylaseUln100", amy(500.1), kAmylase, 4, P),
      C("AmylaseNoUln", In(Analyte::kAmylase, 500, kUL), kAmylase, kNotGraded),
  };
}

// ----------------------------------------------------------- 5.4 Hematology

// Neutrophils: [1.5, LLN) G1, [1.0, 1.5) G2, [0.5, 1.0) G3, < 0.5 G4.
std::vector<LabCase> NeutrophilCases() {
  auto g = [](double v) {
    return In(Analyte::kNeutrophils, v, kGiga).Lln(1.8);
  };
  auto ul = [](double v) {
    return In(Analyte::kNeutrophils, v, kPerUl).Lln(1800);
  };
  auto nolln = [](double v) { return In(Analyte::kNeutrophils, v, kGiga); };
  return {
      C("GigaLln1p8", g(5), kAnc, 0),
      C("GigaLln1p8", g(1.81), kAnc, 0),
      C("GigaLln1p8", g(1.8), kAnc, 0),
      C("GigaLln1p8", g(1.79), kAnc, 1),
      C("GigaLln1p8", g(1.51), kAnc, 1),
      C("GigaLln1p8", g(1.5), kAnc, 1),
      C("GigaLln1p8", g(1.49), kAnc, 2),
      C("GigaLln1p8", g(1.01), kAnc, 2),
      C("GigaLln1p8", g(1.0), kAnc, 2),
      C("GigaLln1p8", g(0.99), kAnc, 3),
      C("GigaLln1p8", g(0.51), kAnc, 3),
      C("GigaLln1p8", g(0.5), kAnc, 3),
      C("GigaLln1p8", g(0.49), kAnc, 4),
      C("GigaLln1p8", g(0), kAnc, 4),
      // Counts per uL (= per mm3) are converted: 1500/mm3 = 1.5 x 10*9/L.
      C("PerUlLln1800", ul(1801), kAnc, 0),
      C("PerUlLln1800", ul(1800), kAnc, 0),
      C("PerUlLln1800", ul(1799), kAnc, 1),
      C("PerUlLln1800", ul(1501), kAnc, 1),
      C("PerUlLln1800", ul(1500), kAnc, 1),
      C("PerUlLln1800", ul(1499), kAnc, 2),
      C("PerUlLln1800", ul(1001), kAnc, 2),
      C("PerUlLln1800", ul(1000), kAnc, 2),
      C("PerUlLln1800", ul(999), kAnc, 3),
      C("PerUlLln1800", ul(501), kAnc, 3),
      C("PerUlLln1800", ul(500), kAnc, 3),
      C("PerUlLln1800", ul(499), kAnc, 4),
      // Missing LLN: grades 2-4 only.
      C("NoLln", nolln(3.0), kAnc, kNotGraded),
      C("NoLln", nolln(1.6), kAnc, kNotGraded),
      C("NoLln", nolln(1.5), kAnc, kNotGraded),
      C("NoLln", nolln(1.49), kAnc, 2),
      C("NoLln", nolln(0.7), kAnc, 3),
      C("NoLln", nolln(0.2), kAnc, 4),
      C("NoLlnPerUl", In(Analyte::kNeutrophils, 1600, kPerUl), kAnc,
        kNotGraded),
      C("NoLlnPerUl", In(Analyte::kNeutrophils, 1200, kPerUl), kAnc, 2),
      // Units that are not counts.
      C("MgDl", In(Analyte::kNeutrophils, 1.2, kMgDl).Lln(1.8), kAnc,
        kNotGraded),
      C("Percent", In(Analyte::kNeutrophils, 40, Unit::kPercent).Lln(40), kAnc,
        kNotGraded),
  };
}

// Platelets: [75, LLN) G1, [50, 75) G2, [25, 50) G3, < 25 G4 (10*9/L).
std::vector<LabCase> PlateletCases() {
  auto g = [](double v) { return In(Analyte::kPlatelets, v, kGiga).Lln(150); };
  auto ul = [](double v) {
    return In(Analyte::kPlatelets, v, kPerUl).Lln(150000);
  };
  return {
      C("GigaLln150", g(150), kPlt, 0),
      C("GigaLln150", g(149.9), kPlt, 1),
      C("GigaLln150", g(75.1), kPlt, 1),
      C("GigaLln150", g(75), kPlt, 1),
      C("GigaLln150", g(74.9), kPlt, 2),
      C("GigaLln150", g(50.1), kPlt, 2),
      C("GigaLln150", g(50), kPlt, 2),
      C("GigaLln150", g(49.9), kPlt, 3),
      C("GigaLln150", g(25.1), kPlt, 3),
      C("GigaLln150", g(25), kPlt, 3),
      C("GigaLln150", g(24.9), kPlt, 4),
      C("PerUlLln150000", ul(150000), kPlt, 0),
      C("PerUlLln150000", ul(149999), kPlt, 1),
      C("PerUlLln150000", ul(75000), kPlt, 1),
      C("PerUlLln150000", ul(74999), kPlt, 2),
      C("PerUlLln150000", ul(50000), kPlt, 2),
      C("PerUlLln150000", ul(49999), kPlt, 3),
      C("PerUlLln150000", ul(25000), kPlt, 3),
      C("PerUlLln150000", ul(24999), kPlt, 4),
      C("NoLln", In(Analyte::kPlatelets, 100, kGiga), kPlt, kNotGraded),
      C("NoLln", In(Analyte::kPlatelets, 60, kGiga), kPlt, 2),
      C("GDl", In(Analyte::kPlatelets, 100, kGDl).Lln(150), kPlt, kNotGraded),
  };
}

// Anemia, in the reported unit: g/dL [10, LLN) (8, 10] < 8; mmol/L
// [6.2, LLN) [4.9, 6.2) < 4.9; g/L [100, LLN) [80, 100) < 80. G4 clinical.
std::vector<LabCase> AnemiaCases() {
  auto gdl = [](double v) { return In(Analyte::kHemoglobin, v, kGDl).Lln(12); };
  auto mmol = [](double v) {
    return In(Analyte::kHemoglobin, v, kMmol).Lln(7.4);
  };
  auto gl = [](double v) { return In(Analyte::kHemoglobin, v, kGL).Lln(120); };
  return {
      C("GDlLln12", gdl(12), kAnemia, 0),
      C("GDlLln12", gdl(11.99), kAnemia, 1),
      C("GDlLln12", gdl(10.01), kAnemia, 1),
      C("GDlLln12", gdl(10), kAnemia, 1),
      C("GDlLln12", gdl(9.99), kAnemia, 2),
      C("GDlLln12", gdl(8.01), kAnemia, 2),
      C("GDlLln12", gdl(8), kAnemia, 2),
      C("GDlLln12", gdl(7.99), kAnemia, 3),
      C("GDlLln12", gdl(4), kAnemia, 3),  // no lab grade 4
      // 6.2 mmol/L is G1 in its own set (converted it would be 9.99 g/dL).
      C("MmolLln7p4", mmol(7.4), kAnemia, 0),
      C("MmolLln7p4", mmol(7.39), kAnemia, 1),
      C("MmolLln7p4", mmol(6.21), kAnemia, 1),
      C("MmolLln7p4", mmol(6.2), kAnemia, 1),
      C("MmolLln7p4", mmol(6.19), kAnemia, 2),
      C("MmolLln7p4", mmol(4.91), kAnemia, 2),
      C("MmolLln7p4", mmol(4.9), kAnemia, 2),
      C("MmolLln7p4", mmol(4.89), kAnemia, 3),
      C("GLLln120", gl(120), kAnemia, 0),
      C("GLLln120", gl(119.9), kAnemia, 1),
      C("GLLln120", gl(100.1), kAnemia, 1),
      C("GLLln120", gl(100), kAnemia, 1),
      C("GLLln120", gl(99.9), kAnemia, 2),
      C("GLLln120", gl(80.1), kAnemia, 2),
      C("GLLln120", gl(80), kAnemia, 2),
      C("GLLln120", gl(79.9), kAnemia, 3),
      C("NoLln", In(Analyte::kHemoglobin, 11, kGDl), kAnemia, kNotGraded),
      C("NoLln", In(Analyte::kHemoglobin, 9, kGDl), kAnemia, 2),
      C("NoLln", In(Analyte::kHemoglobin, 7, kGDl), kAnemia, 3),
      C("MgDl", In(Analyte::kHemoglobin, 11, kMgDl).Lln(12), kAnemia,
        kNotGraded),
      C("UL", In(Analyte::kHemoglobin, 11, kUL).Lln(12), kAnemia, kNotGraded),
  };
}

// Lymphocytes: [0.8, LLN) G1, [0.5, 0.8) G2, [0.2, 0.5) G3, < 0.2 G4.
std::vector<LabCase> LymphocyteCases() {
  auto g = [](double v) {
    return In(Analyte::kLymphocytes, v, kGiga).Lln(1.0);
  };
  auto ul = [](double v) {
    return In(Analyte::kLymphocytes, v, kPerUl).Lln(1000);
  };
  return {
      C("GigaLln1", g(1.0), kLymph, 0),
      C("GigaLln1", g(0.99), kLymph, 1),
      C("GigaLln1", g(0.81), kLymph, 1),
      C("GigaLln1", g(0.8), kLymph, 1),
      C("GigaLln1", g(0.79), kLymph, 2),
      C("GigaLln1", g(0.51), kLymph, 2),
      C("GigaLln1", g(0.5), kLymph, 2),
      C("GigaLln1", g(0.49), kLymph, 3),
      C("GigaLln1", g(0.21), kLymph, 3),
      C("GigaLln1", g(0.2), kLymph, 3),
      C("GigaLln1", g(0.19), kLymph, 4),
      C("PerUlLln1000", ul(1000), kLymph, 0),
      C("PerUlLln1000", ul(999), kLymph, 1),
      C("PerUlLln1000", ul(800), kLymph, 1),
      C("PerUlLln1000", ul(799), kLymph, 2),
      C("PerUlLln1000", ul(500), kLymph, 2),
      C("PerUlLln1000", ul(499), kLymph, 3),
      C("PerUlLln1000", ul(200), kLymph, 3),
      C("PerUlLln1000", ul(199), kLymph, 4),
      // Absolute cut-offs hold even when the lab's LLN is below them
      // (reference 5.4: LLN 0.7, value 0.75 is grade 2).
      C("GigaLln0p7", In(Analyte::kLymphocytes, 0.75, kGiga).Lln(0.7), kLymph,
        2),
      C("NoLln", In(Analyte::kLymphocytes, 0.9, kGiga), kLymph, kNotGraded),
      C("NoLln", In(Analyte::kLymphocytes, 0.6, kGiga), kLymph, 2),
      C("MgDl", In(Analyte::kLymphocytes, 0.6, kMgDl).Lln(1.0), kLymph,
        kNotGraded),
  };
}

// White blood cells: [3.0, LLN) G1, [2.0, 3.0) G2, [1.0, 2.0) G3, < 1.0 G4.
std::vector<LabCase> WbcCases() {
  auto g = [](double v) { return In(Analyte::kLeukocytes, v, kGiga).Lln(4.0); };
  auto ul = [](double v) {
    return In(Analyte::kLeukocytes, v, kPerUl).Lln(4000);
  };
  return {
      C("GigaLln4", g(4.0), kWbc, 0),
      C("GigaLln4", g(3.99), kWbc, 1),
      C("GigaLln4", g(3.01), kWbc, 1),
      C("GigaLln4", g(3.0), kWbc, 1),
      C("GigaLln4", g(2.99), kWbc, 2),
      C("GigaLln4", g(2.01), kWbc, 2),
      C("GigaLln4", g(2.0), kWbc, 2),
      C("GigaLln4", g(1.99), kWbc, 3),
      C("GigaLln4", g(1.01), kWbc, 3),
      C("GigaLln4", g(1.0), kWbc, 3),
      C("GigaLln4", g(0.99), kWbc, 4),
      C("PerUlLln4000", ul(4000), kWbc, 0),
      C("PerUlLln4000", ul(3999), kWbc, 1),
      C("PerUlLln4000", ul(3000), kWbc, 1),
      C("PerUlLln4000", ul(2999), kWbc, 2),
      C("PerUlLln4000", ul(2000), kWbc, 2),
      C("PerUlLln4000", ul(1999), kWbc, 3),
      C("PerUlLln4000", ul(1000), kWbc, 3),
      C("PerUlLln4000", ul(999), kWbc, 4),
      C("NoLln", In(Analyte::kLeukocytes, 3.5, kGiga), kWbc, kNotGraded),
      C("NoLln", In(Analyte::kLeukocytes, 1.5, kGiga), kWbc, 3),
      C("MgDl", In(Analyte::kLeukocytes, 1.5, kMgDl).Lln(4), kWbc, kNotGraded),
  };
}

// Fibrinogen (baseline normal/absent): [0.75, 1.0) x LLN G1,
// [0.5, 0.75) G2, [0.25, 0.5) G3, < 0.25 x LLN or < 50 mg/dL G4.
std::vector<LabCase> FibrinogenCases() {
  auto mg = [](double v) {
    return In(Analyte::kFibrinogen, v, kMgDl).Lln(200);
  };
  auto gl = [](double v) { return In(Analyte::kFibrinogen, v, kGL).Lln(2.0); };
  return {
      C("MgDlLln200", mg(250), kFib, 0),
      C("MgDlLln200", mg(200), kFib, 0),
      C("MgDlLln200", mg(199.9), kFib, 1),
      C("MgDlLln200", mg(150.1), kFib, 1),
      C("MgDlLln200", mg(150), kFib, 1),
      C("MgDlLln200", mg(149.9), kFib, 2),
      C("MgDlLln200", mg(100.1), kFib, 2),
      C("MgDlLln200", mg(100), kFib, 2),
      C("MgDlLln200", mg(99.9), kFib, 3),
      C("MgDlLln200", mg(50.1), kFib, 3),
      C("MgDlLln200", mg(50), kFib, 3),
      C("MgDlLln200", mg(49.9), kFib, 4),
      C("GLLln2", gl(2.0), kFib, 0),
      C("GLLln2", gl(1.99), kFib, 1),
      C("GLLln2", gl(1.5), kFib, 1),
      C("GLLln2", gl(1.49), kFib, 2),
      C("GLLln2", gl(1.0), kFib, 2),
      C("GLLln2", gl(0.99), kFib, 3),
      C("GLLln2", gl(0.5), kFib, 3),
      C("GLLln2", gl(0.49), kFib, 4),
      // Trap: 0.75 x 2.1 = 1.5750000000000002 in doubles.
      C("GLLln2p1", In(Analyte::kFibrinogen, 1.575, kGL).Lln(2.1), kFib, 1),
      C("GLLln2p1", In(Analyte::kFibrinogen, 1.574, kGL).Lln(2.1), kFib, 2),
      // Absolute G4 < 50 mg/dL (= 0.5 g/L) even where 0.25 x LLN is lower.
      C("MgDlLln150", In(Analyte::kFibrinogen, 50, kMgDl).Lln(150), kFib, 3),
      C("MgDlLln150", In(Analyte::kFibrinogen, 49.9, kMgDl).Lln(150), kFib, 4),
      C("MgDlLln150", In(Analyte::kFibrinogen, 45, kMgDl).Lln(150), kFib, 4),
      C("GLLln1p5", In(Analyte::kFibrinogen, 0.5, kGL).Lln(1.5), kFib, 3),
      C("GLLln1p5", In(Analyte::kFibrinogen, 0.49, kGL).Lln(1.5), kFib, 4),
      C("NoLln", In(Analyte::kFibrinogen, 120, kMgDl), kFib, kNotGraded),
  };
}

// INR (no baseline, not anticoagulated): (1.2, 1.5] G1, (1.5, 2.5] G2,
// > 2.5 G3. Absolute thresholds; no ULN needed.
std::vector<LabCase> InrCases() {
  auto inr = [](double v) { return In(Analyte::kInr, v, Unit::kNone); };
  return {
      // Absolute thresholds; INR <= 1.2 without a baseline is left out
      // (admiral: no grade; contract silent).
      C("NoBase", inr(1.21), kInr, 1),
      C("NoBase", inr(1.49), kInr, 1),
      C("NoBase", inr(1.5), kInr, 1),
      C("NoBase", inr(1.51), kInr, 2),
      C("NoBase", inr(2.49), kInr, 2),
      C("NoBase", inr(2.5), kInr, 2),
      C("NoBase", inr(2.51), kInr, 3),
      C("NoBase", inr(6), kInr, 3),
      // INR is a unitless ratio ("{INR}", "" -> Unit::kNone). A value in
      // another unit (a PT in seconds, a Quick value in %) does not match
      // the threshold set: no grade (reference section 1 point 4).
      C("Seconds", In(Analyte::kInr, 13, kSec), kInr, kNotGraded),
      C("Percent", In(Analyte::kInr, 85, Unit::kPercent), kInr, kNotGraded),
      C("MgDl", In(Analyte::kInr, 3, kMgDl), kInr, kNotGraded),
  };
}

// aPTT: (ULN, 1.5] G1, (1.5, 2.5] G2, > 2.5 x ULN G3.
std::vector<LabCase> ApttCases() {
  auto s = [](double v) { return In(Analyte::kAptt, v, kSec).Uln(35); };
  return {
      C("Uln35", s(34.9), kAptt, 0),
      C("Uln35", s(35), kAptt, 0),
      C("Uln35", s(35.01), kAptt, 1),
      C("Uln35", s(52.49), kAptt, 1),
      C("Uln35", s(52.5), kAptt, 1),
      C("Uln35", s(52.51), kAptt, 2),
      C("Uln35", s(87.49), kAptt, 2),
      C("Uln35", s(87.5), kAptt, 2),
      C("Uln35", s(87.51), kAptt, 3),
      C("Uln35", s(200), kAptt, 3),
      // Trap: 1.5 x 32.4 = 48.599999999999994 in doubles.
      C("Uln32p4", In(Analyte::kAptt, 48.6, kSec).Uln(32.4), kAptt, 1),
      C("Uln32p4", In(Analyte::kAptt, 48.61, kSec).Uln(32.4), kAptt, 2),
      C("NoUln", In(Analyte::kAptt, 60, kSec), kAptt, kNotGraded),
  };
}

// ------------------------------------------------- 5.5 Chemistry/metabolic

// Hyponatremia: [130, LLN) G1; [125, 130) G3 provisional (worst case
// symptomatic, else G2); [120, 125) G3; < 120 G4.
std::vector<LabCase> SodiumCases() {
  auto na = [](double v) { return In(Analyte::kSodium, v, kMmol).Lln(135); };
  auto nolln = [](double v) { return In(Analyte::kSodium, v, kMmol); };
  return {
      C("Lln135", na(150), kHypoNa, 0),
      C("Lln135", na(135.1), kHypoNa, 0),
      C("Lln135", na(135), kHypoNa, 0),
      C("Lln135", na(134.9), kHypoNa, 1),
      C("Lln135", na(130.1), kHypoNa, 1),
      C("Lln135", na(130), kHypoNa, 1),
      C("Lln135", na(129.9), kHypoNa, 3, P),
      C("Lln135", na(129.5), kHypoNa, 3, P),  // in the 129/130 gap
      C("Lln135", na(129), kHypoNa, 3, P),
      C("Lln135", na(125.1), kHypoNa, 3, P),
      C("Lln135", na(125), kHypoNa, 3, P),
      C("Lln135", na(124.9), kHypoNa, 3),
      C("Lln135", na(124.5), kHypoNa, 3),  // in the 124/125 gap
      C("Lln135", na(120.1), kHypoNa, 3),
      C("Lln135", na(120), kHypoNa, 3),
      C("Lln135", na(119.9), kHypoNa, 4),
      C("Lln135", na(110), kHypoNa, 4),
      C("NoLln", nolln(140), kHypoNa, kNotGraded),
      C("NoLln", nolln(132), kHypoNa, kNotGraded),
      C("NoLln", nolln(127), kHypoNa, 3, P),
      C("NoLln", nolln(122), kHypoNa, 3),
      C("NoLln", nolln(115), kHypoNa, 4),
      C("MgDl", In(Analyte::kSodium, 120, kMgDl).Lln(135), kHypoNa, kNotGraded),
  };
}

// Potassium bears on two terms.
// Hyperkalemia: (ULN, 5.5] G1, (5.5, 6.0] G2, (6.0, 7.0] G3, > 7.0 G4.
// Hypokalemia: [3.0, LLN) G2 provisional (worst case symptomatic, else
// G1), [2.5, 3.0) G3, < 2.5 G4.
std::vector<LabCase> PotassiumCases() {
  auto k = [](double v) {
    return In(Analyte::kPotassium, v, kMmol).Uln(5.0).Lln(3.5);
  };
  return {
      C("Hyper", k(2.0), kHyperK, 0),
      C("Hyper", k(4.0), kHyperK, 0),
      C("Hyper", k(4.99), kHyperK, 0),
      C("Hyper", k(5.0), kHyperK, 0),
      C("Hyper", k(5.01), kHyperK, 1),
      C("Hyper", k(5.49), kHyperK, 1),
      C("Hyper", k(5.5), kHyperK, 1),
      C("Hyper", k(5.51), kHyperK, 2),
      C("Hyper", k(5.99), kHyperK, 2),
      C("Hyper", k(6.0), kHyperK, 2),
      C("Hyper", k(6.01), kHyperK, 3),
      C("Hyper", k(6.99), kHyperK, 3),
      C("Hyper", k(7.0), kHyperK, 3),
      C("Hyper", k(7.01), kHyperK, 4),
      C("Hypo", k(6.5), kHypoK, 0),
      C("Hypo", k(4.0), kHypoK, 0),
      C("Hypo", k(3.51), kHypoK, 0),
      C("Hypo", k(3.5), kHypoK, 0),
      C("Hypo", k(3.49), kHypoK, 2, P),
      C("Hypo", k(3.01), kHypoK, 2, P),
      C("Hypo", k(3.0), kHypoK, 2, P),
      C("Hypo", k(2.99), kHypoK, 3),
      C("Hypo", k(2.51), kHypoK, 3),
      C("Hypo", k(2.5), kHypoK, 3),
      C("Hypo", k(2.49), kHypoK, 4),
      C("HypoNoLln", In(Analyte::kPotassium, 4.0, kMmol).Uln(5.0), kHypoK,
        kNotGraded),
      C("HypoNoLln", In(Analyte::kPotassium, 3.2, kMmol).Uln(5.0), kHypoK,
        kNotGraded),
      C("HypoNoLln", In(Analyte::kPotassium, 2.7, kMmol).Uln(5.0), kHypoK, 3),
      C("HypoNoLln", In(Analyte::kPotassium, 2.4, kMmol).Uln(5.0), kHypoK, 4),
      C("HyperNoUln", In(Analyte::kPotassium, 5.2, kMmol).Lln(3.5), kHyperK,
        kNotGraded),
      C("HyperNoUln", In(Analyte::kPotassium, 4.0, kMmol).Lln(3.5), kHyperK,
        kNotGraded),
  };
}

// Hypoglycemia, in the reported unit: mg/dL [55, LLN) [40, 55) [30, 40)
// < 30; mmol/L [3.0, LLN) [2.2, 3.0) [1.7, 2.2) < 1.7.
std::vector<LabCase> GlucoseCases() {
  auto mg = [](double v) { return In(Analyte::kGlucose, v, kMgDl).Lln(70); };
  auto mmol = [](double v) { return In(Analyte::kGlucose, v, kMmol).Lln(3.9); };
  return {
      C("MgDlLln70", mg(300), kHypoGlu, 0),
      C("MgDlLln70", mg(70), kHypoGlu, 0),
      C("MgDlLln70", mg(69.9), kHypoGlu, 1),
      C("MgDlLln70", mg(55.1), kHypoGlu, 1),
      C("MgDlLln70", mg(55), kHypoGlu, 1),
      C("MgDlLln70", mg(54.9), kHypoGlu, 2),
      C("MgDlLln70", mg(40.1), kHypoGlu, 2),
      C("MgDlLln70", mg(40), kHypoGlu, 2),
      C("MgDlLln70", mg(39.9), kHypoGlu, 3),
      C("MgDlLln70", mg(30.1), kHypoGlu, 3),
      C("MgDlLln70", mg(30), kHypoGlu, 3),
      C("MgDlLln70", mg(29.9), kHypoGlu, 4),
      // 3.0 mmol/L is G1 in its own set (converted: 54.05 mg/dL, G2).
      C("MmolLln3p9", mmol(3.9), kHypoGlu, 0),
      C("MmolLln3p9", mmol(3.89), kHypoGlu, 1),
      C("MmolLln3p9", mmol(3.01), kHypoGlu, 1),
      C("MmolLln3p9", mmol(3.0), kHypoGlu, 1),
      C("MmolLln3p9", mmol(2.99), kHypoGlu, 2),
      C("MmolLln3p9", mmol(2.21), kHypoGlu, 2),
      C("MmolLln3p9", mmol(2.2), kHypoGlu, 2),
      C("MmolLln3p9", mmol(2.19), kHypoGlu, 3),
      C("MmolLln3p9", mmol(1.71), kHypoGlu, 3),
      C("MmolLln3p9", mmol(1.7), kHypoGlu, 3),
      C("MmolLln3p9", mmol(1.69), kHypoGlu, 4),
      C("NoLln", In(Analyte::kGlucose, 60, kMgDl), kHypoGlu, kNotGraded),
      C("NoLln", In(Analyte::kGlucose, 50, kMgDl), kHypoGlu, 2),
      C("NoLln", In(Analyte::kGlucose, 3.5, kMmol), kHypoGlu, kNotGraded),
      C("NoLln", In(Analyte::kGlucose, 2.0, kMmol), kHypoGlu, 3),
      C("GL", In(Analyte::kGlucose, 0.5, kGL).Lln(0.7), kHypoGlu, kNotGraded),
  };
}

// Hypoalbuminemia: g/dL [3, LLN) [2, 3) < 2; g/L [30, LLN) [20, 30) < 20.
std::vector<LabCase> AlbuminCases() {
  auto gdl = [](double v) { return In(Analyte::kAlbumin, v, kGDl).Lln(3.5); };
  auto gl = [](double v) { return In(Analyte::kAlbumin, v, kGL).Lln(35); };
  return {
      C("GDlLln3p5", gdl(3.5), kHypoAlb, 0),
      C("GDlLln3p5", gdl(3.49), kHypoAlb, 1),
      C("GDlLln3p5", gdl(3.01), kHypoAlb, 1),
      C("GDlLln3p5", gdl(3.0), kHypoAlb, 1),
      C("GDlLln3p5", gdl(2.99), kHypoAlb, 2),
      C("GDlLln3p5", gdl(2.01), kHypoAlb, 2),
      C("GDlLln3p5", gdl(2.0), kHypoAlb, 2),
      C("GDlLln3p5", gdl(1.99), kHypoAlb, 3),
      C("GDlLln3p5", gdl(1.0), kHypoAlb, 3),
      C("GLLln35", gl(35), kHypoAlb, 0),
      C("GLLln35", gl(34.9), kHypoAlb, 1),
      C("GLLln35", gl(30.1), kHypoAlb, 1),
      C("GLLln35", gl(30), kHypoAlb, 1),
      C("GLLln35", gl(29.9), kHypoAlb, 2),
      C("GLLln35", gl(20.1), kHypoAlb, 2),
      C("GLLln35", gl(20), kHypoAlb, 2),
      C("GLLln35", gl(19.9), kHypoAlb, 3),
      C("NoLln", In(Analyte::kAlbumin, 3.2, kGDl), kHypoAlb, kNotGraded),
      C("NoLln", In(Analyte::kAlbumin, 2.5, kGDl), kHypoAlb, 2),
      C("MgDl", In(Analyte::kAlbumin, 2.5, kMgDl).Lln(3.5), kHypoAlb,
        kNotGraded),
  };
}

// Hypocalcemia: total mg/dL [8.0, LLN) [7.0, 8.0) [6.0, 7.0) < 6.0;
// total mmol/L [2.0, LLN) [1.75, 2.0) [1.5, 1.75) < 1.5;
// ionized mmol/L [1.0, LLN) [0.9, 1.0) [0.8, 0.9) < 0.8.
std::vector<LabCase> CalciumCases() {
  auto mg = [](double v) { return In(Analyte::kCalcium, v, kMgDl).Lln(8.5); };
  auto mmol = [](double v) {
    return In(Analyte::kCalcium, v, kMmol).Lln(2.15);
  };
  auto ion = [](double v) {
    return In(Analyte::kCalciumIonized, v, kMmol).Lln(1.15);
  };
  return {
      C("TotalMgDlLln8p5", mg(8.5), kHypoCa, 0),
      C("TotalMgDlLln8p5", mg(8.49), kHypoCa, 1),
      C("TotalMgDlLln8p5", mg(8.01), kHypoCa, 1),
      C("TotalMgDlLln8p5", mg(8.0), kHypoCa, 1),
      C("TotalMgDlLln8p5", mg(7.99), kHypoCa, 2),
      C("TotalMgDlLln8p5", mg(7.01), kHypoCa, 2),
      C("TotalMgDlLln8p5", mg(7.0), kHypoCa, 2),
      C("TotalMgDlLln8p5", mg(6.99), kHypoCa, 3),
      C("TotalMgDlLln8p5", mg(6.01), kHypoCa, 3),
      C("TotalMgDlLln8p5", mg(6.0), kHypoCa, 3),
      C("TotalMgDlLln8p5", mg(5.99), kHypoCa, 4),
      C("TotalMmolLln2p15", mmol(2.15), kHypoCa, 0),
      C("TotalMmolLln2p15", mmol(2.14), kHypoCa, 1),
      C("TotalMmolLln2p15", mmol(2.01), kHypoCa, 1),
      C("TotalMmolLln2p15", mmol(2.0), kHypoCa, 1),
      C("TotalMmolLln2p15", mmol(1.99), kHypoCa, 2),
      C("TotalMmolLln2p15", mmol(1.76), kHypoCa, 2),
      C("TotalMmolLln2p15", mmol(1.75), kHypoCa, 2),
      C("TotalMmolLln2p15", mmol(1.74), kHypoCa, 3),
      C("TotalMmolLln2p15", mmol(1.51), kHypoCa, 3),
      C("TotalMmolLln2p15", mmol(1.5), kHypoCa, 3),
      C("TotalMmolLln2p15", mmol(1.49), kHypoCa, 4),
      C("IonizedMmolLln1p15", ion(1.15), kHypoCa, 0),
      C("IonizedMmolLln1p15", ion(1.14), kHypoCa, 1),
      C("IonizedMmolLln1p15", ion(1.01), kHypoCa, 1),
      C("IonizedMmolLln1p15", ion(1.0), kHypoCa, 1),
      C("IonizedMmolLln1p15", ion(0.99), kHypoCa, 2),
      C("IonizedMmolLln1p15", ion(0.91), kHypoCa, 2),
      C("IonizedMmolLln1p15", ion(0.9), kHypoCa, 2),
      C("IonizedMmolLln1p15", ion(0.89), kHypoCa, 3),
      C("IonizedMmolLln1p15", ion(0.81), kHypoCa, 3),
      C("IonizedMmolLln1p15", ion(0.8), kHypoCa, 3),
      C("IonizedMmolLln1p15", ion(0.79), kHypoCa, 4),
      C("TotalNoLln", In(Analyte::kCalcium, 8.2, kMgDl), kHypoCa, kNotGraded),
      C("TotalNoLln", In(Analyte::kCalcium, 7.5, kMgDl), kHypoCa, 2),
      C("IonizedNoLln", In(Analyte::kCalciumIonized, 1.05, kMmol), kHypoCa,
        kNotGraded),
      C("IonizedNoLln", In(Analyte::kCalciumIonized, 0.95, kMmol), kHypoCa, 2),
      // CTCAE gives ionized calcium thresholds in mmol/L only; from
      // iraed-rules-3 mg/dL is graded by admiral's x 4 conversion (the
      // rule set 2 behaviour, not graded, is tested in
      // CtcaeLabRuleSetTest).
      C("IonizedMgDl", In(Analyte::kCalciumIonized, 3.5, kMgDl).Lln(4.6),
        kHypoCa, 3),
      C("IonizedUL", In(Analyte::kCalciumIonized, 3.5, kUL).Lln(4.6), kHypoCa,
        kNotGraded),
      C("TotalUL", In(Analyte::kCalcium, 7.5, kUL).Lln(8.5), kHypoCa,
        kNotGraded),
  };
}

// Hypomagnesemia: mg/dL [1.2, LLN) [0.9, 1.2) [0.7, 0.9) < 0.7;
// mmol/L [0.5, LLN) [0.4, 0.5) [0.3, 0.4) < 0.3.
std::vector<LabCase> MagnesiumCases() {
  auto mg = [](double v) { return In(Analyte::kMagnesium, v, kMgDl).Lln(1.7); };
  auto mmol = [](double v) {
    return In(Analyte::kMagnesium, v, kMmol).Lln(0.7);
  };
  return {
      C("MgDlLln1p7", mg(1.7), kHypoMg, 0),
      C("MgDlLln1p7", mg(1.69), kHypoMg, 1),
      C("MgDlLln1p7", mg(1.21), kHypoMg, 1),
      C("MgDlLln1p7", mg(1.2), kHypoMg, 1),  // converted: 0.494 mmol/L
      C("MgDlLln1p7", mg(1.19), kHypoMg, 2),
      C("MgDlLln1p7", mg(0.91), kHypoMg, 2),
      C("MgDlLln1p7", mg(0.9), kHypoMg, 2),
      C("MgDlLln1p7", mg(0.89), kHypoMg, 3),
      C("MgDlLln1p7", mg(0.71), kHypoMg, 3),
      C("MgDlLln1p7", mg(0.7), kHypoMg, 3),
      C("MgDlLln1p7", mg(0.69), kHypoMg, 4),
      C("MmolLln0p7", mmol(0.7), kHypoMg, 0),
      C("MmolLln0p7", mmol(0.69), kHypoMg, 1),
      C("MmolLln0p7", mmol(0.51), kHypoMg, 1),
      C("MmolLln0p7", mmol(0.5), kHypoMg, 1),
      C("MmolLln0p7", mmol(0.49), kHypoMg, 2),
      C("MmolLln0p7", mmol(0.41), kHypoMg, 2),
      C("MmolLln0p7", mmol(0.4), kHypoMg, 2),
      C("MmolLln0p7", mmol(0.39), kHypoMg, 3),
      C("MmolLln0p7", mmol(0.31), kHypoMg, 3),
      C("MmolLln0p7", mmol(0.3), kHypoMg, 3),
      C("MmolLln0p7", mmol(0.29), kHypoMg, 4),
      C("NoLln", In(Analyte::kMagnesium, 1.5, kMgDl), kHypoMg, kNotGraded),
      C("NoLln", In(Analyte::kMagnesium, 1.0, kMgDl), kHypoMg, 2),
      C("GDl", In(Analyte::kMagnesium, 1.0, kGDl).Lln(1.7), kHypoMg,
        kNotGraded),
  };
}

// CPK: (ULN, 2.5] G1, (2.5, 5] G2, (5, 10] G3, > 10 x ULN G4.
std::vector<LabCase> CpkCases() {
  auto ck = [](double v) {
    return In(Analyte::kCreatineKinase, v, kUL).Uln(200);
  };
  return {
      C("Uln200", ck(199.9), kCpk, 0),
      C("Uln200", ck(200), kCpk, 0),
      C("Uln200", ck(200.1), kCpk, 1),
      C("Uln200", ck(499.9), kCpk, 1),
      C("Uln200", ck(500), kCpk, 1),
      C("Uln200", ck(500.1), kCpk, 2),
      C("Uln200", ck(999.9), kCpk, 2),
      C("Uln200", ck(1000), kCpk, 2),
      C("Uln200", ck(1000.1), kCpk, 3),
      C("Uln200", ck(1999.9), kCpk, 3),
      C("Uln200", ck(2000), kCpk, 3),
      C("Uln200", ck(2000.1), kCpk, 4),
      C("NoUln", In(Analyte::kCreatineKinase, 5000, kUL), kCpk, kNotGraded),
  };
}

// Troponin: > ULN and below the MI cut-off G1; at MI level G3. Without a
// configured MI cut-off any value > ULN is G3 provisional (worst case).
// (Exactly at the MI cut-off is left out: >= vs > is unstated.)
std::vector<LabCase> TroponinCases() {
  auto ti = [](double v) {
    return In(Analyte::kTroponinI, v, kNgMl).Uln(0.04).Mi(0.4);
  };
  auto ti_nomi = [](double v) {
    return In(Analyte::kTroponinI, v, kNgMl).Uln(0.04);
  };
  auto tt = [](double v) {
    return In(Analyte::kTroponinT, v, kNgL).Uln(14).Mi(52);
  };
  auto tt_nomi = [](double v) {
    return In(Analyte::kTroponinT, v, kNgL).Uln(14);
  };
  return {
      C("IUln0p04Mi0p4", ti(0.01), kTropI, 0),
      C("IUln0p04Mi0p4", ti(0.039), kTropI, 0),
      C("IUln0p04Mi0p4", ti(0.04), kTropI, 0),
      C("IUln0p04Mi0p4", ti(0.041), kTropI, 1),
      C("IUln0p04Mi0p4", ti(0.39), kTropI, 1),
      C("IUln0p04Mi0p4", ti(0.41), kTropI, 3),
      C("IUln0p04Mi0p4", ti(10), kTropI, 3),
      C("IUln0p04NoMi", ti_nomi(0.04), kTropI, 0),
      C("IUln0p04NoMi", ti_nomi(0.041), kTropI, 3, P),
      C("IUln0p04NoMi", ti_nomi(1), kTropI, 3, P),
      C("INoUln", In(Analyte::kTroponinI, 1, kNgMl).Mi(0.4), kTropI,
        kNotGraded),
      C("TUln14Mi52", tt(13.9), kTropT, 0),
      C("TUln14Mi52", tt(14), kTropT, 0),
      C("TUln14Mi52", tt(14.1), kTropT, 1),
      C("TUln14Mi52", tt(51.9), kTropT, 1),
      C("TUln14Mi52", tt(52.1), kTropT, 3),
      C("TUln14NoMi", tt_nomi(14), kTropT, 0),
      C("TUln14NoMi", tt_nomi(14.1), kTropT, 3, P),
      C("TNoUln", In(Analyte::kTroponinT, 100, kNgL), kTropT, kNotGraded),
  };
}

// ------------------------------------------------------------ 5.6 Vitals

// Fever: 38.0-39.0 C G1 (closed), (39.0, 40.0] G2, > 40.0 G3/G4 (duration);
// Fahrenheit set 100.4-102.2 G1, 102.3-104.0 G2.
std::vector<LabCase> FeverCases() {
  auto c = [](double v) { return In(Analyte::kBodyTemperature, v, kCel); };
  auto f = [](double v) { return In(Analyte::kBodyTemperature, v, kDegF); };
  return {
      C("Cel", c(36.5), kFever, 0),
      C("Cel", c(37.99), kFever, 0),
      C("Cel", c(38.0), kFever, 1),
      C("Cel", c(38.01), kFever, 1),
      C("Cel", c(38.99), kFever, 1),
      C("Cel", c(39.0), kFever, 1),
      C("Cel", c(39.01), kFever, 2),
      C("Cel", c(39.99), kFever, 2),
      C("Cel", c(40.0), kFever, 2),
      C("DegF", f(98.6), kFever, 0),
      C("DegF", f(100.3), kFever, 0),
      C("DegF", f(100.4), kFever, 1),
      C("DegF", f(100.5), kFever, 1),
      C("DegF", f(102.1), kFever, 1),
      C("DegF", f(102.2), kFever, 1),
      C("DegF", f(102.3), kFever, 2),
      C("DegF", f(103.9), kFever, 2),
      C("DegF", f(104.0), kFever, 2),
      C("MgDl", In(Analyte::kBodyTemperature, 39.5, kMgDl), kFever, kNotGraded),
  };
}

// Diarrhea: increase in stools per 24 h over baseline: < 4 G1, 4-6 G2,
// >= 7 G3 (integer bands half-open: (0, 4), [4, 7), [7, inf)); no increase
// G0. Without a baseline the whole count is the increase, provisional.
std::vector<LabCase> DiarrheaCases() {
  auto d = [](double v, double base) {
    In i(Analyte::kStoolFrequency, v, Unit::kPerDay);
    i.v.baseline = base;
    return i;
  };
  auto none = [](double v) {
    return In(Analyte::kStoolFrequency, v, Unit::kPerDay);
  };
  return {
      C("Base2", d(1, 2), kDiarrhea, 0),  // fewer than baseline
      C("Base2", d(2, 2), kDiarrhea, 0),
      C("Base2", d(3, 2), kDiarrhea, 1),
      C("Base2", d(5, 2), kDiarrhea, 1),  // +3
      C("Base2", d(5.9, 2), kDiarrhea, 1),
      C("Base2", d(6, 2), kDiarrhea, 2),  // +4
      C("Base2", d(7, 2), kDiarrhea, 2),
      C("Base2", d(8, 2), kDiarrhea, 2),  // +6
      C("Base2", d(8.9, 2), kDiarrhea, 2),
      C("Base2", d(9, 2), kDiarrhea, 3),  // +7
      C("Base2", d(10, 2), kDiarrhea, 3),
      C("Base2", d(30, 2), kDiarrhea, 3),  // grade 4 is clinical, not a count
      // 5.1 - 1.1 is 3.9999999999999996 in binary floating point: still +4.
      C("Base1p1", d(5.1, 1.1), kDiarrhea, 2),
      C("Base1p1", d(8.1, 1.1), kDiarrhea, 3),
      C("NoBase", none(0), kDiarrhea, 0),
      C("NoBase", none(1), kDiarrhea, 1, P),
      C("NoBase", none(3), kDiarrhea, 1, P),
      C("NoBase", none(4), kDiarrhea, 2, P),
      C("NoBase", none(6), kDiarrhea, 2, P),
      C("NoBase", none(7), kDiarrhea, 3, P),
      C("NoUnit", In(Analyte::kStoolFrequency, 9, Unit::kNone), kDiarrhea, 3,
        P),
      C("Negative", none(-1), kDiarrhea, kNotGraded),
      C("NegativeBase", d(5, -1), kDiarrhea, kNotGraded),
      C("MgDl", In(Analyte::kStoolFrequency, 9, kMgDl), kDiarrhea, kNotGraded),
  };
}

// Admiral's other v5 lab terms (ctcae-v6.md section 2: v5 the same as v6),
// every boundary just below, at and just above, in SI and US units.
std::vector<LabCase> HypernatremiaCases() {
  auto na = [](double v) { return In(Analyte::kSodium, v, kMmol).Uln(145); };
  return {
      C("Uln145", na(144.9), kHyperNa, 0),
      C("Uln145", na(145), kHyperNa, 0),
      C("Uln145", na(149.9), kHyperNa, 1),
      C("Uln145", na(154.9), kHyperNa, 2),
      C("Uln145", na(159.9), kHyperNa, 3),
      C("Uln145", na(145.1), kHyperNa, 1),
      C("Uln145", na(150), kHyperNa, 1),
      C("Uln145", na(150.1), kHyperNa, 2),
      C("Uln145", na(155), kHyperNa, 2),
      C("Uln145", na(155.1), kHyperNa, 3),
      C("Uln145", na(160), kHyperNa, 3),
      C("Uln145", na(160.1), kHyperNa, 4),
      C("NoUln", In(Analyte::kSodium, 148, kMmol), kHyperNa, kNotGraded),
      C("NoUln", In(Analyte::kSodium, 152, kMmol), kHyperNa, 2),
      C("MeqL", In(Analyte::kSodium, 156, Unit::kMeqPerL).Uln(145), kHyperNa,
        3),
  };
}

std::vector<LabCase> HypercalcemiaCases() {
  auto mg = [](double v) { return In(Analyte::kCalcium, v, kMgDl).Uln(10.2); };
  auto mmol = [](double v) { return In(Analyte::kCalcium, v, kMmol).Uln(2.6); };
  auto ion = [](double v) {
    return In(Analyte::kCalciumIonized, v, kMmol).Uln(1.32).Lln(1.12);
  };
  auto ion_mg = [](double v) {
    return In(Analyte::kCalciumIonized, v, kMgDl).Uln(5.3).Lln(4.5);
  };
  return {
      C("MgDl", mg(10.2), kHyperCa, 0),
      C("MgDl", mg(10.21), kHyperCa, 1),
      C("MgDl", mg(11.49), kHyperCa, 1),
      C("MgDl", mg(11.5), kHyperCa, 1),
      C("MgDl", mg(12.49), kHyperCa, 2),
      C("MgDl", mg(13.49), kHyperCa, 3),
      C("MgDl", mg(11.51), kHyperCa, 2),
      C("MgDl", mg(12.5), kHyperCa, 2),
      C("MgDl", mg(12.51), kHyperCa, 3),
      C("MgDl", mg(13.5), kHyperCa, 3),
      C("MgDl", mg(13.51), kHyperCa, 4),
      C("Mmol", mmol(2.6), kHyperCa, 0),
      C("Mmol", mmol(2.61), kHyperCa, 1),
      C("Mmol", mmol(2.89), kHyperCa, 1),
      C("Mmol", mmol(2.9), kHyperCa, 1),
      C("Mmol", mmol(3.09), kHyperCa, 2),
      C("Mmol", mmol(3.39), kHyperCa, 3),
      C("Mmol", mmol(2.91), kHyperCa, 2),
      C("Mmol", mmol(3.1), kHyperCa, 2),
      C("Mmol", mmol(3.11), kHyperCa, 3),
      C("Mmol", mmol(3.4), kHyperCa, 3),
      C("Mmol", mmol(3.41), kHyperCa, 4),
      C("NoUln", In(Analyte::kCalcium, 11.0, kMgDl), kHyperCa, kNotGraded),
      C("Ion", ion(1.32), kHyperCa, 0),
      C("Ion", ion(1.33), kHyperCa, 1),
      C("Ion", ion(1.5), kHyperCa, 1),
      C("Ion", ion(1.51), kHyperCa, 2),
      C("Ion", ion(1.6), kHyperCa, 2),
      C("Ion", ion(1.61), kHyperCa, 3),
      C("Ion", ion(1.8), kHyperCa, 3),
      C("Ion", ion(1.81), kHyperCa, 4),
      // admiral's x 4 conversion of the ionized cut-offs to mg/dL.
      C("IonMg", ion_mg(6.0), kHyperCa, 1),
      C("IonMg", ion_mg(6.01), kHyperCa, 2),
      C("IonMg", ion_mg(6.4), kHyperCa, 2),
      C("IonMg", ion_mg(6.41), kHyperCa, 3),
      C("IonMg", ion_mg(7.2), kHyperCa, 3),
      C("IonMg", ion_mg(7.21), kHyperCa, 4),
      C("IonMg", ion_mg(4.0), kHypoCa, 1),
      C("IonMg", ion_mg(3.99), kHypoCa, 2),
      C("IonMg", ion_mg(3.6), kHypoCa, 2),
      C("IonMg", ion_mg(3.59), kHypoCa, 3),
      C("IonMg", ion_mg(3.2), kHypoCa, 3),
      C("IonMg", ion_mg(3.19), kHypoCa, 4),
  };
}

std::vector<LabCase> HypermagnesemiaCases() {
  auto mg = [](double v) {
    return In(Analyte::kMagnesium, v, kMgDl).Uln(2.4).Lln(1.7);
  };
  auto mmol = [](double v) {
    return In(Analyte::kMagnesium, v, kMmol).Uln(1.0).Lln(0.7);
  };
  return {
      C("MgDl", mg(2.4), kHyperMg, 0),    C("MgDl", mg(2.41), kHyperMg, 1),
      C("MgDl", mg(2.99), kHyperMg, 1),   C("MgDl", mg(7.99), kHyperMg, 3),
      C("MgDl", mg(3.0), kHyperMg, 1),    C("MgDl", mg(3.01), kHyperMg, 3),
      C("MgDl", mg(8.0), kHyperMg, 3),    C("MgDl", mg(8.01), kHyperMg, 4),
      C("Mmol", mmol(1.0), kHyperMg, 0),  C("Mmol", mmol(1.01), kHyperMg, 1),
      C("Mmol", mmol(1.23), kHyperMg, 1), C("Mmol", mmol(1.24), kHyperMg, 3),
      C("Mmol", mmol(3.3), kHyperMg, 3),  C("Mmol", mmol(3.31), kHyperMg, 4),
  };
}

std::vector<LabCase> HemoglobinIncreasedCases() {
  auto gdl = [](double v) {
    return In(Analyte::kHemoglobin, v, kGDl).Uln(16.0).Lln(12.0);
  };
  auto gl = [](double v) {
    return In(Analyte::kHemoglobin, v, kGL).Uln(160).Lln(120);
  };
  // ULN 15.2 + 2 is 17.2 only at 12 significant digits.
  auto inexact = [](double v) {
    return In(Analyte::kHemoglobin, v, kGDl).Uln(15.2).Lln(12.0);
  };
  return {
      C("GDl", gdl(16.0), kHgbUp, 0),
      C("GDl", gdl(16.01), kHgbUp, 1),
      C("GDl", gdl(18.0), kHgbUp, 1),
      C("GDl", gdl(18.01), kHgbUp, 2),
      C("GDl", gdl(20.0), kHgbUp, 2),
      C("GDl", gdl(20.01), kHgbUp, 3),
      C("Uln15p2", inexact(17.2), kHgbUp, 1),
      C("Uln15p2", inexact(17.21), kHgbUp, 2),
      C("GL", gl(160), kHgbUp, 0),
      C("GL", gl(160.1), kHgbUp, 1),
      C("GL", gl(180), kHgbUp, 1),
      C("GL", gl(180.1), kHgbUp, 2),
      C("GL", gl(200), kHgbUp, 2),
      C("GL", gl(200.1), kHgbUp, 3),
      C("NoUln", In(Analyte::kHemoglobin, 19, kGDl), kHgbUp, kNotGraded),
  };
}

std::vector<LabCase> CountsIncreasedCases() {
  auto wbc = [](double v, Unit u) { return In(Analyte::kLeukocytes, v, u); };
  auto lym = [](double v, Unit u) { return In(Analyte::kLymphocytes, v, u); };
  return {
      C("Giga", wbc(100, kGiga), kLeukocytosis, 0),
      C("Giga", wbc(100.1, kGiga), kLeukocytosis, 3),
      C("PerUl", wbc(100000, kPerUl), kLeukocytosis, 0),
      C("PerUl", wbc(100001, kPerUl), kLeukocytosis, 3),
      C("Giga", lym(4, kGiga), kLymphUp, 0),
      C("Giga", lym(4.01, kGiga), kLymphUp, 2),
      C("Giga", lym(20, kGiga), kLymphUp, 2),
      C("Giga", lym(20.01, kGiga), kLymphUp, 3),
      C("PerUl", lym(4000, kPerUl), kLymphUp, 0),
      C("PerUl", lym(4001, kPerUl), kLymphUp, 2),
      C("MgDl", lym(30, kMgDl), kLymphUp, kNotGraded),
  };
}

std::vector<LabCase> LipidUrateCases() {
  auto chol = [](double v, Unit u) {
    return In(Analyte::kCholesterol, v, u).Uln(u == kMgDl ? 200 : 5.2);
  };
  auto tg = [](double v, Unit u) { return In(Analyte::kTriglycerides, v, u); };
  auto uric = [](double v) { return In(Analyte::kUrate, v, kMgDl).Uln(7.0); };
  return {
      C("CholMgDl", chol(200, kMgDl), kCholHigh, 0),
      C("CholMgDl", chol(200.1, kMgDl), kCholHigh, 1),
      C("CholMgDl", chol(299.9, kMgDl), kCholHigh, 1),
      C("CholMgDl", chol(300, kMgDl), kCholHigh, 1),
      C("CholMgDl", chol(399.9, kMgDl), kCholHigh, 2),
      C("CholMgDl", chol(499.9, kMgDl), kCholHigh, 3),
      C("CholMgDl", chol(300.1, kMgDl), kCholHigh, 2),
      C("CholMgDl", chol(400, kMgDl), kCholHigh, 2),
      C("CholMgDl", chol(400.1, kMgDl), kCholHigh, 3),
      C("CholMgDl", chol(500, kMgDl), kCholHigh, 3),
      C("CholMgDl", chol(500.1, kMgDl), kCholHigh, 4),
      C("CholMmol", chol(7.75, kMmol), kCholHigh, 1),
      C("CholMmol", chol(7.76, kMmol), kCholHigh, 2),
      C("CholMmol", chol(10.34, kMmol), kCholHigh, 2),
      C("CholMmol", chol(10.35, kMmol), kCholHigh, 3),
      C("CholMmol", chol(12.92, kMmol), kCholHigh, 3),
      C("CholMmol", chol(12.93, kMmol), kCholHigh, 4),
      // Closed grade 1 range [150, 300] mg/dL; no ULN is used.
      C("TgMgDl", tg(149.9, kMgDl), kHyperTg, 0),
      C("TgMgDl", tg(150, kMgDl), kHyperTg, 1),
      C("TgMgDl", tg(300, kMgDl), kHyperTg, 1),
      C("TgMgDl", tg(300.1, kMgDl), kHyperTg, 2),
      C("TgMgDl", tg(500, kMgDl), kHyperTg, 2),
      C("TgMgDl", tg(500.1, kMgDl), kHyperTg, 3),
      C("TgMgDl", tg(1000, kMgDl), kHyperTg, 3),
      C("TgMgDl", tg(1000.1, kMgDl), kHyperTg, 4),
      C("TgMmol", tg(1.7, kMmol), kHyperTg, 0),
      C("TgMmol", tg(1.71, kMmol), kHyperTg, 1),
      C("TgMmol", tg(3.42, kMmol), kHyperTg, 1),
      C("TgMmol", tg(3.43, kMmol), kHyperTg, 2),
      C("TgMmol", tg(5.7, kMmol), kHyperTg, 2),
      C("TgMmol", tg(5.71, kMmol), kHyperTg, 3),
      C("TgMmol", tg(11.4, kMmol), kHyperTg, 3),
      C("TgMmol", tg(11.41, kMmol), kHyperTg, 4),
      C("TgUmol", tg(3, kUmol), kHyperTg, kNotGraded),
      C("Uln7", uric(7.0), kHyperUric, 0),
      C("Uln7", uric(7.01), kHyperUric, 3, P),
      C("NoUln", In(Analyte::kUrate, 9, kMgDl), kHyperUric, kNotGraded),
  };
}

std::vector<LabCase> OtherV5Cases() {
  auto cd4 = [](double v, Unit u) {
    return In(Analyte::kCd4, v, u).Lln(u == kPerUl ? 500 : 0.5);
  };
  auto ph = [](double v) {
    return In(Analyte::kPh, v, Unit::kNone).Lln(7.35).Uln(7.45);
  };
  return {
      C("Cd4Lln0p7", In(Analyte::kCd4, 0.6, kGiga).Lln(0.7), kCd4Down, 1),
      C("Cd4Lln0p7", In(Analyte::kCd4, 0.5, kGiga).Lln(0.7), kCd4Down, 1),
      C("Giga", cd4(0.49, kGiga), kCd4Down, 2),
      C("Giga", cd4(0.2, kGiga), kCd4Down, 2),
      C("Giga", cd4(0.19, kGiga), kCd4Down, 3),
      C("Giga", cd4(0.05, kGiga), kCd4Down, 3),
      C("Giga", cd4(0.049, kGiga), kCd4Down, 4),
      C("PerUl", cd4(500, kPerUl), kCd4Down, 0),
      C("PerUl", cd4(499, kPerUl), kCd4Down, 2),
      C("PerUl", cd4(200, kPerUl), kCd4Down, 2),
      C("PerUl", cd4(199, kPerUl), kCd4Down, 3),
      C("PerUl", cd4(50, kPerUl), kCd4Down, 3),
      C("PerUl", cd4(49, kPerUl), kCd4Down, 4),
      C("Lln7p35", ph(7.35), kAcidosis, 0),
      C("Lln7p35", ph(7.34), kAcidosis, 1),
      C("Lln7p35", ph(7.3), kAcidosis, 1),
      C("Lln7p35", ph(7.29), kAcidosis, 3),
      C("Uln7p45", ph(7.45), kAlkalosis, 0),
      C("Uln7p45", ph(7.46), kAlkalosis, 1),
      C("Uln7p45", ph(7.5), kAlkalosis, 1),
      C("Uln7p45", ph(7.51), kAlkalosis, 3),
      C("PhNoLimits", In(Analyte::kPh, 7.2, Unit::kNone), kAcidosis, 3),
      C("PhNoLimits", In(Analyte::kPh, 7.34, Unit::kNone), kAcidosis,
        kNotGraded),
      C("Uln250", In(Analyte::kLdh, 250, kUL).Uln(250), kLdhUp, 0),
      C("Uln250", In(Analyte::kLdh, 250.1, kUL).Uln(250), kLdhUp, 1),
      C("LdhNoUln", In(Analyte::kLdh, 900, kUL), kLdhUp, kNotGraded),
      C("Lln30", In(Analyte::kHaptoglobin, 30, kMgDl).Lln(30), kHaptoDown, 0),
      C("Lln30", In(Analyte::kHaptoglobin, 29.9, kMgDl).Lln(30), kHaptoDown, 1),
  };
}

INSTANTIATE_TEST_SUITE_P(LipidsAndUrate, CtcaeLabTest,
                         testing::ValuesIn(LipidUrateCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(OtherV5, CtcaeLabTest,
                         testing::ValuesIn(OtherV5Cases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Hypernatremia, CtcaeLabTest,
                         testing::ValuesIn(HypernatremiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Hypercalcemia, CtcaeLabTest,
                         testing::ValuesIn(HypercalcemiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Hypermagnesemia, CtcaeLabTest,
                         testing::ValuesIn(HypermagnesemiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(HemoglobinIncreased, CtcaeLabTest,
                         testing::ValuesIn(HemoglobinIncreasedCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(CountsIncreased, CtcaeLabTest,
                         testing::ValuesIn(CountsIncreasedCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Alt, CtcaeLabTest, testing::ValuesIn(AltCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Ast, CtcaeLabTest, testing::ValuesIn(AstCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Bilirubin, CtcaeLabTest,
                         testing::ValuesIn(BilirubinCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Alp, CtcaeLabTest, testing::ValuesIn(AlpCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Ggt, CtcaeLabTest, testing::ValuesIn(GgtCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Creatinine, CtcaeLabTest,
                         testing::ValuesIn(CreatinineCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(ChronicKidneyDisease, CtcaeLabTest,
                         testing::ValuesIn(CkdCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Pancreas, CtcaeLabTest,
                         testing::ValuesIn(PancreasCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Neutrophils, CtcaeLabTest,
                         testing::ValuesIn(NeutrophilCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Platelets, CtcaeLabTest,
                         testing::ValuesIn(PlateletCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Anemia, CtcaeLabTest, testing::ValuesIn(AnemiaCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Lymphocytes, CtcaeLabTest,
                         testing::ValuesIn(LymphocyteCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(WhiteBloodCells, CtcaeLabTest,
                         testing::ValuesIn(WbcCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Fibrinogen, CtcaeLabTest,
                         testing::ValuesIn(FibrinogenCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Inr, CtcaeLabTest, testing::ValuesIn(InrCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Aptt, CtcaeLabTest, testing::ValuesIn(ApttCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Sodium, CtcaeLabTest, testing::ValuesIn(SodiumCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Potassium, CtcaeLabTest,
                         testing::ValuesIn(PotassiumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Glucose, CtcaeLabTest,
                         testing::ValuesIn(GlucoseCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Albumin, CtcaeLabTest,
                         testing::ValuesIn(AlbuminCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Calcium, CtcaeLabTest,
                         testing::ValuesIn(CalciumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Magnesium, CtcaeLabTest,
                         testing::ValuesIn(MagnesiumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(CreatineKinase, CtcaeLabTest,
                         testing::ValuesIn(CpkCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Troponin, CtcaeLabTest,
                         testing::ValuesIn(TroponinCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Fever, CtcaeLabTest, testing::ValuesIn(FeverCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Diarrhea, CtcaeLabTest,
                         testing::ValuesIn(DiarrheaCases()), CaseName);

// ------------------------------------------------------- non-table checks

const TermGrade* FindTerm(const LabGrading& g, const std::string& term) {
  for (const TermGrade& t : g.grades) {
    if (t.term == term) return &t;
  }
  return nullptr;
}

TEST(CtcaeLabsTest, PotassiumBearsOnBothTerms) {
  LabInput in = In(Analyte::kPotassium, 4.0, kMmol).Uln(5.0).Lln(3.5).v;
  LabGrading g = GradeCtcaeLab(in);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kHyperK), nullptr);
  ASSERT_NE(FindTerm(g, kHypoK), nullptr);
  EXPECT_EQ(FindTerm(g, kHyperK)->grade, 0);
  EXPECT_EQ(FindTerm(g, kHypoK)->grade, 0);
}

TEST(CtcaeLabsTest, MissingLimitForOnePotassiumTermKeepsTheOther) {
  LabInput in = In(Analyte::kPotassium, 6.5, kMmol).Uln(5.0).v;  // no LLN
  LabGrading g = GradeCtcaeLab(in);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kHyperK), nullptr);
  EXPECT_EQ(FindTerm(g, kHyperK)->grade, 3);
  EXPECT_EQ(FindTerm(g, kHypoK), nullptr);
  EXPECT_FALSE(g.not_graded.empty());
}

TEST(CtcaeLabsTest, HyperglycemiaIsNotLabGradableInV5) {
  // Reference 5.5: v5 hyperglycemia is intervention-based.
  for (double v : {150.0, 300.0, 600.0}) {
    LabInput in = In(Analyte::kGlucose, v, kMgDl).Lln(70).v;
    LabGrading g = GradeCtcaeLab(in);
    SCOPED_TRACE(Describe(g));
    EXPECT_EQ(FindTerm(g, "Hyperglycemia"), nullptr);
    ASSERT_NE(FindTerm(g, kHypoGlu), nullptr);
    EXPECT_EQ(FindTerm(g, kHypoGlu)->grade, 0);
  }
}

TEST(CtcaeLabsTest, FeverAbove40IsGrade3Or4) {
  // > 40.0 C is G3 for <= 24 h and G4 for > 24 h; a single value cannot
  // tell the duration, so only ">= 3" is asserted.
  for (const In& in : {In(Analyte::kBodyTemperature, 40.01, kCel),
                       In(Analyte::kBodyTemperature, 41.0, kCel),
                       In(Analyte::kBodyTemperature, 104.1, kDegF),
                       In(Analyte::kBodyTemperature, 105.8, kDegF)}) {
    LabGrading g = GradeCtcaeLab(in.v);
    SCOPED_TRACE(Describe(g));
    const TermGrade* t = FindTerm(g, kFever);
    ASSERT_NE(t, nullptr) << in.v.value;
    EXPECT_GE(t->grade, 3) << in.v.value;
    EXPECT_LE(t->grade, 4) << in.v.value;
    EXPECT_EQ(t->meddra, "10016558");
  }
}

TEST(CtcaeLabsTest, ProvisionalGradesExplainTheAssumption) {
  for (const In& in : {In(Analyte::kLipase, 200, kUL).Uln(60),
                       In(Analyte::kAmylase, 600, kUL).Uln(100),
                       In(Analyte::kSodium, 127, kMmol).Lln(135),
                       In(Analyte::kPotassium, 3.2, kMmol).Uln(5).Lln(3.5),
                       In(Analyte::kTroponinI, 1, kNgMl).Uln(0.04)}) {
    LabGrading g = GradeCtcaeLab(in.v);
    SCOPED_TRACE(Describe(g));
    bool any_provisional = false;
    for (const TermGrade& t : g.grades) {
      if (t.provisional) {
        any_provisional = true;
        EXPECT_FALSE(t.assumption.empty()) << t.term;
      }
    }
    EXPECT_TRUE(any_provisional) << AnalyteName(in.v.analyte);
  }
}

}  // namespace
}  // namespace iraed::grading

// Review findings (helper-2): units that do not fit the term, NaN inputs,
// and the provisional fever above 40.
namespace iraed::grading {
namespace {

LabInput Lab(Analyte a, double v, Unit u) {
  LabInput in;
  in.analyte = a;
  in.value = v;
  in.unit = u;
  return in;
}

TEST(CtcaeLabReviewTest, InrWithAUnitIsNotGraded) {
  for (Unit u : {Unit::kSeconds, Unit::kPercent, Unit::kMgPerDl}) {
    LabGrading g = GradeCtcaeLab(Lab(Analyte::kInr, 13, u));
    EXPECT_TRUE(g.grades.empty());
    EXPECT_NE(g.not_graded.find("INR increased"), std::string::npos);
  }
  EXPECT_EQ(
      GradeCtcaeLab(Lab(Analyte::kInr, 2.6, Unit::kNone)).grades.at(0).grade,
      3);
}

TEST(CtcaeLabReviewTest, NonFiniteValueOrLimitIsMissingNotNormal) {
  LabInput alt = Lab(Analyte::kAlt, std::nan(""), Unit::kUnitsPerL);
  alt.uln = 40;
  EXPECT_TRUE(GradeCtcaeLab(alt).grades.empty());
  alt.value = 500;
  alt.uln = std::nan("");
  EXPECT_TRUE(GradeCtcaeLab(alt).grades.empty());
  LabInput anc = Lab(Analyte::kNeutrophils, 1.7, Unit::kGigaPerL);
  anc.lln = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(GradeCtcaeLab(anc).grades.empty());
}

TEST(CtcaeLabReviewTest, MilliEquivalentsOnlyForMonovalentIons) {
  LabInput k = Lab(Analyte::kPotassium, 6.1, Unit::kMeqPerL);
  k.uln = 5.1;
  k.lln = 3.5;
  LabGrading g = GradeCtcaeLab(k);
  ASSERT_EQ(g.grades.size(), 2u);
  EXPECT_EQ(g.grades[0].term, "Hyperkalemia");
  EXPECT_EQ(g.grades[0].grade, 3);
  LabInput mg = Lab(Analyte::kMagnesium, 0.9, Unit::kMeqPerL);
  mg.lln = 1.3;
  EXPECT_TRUE(GradeCtcaeLab(mg).grades.empty());
  LabInput ca = Lab(Analyte::kCalciumIonized, 1.7, Unit::kMeqPerL);
  ca.lln = 2.3;
  EXPECT_TRUE(GradeCtcaeLab(ca).grades.empty());
}

TEST(CtcaeLabReviewTest, FeverAboveFortyIsProvisionalGradeThree) {
  TermGrade g =
      GradeCtcaeLab(Lab(Analyte::kBodyTemperature, 40.1, Unit::kCelsius))
          .grades.at(0);
  EXPECT_EQ(g.grade, 3);
  EXPECT_TRUE(g.provisional);
  EXPECT_NE(g.assumption.find("24 h"), std::string::npos);
  g = GradeCtcaeLab(Lab(Analyte::kBodyTemperature, 40.0, Unit::kCelsius))
          .grades.at(0);
  EXPECT_EQ(g.grade, 2);
  EXPECT_FALSE(g.provisional);
}

// The terms added with iraed-rules-3 are not graded under iraed-rules-2,
// which this build still carries for replay.
TEST(CtcaeLabRuleSetTest, TermsOfRuleSetThreeAreOffUnderRuleSetTwo) {
  LabInput in = In(Analyte::kSodium, 170, kMmol).Uln(145).Lln(135).v;
  in.rule_set = RuleSet::kRules2;
  for (const TermGrade& t : GradeCtcaeLab(in).grades) {
    EXPECT_NE(t.term, kHyperNa);
  }
  in.rule_set = RuleSet::kRules3;
  bool found = false;
  for (const TermGrade& t : GradeCtcaeLab(in).grades) {
    found = found || (t.term == kHyperNa && t.grade == 4);
  }
  EXPECT_TRUE(found);
  LabInput ionized = In(Analyte::kCalciumIonized, 3.0, kMgDl).Lln(4.5).v;
  ionized.rule_set = RuleSet::kRules2;
  EXPECT_TRUE(GradeCtcaeLab(ionized).grades.empty());
}

// Fibrinogen's "if abnormal, N % decrease from baseline": from
// iraed-rules-4 the current value below LLN (admiral, reference 5.4),
// whatever the baseline; before it the baseline had to be below its LLN.
TEST(CtcaeLabsTest, FibrinogenFallCountsBelowLlnFromRuleSet4) {
  LabInput in;
  in.analyte = Analyte::kFibrinogen;
  in.unit = Unit::kMgPerDl;
  in.value = 195;  // 0.975 x LLN: grade 1 by the multiple
  in.lln = 200;
  in.baseline = 260;  // normal baseline: a 25 % fall
  auto grade = [](const LabInput& x) {
    const LabGrading g = GradeCtcaeLab(x);
    return g.grades.empty() ? -1 : g.grades[0].grade;
  };
  EXPECT_EQ(grade(in), 2);
  in.value = 200;  // at LLN: not abnormal, the fall does not count
  in.baseline = 400;
  EXPECT_EQ(grade(in), 0);
  in.value = 195;
  in.baseline = 260;
  in.rule_set = RuleSet::kRules3;
  EXPECT_EQ(grade(in), 1);
  in.baseline_lln = 300;  // a baseline below its own LLN
  EXPECT_EQ(grade(in), 2);
  // The unit: mg/dL or g/L from rule set 4.
  in.unit = Unit::kUnitsPerL;
  EXPECT_EQ(grade(in), 2);
  in.rule_set = RuleSet::kRules4;
  EXPECT_EQ(grade(in), -1);
  EXPECT_NE(GradeCtcaeLab(in).not_graded.find("mg/dL or g/L"),
            std::string::npos);
}

}  // namespace
}  // namespace iraed::grading
