// Independent, table-driven tests of grading/ctcae6_labs.h (CTCAE v6.0 lab
// grades), written from the clinical reference (ctcae-v6.md sections 1-4,
// with the conventions of clinical-grading.md section 1), the header
// contracts of ctcae6_labs.h and ctcae_labs.h and the team's decisions
// where they override admiral, not from the implementation.
//
// Every threshold is tested just below, exactly at and just above it, in
// SI and US units where CTCAE gives both. Conventions under test:
//   - "A - B" closed, leading < or > strict (hypertriglyceridemia grade 1
//     [150, 300] mg/dL is closed: team choice, admiral uses > 150).
//   - Worst case + provisional where a clinical qualifier decides:
//     lipase/amylase grades 3-4, hyponatremia [125, 130), hypokalemia
//     [3.0, LLN), hyperuricemia, INR when the baseline multiples decide.
//   - Missing ULN/LLN: grades that need the limit (grade 0, grade 1 and
//     every multiple of it) are not given; absolute grades 2-4 still are.
//   - Baseline "high" (liver) = baseline > its own ULN (else the current
//     ULN); baseline "low" (creatinine) = baseline < its own LLN (else the
//     current LLN).
//   - Values compared at 12 significant digits: 1.5 x 1.2 is exactly 1.8.
//   - Section 3 (v5 -> v6 changes) has explicit contrast tests that grade
//     the same input with GradeCtcaeLab (v5) and GradeCtcae6Lab (v6).
#include "grading/ctcae6_labs.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <map>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace iraed::grading {
namespace {

// CTCAE v6.0 terms, verbatim, and their MedDRA LLT codes (ctcae-v6.md
// section 2, codes from NCI6-SEC).
constexpr const char* kAnemia = "Anemia";
constexpr const char* kLeukocytosis = "Leukocytosis";
constexpr const char* kThrombo = "Thrombocytopenia";
constexpr const char* kWbc = "White blood cell decreased";
constexpr const char* kAnc = "Neutrophil count decreased";
constexpr const char* kLymphUp = "Lymphocyte count increased";
constexpr const char* kCd4Down = "CD4 lymphocytes decreased";
constexpr const char* kHgbUp = "Hemoglobin increased";
constexpr const char* kAptt = "Activated partial thromboplastin time prolonged";
constexpr const char* kInr = "INR increased";
constexpr const char* kFib = "Fibrinogen decreased";
constexpr const char* kAlt = "Alanine aminotransferase increased";
constexpr const char* kAst = "Aspartate aminotransferase increased";
constexpr const char* kBili = "Blood bilirubin increased";
constexpr const char* kGgt = "GGT increased";
constexpr const char* kAlp = "Alkaline phosphatase increased";
constexpr const char* kLipase = "Lipase increased";
constexpr const char* kAmylase = "Serum amylase increased";
constexpr const char* kCreat = "Creatinine increased";
constexpr const char* kCrcl = "Creatinine clearance decreased";
constexpr const char* kHyperCa = "Hypercalcemia";
constexpr const char* kHypoCa = "Hypocalcemia";
constexpr const char* kHyperK = "Hyperkalemia";
constexpr const char* kHypoK = "Hypokalemia";
constexpr const char* kHyperNa = "Hypernatremia";
constexpr const char* kHypoNa = "Hyponatremia";
constexpr const char* kHyperMg = "Hypermagnesemia";
constexpr const char* kHypoMg = "Hypomagnesemia";
constexpr const char* kHypoGlu = "Hypoglycemia";
constexpr const char* kHyperGlu = "Hyperglycemia";
constexpr const char* kHypoAlb = "Hypoalbuminemia";
constexpr const char* kAcidosis = "Acidosis";
constexpr const char* kAlkalosis = "Alkalosis";
constexpr const char* kCholHigh = "Cholesterol high";
constexpr const char* kHyperTg = "Hypertriglyceridemia";
constexpr const char* kHyperUric = "Hyperuricemia";
constexpr const char* kLdhUp = "Blood lactate dehydrogenase increased";
constexpr const char* kHaptoDown = "Haptoglobin decreased";
constexpr const char* kHdlDown = "HDL decreased";
constexpr const char* kLdlUp = "LDL increased";

// CTCAE v5.0 terms with no v6 lab counterpart (or renamed in v6): a v6
// grading must never carry them.
constexpr const char* kV5Platelets = "Platelet count decreased";
constexpr const char* kV5LymphDown = "Lymphocyte count decreased";
constexpr const char* kV5Cpk = "CPK increased";
constexpr const char* kV5Ckd = "Chronic kidney disease";
constexpr const char* kV5TropI = "Cardiac troponin I increased";
constexpr const char* kV5TropT = "Cardiac troponin T increased";
constexpr const char* kV5Fever = "Fever";
constexpr const char* kV5Diarrhea = "Diarrhea";

const std::map<std::string, std::string>& Meddra() {
  static const auto* const kCodes = new std::map<std::string, std::string>{
      {kAnemia, "10002272"},    {kLeukocytosis, "10024378"},
      {kThrombo, "10043554"},   {kWbc, "10049182"},
      {kAnc, "10029366"},       {kLymphUp, "10025258"},
      {kCd4Down, "10007839"},   {kHgbUp, "10055599"},
      {kAptt, "10000636"},      {kInr, "10022402"},
      {kFib, "10016596"},       {kAlt, "10001551"},
      {kAst, "10003481"},       {kBili, "10005364"},
      {kGgt, "10056910"},       {kAlp, "10001675"},
      {kLipase, "10024574"},    {kAmylase, "10040139"},
      {kCreat, "10011368"},     {kCrcl, "10011363"},
      {kHyperCa, "10020587"},   {kHypoCa, "10020949"},
      {kHyperK, "10020647"},    {kHypoK, "10021018"},
      {kHyperNa, "10020680"},   {kHypoNa, "10021038"},
      {kHyperMg, "10020670"},   {kHypoMg, "10021028"},
      {kHypoGlu, "10021005"},   {kHyperGlu, "10020639"},
      {kHypoAlb, "10020943"},   {kAcidosis, "10000486"},
      {kAlkalosis, "10001680"}, {kCholHigh, "10008661"},
      {kHyperTg, "10020870"},   {kHyperUric, "10020907"},
      {kLdhUp, "10005630"},     {kHaptoDown, "10019150"},
      {kHdlDown, "10019186"},   {kLdlUp, "10024057"},
  };
  return *kCodes;
}

// Builds a LabInput: In(analyte, value, unit).Uln(..).Lln(..).Base(..)
// .BUln(..).BLln(..).
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
  // Baseline value.
  In Base(double b) const {
    In c = *this;
    c.v.baseline = b;
    return c;
  }
  // The ULN / LLN of the baseline's own observation.
  In BUln(double x) const {
    In c = *this;
    c.v.baseline_uln = x;
    return c;
  }
  In BLln(double x) const {
    In c = *this;
    c.v.baseline_lln = x;
    return c;
  }
};

// Expected outcome for one term.
constexpr int kNotGraded = -1;  // no entry for the term; not_graded says why
constexpr int kAbsent = -2;     // no entry for the term (no other claim)

// Whether the grade must be provisional (worst case assumed).
enum class Prov { kNo, kYes, kAny };
constexpr Prov F = Prov::kNo;   // not provisional
constexpr Prov P = Prov::kYes;  // provisional, with the assumption written
constexpr Prov A = Prov::kAny;  // either is acceptable (see the case)

struct LabCase {
  const char* label;  // [A-Za-z0-9_]; the value, grade and index are added
  LabInput in;
  const char* term;
  int grade;  // 0..4, kNotGraded or kAbsent
  Prov prov = Prov::kNo;
};

LabCase C(const char* label, const In& in, const char* term, int grade,
          Prov prov = F) {
  return LabCase{label, in.v, term, grade, prov};
}

// Readable parameter dump in failure messages.
void PrintTo(const LabCase& c, std::ostream* os) {
  *os << c.label << ": " << AnalyteName(c.in.analyte) << " " << c.in.value
      << " " << UnitName(c.in.unit);
  if (c.in.uln) *os << " ULN " << *c.in.uln;
  if (c.in.lln) *os << " LLN " << *c.in.lln;
  if (c.in.baseline) *os << " baseline " << *c.in.baseline;
  if (c.in.baseline_uln) *os << " (its ULN " << *c.in.baseline_uln << ")";
  if (c.in.baseline_lln) *os << " (its LLN " << *c.in.baseline_lln << ")";
  *os << " -> '" << c.term << "' ";
  if (c.grade == kNotGraded) {
    *os << "not graded";
  } else if (c.grade == kAbsent) {
    *os << "absent";
  } else {
    *os << "G" << c.grade
        << (c.prov == P   ? " provisional"
            : c.prov == A ? " (any)"
                          : "");
  }
}

std::string Describe(const LabGrading& g) {
  std::ostringstream out;
  out << "grades:";
  for (const TermGrade& t : g.grades) {
    out << " [" << t.term << " " << t.meddra << " G" << t.grade
        << (t.provisional ? " provisional" : "") << " rule='" << t.rule << "']";
  }
  out << " not_graded='" << g.not_graded << "'";
  return out.str();
}

// Parameter names: label, value, expected grade and the case's index (the
// index keeps every name unique within its suite).
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
    } else if (std::isalnum(static_cast<unsigned char>(ch))) {
      name += ch;
    }
  }
  if (c.grade == kNotGraded) {
    name += "_NotGraded";
  } else if (c.grade == kAbsent) {
    name += "_Absent";
  } else {
    name += "_G" + std::to_string(c.grade);
    if (c.prov == P) name += "p";
  }
  name += "_" + std::to_string(info.index);
  return name;
}

const TermGrade* FindTerm(const LabGrading& g, const std::string& term) {
  for (const TermGrade& t : g.grades) {
    if (t.term == term) return &t;
  }
  return nullptr;
}

int CountTerm(const LabGrading& g, const std::string& term) {
  int n = 0;
  for (const TermGrade& t : g.grades) {
    if (t.term == term) ++n;
  }
  return n;
}

class Ctcae6LabTest : public testing::TestWithParam<LabCase> {};

TEST_P(Ctcae6LabTest, Grades) {
  const LabCase& c = GetParam();
  const LabGrading g = GradeCtcae6Lab(c.in);
  SCOPED_TRACE(Describe(g));

  const TermGrade* found = FindTerm(g, c.term);

  if (c.grade == kAbsent) {
    EXPECT_EQ(found, nullptr) << "'" << c.term << "' is not a v6 term here";
    return;
  }
  if (c.grade == kNotGraded) {
    EXPECT_EQ(found, nullptr) << "expected no grade for '" << c.term << "'";
    EXPECT_FALSE(g.not_graded.empty()) << "not_graded must say why";
    return;
  }

  ASSERT_NE(found, nullptr) << "no entry for '" << c.term << "'";
  EXPECT_EQ(CountTerm(g, c.term), 1) << "one entry per term";
  EXPECT_EQ(found->grade, c.grade);
  EXPECT_EQ(found->meddra, Meddra().at(c.term));
  if (c.prov != A) {
    EXPECT_EQ(found->provisional, c.prov == P);
  }
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
constexpr Unit kMeq = Unit::kMeqPerL;
constexpr Unit kGDl = Unit::kGPerDl;
constexpr Unit kGL = Unit::kGPerL;
constexpr Unit kGiga = Unit::kGigaPerL;
constexpr Unit kPerUl = Unit::kPerUl;
constexpr Unit kSec = Unit::kSeconds;
constexpr Unit kNone = Unit::kNone;
constexpr Unit kMlMin = Unit::kMlPerMin;

// ========================================================== 2.1 Hematology

// Neutrophil count decreased (v6): [1.0, 1.5) 1, [0.5, 1.0) 2,
// [0.1, 0.5) 3, < 0.1 4 (x 10*9/L); LLN never used: >= 1.5 is grade 0
// even below the LLN and even without one.
std::vector<LabCase> NeutrophilCases() {
  auto g = [](double v) {
    return In(Analyte::kNeutrophils, v, kGiga).Lln(1.8);
  };
  auto nolln = [](double v) { return In(Analyte::kNeutrophils, v, kGiga); };
  auto ul = [](double v) {
    return In(Analyte::kNeutrophils, v, kPerUl).Lln(1800);
  };
  auto e10 = [](double v) {  // 10*10/L (10^4/uL): x 10 to 10*9/L
    return In(Analyte::kNeutrophils, v, Unit::kCount10e10PerL);
  };
  return {
      C("GigaLln1p8", g(5), kAnc, 0),
      C("GigaLln1p8", g(1.8), kAnc, 0),
      C("GigaLln1p8", g(1.79), kAnc, 0),  // below LLN: v5 grade 1
      C("GigaLln1p8", g(1.6), kAnc, 0),
      C("GigaLln1p8", g(1.51), kAnc, 0),
      C("GigaLln1p8", g(1.5), kAnc, 0),
      C("GigaLln1p8", g(1.49), kAnc, 1),
      C("GigaLln1p8", g(1.01), kAnc, 1),
      C("GigaLln1p8", g(1.0), kAnc, 1),
      C("GigaLln1p8", g(0.99), kAnc, 2),
      C("GigaLln1p8", g(0.8), kAnc, 2),  // v5 grade 3
      C("GigaLln1p8", g(0.51), kAnc, 2),
      C("GigaLln1p8", g(0.5), kAnc, 2),
      C("GigaLln1p8", g(0.49), kAnc, 3),
      C("GigaLln1p8", g(0.3), kAnc, 3),  // v5 grade 4
      C("GigaLln1p8", g(0.11), kAnc, 3),
      C("GigaLln1p8", g(0.1), kAnc, 3),
      C("GigaLln1p8", g(0.09), kAnc, 4),
      C("GigaLln1p8", g(0), kAnc, 4),
      // No LLN: every grade is absolute, grade 0 included.
      C("NoLln", nolln(5), kAnc, 0),
      C("NoLln", nolln(1.6), kAnc, 0),
      C("NoLln", nolln(1.5), kAnc, 0),
      C("NoLln", nolln(1.49), kAnc, 1),
      C("NoLln", nolln(1.0), kAnc, 1),
      C("NoLln", nolln(0.8), kAnc, 2),
      C("NoLln", nolln(0.3), kAnc, 3),
      C("NoLln", nolln(0.05), kAnc, 4),
      // Counts per uL (= per mm3 = 10*3/mL legacy): 1500/uL = 1.5 x 10*9/L.
      C("PerUlLln1800", ul(1800), kAnc, 0),
      C("PerUlLln1800", ul(1500), kAnc, 0),
      C("PerUlLln1800", ul(1499), kAnc, 1),
      C("PerUlLln1800", ul(1000), kAnc, 1),
      C("PerUlLln1800", ul(999), kAnc, 2),
      C("PerUlLln1800", ul(500), kAnc, 2),
      C("PerUlLln1800", ul(499), kAnc, 3),
      C("PerUlLln1800", ul(100), kAnc, 3),
      C("PerUlLln1800", ul(99), kAnc, 4),
      C("PerUlNoLln", In(Analyte::kNeutrophils, 1600, kPerUl), kAnc, 0),
      C("PerUlNoLln", In(Analyte::kNeutrophils, 1200, kPerUl), kAnc, 1),
      C("Count10e10", e10(0.15), kAnc, 0),
      C("Count10e10", e10(0.149), kAnc, 1),
      C("Count10e10", e10(0.05), kAnc, 2),
      // Units that are not counts.
      C("MgDl", In(Analyte::kNeutrophils, 1.2, kMgDl).Lln(1.8), kAnc,
        kNotGraded),
      C("Percent", In(Analyte::kNeutrophils, 40, Unit::kPercent).Lln(40), kAnc,
        kNotGraded),
  };
}

// Thrombocytopenia (10043554, replaces Platelet count decreased):
// [75, LLN) 1, [50, 75) 2, [10, 50) 3, < 10 4 (x 10*9/L).
std::vector<LabCase> ThrombocytopeniaCases() {
  auto g = [](double v) { return In(Analyte::kPlatelets, v, kGiga).Lln(150); };
  auto ul = [](double v) {
    return In(Analyte::kPlatelets, v, kPerUl).Lln(150000);
  };
  auto nolln = [](double v) { return In(Analyte::kPlatelets, v, kGiga); };
  return {
      C("GigaLln150", g(250), kThrombo, 0),
      C("GigaLln150", g(150), kThrombo, 0),
      C("GigaLln150", g(149.9), kThrombo, 1),
      C("GigaLln150", g(75.1), kThrombo, 1),
      C("GigaLln150", g(75), kThrombo, 1),
      C("GigaLln150", g(74.9), kThrombo, 2),
      C("GigaLln150", g(50.1), kThrombo, 2),
      C("GigaLln150", g(50), kThrombo, 2),
      C("GigaLln150", g(49.9), kThrombo, 3),
      C("GigaLln150", g(25), kThrombo, 3),
      C("GigaLln150", g(24.9), kThrombo, 3),  // v5 grade 4
      C("GigaLln150", g(20), kThrombo, 3),    // v5 grade 4
      C("GigaLln150", g(10.1), kThrombo, 3),
      C("GigaLln150", g(10), kThrombo, 3),
      C("GigaLln150", g(9.9), kThrombo, 4),
      C("GigaLln150", g(0), kThrombo, 4),
      C("PerUlLln150000", ul(150000), kThrombo, 0),
      C("PerUlLln150000", ul(149999), kThrombo, 1),
      C("PerUlLln150000", ul(75000), kThrombo, 1),
      C("PerUlLln150000", ul(74999), kThrombo, 2),
      C("PerUlLln150000", ul(50000), kThrombo, 2),
      C("PerUlLln150000", ul(49999), kThrombo, 3),
      C("PerUlLln150000", ul(10000), kThrombo, 3),
      C("PerUlLln150000", ul(9999), kThrombo, 4),
      // The v5 term is gone.
      C("GigaLln150", g(20), kV5Platelets, kAbsent),
      C("GigaLln150", g(100), kV5Platelets, kAbsent),
      // No LLN: grades 2-4 only.
      C("NoLln", nolln(200), kThrombo, kNotGraded),
      C("NoLln", nolln(100), kThrombo, kNotGraded),
      C("NoLln", nolln(75), kThrombo, kNotGraded),
      C("NoLln", nolln(74.9), kThrombo, 2),
      C("NoLln", nolln(20), kThrombo, 3),
      C("NoLln", nolln(5), kThrombo, 4),
      C("GDl", In(Analyte::kPlatelets, 100, kGDl).Lln(150), kThrombo,
        kNotGraded),
  };
}

// Anemia: g/dL [10.0, LLN) 1, [8.0, 10.0) 2, < 8.0 3; g/L [100, LLN),
// [80, 100), < 80; mmol/L (team decision, CTCAE text) [6.2, LLN),
// [4.9, 6.2), < 4.9. No lab grade 4.
std::vector<LabCase> AnemiaCases() {
  auto gdl = [](double v) { return In(Analyte::kHemoglobin, v, kGDl).Lln(12); };
  auto gl = [](double v) { return In(Analyte::kHemoglobin, v, kGL).Lln(120); };
  auto mmol = [](double v) {
    return In(Analyte::kHemoglobin, v, kMmol).Lln(7.4);
  };
  return {
      C("GDlLln12", gdl(14), kAnemia, 0),
      C("GDlLln12", gdl(12), kAnemia, 0),
      C("GDlLln12", gdl(11.99), kAnemia, 1),
      C("GDlLln12", gdl(10.01), kAnemia, 1),
      C("GDlLln12", gdl(10), kAnemia, 1),
      C("GDlLln12", gdl(9.99), kAnemia, 2),
      C("GDlLln12", gdl(8.01), kAnemia, 2),
      C("GDlLln12", gdl(8), kAnemia, 2),
      C("GDlLln12", gdl(7.99), kAnemia, 3),
      C("GDlLln12", gdl(4), kAnemia, 3),  // no lab grade 4
      C("GLLln120", gl(120), kAnemia, 0),
      C("GLLln120", gl(119.9), kAnemia, 1),
      C("GLLln120", gl(100.1), kAnemia, 1),
      C("GLLln120", gl(100), kAnemia, 1),
      C("GLLln120", gl(99.9), kAnemia, 2),
      C("GLLln120", gl(80.1), kAnemia, 2),
      C("GLLln120", gl(80), kAnemia, 2),
      C("GLLln120", gl(79.9), kAnemia, 3),
      C("GLLln120", gl(40), kAnemia, 3),
      C("MmolLln7p4", mmol(7.4), kAnemia, 0),
      C("MmolLln7p4", mmol(7.39), kAnemia, 1),
      C("MmolLln7p4", mmol(6.21), kAnemia, 1),
      C("MmolLln7p4", mmol(6.2), kAnemia, 1),
      C("MmolLln7p4", mmol(6.19), kAnemia, 2),
      C("MmolLln7p4", mmol(4.91), kAnemia, 2),
      C("MmolLln7p4", mmol(4.9), kAnemia, 2),
      C("MmolLln7p4", mmol(4.89), kAnemia, 3),
      C("NoLln", In(Analyte::kHemoglobin, 11, kGDl), kAnemia, kNotGraded),
      C("NoLln", In(Analyte::kHemoglobin, 10, kGDl), kAnemia, kNotGraded),
      C("NoLln", In(Analyte::kHemoglobin, 9.99, kGDl), kAnemia, 2),
      C("NoLln", In(Analyte::kHemoglobin, 7, kGDl), kAnemia, 3),
      C("NoLlnGL", In(Analyte::kHemoglobin, 110, kGL), kAnemia, kNotGraded),
      C("NoLlnGL", In(Analyte::kHemoglobin, 90, kGL), kAnemia, 2),
      C("NoLlnMmol", In(Analyte::kHemoglobin, 5.5, kMmol), kAnemia, 2),
      C("MgDl", In(Analyte::kHemoglobin, 11, kMgDl).Lln(12), kAnemia,
        kNotGraded),
      C("UL", In(Analyte::kHemoglobin, 11, kUL).Lln(12), kAnemia, kNotGraded),
  };
}

// White blood cell decreased: [3.0, LLN) 1, [2.0, 3.0) 2, [1.0, 2.0) 3,
// < 1.0 4.
std::vector<LabCase> WbcCases() {
  auto g = [](double v) { return In(Analyte::kLeukocytes, v, kGiga).Lln(4.0); };
  auto ul = [](double v) {
    return In(Analyte::kLeukocytes, v, kPerUl).Lln(4000);
  };
  return {
      C("GigaLln4", g(6), kWbc, 0),
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
      C("NoLln", In(Analyte::kLeukocytes, 5, kGiga), kWbc, kNotGraded),
      C("NoLln", In(Analyte::kLeukocytes, 3.5, kGiga), kWbc, kNotGraded),
      C("NoLln", In(Analyte::kLeukocytes, 2.5, kGiga), kWbc, 2),
      C("NoLln", In(Analyte::kLeukocytes, 1.5, kGiga), kWbc, 3),
      C("NoLln", In(Analyte::kLeukocytes, 0.5, kGiga), kWbc, 4),
      C("MgDl", In(Analyte::kLeukocytes, 1.5, kMgDl).Lln(4), kWbc, kNotGraded),
  };
}

// Leukocytosis: > 100 x 10*9/L 3 (no ULN used). Lymphocyte count
// increased: (4, 20] 2, > 20 3 (no limits used). Lymphocyte count
// decreased has no v6 lab term.
std::vector<LabCase> CountsIncreasedCases() {
  auto wbc = [](double v, Unit u) { return In(Analyte::kLeukocytes, v, u); };
  auto lym = [](double v, Unit u) { return In(Analyte::kLymphocytes, v, u); };
  return {
      C("WbcGiga", wbc(8, kGiga), kLeukocytosis, 0),
      C("WbcGiga", wbc(99.9, kGiga), kLeukocytosis, 0),
      C("WbcGiga", wbc(100, kGiga), kLeukocytosis, 0),
      C("WbcGiga", wbc(100.1, kGiga), kLeukocytosis, 3),
      C("WbcGiga", wbc(300, kGiga), kLeukocytosis, 3),
      C("WbcPerUl", wbc(100000, kPerUl), kLeukocytosis, 0),
      C("WbcPerUl", wbc(100001, kPerUl), kLeukocytosis, 3),
      C("WbcGigaUln11", wbc(50, kGiga).Uln(11).Lln(4), kLeukocytosis, 0),
      C("WbcMgDl", wbc(150, kMgDl), kLeukocytosis, kNotGraded),
      C("LymGiga", lym(1.5, kGiga), kLymphUp, 0),
      C("LymGiga", lym(3.99, kGiga), kLymphUp, 0),
      C("LymGiga", lym(4, kGiga), kLymphUp, 0),
      C("LymGiga", lym(4.01, kGiga), kLymphUp, 2),
      C("LymGiga", lym(19.99, kGiga), kLymphUp, 2),
      C("LymGiga", lym(20, kGiga), kLymphUp, 2),
      C("LymGiga", lym(20.01, kGiga), kLymphUp, 3),
      C("LymPerUl", lym(4000, kPerUl), kLymphUp, 0),
      C("LymPerUl", lym(4001, kPerUl), kLymphUp, 2),
      C("LymPerUl", lym(20000, kPerUl), kLymphUp, 2),
      C("LymPerUl", lym(20001, kPerUl), kLymphUp, 3),
      C("LymMgDl", lym(30, kMgDl), kLymphUp, kNotGraded),
      // A low lymphocyte count: only "increased", at grade 0.
      C("LymLowLln1", lym(0.3, kGiga).Lln(1.0), kLymphUp, 0),
      C("LymLowLln1", lym(0.3, kGiga).Lln(1.0), kV5LymphDown, kAbsent),
      C("LymLowLln1", lym(0.1, kGiga).Lln(1.0), kV5LymphDown, kAbsent),
      C("LymLowPerUl", lym(300, kPerUl).Lln(1000), kV5LymphDown, kAbsent),
      C("LymLowNoLln", lym(0.3, kGiga), kLymphUp, 0),
  };
}

// CD4 lymphocytes decreased: 10*9/L [0.5, LLN) 1, [0.2, 0.5) 2,
// [0.05, 0.2) 3, < 0.05 4; /uL [500, LLN), [200, 500), [50, 200), < 50.
std::vector<LabCase> Cd4Cases() {
  auto g = [](double v) { return In(Analyte::kCd4, v, kGiga).Lln(0.7); };
  auto ul = [](double v) { return In(Analyte::kCd4, v, kPerUl).Lln(700); };
  return {
      C("GigaLln0p7", g(1.0), kCd4Down, 0),
      C("GigaLln0p7", g(0.7), kCd4Down, 0),
      C("GigaLln0p7", g(0.69), kCd4Down, 1),
      C("GigaLln0p7", g(0.5), kCd4Down, 1),
      C("GigaLln0p7", g(0.49), kCd4Down, 2),
      C("GigaLln0p7", g(0.2), kCd4Down, 2),
      C("GigaLln0p7", g(0.19), kCd4Down, 3),
      C("GigaLln0p7", g(0.05), kCd4Down, 3),
      C("GigaLln0p7", g(0.049), kCd4Down, 4),
      C("PerUlLln700", ul(700), kCd4Down, 0),
      C("PerUlLln700", ul(699), kCd4Down, 1),
      C("PerUlLln700", ul(500), kCd4Down, 1),
      C("PerUlLln700", ul(499), kCd4Down, 2),
      C("PerUlLln700", ul(200), kCd4Down, 2),
      C("PerUlLln700", ul(199), kCd4Down, 3),
      C("PerUlLln700", ul(50), kCd4Down, 3),
      C("PerUlLln700", ul(49), kCd4Down, 4),
      C("NoLln", In(Analyte::kCd4, 0.6, kGiga), kCd4Down, kNotGraded),
      C("NoLln", In(Analyte::kCd4, 0.3, kGiga), kCd4Down, 2),
      C("NoLln", In(Analyte::kCd4, 0.01, kGiga), kCd4Down, 4),
      C("MgDl", In(Analyte::kCd4, 0.3, kMgDl).Lln(0.7), kCd4Down, kNotGraded),
  };
}

// Hemoglobin increased: g/dL (ULN, ULN+2] 1, (ULN+2, ULN+4] 2, > ULN+4 3;
// g/L with +20 / +40.
std::vector<LabCase> HemoglobinIncreasedCases() {
  auto gdl = [](double v) {
    return In(Analyte::kHemoglobin, v, kGDl).Uln(16.0).Lln(12.0);
  };
  auto gl = [](double v) {
    return In(Analyte::kHemoglobin, v, kGL).Uln(160).Lln(120);
  };
  auto inexact = [](double v) {  // 15.2 + 2 and 15.2 + 4
    return In(Analyte::kHemoglobin, v, kGDl).Uln(15.2).Lln(12.0);
  };
  return {
      C("GDl", gdl(14), kHgbUp, 0),
      C("GDl", gdl(16.0), kHgbUp, 0),
      C("GDl", gdl(16.01), kHgbUp, 1),
      C("GDl", gdl(18.0), kHgbUp, 1),
      C("GDl", gdl(18.01), kHgbUp, 2),
      C("GDl", gdl(20.0), kHgbUp, 2),
      C("GDl", gdl(20.01), kHgbUp, 3),
      C("GDl", gdl(25), kHgbUp, 3),
      C("Uln15p2", inexact(17.2), kHgbUp, 1),
      C("Uln15p2", inexact(17.21), kHgbUp, 2),
      C("Uln15p2", inexact(19.2), kHgbUp, 2),
      C("Uln15p2", inexact(19.21), kHgbUp, 3),
      C("GL", gl(160), kHgbUp, 0),
      C("GL", gl(160.1), kHgbUp, 1),
      C("GL", gl(180), kHgbUp, 1),
      C("GL", gl(180.1), kHgbUp, 2),
      C("GL", gl(200), kHgbUp, 2),
      C("GL", gl(200.1), kHgbUp, 3),
      C("NoUln", In(Analyte::kHemoglobin, 19, kGDl).Lln(12), kHgbUp,
        kNotGraded),
      C("NoUln", In(Analyte::kHemoglobin, 14, kGDl).Lln(12), kHgbUp,
        kNotGraded),
      C("MgDl", In(Analyte::kHemoglobin, 19, kMgDl).Uln(16), kHgbUp,
        kNotGraded),
  };
}

// ======================================================== 2.2 Coagulation

// aPTT prolonged: (ULN, 1.5] 1, (1.5, 2.5] 2, > 2.5 x ULN 3.
std::vector<LabCase> ApttCases() {
  auto s = [](double v) { return In(Analyte::kAptt, v, kSec).Uln(35); };
  return {
      C("Uln35", s(30), kAptt, 0),
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
      C("NoUln", In(Analyte::kAptt, 30, kSec), kAptt, kNotGraded),
  };
}

// INR increased: (1.2, 1.5] 1, (1.5, 2.5] 2, > 2.5 3; with a baseline
// (worst case: anticoagulated) also > 1.0 x B 1, > 1.5 x B 2, > 2.5 x B 3,
// provisional when the baseline multiples decide the grade. Without a
// baseline, <= 1.2 is grade 0 (team decision; admiral: no grade).
std::vector<LabCase> InrCases() {
  auto inr = [](double v) { return In(Analyte::kInr, v, kNone); };
  auto b = [](double v, double base) {
    return In(Analyte::kInr, v, kNone).Base(base);
  };
  return {
      C("NoBase", inr(0.9), kInr, 0),
      C("NoBase", inr(1.0), kInr, 0),
      C("NoBase", inr(1.19), kInr, 0),
      C("NoBase", inr(1.2), kInr, 0),
      C("NoBase", inr(1.21), kInr, 1),
      C("NoBase", inr(1.49), kInr, 1),
      C("NoBase", inr(1.5), kInr, 1),
      C("NoBase", inr(1.51), kInr, 2),
      C("NoBase", inr(2.49), kInr, 2),
      C("NoBase", inr(2.5), kInr, 2),
      C("NoBase", inr(2.51), kInr, 3),
      C("NoBase", inr(6), kInr, 3),
      // Baseline 1.0: a rise above B is grade 1 even within 1.2
      // (provisional: anticoagulation assumed). Where both routes agree
      // the absolute one suffices; provisional is left open.
      C("Base1p0", b(0.9, 1.0), kInr, 0),
      C("Base1p0", b(1.0, 1.0), kInr, 0),
      C("Base1p0", b(1.1, 1.0), kInr, 1, P),
      C("Base1p0", b(1.2, 1.0), kInr, 1, P),
      C("Base1p0", b(1.3, 1.0), kInr, 1, A),
      C("Base1p0", b(1.5, 1.0), kInr, 1, A),
      C("Base1p0", b(1.51, 1.0), kInr, 2, A),
      C("Base1p0", b(2.5, 1.0), kInr, 2, A),
      C("Base1p0", b(2.51, 1.0), kInr, 3, A),
      // Baseline 0.8: 1.5 x B = 1.2, 2.5 x B = 2.0.
      C("Base0p8", b(0.8, 0.8), kInr, 0),
      C("Base0p8", b(1.0, 0.8), kInr, 1, P),
      C("Base0p8", b(1.2, 0.8), kInr, 1, P),
      C("Base0p8", b(1.21, 0.8), kInr, 2, P),
      C("Base0p8", b(1.5, 0.8), kInr, 2, P),
      C("Base0p8", b(2.0, 0.8), kInr, 2, A),
      C("Base0p8", b(2.01, 0.8), kInr, 3, P),
      // Trap: 1.5 x 0.7 = 1.0499999999999998 in doubles.
      C("Base0p7", b(1.05, 0.7), kInr, 1, P),
      C("Base0p7", b(1.06, 0.7), kInr, 2, P),
      C("Base0p7", b(1.75, 0.7), kInr, 2, A),
      C("Base0p7", b(1.76, 0.7), kInr, 3, P),
      // Anticoagulated at baseline 2.0: the absolute cut-offs decide.
      C("Base2p0", b(1.9, 2.0), kInr, 2),
      C("Base2p0", b(2.0, 2.0), kInr, 2),
      C("Base2p0", b(2.2, 2.0), kInr, 2),
      C("Base2p0", b(2.6, 2.0), kInr, 3),
      C("Base2p0", b(3.0, 2.0), kInr, 3),
      C("Base2p0", b(5.01, 2.0), kInr, 3, A),
      C("Base1p2", b(1.2, 1.2), kInr, 0),
      C("Base1p2", b(1.1, 1.2), kInr, 0),
      // INR is a unitless ratio.
      C("Seconds", In(Analyte::kInr, 13, kSec), kInr, kNotGraded),
      C("Percent", In(Analyte::kInr, 85, Unit::kPercent), kInr, kNotGraded),
      C("MgDl", In(Analyte::kInr, 3, kMgDl), kInr, kNotGraded),
  };
}

// Fibrinogen decreased without a baseline: [0.75, 1.0) x LLN 1,
// [0.5, 0.75) 2, [0.25, 0.5) 3, < 0.25 x LLN 4, and absolute < 0.5 g/L
// (< 50 mg/dL) 4 even without an LLN.
std::vector<LabCase> FibrinogenCases() {
  auto mg = [](double v) {
    return In(Analyte::kFibrinogen, v, kMgDl).Lln(200);
  };
  auto gl = [](double v) { return In(Analyte::kFibrinogen, v, kGL).Lln(2.0); };
  return {
      C("MgDlLln200", mg(300), kFib, 0),
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
      // Absolute grade 4 where 0.25 x LLN is lower.
      C("MgDlLln150", In(Analyte::kFibrinogen, 50, kMgDl).Lln(150), kFib, 3),
      C("MgDlLln150", In(Analyte::kFibrinogen, 49.9, kMgDl).Lln(150), kFib, 4),
      C("GLLln1p5", In(Analyte::kFibrinogen, 0.5, kGL).Lln(1.5), kFib, 3),
      C("GLLln1p5", In(Analyte::kFibrinogen, 0.49, kGL).Lln(1.5), kFib, 4),
      // No LLN: only the absolute grade 4.
      C("NoLln", In(Analyte::kFibrinogen, 250, kMgDl), kFib, kNotGraded),
      C("NoLln", In(Analyte::kFibrinogen, 120, kMgDl), kFib, kNotGraded),
      C("NoLln", In(Analyte::kFibrinogen, 50, kMgDl), kFib, kNotGraded),
      C("NoLln", In(Analyte::kFibrinogen, 49.9, kMgDl), kFib, 4),
      C("NoLlnGL", In(Analyte::kFibrinogen, 0.6, kGL), kFib, kNotGraded),
      C("NoLlnGL", In(Analyte::kFibrinogen, 0.49, kGL), kFib, 4),
      C("UL", In(Analyte::kFibrinogen, 100, kUL).Lln(200), kFib, kNotGraded),
  };
}

// Fibrinogen decreased with a baseline (admiral's reading, ctcae-v6.md
// 2.2 and 4.7): when the current value is < LLN, a fall from baseline of
// >= 25 % is grade 2, >= 50 % grade 3, >= 75 % grade 4; the higher of the
// two rules wins. A fall that stays >= LLN does not count.
std::vector<LabCase> FibrinogenFallCases() {
  auto f = [](double v, double base) {
    return In(Analyte::kFibrinogen, v, kMgDl).Lln(200).Base(base);
  };
  return {
      C("Lln200Base260", f(196, 260), kFib, 1),  // 24.6 % fall
      C("Lln200Base260", f(195, 260), kFib, 2),  // exactly 25 %
      C("Lln200Base398", f(199, 398), kFib, 3),  // exactly 50 %
      C("Lln200Base400", f(199, 400), kFib, 3),  // 50.25 %
      C("Lln200Base400", f(200, 400), kFib, 0),  // 50 % but not < LLN
      C("Lln200Base400", f(201, 400), kFib, 0),
      C("Lln200Base796", f(199, 796), kFib, 4),  // exactly 75 %
      C("Lln200Base800", f(199, 800), kFib, 4),
      C("Lln200Base800", f(100, 800), kFib, 4),  // 0.5 x LLN alone: 2
      C("Lln200Base800", f(300, 800), kFib, 0),  // 62.5 % but >= LLN
      C("GLLln2Base2p6", In(Analyte::kFibrinogen, 1.95, kGL).Lln(2.0).Base(2.6),
        kFib, 2),
  };
}

// =============================================== 2.3 Liver (baseline rules)

// ALT: baseline normal or low (ULN, 3] 1, (3, 5] 2, (5, 20] 3, > 20 x ULN
// 4; baseline high (B > its ULN) [1.0, 1.5] x B 1, (1.5, 2] 2, (2, 4] 3,
// > 4 x B 4, below B 0.
std::vector<LabCase> AltCases() {
  auto uln = [](double v) { return In(Analyte::kAlt, v, kUL).Uln(40); };
  auto hi = [](double v) {  // B 60 > its ULN 40
    return In(Analyte::kAlt, v, kUL).Uln(40).Base(60).BUln(40);
  };
  auto trap = [](double v) {  // 1.5 x 70.1 = 105.14999999999999
    return In(Analyte::kAlt, v, kUL).Uln(40).Base(70.1).BUln(40);
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
      // Normal baseline: the ULN rows.
      C("Uln40BaseNormal30", uln(41).Base(30).BUln(40), kAlt, 1),
      C("Uln40BaseNormal30", uln(121).Base(30).BUln(40), kAlt, 2),
      C("Uln40BaseNormal30", uln(201).Base(30).BUln(40), kAlt, 3),
      C("Uln40BaseNormal30", uln(801).Base(30).BUln(40), kAlt, 4),
      // Low baseline: the ULN rows too ("normal or less than normal").
      C("Uln40BaseLow5", uln(50).Base(5).BLln(7).BUln(40), kAlt, 1),
      C("Uln40BaseLow5", uln(130).Base(5).BLln(7).BUln(40), kAlt, 2),
      // High baseline 60: thresholds 60, 90, 120, 240.
      C("Uln40BaseHigh60", hi(30), kAlt, 0),
      C("Uln40BaseHigh60", hi(45), kAlt, 0),  // > ULN, < B
      C("Uln40BaseHigh60", hi(59.99), kAlt, 0),
      C("Uln40BaseHigh60", hi(60), kAlt, 1),  // = B
      C("Uln40BaseHigh60", hi(60.01), kAlt, 1),
      C("Uln40BaseHigh60", hi(89.99), kAlt, 1),
      C("Uln40BaseHigh60", hi(90), kAlt, 1),
      C("Uln40BaseHigh60", hi(90.01), kAlt, 2),
      C("Uln40BaseHigh60", hi(119.99), kAlt, 2),
      C("Uln40BaseHigh60", hi(120), kAlt, 2),
      C("Uln40BaseHigh60", hi(120.01), kAlt, 3),
      C("Uln40BaseHigh60", hi(150), kAlt, 3),  // 2.5 x B: v5 grade 1
      C("Uln40BaseHigh60", hi(239.99), kAlt, 3),
      C("Uln40BaseHigh60", hi(240), kAlt, 3),
      C("Uln40BaseHigh60", hi(240.01), kAlt, 4),
      C("BaseHigh70p1", trap(70.09), kAlt, 0),
      C("BaseHigh70p1", trap(70.1), kAlt, 1),
      C("BaseHigh70p1", trap(105.15), kAlt, 1),
      C("BaseHigh70p1", trap(105.16), kAlt, 2),
      C("BaseHigh70p1", trap(140.2), kAlt, 2),
      C("BaseHigh70p1", trap(140.21), kAlt, 3),
      C("BaseHigh70p1", trap(280.4), kAlt, 3),
      C("BaseHigh70p1", trap(280.41), kAlt, 4),
      // "High" is judged on the baseline's own ULN: B 45 is normal
      // against its own ULN 50 (ULN rows: 125 = 3.125 x 40 is grade 2)...
      C("Uln40BaseOwnUln50", uln(125).Base(45).BUln(50), kAlt, 2),
      C("Uln40BaseOwnUln50", uln(41).Base(45).BUln(50), kAlt, 1),
      // ... and on the current ULN when its own is missing (B 45 > 40:
      // 125 = 2.78 x B is grade 3; 44 is between ULN and B).
      C("Uln40BaseNoOwnUln", uln(125).Base(45), kAlt, 3),
      C("Uln40Base45NoOwnUln", uln(44).Base(45), kAlt, 0),
      C("Uln40Base45NoOwnUln", uln(45).Base(45), kAlt, 1),
      // A baseline exactly at its ULN is not high.
      C("Uln40BaseAtUln", uln(125).Base(40).BUln(40), kAlt, 2),
      C("Uln40BaseAtUln", uln(41).Base(40).BUln(40), kAlt, 1),
      // No ULN: never graded, even with a high baseline.
      C("NoUln", In(Analyte::kAlt, 100, kUL), kAlt, kNotGraded),
      C("NoUln", In(Analyte::kAlt, 10, kUL), kAlt, kNotGraded),
      C("NoUlnBaseHigh60", In(Analyte::kAlt, 300, kUL).Base(60).BUln(40), kAlt,
        kNotGraded),
  };
}

std::vector<LabCase> AstCases() {
  auto uln = [](double v) { return In(Analyte::kAst, v, kUL).Uln(35); };
  auto hi = [](double v) {  // B 50 > its ULN 35
    return In(Analyte::kAst, v, kUL).Uln(35).Base(50).BUln(35);
  };
  auto trap = [](double v) {  // 1.5 x 41.3 = 61.949999999999996
    return In(Analyte::kAst, v, kUL).Uln(35).Base(41.3).BUln(35);
  };
  return {
      C("Uln35", uln(34.99), kAst, 0),
      C("Uln35", uln(35), kAst, 0),
      C("Uln35", uln(35.01), kAst, 1),
      C("Uln35", uln(105), kAst, 1),
      C("Uln35", uln(105.01), kAst, 2),
      C("Uln35", uln(175), kAst, 2),
      C("Uln35", uln(175.01), kAst, 3),
      C("Uln35", uln(700), kAst, 3),
      C("Uln35", uln(700.01), kAst, 4),
      C("Uln35BaseNormal20", uln(106).Base(20).BUln(35), kAst, 2),
      C("Uln35BaseHigh50", hi(40), kAst, 0),
      C("Uln35BaseHigh50", hi(49.99), kAst, 0),
      C("Uln35BaseHigh50", hi(50), kAst, 1),
      C("Uln35BaseHigh50", hi(75), kAst, 1),
      C("Uln35BaseHigh50", hi(75.01), kAst, 2),
      C("Uln35BaseHigh50", hi(100), kAst, 2),
      C("Uln35BaseHigh50", hi(100.01), kAst, 3),
      C("Uln35BaseHigh50", hi(125), kAst, 3),  // 2.5 x B
      C("Uln35BaseHigh50", hi(200), kAst, 3),
      C("Uln35BaseHigh50", hi(200.01), kAst, 4),
      C("BaseHigh41p3", trap(41.29), kAst, 0),
      C("BaseHigh41p3", trap(41.3), kAst, 1),
      C("BaseHigh41p3", trap(61.95), kAst, 1),
      C("BaseHigh41p3", trap(61.96), kAst, 2),
      C("BaseHigh41p3", trap(82.6), kAst, 2),
      C("BaseHigh41p3", trap(82.61), kAst, 3),
      C("BaseHigh41p3", trap(165.2), kAst, 3),
      C("BaseHigh41p3", trap(165.21), kAst, 4),
      C("NoUln", In(Analyte::kAst, 100, kUL), kAst, kNotGraded),
      C("NoUlnBaseHigh50", In(Analyte::kAst, 100, kUL).Base(50).BUln(35), kAst,
        kNotGraded),
  };
}

// Bilirubin: baseline normal or low (ULN, 1.5] 1, (1.5, 3] 2, (3, 10] 3,
// > 10 x ULN 4; baseline high [1.0, 1.5] x B 1, (1.5, 2.5] 2, (2.5, 10] 3,
// > 10 x B 4.
std::vector<LabCase> BilirubinCases() {
  auto mg = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(1.2);
  };
  auto umol = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kUmol).Uln(21);
  };
  auto hi = [](double v) {  // B 2.0 > its ULN 1.2
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(1.2).Base(2.0).BUln(1.2);
  };
  auto hi07 = [](double v) {  // B 0.7 > its ULN 0.6: the 1.5 x 0.7 trap
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(0.6).Base(0.7).BUln(0.6);
  };
  auto hi_umol = [](double v) {  // B 40 > its ULN 21
    return In(Analyte::kBilirubinTotal, v, kUmol).Uln(21).Base(40).BUln(21);
  };
  return {
      C("MgDlUln1p2", mg(0.5), kBili, 0),
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
      C("UmolUln21", umol(20), kBili, 0),
      C("UmolUln21", umol(21), kBili, 0),
      C("UmolUln21", umol(21.1), kBili, 1),
      C("UmolUln21", umol(31.5), kBili, 1),
      C("UmolUln21", umol(31.6), kBili, 2),
      C("UmolUln21", umol(63), kBili, 2),
      C("UmolUln21", umol(63.1), kBili, 3),
      C("UmolUln21", umol(210), kBili, 3),
      C("UmolUln21", umol(210.1), kBili, 4),
      C("MgDlBaseNormal0p8", mg(1.81).Base(0.8).BUln(1.2), kBili, 2),
      C("MgDlBaseNormal0p8", mg(1.5).Base(0.8).BUln(1.2), kBili, 1),
      C("BaseHigh2", hi(1.5), kBili, 0),
      C("BaseHigh2", hi(1.99), kBili, 0),
      C("BaseHigh2", hi(2.0), kBili, 1),  // = B: v5 grade 0
      C("BaseHigh2", hi(3.0), kBili, 1),
      C("BaseHigh2", hi(3.01), kBili, 2),
      C("BaseHigh2", hi(5.0), kBili, 2),
      C("BaseHigh2", hi(5.01), kBili, 3),
      C("BaseHigh2", hi(5.5), kBili, 3),  // 2.75 x B: v5 grade 2
      C("BaseHigh2", hi(20), kBili, 3),
      C("BaseHigh2", hi(20.01), kBili, 4),
      C("BaseHigh0p7", hi07(0.69), kBili, 0),
      C("BaseHigh0p7", hi07(0.7), kBili, 1),
      C("BaseHigh0p7", hi07(1.05), kBili, 1),  // trap: 1.5 x 0.7
      C("BaseHigh0p7", hi07(1.06), kBili, 2),
      C("BaseHigh0p7", hi07(1.75), kBili, 2),
      C("BaseHigh0p7", hi07(1.76), kBili, 3),
      C("BaseHigh0p7", hi07(7.0), kBili, 3),
      C("BaseHigh0p7", hi07(7.01), kBili, 4),
      C("UmolBaseHigh40", hi_umol(39.9), kBili, 0),
      C("UmolBaseHigh40", hi_umol(40), kBili, 1),
      C("UmolBaseHigh40", hi_umol(60), kBili, 1),
      C("UmolBaseHigh40", hi_umol(60.1), kBili, 2),
      C("UmolBaseHigh40", hi_umol(100), kBili, 2),
      C("UmolBaseHigh40", hi_umol(100.1), kBili, 3),
      C("UmolBaseHigh40", hi_umol(400), kBili, 3),
      C("UmolBaseHigh40", hi_umol(400.1), kBili, 4),
      C("NoUln", In(Analyte::kBilirubinTotal, 3, kMgDl), kBili, kNotGraded),
      C("NoUln", In(Analyte::kBilirubinTotal, 0.5, kMgDl), kBili, kNotGraded),
  };
}

// GGT: baseline normal or low (ULN, 2.5] 1, (2.5, 5] 2, (5, 20] 3,
// > 20 x ULN 4; baseline high [1.0, 1.5] x B 1, (1.5, 3] 2, (3, 10] 3,
// > 10 x B 4.
std::vector<LabCase> GgtCases() {
  auto uln = [](double v) { return In(Analyte::kGgt, v, kUL).Uln(60); };
  auto hi = [](double v) {  // B 80 > its ULN 60
    return In(Analyte::kGgt, v, kUL).Uln(60).Base(80).BUln(60);
  };
  auto trap = [](double v) {  // 1.5 x 80.3 and 3 x 80.3 round down
    return In(Analyte::kGgt, v, kUL).Uln(60).Base(80.3).BUln(60);
  };
  return {
      C("Uln60", uln(59.99), kGgt, 0),
      C("Uln60", uln(60), kGgt, 0),
      C("Uln60", uln(60.01), kGgt, 1),
      C("Uln60", uln(149.99), kGgt, 1),
      C("Uln60", uln(150), kGgt, 1),
      C("Uln60", uln(150.01), kGgt, 2),
      C("Uln60", uln(300), kGgt, 2),
      C("Uln60", uln(300.01), kGgt, 3),
      C("Uln60", uln(1200), kGgt, 3),
      C("Uln60", uln(1200.01), kGgt, 4),
      C("Uln60BaseNormal50", uln(61).Base(50).BUln(60), kGgt, 1),
      C("Uln60BaseNormal50", uln(151).Base(50).BUln(60), kGgt, 2),
      C("Uln60BaseHigh80", hi(50), kGgt, 0),
      C("Uln60BaseHigh80", hi(70), kGgt, 0),  // > ULN, < B
      C("Uln60BaseHigh80", hi(79.99), kGgt, 0),
      C("Uln60BaseHigh80", hi(80), kGgt, 1),
      C("Uln60BaseHigh80", hi(96), kGgt, 1),  // 1.2 x B: v5 grade 0
      C("Uln60BaseHigh80", hi(120), kGgt, 1),
      C("Uln60BaseHigh80", hi(120.01), kGgt, 2),
      C("Uln60BaseHigh80", hi(160), kGgt, 2),  // 2 x B
      C("Uln60BaseHigh80", hi(240), kGgt, 2),
      C("Uln60BaseHigh80", hi(240.01), kGgt, 3),
      C("Uln60BaseHigh80", hi(320), kGgt, 3),  // 4 x B: v5 grade 2
      C("Uln60BaseHigh80", hi(800), kGgt, 3),
      C("Uln60BaseHigh80", hi(800.01), kGgt, 4),
      C("Uln60BaseHigh80", hi(960), kGgt, 4),  // 12 x B: v5 grade 3
      C("BaseHigh80p3", trap(120.45), kGgt, 1),
      C("BaseHigh80p3", trap(120.46), kGgt, 2),
      C("BaseHigh80p3", trap(240.9), kGgt, 2),
      C("BaseHigh80p3", trap(240.91), kGgt, 3),
      C("BaseHigh80p3", trap(803), kGgt, 3),
      C("BaseHigh80p3", trap(803.01), kGgt, 4),
      C("NoUln", In(Analyte::kGgt, 100, kUL), kGgt, kNotGraded),
  };
}

// Alkaline phosphatase (v6): grade 1 only, value > B and value > ULN; else
// 0. No grade when the value is above the known limit and the other one
// is missing (ULN missing and value > B; B missing and value > ULN), or
// when both are missing.
std::vector<LabCase> AlpCases() {
  auto b100 = [](double v) {
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Uln(120).Base(100);
  };
  auto b150 = [](double v) {  // baseline above ULN
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Uln(120).Base(150);
  };
  auto nobase = [](double v) {
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Uln(120);
  };
  auto nouln = [](double v) {
    return In(Analyte::kAlkalinePhosphatase, v, kUL).Base(150);
  };
  return {
      C("Uln120Base100", b100(80), kAlp, 0),
      C("Uln120Base100", b100(100), kAlp, 0),
      C("Uln120Base100", b100(110), kAlp, 0),  // > B, <= ULN
      C("Uln120Base100", b100(120), kAlp, 0),
      C("Uln120Base100", b100(120.01), kAlp, 1),
      C("Uln120Base100", b100(300.01), kAlp, 1),   // v5 grade 2
      C("Uln120Base100", b100(600.01), kAlp, 1),   // v5 grade 3
      C("Uln120Base100", b100(2400.01), kAlp, 1),  // v5 grade 4
      C("Uln120Base150", b150(140), kAlp, 0),      // > ULN, < B
      C("Uln120Base150", b150(150), kAlp, 0),
      C("Uln120Base150", b150(150.01), kAlp, 1),
      C("Uln120Base150", b150(3000), kAlp, 1),
      C("Uln120NoBase", nobase(100), kAlp, 0),
      C("Uln120NoBase", nobase(120), kAlp, 0),
      C("Uln120NoBase", nobase(120.01), kAlp, kNotGraded),
      C("Uln120NoBase", nobase(2400.01), kAlp, kNotGraded),
      C("NoUlnBase150", nouln(140), kAlp, 0),
      C("NoUlnBase150", nouln(150), kAlp, 0),
      C("NoUlnBase150", nouln(150.01), kAlp, kNotGraded),
      C("NoUlnNoBase", In(Analyte::kAlkalinePhosphatase, 100, kUL), kAlp,
        kNotGraded),
      C("NoUlnNoBase", In(Analyte::kAlkalinePhosphatase, 500, kUL), kAlp,
        kNotGraded),
  };
}

// ========================================================= 2.4 Pancreas

// Lipase (v6): (ULN, 1.5] 1, (1.5, 3] 2, (3, 5] 3 provisional, > 5 x ULN
// 4 provisional. Amylase: (ULN, 1.5] 1, (1.5, 2] 2, (2, 5] 3 provisional,
// > 5 x ULN 4 provisional.
std::vector<LabCase> PancreasCases() {
  auto lip = [](double v) { return In(Analyte::kLipase, v, kUL).Uln(60); };
  auto lip_trap = [](double v) {  // 1.5 x 60.3 and 3 x 60.3 round down
    return In(Analyte::kLipase, v, kUL).Uln(60.3);
  };
  auto amy = [](double v) { return In(Analyte::kAmylase, v, kUL).Uln(100); };
  return {
      C("LipaseUln60", lip(30), kLipase, 0),
      C("LipaseUln60", lip(59.99), kLipase, 0),
      C("LipaseUln60", lip(60), kLipase, 0),
      C("LipaseUln60", lip(60.01), kLipase, 1),
      C("LipaseUln60", lip(89.99), kLipase, 1),
      C("LipaseUln60", lip(90), kLipase, 1),
      C("LipaseUln60", lip(90.01), kLipase, 2),
      C("LipaseUln60", lip(120.01), kLipase, 2),  // v5 grade 3
      C("LipaseUln60", lip(150), kLipase, 2),
      C("LipaseUln60", lip(179.99), kLipase, 2),
      C("LipaseUln60", lip(180), kLipase, 2),
      C("LipaseUln60", lip(180.01), kLipase, 3, P),
      C("LipaseUln60", lip(299.99), kLipase, 3, P),
      C("LipaseUln60", lip(300), kLipase, 3, P),
      C("LipaseUln60", lip(300.01), kLipase, 4, P),
      C("LipaseUln60", lip(1000), kLipase, 4, P),
      C("LipaseUln60p3", lip_trap(90.45), kLipase, 1),
      C("LipaseUln60p3", lip_trap(90.46), kLipase, 2),
      C("LipaseUln60p3", lip_trap(180.9), kLipase, 2),
      C("LipaseUln60p3", lip_trap(180.91), kLipase, 3, P),
      C("LipaseUln60p3", lip_trap(301.5), kLipase, 3, P),
      C("LipaseUln60p3", lip_trap(301.51), kLipase, 4, P),
      C("LipaseNoUln", In(Analyte::kLipase, 500, kUL), kLipase, kNotGraded),
      C("LipaseNoUln", In(Analyte::kLipase, 20, kUL), kLipase, kNotGraded),
      C("AmylaseUln100", amy(50), kAmylase, 0),
      C("AmylaseUln100", amy(100), kAmylase, 0),
      C("AmylaseUln100", amy(100.1), kAmylase, 1),
      C("AmylaseUln100", amy(150), kAmylase, 1),
      C("AmylaseUln100", amy(150.1), kAmylase, 2),
      C("AmylaseUln100", amy(200), kAmylase, 2),
      C("AmylaseUln100", amy(200.1), kAmylase, 3, P),
      C("AmylaseUln100", amy(500), kAmylase, 3, P),
      C("AmylaseUln100", amy(500.1), kAmylase, 4, P),
      C("AmylaseNoUln", In(Analyte::kAmylase, 500, kUL), kAmylase, kNotGraded),
  };
}

// =========================================================== 2.5 Kidney

// Creatinine increased (v6): (ULN, 1.5] 1, (1.5, 3] 2, (3, 6] 3,
// > 6 x ULN 4; baseline multiples (> 1.5 x B 2, > 3 x B 3) only when the
// baseline is below its LLN (else the current LLN). Data below are
// consistent (B < LLN < ULN), where "baseline multiples only" and "the
// higher of both rules" agree.
std::vector<LabCase> CreatinineCases() {
  auto uln = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl).Uln(1.2);
  };
  // Baseline 0.7, normal against its own limits 0.6-1.2.
  auto normal = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl)
        .Uln(1.2)
        .Lln(0.6)
        .Base(0.7)
        .BLln(0.6)
        .BUln(1.2);
  };
  // Baseline 0.7, below its own LLN 0.8.
  auto low = [](double v) {
    return In(Analyte::kCreatinine, v, kMgDl)
        .Uln(1.2)
        .Lln(0.8)
        .Base(0.7)
        .BLln(0.8)
        .BUln(1.2);
  };
  auto umol = [](double v) {
    return In(Analyte::kCreatinine, v, kUmol).Uln(106);
  };
  auto umol_low = [](double v) {  // B 40 below its LLN 45
    return In(Analyte::kCreatinine, v, kUmol)
        .Uln(106)
        .Lln(45)
        .Base(40)
        .BLln(45)
        .BUln(106);
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
      C("Uln1p2", uln(7.2), kCreat, 3),  // trap: 6 x 1.2
      C("Uln1p2", uln(7.21), kCreat, 4),
      // Normal baseline: ULN multiples only (v5 used > 1.5 x B as well).
      C("BaseNormal0p7", normal(1.04), kCreat, 0),
      C("BaseNormal0p7", normal(1.05), kCreat, 0),
      C("BaseNormal0p7", normal(1.06), kCreat, 0),  // v5 grade 2
      C("BaseNormal0p7", normal(1.1), kCreat, 0),   // v5 grade 2
      C("BaseNormal0p7", normal(1.2), kCreat, 0),
      C("BaseNormal0p7", normal(1.21), kCreat, 1),
      C("BaseNormal0p7", normal(1.81), kCreat, 2),
      C("BaseNormal0p7", normal(2.11), kCreat, 2),  // v5 grade 3
      C("BaseNormal0p7", normal(3.61), kCreat, 3),
      C("BaseNormal0p7", normal(7.21), kCreat, 4),
      // Low baseline: > 1.5 x B 2, > 3 x B 3 (even within normal limits).
      C("BaseLow0p7", low(0.9), kCreat, 0),
      C("BaseLow0p7", low(1.04), kCreat, 0),
      C("BaseLow0p7", low(1.05), kCreat, 0),  // trap: 1.5 x 0.7
      C("BaseLow0p7", low(1.06), kCreat, 2),
      C("BaseLow0p7", low(1.1), kCreat, 2),
      C("BaseLow0p7", low(1.21), kCreat, 2),
      C("BaseLow0p7", low(2.09), kCreat, 2),
      C("BaseLow0p7", low(2.1), kCreat, 2),  // trap: 3 x 0.7
      C("BaseLow0p7", low(2.11), kCreat, 3),
      C("BaseLow0p7", low(3.6), kCreat, 3),
      C("BaseLow0p7", low(7.2), kCreat, 3),
      C("BaseLow0p7", low(7.21), kCreat, 4),
      // "Low" is judged on the baseline's own LLN, else the current LLN.
      C("BaseNoOwnLlnCurLln0p8", uln(1.1).Lln(0.8).Base(0.7).BUln(1.2), kCreat,
        2),
      C("BaseOwnLln0p6CurLln0p8",
        uln(1.1).Lln(0.8).Base(0.7).BLln(0.6).BUln(1.2), kCreat, 0),
      C("BaseAtOwnLln0p7", uln(1.1).Lln(0.7).Base(0.7).BLln(0.7).BUln(1.2),
        kCreat, 0),
      C("UmolUln106", umol(100), kCreat, 0),
      C("UmolUln106", umol(106), kCreat, 0),
      C("UmolUln106", umol(106.1), kCreat, 1),
      C("UmolUln106", umol(159), kCreat, 1),
      C("UmolUln106", umol(159.1), kCreat, 2),
      C("UmolUln106", umol(318), kCreat, 2),
      C("UmolUln106", umol(318.1), kCreat, 3),
      C("UmolUln106", umol(636), kCreat, 3),
      C("UmolUln106", umol(636.1), kCreat, 4),
      C("UmolBaseLow40", umol_low(60), kCreat, 0),
      C("UmolBaseLow40", umol_low(60.1), kCreat, 2),
      C("UmolBaseLow40", umol_low(120), kCreat, 2),
      C("UmolBaseLow40", umol_low(120.1), kCreat, 3),
      C("NoUln", In(Analyte::kCreatinine, 2.0, kMgDl), kCreat, kNotGraded),
      C("NoUln", In(Analyte::kCreatinine, 0.8, kMgDl), kCreat, kNotGraded),
      C("NoUlnBaseNormal",
        In(Analyte::kCreatinine, 1.1, kMgDl).Base(0.7).BLln(0.6).BUln(1.2),
        kCreat, kNotGraded),
  };
}

// Creatinine clearance decreased (measured, mL/min): (25, 49] 2,
// [10, 25] 3, < 10 not graded (AKI/CKD, clinical), > 49 grade 0.
std::vector<LabCase> CreatinineClearanceCases() {
  auto cl = [](double v) {
    return In(Analyte::kCreatinineClearance, v, kMlMin);
  };
  return {
      C("MlMin", cl(120), kCrcl, 0),
      C("MlMin", cl(60), kCrcl, 0),
      C("MlMin", cl(50), kCrcl, 0),
      C("MlMin", cl(49.5), kCrcl, 0),  // in the 49/50 gap
      C("MlMin", cl(49.01), kCrcl, 0),
      C("MlMin", cl(49), kCrcl, 2),
      C("MlMin", cl(48.99), kCrcl, 2),
      C("MlMin", cl(26), kCrcl, 2),
      C("MlMin", cl(25.5), kCrcl, 2),  // in the 25/26 gap
      C("MlMin", cl(25.01), kCrcl, 2),
      C("MlMin", cl(25), kCrcl, 3),
      C("MlMin", cl(24.99), kCrcl, 3),
      C("MlMin", cl(10.01), kCrcl, 3),
      C("MlMin", cl(10), kCrcl, 3),
      C("MlMin", cl(9.99), kCrcl, kNotGraded),
      C("MlMin", cl(5), kCrcl, kNotGraded),
      C("MlMin", cl(0), kCrcl, kNotGraded),
      // No grade 1 in v6: between the LLN and 49 is grade 0.
      C("MlMinLln90", cl(60).Lln(90), kCrcl, 0),
      C("MlMinLln90", cl(30).Lln(90), kCrcl, 2),
      // Only a measured clearance in mL/min.
      C("PerBsa",
        In(Analyte::kCreatinineClearance, 30, Unit::kMlPerMinPer173M2), kCrcl,
        kNotGraded),
      C("PerBsa",
        In(Analyte::kCreatinineClearance, 60, Unit::kMlPerMinPer173M2), kCrcl,
        kNotGraded),
      C("NoUnit", In(Analyte::kCreatinineClearance, 30, kNone), kCrcl,
        kNotGraded),
  };
}

// ============================ 2.6 Electrolytes, glucose, albumin and pH

// Hyponatremia (team decision): [130, LLN) 1; [125, 130) 3 provisional
// (worst case symptomatic; 2 if asymptomatic); [120, 125) 3; < 120 4.
// Hypernatremia: (ULN, 150] 1, (150, 155] 2, (155, 160] 3, > 160 4.
std::vector<LabCase> SodiumCases() {
  auto na = [](double v) {
    return In(Analyte::kSodium, v, kMmol).Lln(135).Uln(145);
  };
  auto nolln = [](double v) { return In(Analyte::kSodium, v, kMmol); };
  return {
      C("Lln135", na(140), kHypoNa, 0),
      C("Lln135", na(135), kHypoNa, 0),
      C("Lln135", na(134.9), kHypoNa, 1),
      C("Lln135", na(130.1), kHypoNa, 1),
      C("Lln135", na(130), kHypoNa, 1),
      C("Lln135", na(129.9), kHypoNa, 3, P),
      C("Lln135", na(129.5), kHypoNa, 3, P),  // v5 admiral: grade 1
      C("Lln135", na(129), kHypoNa, 3, P),
      C("Lln135", na(125.1), kHypoNa, 3, P),
      C("Lln135", na(125), kHypoNa, 3, P),
      C("Lln135", na(124.9), kHypoNa, 3),
      C("Lln135", na(124.5), kHypoNa, 3),
      C("Lln135", na(120.1), kHypoNa, 3),
      C("Lln135", na(120), kHypoNa, 3),
      C("Lln135", na(119.9), kHypoNa, 4),
      C("Lln135", na(110), kHypoNa, 4),
      C("NoLln", nolln(140), kHypoNa, kNotGraded),
      C("NoLln", nolln(130), kHypoNa, kNotGraded),
      C("NoLln", nolln(127), kHypoNa, 3, P),
      C("NoLln", nolln(122), kHypoNa, 3),
      C("NoLln", nolln(115), kHypoNa, 4),
      C("MeqLln135", In(Analyte::kSodium, 127, kMeq).Lln(135), kHypoNa, 3, P),
      C("MgDl", In(Analyte::kSodium, 120, kMgDl).Lln(135), kHypoNa, kNotGraded),
      C("Uln145", na(140), kHyperNa, 0),
      C("Uln145", na(145), kHyperNa, 0),
      C("Uln145", na(145.1), kHyperNa, 1),
      C("Uln145", na(150), kHyperNa, 1),
      C("Uln145", na(150.1), kHyperNa, 2),
      C("Uln145", na(155), kHyperNa, 2),
      C("Uln145", na(155.1), kHyperNa, 3),
      C("Uln145", na(160), kHyperNa, 3),
      C("Uln145", na(160.1), kHyperNa, 4),
      C("NoUln", nolln(148), kHyperNa, kNotGraded),
      C("NoUln", nolln(150.1), kHyperNa, 2),
      C("NoUln", nolln(158), kHyperNa, 3),
      C("MeqUln145", In(Analyte::kSodium, 156, kMeq).Uln(145), kHyperNa, 3),
  };
}

// Hyperkalemia: (ULN, 5.5] 1, (5.5, 6.0] 2, (6.0, 7.0] 3, > 7.0 4.
// Hypokalemia: [3.0, LLN) 2 provisional (worst case symptomatic, else 1),
// [2.5, 3.0) 3, < 2.5 4.
std::vector<LabCase> PotassiumCases() {
  auto k = [](double v) {
    return In(Analyte::kPotassium, v, kMmol).Uln(5.0).Lln(3.5);
  };
  return {
      C("Hyper", k(4.0), kHyperK, 0),
      C("Hyper", k(5.0), kHyperK, 0),
      C("Hyper", k(5.01), kHyperK, 1),
      C("Hyper", k(5.5), kHyperK, 1),
      C("Hyper", k(5.51), kHyperK, 2),
      C("Hyper", k(6.0), kHyperK, 2),
      C("Hyper", k(6.01), kHyperK, 3),
      C("Hyper", k(7.0), kHyperK, 3),
      C("Hyper", k(7.01), kHyperK, 4),
      C("Hypo", k(4.0), kHypoK, 0),
      C("Hypo", k(3.5), kHypoK, 0),
      C("Hypo", k(3.49), kHypoK, 2, P),
      C("Hypo", k(3.01), kHypoK, 2, P),
      C("Hypo", k(3.0), kHypoK, 2, P),
      C("Hypo", k(2.99), kHypoK, 3),
      C("Hypo", k(2.51), kHypoK, 3),
      C("Hypo", k(2.5), kHypoK, 3),
      C("Hypo", k(2.49), kHypoK, 4),
      C("HypoNoLln", In(Analyte::kPotassium, 4.0, kMmol).Uln(5), kHypoK,
        kNotGraded),
      C("HypoNoLln", In(Analyte::kPotassium, 3.2, kMmol).Uln(5), kHypoK,
        kNotGraded),
      C("HypoNoLln", In(Analyte::kPotassium, 3.0, kMmol).Uln(5), kHypoK,
        kNotGraded),
      C("HypoNoLln", In(Analyte::kPotassium, 2.7, kMmol).Uln(5), kHypoK, 3),
      C("HypoNoLln", In(Analyte::kPotassium, 2.4, kMmol).Uln(5), kHypoK, 4),
      C("HyperNoUln", In(Analyte::kPotassium, 4.0, kMmol).Lln(3.5), kHyperK,
        kNotGraded),
      C("HyperNoUln", In(Analyte::kPotassium, 5.2, kMmol).Lln(3.5), kHyperK,
        kNotGraded),
      C("HyperNoUln", In(Analyte::kPotassium, 5.6, kMmol).Lln(3.5), kHyperK, 2),
      C("HyperNoUln", In(Analyte::kPotassium, 7.5, kMmol).Lln(3.5), kHyperK, 4),
      C("Meq", In(Analyte::kPotassium, 6.1, kMeq).Uln(5).Lln(3.5), kHyperK, 3),
      C("Meq", In(Analyte::kPotassium, 3.2, kMeq).Uln(5).Lln(3.5), kHypoK, 2,
        P),
      C("MgDl", In(Analyte::kPotassium, 6.1, kMgDl).Uln(5).Lln(3.5), kHyperK,
        kNotGraded),
  };
}

// Calcium, total (corrected): hyper (ULN, 11.5] 1, (11.5, 12.5] 2,
// (12.5, 13.5] 3, > 13.5 4 mg/dL; (ULN, 2.9], (2.9, 3.1], (3.1, 3.4],
// > 3.4 mmol/L. Hypo [8.0, LLN) 1, [7.0, 8.0) 2, [6.0, 7.0) 3, < 6.0 4
// mg/dL; [2.0, LLN), [1.75, 2.0), [1.5, 1.75), < 1.5 mmol/L.
// Ionized: hyper (ULN, 1.5], (1.5, 1.6], (1.6, 1.8], > 1.8 mmol/L; hypo
// [1.0, LLN), [0.9, 1.0), [0.8, 0.9), < 0.8 mmol/L; mg/dL = x 4 (admiral).
std::vector<LabCase> CalciumCases() {
  auto mg = [](double v) {
    return In(Analyte::kCalcium, v, kMgDl).Uln(10.2).Lln(8.5);
  };
  auto mmol = [](double v) {
    return In(Analyte::kCalcium, v, kMmol).Uln(2.6).Lln(2.15);
  };
  auto ion = [](double v) {
    return In(Analyte::kCalciumIonized, v, kMmol).Uln(1.32).Lln(1.15);
  };
  auto ion_mg = [](double v) {
    return In(Analyte::kCalciumIonized, v, kMgDl).Uln(5.3).Lln(4.5);
  };
  return {
      C("TotalMgDl", mg(9.5), kHyperCa, 0),
      C("TotalMgDl", mg(10.2), kHyperCa, 0),
      C("TotalMgDl", mg(10.21), kHyperCa, 1),
      C("TotalMgDl", mg(11.5), kHyperCa, 1),
      C("TotalMgDl", mg(11.51), kHyperCa, 2),
      C("TotalMgDl", mg(12.5), kHyperCa, 2),
      C("TotalMgDl", mg(12.51), kHyperCa, 3),
      C("TotalMgDl", mg(13.5), kHyperCa, 3),
      C("TotalMgDl", mg(13.51), kHyperCa, 4),
      C("TotalMgDl", mg(9.5), kHypoCa, 0),
      C("TotalMgDl", mg(8.5), kHypoCa, 0),
      C("TotalMgDl", mg(8.49), kHypoCa, 1),
      C("TotalMgDl", mg(8.0), kHypoCa, 1),
      C("TotalMgDl", mg(7.99), kHypoCa, 2),
      C("TotalMgDl", mg(7.0), kHypoCa, 2),
      C("TotalMgDl", mg(6.99), kHypoCa, 3),
      C("TotalMgDl", mg(6.0), kHypoCa, 3),
      C("TotalMgDl", mg(5.99), kHypoCa, 4),
      C("TotalMmol", mmol(2.6), kHyperCa, 0),
      C("TotalMmol", mmol(2.61), kHyperCa, 1),
      C("TotalMmol", mmol(2.9), kHyperCa, 1),
      C("TotalMmol", mmol(2.91), kHyperCa, 2),
      C("TotalMmol", mmol(3.1), kHyperCa, 2),
      C("TotalMmol", mmol(3.11), kHyperCa, 3),
      C("TotalMmol", mmol(3.4), kHyperCa, 3),
      C("TotalMmol", mmol(3.41), kHyperCa, 4),
      C("TotalMmol", mmol(2.15), kHypoCa, 0),
      C("TotalMmol", mmol(2.14), kHypoCa, 1),
      C("TotalMmol", mmol(2.0), kHypoCa, 1),
      C("TotalMmol", mmol(1.99), kHypoCa, 2),
      C("TotalMmol", mmol(1.75), kHypoCa, 2),
      C("TotalMmol", mmol(1.74), kHypoCa, 3),
      C("TotalMmol", mmol(1.5), kHypoCa, 3),
      C("TotalMmol", mmol(1.49), kHypoCa, 4),
      C("IonMmol", ion(1.32), kHyperCa, 0),
      C("IonMmol", ion(1.33), kHyperCa, 1),
      C("IonMmol", ion(1.5), kHyperCa, 1),
      C("IonMmol", ion(1.51), kHyperCa, 2),
      C("IonMmol", ion(1.6), kHyperCa, 2),
      C("IonMmol", ion(1.61), kHyperCa, 3),
      C("IonMmol", ion(1.8), kHyperCa, 3),
      C("IonMmol", ion(1.81), kHyperCa, 4),
      C("IonMmol", ion(1.15), kHypoCa, 0),
      C("IonMmol", ion(1.14), kHypoCa, 1),
      C("IonMmol", ion(1.0), kHypoCa, 1),
      C("IonMmol", ion(0.99), kHypoCa, 2),
      C("IonMmol", ion(0.9), kHypoCa, 2),
      C("IonMmol", ion(0.89), kHypoCa, 3),
      C("IonMmol", ion(0.8), kHypoCa, 3),
      C("IonMmol", ion(0.79), kHypoCa, 4),
      C("IonMgDl", ion_mg(5.3), kHyperCa, 0),
      C("IonMgDl", ion_mg(5.31), kHyperCa, 1),
      C("IonMgDl", ion_mg(6.0), kHyperCa, 1),
      C("IonMgDl", ion_mg(6.01), kHyperCa, 2),
      C("IonMgDl", ion_mg(6.4), kHyperCa, 2),
      C("IonMgDl", ion_mg(6.41), kHyperCa, 3),
      C("IonMgDl", ion_mg(7.2), kHyperCa, 3),
      C("IonMgDl", ion_mg(7.21), kHyperCa, 4),
      C("IonMgDl", ion_mg(4.5), kHypoCa, 0),
      C("IonMgDl", ion_mg(4.49), kHypoCa, 1),
      C("IonMgDl", ion_mg(4.0), kHypoCa, 1),
      C("IonMgDl", ion_mg(3.99), kHypoCa, 2),
      C("IonMgDl", ion_mg(3.6), kHypoCa, 2),
      C("IonMgDl", ion_mg(3.59), kHypoCa, 3),
      C("IonMgDl", ion_mg(3.2), kHypoCa, 3),
      C("IonMgDl", ion_mg(3.19), kHypoCa, 4),
      C("TotalNoLimits", In(Analyte::kCalcium, 8.2, kMgDl), kHypoCa,
        kNotGraded),
      C("TotalNoLimits", In(Analyte::kCalcium, 7.5, kMgDl), kHypoCa, 2),
      C("TotalNoLimits", In(Analyte::kCalcium, 11.0, kMgDl), kHyperCa,
        kNotGraded),
      C("TotalNoLimits", In(Analyte::kCalcium, 12.0, kMgDl), kHyperCa, 2),
      C("IonNoLimits", In(Analyte::kCalciumIonized, 1.05, kMmol), kHypoCa,
        kNotGraded),
      C("IonNoLimits", In(Analyte::kCalciumIonized, 0.95, kMmol), kHypoCa, 2),
      C("IonNoLimits", In(Analyte::kCalciumIonized, 1.4, kMmol), kHyperCa,
        kNotGraded),
      C("IonNoLimits", In(Analyte::kCalciumIonized, 1.7, kMmol), kHyperCa, 3),
      C("TotalUL", In(Analyte::kCalcium, 7.5, kUL).Lln(8.5), kHypoCa,
        kNotGraded),
      C("TotalMeq", In(Analyte::kCalcium, 3.0, kMeq).Lln(4.3), kHypoCa,
        kNotGraded),
  };
}

// Magnesium: hyper (ULN, 3.0] 1, (3.0, 8.0] 3, > 8.0 4 mg/dL;
// (ULN, 1.23], (1.23, 3.30], > 3.30 mmol/L. Hypo [1.2, LLN) 1, [0.9, 1.2)
// 2, [0.7, 0.9) 3, < 0.7 4 mg/dL; [0.5, LLN), [0.4, 0.5), [0.3, 0.4),
// < 0.3 mmol/L.
std::vector<LabCase> MagnesiumCases() {
  auto mg = [](double v) {
    return In(Analyte::kMagnesium, v, kMgDl).Uln(2.4).Lln(1.7);
  };
  auto mmol = [](double v) {
    return In(Analyte::kMagnesium, v, kMmol).Uln(1.0).Lln(0.7);
  };
  return {
      C("MgDl", mg(2.0), kHyperMg, 0),
      C("MgDl", mg(2.4), kHyperMg, 0),
      C("MgDl", mg(2.41), kHyperMg, 1),
      C("MgDl", mg(3.0), kHyperMg, 1),
      C("MgDl", mg(3.01), kHyperMg, 3),
      C("MgDl", mg(8.0), kHyperMg, 3),
      C("MgDl", mg(8.01), kHyperMg, 4),
      C("MgDl", mg(2.0), kHypoMg, 0),
      C("MgDl", mg(1.7), kHypoMg, 0),
      C("MgDl", mg(1.69), kHypoMg, 1),
      C("MgDl", mg(1.2), kHypoMg, 1),
      C("MgDl", mg(1.19), kHypoMg, 2),
      C("MgDl", mg(0.9), kHypoMg, 2),
      C("MgDl", mg(0.89), kHypoMg, 3),
      C("MgDl", mg(0.7), kHypoMg, 3),
      C("MgDl", mg(0.69), kHypoMg, 4),
      C("Mmol", mmol(1.0), kHyperMg, 0),
      C("Mmol", mmol(1.01), kHyperMg, 1),
      C("Mmol", mmol(1.23), kHyperMg, 1),
      C("Mmol", mmol(1.24), kHyperMg, 3),
      C("Mmol", mmol(3.3), kHyperMg, 3),
      C("Mmol", mmol(3.31), kHyperMg, 4),
      C("Mmol", mmol(0.7), kHypoMg, 0),
      C("Mmol", mmol(0.69), kHypoMg, 1),
      C("Mmol", mmol(0.5), kHypoMg, 1),
      C("Mmol", mmol(0.49), kHypoMg, 2),
      C("Mmol", mmol(0.4), kHypoMg, 2),
      C("Mmol", mmol(0.39), kHypoMg, 3),
      C("Mmol", mmol(0.3), kHypoMg, 3),
      C("Mmol", mmol(0.29), kHypoMg, 4),
      C("NoLimits", In(Analyte::kMagnesium, 1.5, kMgDl), kHypoMg, kNotGraded),
      C("NoLimits", In(Analyte::kMagnesium, 1.0, kMgDl), kHypoMg, 2),
      C("NoLimits", In(Analyte::kMagnesium, 2.8, kMgDl), kHyperMg, kNotGraded),
      C("NoLimits", In(Analyte::kMagnesium, 3.5, kMgDl), kHyperMg, 3),
      C("Meq", In(Analyte::kMagnesium, 0.9, kMeq).Lln(1.3), kHypoMg,
        kNotGraded),
      C("GDl", In(Analyte::kMagnesium, 1.0, kGDl).Lln(1.7), kHypoMg,
        kNotGraded),
  };
}

// Hypoglycemia (any glucose, fasting or not): mg/dL [55, LLN) 1,
// [40, 55) 2, [30, 40) 3, < 30 4; mmol/L [3.0, LLN), [2.2, 3.0),
// [1.7, 2.2), < 1.7.
std::vector<LabCase> HypoglycemiaCases() {
  auto mg = [](double v) { return In(Analyte::kGlucose, v, kMgDl).Lln(70); };
  auto mmol = [](double v) { return In(Analyte::kGlucose, v, kMmol).Lln(3.9); };
  auto fmg = [](double v) {
    return In(Analyte::kGlucoseFasting, v, kMgDl).Lln(70).Uln(100);
  };
  auto fmmol = [](double v) {
    return In(Analyte::kGlucoseFasting, v, kMmol).Lln(3.9).Uln(5.6);
  };
  return {
      C("MgDlLln70", mg(300), kHypoGlu, 0),
      C("MgDlLln70", mg(70), kHypoGlu, 0),
      C("MgDlLln70", mg(69.9), kHypoGlu, 1),
      C("MgDlLln70", mg(55), kHypoGlu, 1),
      C("MgDlLln70", mg(54.9), kHypoGlu, 2),
      C("MgDlLln70", mg(40), kHypoGlu, 2),
      C("MgDlLln70", mg(39.9), kHypoGlu, 3),
      C("MgDlLln70", mg(30), kHypoGlu, 3),
      C("MgDlLln70", mg(29.9), kHypoGlu, 4),
      C("MmolLln3p9", mmol(3.9), kHypoGlu, 0),
      C("MmolLln3p9", mmol(3.89), kHypoGlu, 1),
      C("MmolLln3p9", mmol(3.0), kHypoGlu, 1),
      C("MmolLln3p9", mmol(2.99), kHypoGlu, 2),
      C("MmolLln3p9", mmol(2.2), kHypoGlu, 2),
      C("MmolLln3p9", mmol(2.19), kHypoGlu, 3),
      C("MmolLln3p9", mmol(1.7), kHypoGlu, 3),
      C("MmolLln3p9", mmol(1.69), kHypoGlu, 4),
      C("FastingMgDl", fmg(90), kHypoGlu, 0),
      C("FastingMgDl", fmg(70), kHypoGlu, 0),
      C("FastingMgDl", fmg(69.9), kHypoGlu, 1),
      C("FastingMgDl", fmg(54.9), kHypoGlu, 2),
      C("FastingMgDl", fmg(39.9), kHypoGlu, 3),
      C("FastingMgDl", fmg(29.9), kHypoGlu, 4),
      C("FastingMmol", fmmol(3.89), kHypoGlu, 1),
      C("FastingMmol", fmmol(2.99), kHypoGlu, 2),
      C("FastingMmol", fmmol(1.69), kHypoGlu, 4),
      C("NoLln", In(Analyte::kGlucose, 60, kMgDl), kHypoGlu, kNotGraded),
      C("NoLln", In(Analyte::kGlucose, 50, kMgDl), kHypoGlu, 2),
      C("NoLln", In(Analyte::kGlucose, 3.5, kMmol), kHypoGlu, kNotGraded),
      C("NoLln", In(Analyte::kGlucose, 2.0, kMmol), kHypoGlu, 3),
      C("FastingNoLln", In(Analyte::kGlucoseFasting, 60, kMgDl), kHypoGlu,
        kNotGraded),
      C("FastingNoLln", In(Analyte::kGlucoseFasting, 25, kMgDl), kHypoGlu, 4),
      C("GL", In(Analyte::kGlucose, 0.5, kGL).Lln(0.7), kHypoGlu, kNotGraded),
  };
}

// Hyperglycemia (v6, new lab term). A fasting glucose: (ULN, 160] 1,
// (160, 250] 2, (250, 500] 3, > 500 4 mg/dL; (ULN, 8.9], (8.9, 13.9],
// (13.9, 27.8], > 27.8 mmol/L. Any other glucose: only (250, 500] 3 and
// > 500 4 mg/dL ((13.9, 27.8], > 27.8 mmol/L); at or below 250 (13.9) it is
// grade 0 at or below ULN and not graded above it (team decision: admiral's
// grade 0 there would end a fasting grade 1 or 2 under v6's single term),
// nor without a ULN.
std::vector<LabCase> HyperglycemiaCases() {
  auto mg = [](double v) {
    return In(Analyte::kGlucose, v, kMgDl).Uln(100).Lln(70);
  };
  auto mmol = [](double v) {
    return In(Analyte::kGlucose, v, kMmol).Uln(5.6).Lln(3.9);
  };
  auto fmg = [](double v) {
    return In(Analyte::kGlucoseFasting, v, kMgDl).Uln(100).Lln(70);
  };
  auto fmmol = [](double v) {
    return In(Analyte::kGlucoseFasting, v, kMmol).Uln(5.6).Lln(3.9);
  };
  return {
      C("AnyMgDl", mg(90), kHyperGlu, 0),
      C("AnyMgDl", mg(100), kHyperGlu, 0),
      C("AnyMgDl", mg(100.1), kHyperGlu, kNotGraded),
      C("AnyMgDl", mg(160.1), kHyperGlu, kNotGraded),
      C("AnyMgDl", mg(249.9), kHyperGlu, kNotGraded),
      C("AnyMgDl", mg(250), kHyperGlu, kNotGraded),
      C("AnyMgDl", mg(250.1), kHyperGlu, 3),
      C("AnyMgDl", mg(499.9), kHyperGlu, 3),
      C("AnyMgDl", mg(500), kHyperGlu, 3),
      C("AnyMgDl", mg(500.1), kHyperGlu, 4),
      C("AnyMmol", mmol(5.0), kHyperGlu, 0),
      C("AnyMmol", mmol(5.6), kHyperGlu, 0),
      C("AnyMmol", mmol(8.91), kHyperGlu, kNotGraded),
      C("AnyMmol", mmol(13.9), kHyperGlu, kNotGraded),
      C("AnyMmol", mmol(13.91), kHyperGlu, 3),
      C("AnyMmol", mmol(27.8), kHyperGlu, 3),
      C("AnyMmol", mmol(27.81), kHyperGlu, 4),
      C("AnyNoUln", In(Analyte::kGlucose, 90, kMgDl), kHyperGlu, kNotGraded),
      C("AnyNoUln", In(Analyte::kGlucose, 200, kMgDl), kHyperGlu, kNotGraded),
      C("AnyNoUln", In(Analyte::kGlucose, 250, kMgDl), kHyperGlu, kNotGraded),
      C("AnyNoUln", In(Analyte::kGlucose, 300, kMgDl), kHyperGlu, 3),
      C("AnyNoUln", In(Analyte::kGlucose, 600, kMgDl), kHyperGlu, 4),
      C("AnyNoUlnMmol", In(Analyte::kGlucose, 13, kMmol), kHyperGlu,
        kNotGraded),
      C("AnyNoUlnMmol", In(Analyte::kGlucose, 30, kMmol), kHyperGlu, 4),
      C("FastingMgDl", fmg(80), kHyperGlu, 0),
      C("FastingMgDl", fmg(99.9), kHyperGlu, 0),
      C("FastingMgDl", fmg(100), kHyperGlu, 0),
      C("FastingMgDl", fmg(100.1), kHyperGlu, 1),
      C("FastingMgDl", fmg(159.9), kHyperGlu, 1),
      C("FastingMgDl", fmg(160), kHyperGlu, 1),
      C("FastingMgDl", fmg(160.1), kHyperGlu, 2),
      C("FastingMgDl", fmg(249.9), kHyperGlu, 2),
      C("FastingMgDl", fmg(250), kHyperGlu, 2),
      C("FastingMgDl", fmg(250.1), kHyperGlu, 3),
      C("FastingMgDl", fmg(500), kHyperGlu, 3),
      C("FastingMgDl", fmg(500.1), kHyperGlu, 4),
      C("FastingMmol", fmmol(5.0), kHyperGlu, 0),
      C("FastingMmol", fmmol(5.6), kHyperGlu, 0),
      C("FastingMmol", fmmol(5.61), kHyperGlu, 1),
      C("FastingMmol", fmmol(8.9), kHyperGlu, 1),
      C("FastingMmol", fmmol(8.91), kHyperGlu, 2),
      C("FastingMmol", fmmol(13.9), kHyperGlu, 2),
      C("FastingMmol", fmmol(13.91), kHyperGlu, 3),
      C("FastingMmol", fmmol(27.8), kHyperGlu, 3),
      C("FastingMmol", fmmol(27.81), kHyperGlu, 4),
      // Fasting without ULN: grade 1 and 0 need it; 2-4 are absolute.
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 90, kMgDl), kHyperGlu,
        kNotGraded),
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 150, kMgDl), kHyperGlu,
        kNotGraded),
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 160, kMgDl), kHyperGlu,
        kNotGraded),
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 160.1, kMgDl), kHyperGlu,
        2),
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 300, kMgDl), kHyperGlu, 3),
      C("FastingNoUln", In(Analyte::kGlucoseFasting, 600, kMgDl), kHyperGlu, 4),
      C("FastingNoUlnMmol", In(Analyte::kGlucoseFasting, 7, kMmol), kHyperGlu,
        kNotGraded),
      C("FastingNoUlnMmol", In(Analyte::kGlucoseFasting, 10, kMmol), kHyperGlu,
        2),
      C("AnyGL", In(Analyte::kGlucose, 3, kGL).Uln(1), kHyperGlu, kNotGraded),
      C("FastingGL", In(Analyte::kGlucoseFasting, 3, kGL).Uln(1), kHyperGlu,
        kNotGraded),
  };
}

// Hypoalbuminemia: g/dL [3, LLN) 1, [2, 3) 2, < 2 3; g/L [30, LLN),
// [20, 30), < 20. No lab grade 4.
std::vector<LabCase> AlbuminCases() {
  auto gdl = [](double v) { return In(Analyte::kAlbumin, v, kGDl).Lln(3.5); };
  auto gl = [](double v) { return In(Analyte::kAlbumin, v, kGL).Lln(35); };
  return {
      C("GDlLln3p5", gdl(4.0), kHypoAlb, 0),
      C("GDlLln3p5", gdl(3.5), kHypoAlb, 0),
      C("GDlLln3p5", gdl(3.49), kHypoAlb, 1),
      C("GDlLln3p5", gdl(3.0), kHypoAlb, 1),
      C("GDlLln3p5", gdl(2.99), kHypoAlb, 2),
      C("GDlLln3p5", gdl(2.0), kHypoAlb, 2),
      C("GDlLln3p5", gdl(1.99), kHypoAlb, 3),
      C("GDlLln3p5", gdl(1.0), kHypoAlb, 3),
      C("GLLln35", gl(35), kHypoAlb, 0),
      C("GLLln35", gl(34.9), kHypoAlb, 1),
      C("GLLln35", gl(30), kHypoAlb, 1),
      C("GLLln35", gl(29.9), kHypoAlb, 2),
      C("GLLln35", gl(20), kHypoAlb, 2),
      C("GLLln35", gl(19.9), kHypoAlb, 3),
      C("NoLln", In(Analyte::kAlbumin, 3.2, kGDl), kHypoAlb, kNotGraded),
      C("NoLln", In(Analyte::kAlbumin, 2.5, kGDl), kHypoAlb, 2),
      C("NoLln", In(Analyte::kAlbumin, 15, kGL), kHypoAlb, 3),
      C("MgDl", In(Analyte::kAlbumin, 2.5, kMgDl).Lln(3.5), kHypoAlb,
        kNotGraded),
  };
}

// Acidosis: pH [7.3, LLN) 1, < 7.3 3. Alkalosis: (ULN, 7.5] 1, > 7.5 3.
std::vector<LabCase> PhCases() {
  auto ph = [](double v) {
    return In(Analyte::kPh, v, kNone).Lln(7.35).Uln(7.45);
  };
  auto nolimits = [](double v) { return In(Analyte::kPh, v, kNone); };
  return {
      C("Lln7p35", ph(7.4), kAcidosis, 0),
      C("Lln7p35", ph(7.35), kAcidosis, 0),
      C("Lln7p35", ph(7.34), kAcidosis, 1),
      C("Lln7p35", ph(7.3), kAcidosis, 1),
      C("Lln7p35", ph(7.29), kAcidosis, 3),
      C("Lln7p35", ph(6.9), kAcidosis, 3),
      C("Uln7p45", ph(7.4), kAlkalosis, 0),
      C("Uln7p45", ph(7.45), kAlkalosis, 0),
      C("Uln7p45", ph(7.46), kAlkalosis, 1),
      C("Uln7p45", ph(7.5), kAlkalosis, 1),
      C("Uln7p45", ph(7.51), kAlkalosis, 3),
      C("NoLimits", nolimits(7.2), kAcidosis, 3),
      C("NoLimits", nolimits(7.34), kAcidosis, kNotGraded),
      C("NoLimits", nolimits(7.55), kAlkalosis, 3),
      C("NoLimits", nolimits(7.47), kAlkalosis, kNotGraded),
  };
}

// ================================= 2.7 Lipids, urate, LDH, haptoglobin

// Cholesterol high: (ULN, 300] 1, (300, 400] 2, (400, 500] 3, > 500 4
// mg/dL; (ULN, 7.75], (7.75, 10.34], (10.34, 12.92], > 12.92 mmol/L.
// Hypertriglyceridemia (no ULN used; grade 1 closed, team choice):
// [150, 300] 1, (300, 500] 2, (500, 1000] 3, > 1000 4 mg/dL;
// [1.71, 3.42], (3.42, 5.7], (5.7, 11.4], > 11.4 mmol/L.
std::vector<LabCase> LipidCases() {
  auto chol = [](double v, Unit u) {
    return In(Analyte::kCholesterol, v, u).Uln(u == kMgDl ? 200 : 5.2);
  };
  auto tg = [](double v, Unit u) { return In(Analyte::kTriglycerides, v, u); };
  return {
      C("CholMgDl", chol(180, kMgDl), kCholHigh, 0),
      C("CholMgDl", chol(200, kMgDl), kCholHigh, 0),
      C("CholMgDl", chol(200.1, kMgDl), kCholHigh, 1),
      C("CholMgDl", chol(300, kMgDl), kCholHigh, 1),
      C("CholMgDl", chol(300.1, kMgDl), kCholHigh, 2),
      C("CholMgDl", chol(400, kMgDl), kCholHigh, 2),
      C("CholMgDl", chol(400.1, kMgDl), kCholHigh, 3),
      C("CholMgDl", chol(500, kMgDl), kCholHigh, 3),
      C("CholMgDl", chol(500.1, kMgDl), kCholHigh, 4),
      C("CholMmol", chol(5.2, kMmol), kCholHigh, 0),
      C("CholMmol", chol(5.21, kMmol), kCholHigh, 1),
      C("CholMmol", chol(7.75, kMmol), kCholHigh, 1),
      C("CholMmol", chol(7.76, kMmol), kCholHigh, 2),
      C("CholMmol", chol(10.34, kMmol), kCholHigh, 2),
      C("CholMmol", chol(10.35, kMmol), kCholHigh, 3),
      C("CholMmol", chol(12.92, kMmol), kCholHigh, 3),
      C("CholMmol", chol(12.93, kMmol), kCholHigh, 4),
      C("CholNoUln", In(Analyte::kCholesterol, 250, kMgDl), kCholHigh,
        kNotGraded),
      C("CholNoUln", In(Analyte::kCholesterol, 150, kMgDl), kCholHigh,
        kNotGraded),
      C("CholNoUln", In(Analyte::kCholesterol, 350, kMgDl), kCholHigh, 2),
      C("CholNoUln", In(Analyte::kCholesterol, 13, kMmol), kCholHigh, 4),
      C("TgMgDl", tg(100, kMgDl), kHyperTg, 0),
      C("TgMgDl", tg(149.9, kMgDl), kHyperTg, 0),
      C("TgMgDl", tg(150, kMgDl), kHyperTg, 1),  // closed (admiral: 0)
      C("TgMgDl", tg(150.1, kMgDl), kHyperTg, 1),
      C("TgMgDl", tg(300, kMgDl), kHyperTg, 1),
      C("TgMgDl", tg(300.1, kMgDl), kHyperTg, 2),
      C("TgMgDl", tg(500, kMgDl), kHyperTg, 2),
      C("TgMgDl", tg(500.1, kMgDl), kHyperTg, 3),
      C("TgMgDl", tg(1000, kMgDl), kHyperTg, 3),
      C("TgMgDl", tg(1000.1, kMgDl), kHyperTg, 4),
      C("TgMmol", tg(1.0, kMmol), kHyperTg, 0),
      C("TgMmol", tg(1.7, kMmol), kHyperTg, 0),
      C("TgMmol", tg(1.71, kMmol), kHyperTg, 1),  // closed (admiral: 0)
      C("TgMmol", tg(3.42, kMmol), kHyperTg, 1),
      C("TgMmol", tg(3.43, kMmol), kHyperTg, 2),
      C("TgMmol", tg(5.7, kMmol), kHyperTg, 2),
      C("TgMmol", tg(5.71, kMmol), kHyperTg, 3),
      C("TgMmol", tg(11.4, kMmol), kHyperTg, 3),
      C("TgMmol", tg(11.41, kMmol), kHyperTg, 4),
      // The lab's ULN does not move the grade 1 threshold.
      C("TgMgDlUln120", tg(140, kMgDl).Uln(120), kHyperTg, 0),
      C("TgMgDlUln200", tg(160, kMgDl).Uln(200), kHyperTg, 1),
      C("TgUmol", tg(3, kUmol), kHyperTg, kNotGraded),
  };
}

// Hyperuricemia: > ULN 3 provisional (worst case: physiologic
// consequences). LDH increased: > ULN 1. Haptoglobin decreased: < LLN 1.
// HDL decreased (new): < LLN 1. LDL increased (new): > ULN 1. Any unit.
std::vector<LabCase> UlnLlnOnlyCases() {
  return {
      C("UricMgDlUln7", In(Analyte::kUrate, 5, kMgDl).Uln(7), kHyperUric, 0),
      C("UricMgDlUln7", In(Analyte::kUrate, 7, kMgDl).Uln(7), kHyperUric, 0),
      C("UricMgDlUln7", In(Analyte::kUrate, 7.01, kMgDl).Uln(7), kHyperUric, 3,
        P),
      C("UricMgDlUln7", In(Analyte::kUrate, 15, kMgDl).Uln(7), kHyperUric, 3,
        P),
      C("UricUmolUln420", In(Analyte::kUrate, 420, kUmol).Uln(420), kHyperUric,
        0),
      C("UricUmolUln420", In(Analyte::kUrate, 420.1, kUmol).Uln(420),
        kHyperUric, 3, P),
      C("UricNoUln", In(Analyte::kUrate, 9, kMgDl), kHyperUric, kNotGraded),
      C("UricNoUln", In(Analyte::kUrate, 3, kMgDl), kHyperUric, kNotGraded),
      C("LdhUln250", In(Analyte::kLdh, 200, kUL).Uln(250), kLdhUp, 0),
      C("LdhUln250", In(Analyte::kLdh, 250, kUL).Uln(250), kLdhUp, 0),
      C("LdhUln250", In(Analyte::kLdh, 250.1, kUL).Uln(250), kLdhUp, 1),
      C("LdhUln250", In(Analyte::kLdh, 2500, kUL).Uln(250), kLdhUp, 1),
      C("LdhNoUln", In(Analyte::kLdh, 900, kUL), kLdhUp, kNotGraded),
      C("HaptoMgDlLln30", In(Analyte::kHaptoglobin, 100, kMgDl).Lln(30),
        kHaptoDown, 0),
      C("HaptoMgDlLln30", In(Analyte::kHaptoglobin, 30, kMgDl).Lln(30),
        kHaptoDown, 0),
      C("HaptoMgDlLln30", In(Analyte::kHaptoglobin, 29.9, kMgDl).Lln(30),
        kHaptoDown, 1),
      C("HaptoMgDlLln30", In(Analyte::kHaptoglobin, 1, kMgDl).Lln(30),
        kHaptoDown, 1),
      C("HaptoGLLln0p3", In(Analyte::kHaptoglobin, 0.29, kGL).Lln(0.3),
        kHaptoDown, 1),
      C("HaptoNoLln", In(Analyte::kHaptoglobin, 10, kMgDl), kHaptoDown,
        kNotGraded),
      C("HdlMgDlLln40", In(Analyte::kHdl, 60, kMgDl).Lln(40), kHdlDown, 0),
      C("HdlMgDlLln40", In(Analyte::kHdl, 40, kMgDl).Lln(40), kHdlDown, 0),
      C("HdlMgDlLln40", In(Analyte::kHdl, 39.9, kMgDl).Lln(40), kHdlDown, 1),
      C("HdlMgDlLln40", In(Analyte::kHdl, 10, kMgDl).Lln(40), kHdlDown, 1),
      C("HdlMmolLln1", In(Analyte::kHdl, 1.0, kMmol).Lln(1.0), kHdlDown, 0),
      C("HdlMmolLln1", In(Analyte::kHdl, 0.99, kMmol).Lln(1.0), kHdlDown, 1),
      C("HdlNoLln", In(Analyte::kHdl, 30, kMgDl), kHdlDown, kNotGraded),
      C("HdlNoLln", In(Analyte::kHdl, 60, kMgDl), kHdlDown, kNotGraded),
      C("LdlMgDlUln130", In(Analyte::kLdl, 100, kMgDl).Uln(130), kLdlUp, 0),
      C("LdlMgDlUln130", In(Analyte::kLdl, 130, kMgDl).Uln(130), kLdlUp, 0),
      C("LdlMgDlUln130", In(Analyte::kLdl, 130.1, kMgDl).Uln(130), kLdlUp, 1),
      C("LdlMgDlUln130", In(Analyte::kLdl, 400, kMgDl).Uln(130), kLdlUp, 1),
      C("LdlMmolUln3p4", In(Analyte::kLdl, 3.4, kMmol).Uln(3.4), kLdlUp, 0),
      C("LdlMmolUln3p4", In(Analyte::kLdl, 3.41, kMmol).Uln(3.4), kLdlUp, 1),
      C("LdlNoUln", In(Analyte::kLdl, 200, kMgDl), kLdlUp, kNotGraded),
      C("LdlNoUln", In(Analyte::kLdl, 80, kMgDl), kLdlUp, kNotGraded),
  };
}

INSTANTIATE_TEST_SUITE_P(Neutrophils, Ctcae6LabTest,
                         testing::ValuesIn(NeutrophilCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Thrombocytopenia, Ctcae6LabTest,
                         testing::ValuesIn(ThrombocytopeniaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Anemia, Ctcae6LabTest,
                         testing::ValuesIn(AnemiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(WhiteBloodCells, Ctcae6LabTest,
                         testing::ValuesIn(WbcCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(CountsIncreased, Ctcae6LabTest,
                         testing::ValuesIn(CountsIncreasedCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Cd4, Ctcae6LabTest, testing::ValuesIn(Cd4Cases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(HemoglobinIncreased, Ctcae6LabTest,
                         testing::ValuesIn(HemoglobinIncreasedCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Aptt, Ctcae6LabTest, testing::ValuesIn(ApttCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Inr, Ctcae6LabTest, testing::ValuesIn(InrCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Fibrinogen, Ctcae6LabTest,
                         testing::ValuesIn(FibrinogenCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(FibrinogenFallFromBaseline, Ctcae6LabTest,
                         testing::ValuesIn(FibrinogenFallCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Alt, Ctcae6LabTest, testing::ValuesIn(AltCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Ast, Ctcae6LabTest, testing::ValuesIn(AstCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Bilirubin, Ctcae6LabTest,
                         testing::ValuesIn(BilirubinCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Ggt, Ctcae6LabTest, testing::ValuesIn(GgtCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Alp, Ctcae6LabTest, testing::ValuesIn(AlpCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Pancreas, Ctcae6LabTest,
                         testing::ValuesIn(PancreasCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Creatinine, Ctcae6LabTest,
                         testing::ValuesIn(CreatinineCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(CreatinineClearance, Ctcae6LabTest,
                         testing::ValuesIn(CreatinineClearanceCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Sodium, Ctcae6LabTest,
                         testing::ValuesIn(SodiumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Potassium, Ctcae6LabTest,
                         testing::ValuesIn(PotassiumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Calcium, Ctcae6LabTest,
                         testing::ValuesIn(CalciumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Magnesium, Ctcae6LabTest,
                         testing::ValuesIn(MagnesiumCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Hypoglycemia, Ctcae6LabTest,
                         testing::ValuesIn(HypoglycemiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Hyperglycemia, Ctcae6LabTest,
                         testing::ValuesIn(HyperglycemiaCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Albumin, Ctcae6LabTest,
                         testing::ValuesIn(AlbuminCases()), CaseName);
INSTANTIATE_TEST_SUITE_P(Ph, Ctcae6LabTest, testing::ValuesIn(PhCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(Lipids, Ctcae6LabTest, testing::ValuesIn(LipidCases()),
                         CaseName);
INSTANTIATE_TEST_SUITE_P(UlnLlnOnly, Ctcae6LabTest,
                         testing::ValuesIn(UlnLlnOnlyCases()), CaseName);

// ================================================== non-table checks

// Grades `in` with v6 and returns the grade of `term`, or -1 when absent.
int V6Grade(const In& in, const char* term) {
  const LabGrading g = GradeCtcae6Lab(in.v);
  const TermGrade* t = FindTerm(g, term);
  return t == nullptr ? -1 : t->grade;
}

int V5Grade(const In& in, const char* term) {
  const LabGrading g = GradeCtcaeLab(in.v);
  const TermGrade* t = FindTerm(g, term);
  return t == nullptr ? -1 : t->grade;
}

// ---------------------------------------------- v5 -> v6 (section 3)

TEST(Ctcae6ChangesTest, NeutrophilBandsMoveDownOneGrade) {
  const In anc03 = In(Analyte::kNeutrophils, 0.3, kGiga).Lln(1.8);
  EXPECT_EQ(V5Grade(anc03, kAnc), 4);
  EXPECT_EQ(V6Grade(anc03, kAnc), 3);
  const In anc08 = In(Analyte::kNeutrophils, 0.8, kGiga).Lln(1.8);
  EXPECT_EQ(V5Grade(anc08, kAnc), 3);
  EXPECT_EQ(V6Grade(anc08, kAnc), 2);
  const In anc16 = In(Analyte::kNeutrophils, 1.6, kGiga).Lln(1.8);
  EXPECT_EQ(V5Grade(anc16, kAnc), 1);
  EXPECT_EQ(V6Grade(anc16, kAnc), 0);
}

TEST(Ctcae6ChangesTest, PlateletsAreThrombocytopeniaWithNewGrade3) {
  const In plt = In(Analyte::kPlatelets, 20, kGiga).Lln(150);
  EXPECT_EQ(V5Grade(plt, kV5Platelets), 4);
  EXPECT_EQ(V6Grade(plt, kThrombo), 3);
  EXPECT_EQ(V6Grade(plt, kV5Platelets), -1);
  const LabGrading g = GradeCtcae6Lab(plt.v);
  SCOPED_TRACE(Describe(g));
  const TermGrade* t = FindTerm(g, kThrombo);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->meddra, "10043554");
}

TEST(Ctcae6ChangesTest, AltAgainstHighBaselineIsMoreSensitive) {
  auto hi = [](double v) {
    return In(Analyte::kAlt, v, kUL).Uln(40).Base(60).BUln(40);
  };
  EXPECT_EQ(V5Grade(hi(150), kAlt), 1);  // 2.5 x B
  EXPECT_EQ(V6Grade(hi(150), kAlt), 3);
  EXPECT_EQ(V5Grade(hi(60), kAlt), 0);  // = B
  EXPECT_EQ(V6Grade(hi(60), kAlt), 1);
  auto ast = In(Analyte::kAst, 125, kUL).Uln(35).Base(50).BUln(35);
  EXPECT_EQ(V5Grade(ast, kAst), 1);
  EXPECT_EQ(V6Grade(ast, kAst), 3);
}

TEST(Ctcae6ChangesTest, BilirubinAgainstHighBaseline) {
  auto hi = [](double v) {
    return In(Analyte::kBilirubinTotal, v, kMgDl).Uln(1.2).Base(2.0).BUln(1.2);
  };
  EXPECT_EQ(V5Grade(hi(5.5), kBili), 2);  // 2.75 x B
  EXPECT_EQ(V6Grade(hi(5.5), kBili), 3);
  EXPECT_EQ(V5Grade(hi(2.0), kBili), 0);  // = B
  EXPECT_EQ(V6Grade(hi(2.0), kBili), 1);
}

TEST(Ctcae6ChangesTest, GgtAgainstHighBaseline) {
  auto hi = [](double v) {
    return In(Analyte::kGgt, v, kUL).Uln(60).Base(80).BUln(60);
  };
  EXPECT_EQ(V5Grade(hi(96), kGgt), 0);  // 1.2 x B
  EXPECT_EQ(V6Grade(hi(96), kGgt), 1);
  EXPECT_EQ(V6Grade(hi(160), kGgt), 2);  // 2 x B (v5: 0 or 1)
  EXPECT_EQ(V5Grade(hi(320), kGgt), 2);  // 4 x B
  EXPECT_EQ(V6Grade(hi(320), kGgt), 3);
  EXPECT_EQ(V5Grade(hi(960), kGgt), 3);  // 12 x B
  EXPECT_EQ(V6Grade(hi(960), kGgt), 4);
}

TEST(Ctcae6ChangesTest, AlkalinePhosphataseIsGradeOneAtMost) {
  const In with_base =
      In(Analyte::kAlkalinePhosphatase, 2500, kUL).Uln(120).Base(100);
  EXPECT_EQ(V5Grade(with_base, kAlp), 4);
  EXPECT_EQ(V6Grade(with_base, kAlp), 1);
  const In no_base = In(Analyte::kAlkalinePhosphatase, 2500, kUL).Uln(120);
  EXPECT_EQ(V5Grade(no_base, kAlp), 4);
  const LabGrading g = GradeCtcae6Lab(no_base.v);
  EXPECT_EQ(FindTerm(g, kAlp), nullptr) << Describe(g);
  EXPECT_FALSE(g.not_graded.empty());
}

TEST(Ctcae6ChangesTest, CreatinineRiseWithinNormalFromNormalBaseline) {
  const In in = In(Analyte::kCreatinine, 1.1, kMgDl)
                    .Uln(1.2)
                    .Lln(0.6)
                    .Base(0.7)
                    .BUln(1.2)
                    .BLln(0.6);
  EXPECT_EQ(V5Grade(in, kCreat), 2);
  EXPECT_EQ(V6Grade(in, kCreat), 0);
}

TEST(Ctcae6ChangesTest, LipaseTwoToThreeTimesUlnIsGradeTwo) {
  const In in = In(Analyte::kLipase, 150, kUL).Uln(60);
  EXPECT_EQ(V5Grade(in, kLipase), 3);
  const LabGrading g = GradeCtcae6Lab(in.v);
  SCOPED_TRACE(Describe(g));
  const TermGrade* t = FindTerm(g, kLipase);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->grade, 2);
  EXPECT_FALSE(t->provisional);
}

TEST(Ctcae6ChangesTest, GlucoseNowGradesHyperglycemia) {
  const In any = In(Analyte::kGlucose, 300, kMgDl).Uln(100).Lln(70);
  EXPECT_EQ(V5Grade(any, kHyperGlu), -1);
  EXPECT_EQ(V6Grade(any, kHyperGlu), 3);
  const In fasting = In(Analyte::kGlucoseFasting, 200, kMgDl).Uln(100).Lln(70);
  EXPECT_EQ(V6Grade(fasting, kHyperGlu), 2);
  // The same value not known to be fasting is not graded.
  const In non_fasting = In(Analyte::kGlucose, 200, kMgDl).Uln(100).Lln(70);
  EXPECT_EQ(V6Grade(non_fasting, kHyperGlu), -1);
}

TEST(Ctcae6ChangesTest, LowLymphocytesAndCpkHaveNoV6Grade) {
  const In lym = In(Analyte::kLymphocytes, 0.3, kGiga).Lln(1.0);
  EXPECT_EQ(V5Grade(lym, kV5LymphDown), 3);
  EXPECT_EQ(V6Grade(lym, kV5LymphDown), -1);
  // Graded by v5 only, the v5 count term pages under either version.
  EXPECT_TRUE(Ctcae5TermWithoutV6Successor(kV5LymphDown));
  const In ck = In(Analyte::kCreatineKinase, 1000, kUL).Uln(200);
  EXPECT_EQ(V5Grade(ck, kV5Cpk), 2);
  EXPECT_TRUE(GradeCtcae6Lab(ck.v).grades.empty());
}

TEST(Ctcae6ChangesTest, HyponatremiaGapBetween129And130IsGrade3) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kSodium, 129.5, kMmol).Lln(135).v);
  SCOPED_TRACE(Describe(g));
  const TermGrade* t = FindTerm(g, kHypoNa);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->grade, 3);
  EXPECT_TRUE(t->provisional);
  EXPECT_FALSE(t->assumption.empty());
}

// ------------------------------------------- terms of one analyte

TEST(Ctcae6LabsTest, LymphocytesGradeOnlyLymphocyteCountIncreased) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kLymphocytes, 0.3, kGiga).Lln(1.0).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_EQ(g.grades.size(), 1u);
  EXPECT_EQ(g.grades[0].term, kLymphUp);
  EXPECT_EQ(g.grades[0].meddra, "10025258");
  EXPECT_EQ(g.grades[0].grade, 0);
}

TEST(Ctcae6LabsTest, PlateletsGradeOnlyThrombocytopenia) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kPlatelets, 60, kGiga).Lln(150).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_EQ(g.grades.size(), 1u);
  EXPECT_EQ(g.grades[0].term, kThrombo);
  EXPECT_EQ(g.grades[0].grade, 2);
}

TEST(Ctcae6LabsTest, PotassiumBearsOnBothTerms) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kPotassium, 4.0, kMmol).Uln(5.0).Lln(3.5).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kHyperK), nullptr);
  ASSERT_NE(FindTerm(g, kHypoK), nullptr);
  EXPECT_EQ(FindTerm(g, kHyperK)->grade, 0);
  EXPECT_EQ(FindTerm(g, kHypoK)->grade, 0);
}

TEST(Ctcae6LabsTest, MissingLimitForOneTermKeepsTheOther) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kPotassium, 6.5, kMmol).Uln(5.0).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kHyperK), nullptr);
  EXPECT_EQ(FindTerm(g, kHyperK)->grade, 3);
  EXPECT_EQ(FindTerm(g, kHypoK), nullptr);
  EXPECT_FALSE(g.not_graded.empty());
}

TEST(Ctcae6LabsTest, GlucoseBearsOnHypoAndHyperglycemia) {
  for (Analyte a : {Analyte::kGlucose, Analyte::kGlucoseFasting}) {
    const LabGrading g = GradeCtcae6Lab(In(a, 300, kMgDl).Uln(100).Lln(70).v);
    SCOPED_TRACE(Describe(g));
    ASSERT_NE(FindTerm(g, kHypoGlu), nullptr) << AnalyteName(a);
    ASSERT_NE(FindTerm(g, kHyperGlu), nullptr) << AnalyteName(a);
    EXPECT_EQ(FindTerm(g, kHypoGlu)->grade, 0);
    EXPECT_EQ(FindTerm(g, kHyperGlu)->grade, 3);
    EXPECT_EQ(FindTerm(g, kHyperGlu)->meddra, "10020639");
    EXPECT_EQ(g.grades.size(), 2u);
  }
  // Above ULN, not known to be fasting: hypoglycemia only.
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kGlucose, 140, kMgDl).Uln(100).Lln(70).v);
  EXPECT_EQ(FindTerm(g, kHyperGlu), nullptr);
  EXPECT_EQ(g.grades.size(), 1u);
  EXPECT_NE(g.not_graded.find("fasting"), std::string::npos);
}

TEST(Ctcae6LabsTest, HemoglobinBearsOnAnemiaAndHemoglobinIncreased) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kHemoglobin, 9, kGDl).Uln(16).Lln(12).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kAnemia), nullptr);
  ASSERT_NE(FindTerm(g, kHgbUp), nullptr);
  EXPECT_EQ(FindTerm(g, kAnemia)->grade, 2);
  EXPECT_EQ(FindTerm(g, kHgbUp)->grade, 0);
}

TEST(Ctcae6LabsTest, LeukocytesBearOnWbcDecreasedAndLeukocytosis) {
  const LabGrading g =
      GradeCtcae6Lab(In(Analyte::kLeukocytes, 150, kGiga).Uln(11).Lln(4).v);
  SCOPED_TRACE(Describe(g));
  ASSERT_NE(FindTerm(g, kWbc), nullptr);
  ASSERT_NE(FindTerm(g, kLeukocytosis), nullptr);
  EXPECT_EQ(FindTerm(g, kWbc)->grade, 0);
  EXPECT_EQ(FindTerm(g, kLeukocytosis)->grade, 3);
}

// ------------------------------------ analytes with no v6 lab term

TEST(Ctcae6LabsTest, AnalytesWithoutV6LabTermGiveNoGrade) {
  const std::vector<In> inputs = {
      In(Analyte::kCreatineKinase, 5000, kUL).Uln(200),
      In(Analyte::kCreatineKinase, 100, kUL).Uln(200),
      In(Analyte::kTroponinI, 1, Unit::kNgPerMl).Uln(0.04),
      In(Analyte::kTroponinT, 100, Unit::kNgPerL).Uln(14),
      In(Analyte::kEgfr, 25, Unit::kMlPerMinPer173M2).Lln(90),
      In(Analyte::kBodyTemperature, 40.5, Unit::kCelsius),
      In(Analyte::kStoolFrequency, 9, Unit::kPerDay),
  };
  for (const In& in : inputs) {
    const LabGrading g = GradeCtcae6Lab(in.v);
    SCOPED_TRACE(Describe(g));
    EXPECT_TRUE(g.grades.empty()) << AnalyteName(in.v.analyte);
    EXPECT_FALSE(g.not_graded.empty()) << AnalyteName(in.v.analyte);
    for (const char* v5 :
         {kV5Cpk, kV5TropI, kV5TropT, kV5Ckd, kV5Fever, kV5Diarrhea}) {
      EXPECT_EQ(FindTerm(g, v5), nullptr) << v5;
    }
  }
}

// Every term v6 grades is a v6 term with its v6 MedDRA code, once.
TEST(Ctcae6LabsTest, EveryTermIsAV6TermWithItsCode) {
  const std::vector<In> inputs = {
      In(Analyte::kAlt, 100, kUL).Uln(40),
      In(Analyte::kAst, 100, kUL).Uln(35).Base(50).BUln(35),
      In(Analyte::kBilirubinTotal, 2, kMgDl).Uln(1.2),
      In(Analyte::kAlkalinePhosphatase, 200, kUL).Uln(120).Base(100),
      In(Analyte::kGgt, 100, kUL).Uln(60),
      In(Analyte::kCreatinine, 2, kMgDl).Uln(1.2),
      In(Analyte::kCreatinineClearance, 30, kMlMin),
      In(Analyte::kLipase, 200, kUL).Uln(60),
      In(Analyte::kAmylase, 200, kUL).Uln(100),
      In(Analyte::kNeutrophils, 0.8, kGiga).Lln(1.8),
      In(Analyte::kPlatelets, 20, kGiga).Lln(150),
      In(Analyte::kHemoglobin, 9, kGDl).Uln(16).Lln(12),
      In(Analyte::kLymphocytes, 0.3, kGiga).Lln(1.0),
      In(Analyte::kLeukocytes, 2.5, kGiga).Uln(11).Lln(4),
      In(Analyte::kFibrinogen, 120, kMgDl).Lln(200),
      In(Analyte::kInr, 1.8, kNone),
      In(Analyte::kAptt, 60, kSec).Uln(35),
      In(Analyte::kSodium, 128, kMmol).Uln(145).Lln(135),
      In(Analyte::kPotassium, 3.2, kMmol).Uln(5).Lln(3.5),
      In(Analyte::kGlucose, 300, kMgDl).Uln(100).Lln(70),
      In(Analyte::kGlucoseFasting, 130, kMgDl).Uln(100).Lln(70),
      In(Analyte::kAlbumin, 2.5, kGDl).Lln(3.5),
      In(Analyte::kCalcium, 7.5, kMgDl).Uln(10.2).Lln(8.5),
      In(Analyte::kCalciumIonized, 0.95, kMmol).Uln(1.32).Lln(1.15),
      In(Analyte::kMagnesium, 1.0, kMgDl).Uln(2.4).Lln(1.7),
      In(Analyte::kLdh, 300, kUL).Uln(250),
      In(Analyte::kCholesterol, 350, kMgDl).Uln(200),
      In(Analyte::kTriglycerides, 400, kMgDl),
      In(Analyte::kUrate, 9, kMgDl).Uln(7),
      In(Analyte::kCd4, 0.3, kGiga).Lln(0.5),
      In(Analyte::kPh, 7.25, kNone).Lln(7.35).Uln(7.45),
      In(Analyte::kHaptoglobin, 10, kMgDl).Lln(30),
      In(Analyte::kHdl, 30, kMgDl).Lln(40),
      In(Analyte::kLdl, 200, kMgDl).Uln(130),
  };
  for (const In& in : inputs) {
    const LabGrading g = GradeCtcae6Lab(in.v);
    SCOPED_TRACE(Describe(g));
    EXPECT_FALSE(g.grades.empty()) << AnalyteName(in.v.analyte);
    std::set<std::string> seen;
    for (const TermGrade& t : g.grades) {
      const auto code = Meddra().find(t.term);
      ASSERT_TRUE(code != Meddra().end())
          << "not a v6 term: '" << t.term << "'";
      EXPECT_EQ(t.meddra, code->second) << t.term;
      EXPECT_TRUE(seen.insert(t.term).second) << "twice: " << t.term;
      EXPECT_GE(t.grade, 0) << t.term;
      EXPECT_LE(t.grade, 4) << t.term;
    }
  }
}

TEST(Ctcae6LabsTest, ProvisionalGradesExplainTheAssumption) {
  const std::vector<In> inputs = {
      In(Analyte::kLipase, 250, kUL).Uln(60),
      In(Analyte::kAmylase, 600, kUL).Uln(100),
      In(Analyte::kSodium, 127, kMmol).Lln(135),
      In(Analyte::kPotassium, 3.2, kMmol).Uln(5).Lln(3.5),
      In(Analyte::kUrate, 9, kMgDl).Uln(7),
      In(Analyte::kInr, 1.1, kNone).Base(1.0),
  };
  for (const In& in : inputs) {
    const LabGrading g = GradeCtcae6Lab(in.v);
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

TEST(Ctcae6LabsTest, NonFiniteValueOrLimitIsMissingNotNormal) {
  const double nan_value = std::nan("");
  const double inf_value = std::numeric_limits<double>::infinity();
  auto empty = [](const In& in) { return GradeCtcae6Lab(in.v).grades.empty(); };
  EXPECT_TRUE(empty(In(Analyte::kAlt, nan_value, kUL).Uln(40)));
  EXPECT_TRUE(empty(In(Analyte::kAlt, 500, kUL).Uln(nan_value)));
  EXPECT_TRUE(empty(In(Analyte::kLipase, 500, kUL).Uln(inf_value)));
  EXPECT_TRUE(empty(In(Analyte::kNeutrophils, nan_value, kGiga)));
  EXPECT_TRUE(empty(In(Analyte::kCreatinineClearance, nan_value, kMlMin)));
  // A non-finite LLN is a missing LLN: a platelet count of 100 is not
  // graded, one of 20 still is (absolute grade 3).
  const LabGrading plt =
      GradeCtcae6Lab(In(Analyte::kPlatelets, 100, kGiga).Lln(inf_value).v);
  EXPECT_EQ(FindTerm(plt, kThrombo), nullptr) << Describe(plt);
  EXPECT_EQ(
      V6Grade(In(Analyte::kPlatelets, 20, kGiga).Lln(nan_value), kThrombo), 3);
  // A non-finite baseline is a missing baseline: INR 1.1 is then grade 0.
  EXPECT_EQ(V6Grade(In(Analyte::kInr, 1.1, kNone).Base(nan_value), kInr), 0);
}

// ------------------------------------------------------- API helpers

TEST(Ctcae6LabsTest, IsCtcae6Lab) {
  for (Analyte a : {Analyte::kAlt,
                    Analyte::kAst,
                    Analyte::kBilirubinTotal,
                    Analyte::kAlkalinePhosphatase,
                    Analyte::kGgt,
                    Analyte::kCreatinine,
                    Analyte::kCreatinineClearance,
                    Analyte::kLipase,
                    Analyte::kAmylase,
                    Analyte::kNeutrophils,
                    Analyte::kPlatelets,
                    Analyte::kHemoglobin,
                    Analyte::kLymphocytes,
                    Analyte::kLeukocytes,
                    Analyte::kFibrinogen,
                    Analyte::kInr,
                    Analyte::kAptt,
                    Analyte::kSodium,
                    Analyte::kPotassium,
                    Analyte::kGlucose,
                    Analyte::kGlucoseFasting,
                    Analyte::kAlbumin,
                    Analyte::kCalcium,
                    Analyte::kCalciumIonized,
                    Analyte::kMagnesium,
                    Analyte::kLdh,
                    Analyte::kCholesterol,
                    Analyte::kTriglycerides,
                    Analyte::kUrate,
                    Analyte::kCd4,
                    Analyte::kPh,
                    Analyte::kHaptoglobin,
                    Analyte::kHdl,
                    Analyte::kLdl}) {
    EXPECT_TRUE(IsCtcae6Lab(a)) << AnalyteName(a);
  }
  for (Analyte a :
       {Analyte::kCreatineKinase, Analyte::kTroponinI, Analyte::kTroponinT,
        Analyte::kEgfr, Analyte::kBodyTemperature, Analyte::kStoolFrequency,
        Analyte::kCrp, Analyte::kSystolicBp, Analyte::kOxygenFlow}) {
    EXPECT_FALSE(IsCtcae6Lab(a)) << AnalyteName(a);
  }
}

TEST(Ctcae6LabsTest, Ctcae5TermWithoutV6Successor) {
  for (const char* term :
       {"Fever", "Diarrhea", "Chronic kidney disease", "CPK increased",
        "Cardiac troponin I increased", "Cardiac troponin T increased",
        "Febrile neutropenia", "Lymphocyte count decreased"}) {
    EXPECT_TRUE(Ctcae5TermWithoutV6Successor(term)) << term;
  }
  for (const char* term :
       {"Platelet count decreased", "Alanine aminotransferase increased",
        "Neutrophil count decreased", "Creatinine increased", "Anemia"}) {
    EXPECT_FALSE(Ctcae5TermWithoutV6Successor(term)) << term;
  }
}

}  // namespace
}  // namespace iraed::grading
