// ASTCT 2019 CRS (LEE-CRS) and ICANS (LEE-ICANS) grading, systematically:
// every threshold just below, at and just above (including values that
// reach the threshold through floating-point arithmetic), the "more severe
// domain wins" rule over every pair of domain levels, the fever-masking and
// sedation rules, and the provisional/assumption contract of grading/crs.h
// and grading/icans.h against clinical-grading.md sections 2 and 3.
#include <gtest/gtest.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "grading/crs.h"
#include "grading/icans.h"

namespace iraed::grading {
namespace {

bool Contains(const std::string& text, const std::string& what) {
  return text.find(what) != std::string::npos;
}

// ---------------------------------------------------------------------------
// CRS
// ---------------------------------------------------------------------------

// Contract checks every CRS result must satisfy (crs.h).
void ExpectCrsContract(const CrsGrade& g) {
  EXPECT_GE(g.grade, 0);
  EXPECT_LE(g.grade, 4);
  if (g.provisional) {
    EXPECT_FALSE(g.assumption.empty()) << "provisional without assumption";
    EXPECT_GE(g.grade, 1) << "grade 0 marked provisional";
  }
  if (g.grade >= 1) {
    // "every grade carries that as an assumption in `assumption`".
    EXPECT_TRUE(Contains(g.assumption, "not attributable")) << g.assumption;
    EXPECT_FALSE(g.reason.empty());
  }
}

struct HypotensionLevel {
  const char* name;
  std::optional<bool> hypotension;
  int pressors;  // excluding vasopressin
  bool vasopressin;
  int grade;  // LEE-CRS hypotension domain alone
};

// LEE-CRS: not requiring vasopressors 2; "a vasopressor with or without
// vasopressin" 3; "multiple vasopressors (excluding vasopressin)" 4;
// vasopressin alone 3 (crs.h documented reading).
const std::vector<HypotensionLevel>& HypotensionLevels() {
  static const std::vector<HypotensionLevel> kLevels = {
      {"none", false, 0, false, 0},
      {"unknown", std::nullopt, 0, false, 0},
      {"fluid-only", true, 0, false, 2},
      {"1 pressor", true, 1, false, 3},
      {"vasopressin only", true, 0, true, 3},
      {"1 pressor + vasopressin", true, 1, true, 3},
      {"2 pressors", true, 2, false, 4},
      {"2 pressors + vasopressin", true, 2, true, 4},
      {"3 pressors", true, 3, false, 4},
  };
  return kLevels;
}

struct OxygenLevel {
  const char* name;
  std::optional<OxygenDevice> device;
  std::optional<double> flow;
  int grade;          // LEE-CRS hypoxia domain alone
  bool flow_assumed;  // nasal cannula without a flow (crs.h: provisional)
};

const std::vector<OxygenLevel>& OxygenLevels() {
  static const std::vector<OxygenLevel> kLevels = {
      {"unknown", std::nullopt, std::nullopt, 0, false},
      {"room air", OxygenDevice::kNone, std::nullopt, 0, false},
      {"NC 2 L/min", OxygenDevice::kNasalCannula, 2.0, 2, false},
      {"NC 5.99 L/min", OxygenDevice::kNasalCannula, 5.99, 2, false},
      {"NC 6.0 L/min", OxygenDevice::kNasalCannula, 6.0, 2, false},
      {"NC 6.01 L/min", OxygenDevice::kNasalCannula, 6.01, 3, false},
      {"NC 15 L/min", OxygenDevice::kNasalCannula, 15.0, 3, false},
      {"NC flow unknown", OxygenDevice::kNasalCannula, std::nullopt, 2, true},
      {"blow-by", OxygenDevice::kBlowBy, std::nullopt, 2, false},
      {"HFNC", OxygenDevice::kHighFlowNasalCannula, std::nullopt, 3, false},
      {"facemask", OxygenDevice::kFacemask, std::nullopt, 3, false},
      {"non-rebreather", OxygenDevice::kNonRebreather, std::nullopt, 3, false},
      {"Venturi", OxygenDevice::kVenturiMask, std::nullopt, 3, false},
      {"CPAP", OxygenDevice::kCpap, std::nullopt, 4, false},
      {"BiPAP", OxygenDevice::kBipap, std::nullopt, 4, false},
      {"mechanical ventilation", OxygenDevice::kMechanicalVentilation,
       std::nullopt, 4, false},
  };
  return kLevels;
}

CrsInputs Make(std::optional<double> temperature, bool masked,
               const HypotensionLevel& h, const OxygenLevel& o) {
  CrsInputs in;
  in.temperature_c = temperature;
  in.fever_masked = masked;
  in.hypotension = h.hypotension;
  in.vasopressors_excluding_vasopressin = h.pressors;
  in.vasopressin_running = h.vasopressin;
  in.oxygen_device = o.device;
  in.oxygen_flow_l_min = o.flow;
  return in;
}

std::string Describe(std::optional<double> temperature, bool masked,
                     const HypotensionLevel& h, const OxygenLevel& o) {
  return std::string("temp=") +
         (temperature ? std::to_string(*temperature) : "unknown") +
         " masked=" + (masked ? "yes" : "no") + " hypotension=" + h.name +
         " oxygen=" + o.name;
}

CrsInputs FebrileRoomAir(double t = 38.5) {
  CrsInputs in;
  in.temperature_c = t;
  in.hypotension = false;
  in.oxygen_device = OxygenDevice::kNone;
  return in;
}

CrsInputs FebrileCannula(double flow, double t = 38.5) {
  CrsInputs in = FebrileRoomAir(t);
  in.oxygen_device = OxygenDevice::kNasalCannula;
  in.oxygen_flow_l_min = flow;
  return in;
}

// LEE-CRS: fever is temperature >= 38.0 Cel.
TEST(AstctBoundariesCrsTest, FeverThresholdJustBelowAtAndAbove) {
  struct Case {
    double t;
    int grade;
  };
  for (const Case& c :
       {Case{37.99, 0}, Case{37.9999, 0}, Case{38.0, 1}, Case{38.01, 1}}) {
    SCOPED_TRACE(c.t);
    const CrsGrade g = GradeCrs(FebrileRoomAir(c.t));
    EXPECT_EQ(g.grade, c.grade);
    EXPECT_FALSE(g.provisional);
    ExpectCrsContract(g);
    if (c.grade == 0) {
      EXPECT_TRUE(Contains(g.reason, "no fever")) << g.reason;
    }
  }
  // The fever gate also gates the domains: a vasopressor at 37.99 is not
  // CRS, at 38.0 it is grade 3.
  CrsInputs in = FebrileRoomAir(37.99);
  in.vasopressors_excluding_vasopressin = 1;
  EXPECT_EQ(GradeCrs(in).grade, 0);
  in.temperature_c = 38.0;
  EXPECT_EQ(GradeCrs(in).grade, 3);
  in.temperature_c = 38.01;
  EXPECT_EQ(GradeCrs(in).grade, 3);
}

TEST(AstctBoundariesCrsTest, FeverOf38ReachedByArithmeticCountsAs38) {
  // Doubles that are 38.0 only up to binary rounding.
  double summed = 37.0;
  for (int i = 0; i < 10; ++i) summed += 0.1;  // 38.000000000000014
  const double below = 3.8 / 0.1;              // 37.999999999999993
  ASSERT_LT(below, 38.0) << "test premise: the quotient falls below 38.0";
  const double f_times_ratio = (100.4 - 32.0) * (5.0 / 9.0);
  struct Case {
    const char* how;
    double t;
  };
  for (const Case& c : {
           Case{"(100.4-32)*5/9", (100.4 - 32.0) * 5.0 / 9.0},
           Case{"(100.4-32)/1.8", (100.4 - 32.0) / 1.8},
           Case{"(100.4-32)*(5/9)", f_times_ratio},
           Case{"311.15-273.15 (Kelvin)", 311.15 - 273.15},
           Case{"3.8/0.1", below},
           Case{"37.0 + ten times 0.1", summed},
       }) {
    SCOPED_TRACE(c.how);
    const CrsGrade g = GradeCrs(FebrileRoomAir(c.t));
    EXPECT_EQ(g.grade, 1);
    EXPECT_FALSE(Contains(g.reason, "no fever")) << g.reason;
    ExpectCrsContract(g);
    CrsInputs on_pressor = FebrileRoomAir(c.t);
    on_pressor.vasopressors_excluding_vasopressin = 1;
    EXPECT_EQ(GradeCrs(on_pressor).grade, 3);
  }
}

// LEE-CRS footnote: low-flow is <= 6 L/min, high-flow > 6 L/min;
// "6.0 L/min nasal cannula = grade 2; 6.5 = grade 3".
TEST(AstctBoundariesCrsTest, NasalCannulaFlowJustBelowAtAndAbove) {
  struct Case {
    double flow;
    int grade;
  };
  for (const Case& c :
       {Case{5.99, 2}, Case{6.0, 2}, Case{6.01, 3}, Case{6.5, 3}}) {
    SCOPED_TRACE(c.flow);
    const CrsGrade g = GradeCrs(FebrileCannula(c.flow));
    EXPECT_EQ(g.grade, c.grade);
    EXPECT_FALSE(g.provisional);
    ExpectCrsContract(g);
  }
}

TEST(AstctBoundariesCrsTest, FlowOfSixReachedByArithmeticIsLowFlow) {
  double summed = 0.0;
  for (int i = 0; i < 60; ++i) summed += 0.1;  // 5.9999999999999947
  const double above = 0.1 * 3 * 20;           // 6.0000000000000009
  ASSERT_GT(above, 6.0) << "test premise: the product lands above 6.0";
  for (double flow : {above, summed, 100.0 / 1000.0 * 60.0}) {
    SCOPED_TRACE(flow);
    const CrsGrade g = GradeCrs(FebrileCannula(flow));
    EXPECT_EQ(g.grade, 2);
    EXPECT_TRUE(Contains(g.reason, "low-flow")) << g.reason;
  }
}

// A cannula charted at 0 L/min gives no oxygen: the hypoxia domain is about
// oxygen required (crs.h), so only the fever counts. The smallest flow
// above 0 is low-flow.
TEST(AstctBoundariesCrsTest, NasalCannulaAtZeroFlowIsNoOxygen) {
  const CrsGrade g = GradeCrs(FebrileCannula(0.0));
  EXPECT_EQ(g.grade, 1);
  EXPECT_FALSE(g.provisional);  // a flow was reported
  EXPECT_EQ(GradeCrs(FebrileCannula(0.1)).grade, 2);
  ExpectCrsContract(g);
}

TEST(AstctBoundariesCrsTest, FlowOnlyMattersForANasalCannula) {
  // Room air with a leftover flow value: no hypoxia domain.
  CrsInputs in = FebrileRoomAir();
  in.oxygen_flow_l_min = 10.0;
  EXPECT_EQ(GradeCrs(in).grade, 1);
  // Blow-by is grade 2 whatever the flow.
  in.oxygen_device = OxygenDevice::kBlowBy;
  EXPECT_EQ(GradeCrs(in).grade, 2);
}

TEST(AstctBoundariesCrsTest, VasopressorGradesHypotensionWhateverTheFlag) {
  // Requiring a vasopressor is hypotension; the separate flag (site policy,
  // e.g. SBP < 90) being false or unknown does not lower the domain.
  for (std::optional<bool> flag :
       {std::optional<bool>(false), std::optional<bool>(std::nullopt)}) {
    CrsInputs in = FebrileRoomAir();
    in.hypotension = flag;
    in.vasopressors_excluding_vasopressin = 1;
    EXPECT_EQ(GradeCrs(in).grade, 3);
    in.vasopressors_excluding_vasopressin = 0;
    in.vasopressin_running = true;
    EXPECT_EQ(GradeCrs(in).grade, 3);
    in.vasopressors_excluding_vasopressin = 2;
    EXPECT_EQ(GradeCrs(in).grade, 4);
  }
}

// LEE-CRS: grade = the more severe of hypotension and hypoxia, at least 1
// with fever. Every pair, at the fever threshold itself and well above.
TEST(AstctBoundariesCrsTest, FebrileMoreSevereDomainWinsForEveryPair) {
  for (double t : {38.0, 39.5}) {
    for (bool masked : {false, true}) {  // masking changes nothing if febrile
      for (const HypotensionLevel& h : HypotensionLevels()) {
        for (const OxygenLevel& o : OxygenLevels()) {
          SCOPED_TRACE(Describe(t, masked, h, o));
          const CrsGrade g = GradeCrs(Make(t, masked, h, o));
          const int expected = std::max({1, h.grade, o.grade});
          EXPECT_EQ(g.grade, expected);
          // Only the assumed low flow can leave the grade uncertain, and
          // only when it decides grade 2 (> 6 L/min would make it 3).
          const bool provisional = o.flow_assumed && expected == 2;
          EXPECT_EQ(g.provisional, provisional);
          if (provisional) {
            EXPECT_TRUE(Contains(g.assumption, "low-flow")) << g.assumption;
          }
          EXPECT_FALSE(Contains(g.assumption, "grade 1 held"));
          EXPECT_TRUE(Contains(g.reason, "fever")) << g.reason;
          ExpectCrsContract(g);
        }
      }
    }
  }
}

// LEE-CRS: once antipyretic or anti-cytokine therapy was given, fever is
// no longer required; crs.h: masked and afebrile with neither domain is
// grade 1, provisional.
TEST(AstctBoundariesCrsTest, MaskedAfebrileMoreSevereDomainWinsForEveryPair) {
  for (std::optional<double> t :
       {std::optional<double>(std::nullopt), std::optional<double>(36.5),
        std::optional<double>(37.99)}) {
    for (const HypotensionLevel& h : HypotensionLevels()) {
      for (const OxygenLevel& o : OxygenLevels()) {
        SCOPED_TRACE(Describe(t, true, h, o));
        const CrsGrade g = GradeCrs(Make(t, /*masked=*/true, h, o));
        const int domains = std::max(h.grade, o.grade);
        const int expected = std::max(1, domains);
        EXPECT_EQ(g.grade, expected);
        const bool held = domains == 0;
        const bool flow = o.flow_assumed && expected == 2;
        EXPECT_EQ(g.provisional, held || flow);
        if (held) {
          EXPECT_TRUE(Contains(g.assumption, "masked")) << g.assumption;
        }
        if (flow) {
          EXPECT_TRUE(Contains(g.assumption, "low-flow")) << g.assumption;
        }
        EXPECT_TRUE(Contains(g.reason, "masked")) << g.reason;
        ExpectCrsContract(g);
      }
    }
  }
}

// LEE-CRS: no fever and no masking therapy is no CRS, whatever the support.
TEST(AstctBoundariesCrsTest, AfebrileUnmaskedIsAlwaysZero) {
  for (std::optional<double> t :
       {std::optional<double>(std::nullopt), std::optional<double>(35.0),
        std::optional<double>(37.99), std::optional<double>(37.9999)}) {
    for (const HypotensionLevel& h : HypotensionLevels()) {
      for (const OxygenLevel& o : OxygenLevels()) {
        SCOPED_TRACE(Describe(t, false, h, o));
        const CrsGrade g = GradeCrs(Make(t, /*masked=*/false, h, o));
        EXPECT_EQ(g.grade, 0);
        EXPECT_FALSE(g.provisional);
        EXPECT_TRUE(Contains(g.reason, t ? "no fever" : "no current"))
            << g.reason;
        ExpectCrsContract(g);
      }
    }
  }
}

// ---------------------------------------------------------------------------
// ICANS
// ---------------------------------------------------------------------------

// Contract checks every ICANS result must satisfy (icans.h).
void ExpectIcansContract(const IcansGrade& g) {
  if (g.provisional) {
    EXPECT_FALSE(g.assumption.empty()) << "provisional without assumption";
    EXPECT_TRUE(g.grade.has_value() && *g.grade >= 1)
        << "provisional without a positive grade";
  }
  if (g.grade) {
    EXPECT_GE(*g.grade, 0);
    EXPECT_LE(*g.grade, 4);
    if (*g.grade >= 1) {
      // "Findings are assumed not attributable to another cause".
      EXPECT_TRUE(Contains(g.assumption, "not attributable")) << g.assumption;
      EXPECT_FALSE(g.reason.empty());
    }
  }
}

enum class Domain { kIce, kConsciousness, kSeizure, kMotor, kEdema };

struct DomainLevel {
  std::string name;
  Domain domain;
  std::function<void(IcansInputs&)> set;
  int grade;  // LEE-ICANS grade of this finding alone
  bool unspecified_seizure = false;
};

std::vector<DomainLevel> IcansDomainLevels() {
  std::vector<DomainLevel> levels;
  // ICE bands at every edge: 10 | 9..7 | 6..3 | 2..0.
  for (const auto& [ice, grade] : std::vector<std::pair<int, int>>{
           {10, 0}, {9, 1}, {7, 1}, {6, 2}, {3, 2}, {2, 3}, {0, 3}}) {
    levels.push_back({"ICE " + std::to_string(ice), Domain::kIce,
                      [ice](IcansInputs& in) { in.ice_score = ice; }, grade});
  }
  const std::pair<Consciousness, int> kLoc[] = {
      {Consciousness::kAlert, 0},
      {Consciousness::kAwakensSpontaneously, 1},
      {Consciousness::kAwakensToVoice, 2},
      {Consciousness::kAwakensToTactile, 3},
      {Consciousness::kUnarousable, 4}};
  for (const auto& [c, grade] : kLoc) {
    levels.push_back({"consciousness " + std::to_string(static_cast<int>(c)),
                      Domain::kConsciousness,
                      [c](IcansInputs& in) { in.consciousness = c; }, grade});
  }
  levels.push_back({"no seizure", Domain::kSeizure,
                    [](IcansInputs& in) { in.seizure = Seizure::kNone; }, 0});
  levels.push_back(
      {"rapidly resolving seizure", Domain::kSeizure,
       [](IcansInputs& in) { in.seizure = Seizure::kRapidlyResolving; }, 3});
  levels.push_back(
      {"prolonged/repetitive seizure", Domain::kSeizure,
       [](IcansInputs& in) { in.seizure = Seizure::kProlongedOrRepetitive; },
       4});
  levels.push_back({"unspecified seizure", Domain::kSeizure,
                    [](IcansInputs& in) { in.seizure = Seizure::kUnspecified; },
                    3, true});
  levels.push_back(
      {"no motor weakness", Domain::kMotor,
       [](IcansInputs& in) { in.deep_focal_motor_weakness = false; }, 0});
  levels.push_back(
      {"deep focal motor weakness", Domain::kMotor,
       [](IcansInputs& in) { in.deep_focal_motor_weakness = true; }, 4});
  levels.push_back(
      {"no oedema", Domain::kEdema,
       [](IcansInputs& in) { in.cerebral_edema = CerebralEdema::kNone; }, 0});
  levels.push_back(
      {"focal oedema", Domain::kEdema,
       [](IcansInputs& in) { in.cerebral_edema = CerebralEdema::kFocal; }, 3});
  levels.push_back(
      {"diffuse oedema", Domain::kEdema,
       [](IcansInputs& in) { in.cerebral_edema = CerebralEdema::kDiffuse; },
       4});
  return levels;
}

TEST(AstctBoundariesIcansTest, IceBandsWithConsciousnessUnknown) {
  // LEE-ICANS: 7-9 -> 1, 3-6 -> 2, 0-2 -> 3; 10 = no impairment.
  const int kExpected[11] = {3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 0};
  for (int ice = 0; ice <= 10; ++ice) {
    SCOPED_TRACE(ice);
    IcansInputs in;
    in.ice_score = ice;
    const IcansGrade g = GradeIcans(in);
    ASSERT_TRUE(g.grade.has_value());
    EXPECT_EQ(*g.grade, kExpected[ice]);
    EXPECT_FALSE(g.provisional);
    EXPECT_TRUE(Contains(g.reason, "ICE " + std::to_string(ice))) << g.reason;
    ExpectIcansContract(g);
  }
}

// LEE-ICANS: ICE 0 is grade 3 when awake (global aphasia), grade 4 only when
// the patient is unarousable and unable to perform ICE.
TEST(AstctBoundariesIcansTest, IceZeroAwakeVersusUnarousable) {
  struct Case {
    std::optional<Consciousness> c;
    int grade;
  };
  for (const Case& k : {Case{std::nullopt, 3}, Case{Consciousness::kAlert, 3},
                        Case{Consciousness::kAwakensSpontaneously, 3},
                        Case{Consciousness::kAwakensToVoice, 3},
                        Case{Consciousness::kAwakensToTactile, 3},
                        Case{Consciousness::kUnarousable, 4}}) {
    SCOPED_TRACE(k.c ? static_cast<int>(*k.c) : -1);
    IcansInputs in;
    in.ice_score = 0;
    in.consciousness = k.c;
    const IcansGrade g = GradeIcans(in);
    EXPECT_EQ(g.grade, k.grade);
    ExpectIcansContract(g);
  }
  // ICE 1 or 2 in an unarousable patient: 4 through the consciousness domain.
  for (int ice : {1, 2}) {
    IcansInputs in;
    in.ice_score = ice;
    in.consciousness = Consciousness::kUnarousable;
    EXPECT_EQ(GradeIcans(in).grade, 4) << ice;
  }
}

// icans.h documents ice_score as 0..10 and states nothing else; icans.cc
// clamps to 0..10 (ingest already rejects other values, README). Pin that:
// no crash or UB (the sanitize tree runs UBSan) and the clamped band.
TEST(AstctBoundariesIcansTest, IceOutOfRangeIsClampedToTheScale) {
  struct Case {
    int ice;
    std::optional<Consciousness> c;
    int grade;
    const char* reason;
  };
  for (const Case& k : {
           Case{-1, std::nullopt, 3, "ICE 0"},
           Case{-1, Consciousness::kAlert, 3, "ICE 0"},
           Case{-1, Consciousness::kUnarousable, 4, "ICE 0"},
           Case{INT_MIN, std::nullopt, 3, "ICE 0"},
           Case{11, std::nullopt, 0, "ICE 10"},
           Case{11, Consciousness::kAlert, 0, "ICE 10"},
           Case{INT_MAX, std::nullopt, 0, "ICE 10"},
       }) {
    SCOPED_TRACE(k.ice);
    IcansInputs in;
    in.ice_score = k.ice;
    in.consciousness = k.c;
    const IcansGrade g = GradeIcans(in);
    EXPECT_EQ(g.grade, k.grade);
    EXPECT_TRUE(Contains(g.reason, k.reason)) << g.reason;
    ExpectIcansContract(g);
  }
}

TEST(AstctBoundariesIcansTest, EveryDomainLevelAlone) {
  for (const DomainLevel& level : IcansDomainLevels()) {
    SCOPED_TRACE(level.name);
    IcansInputs in;
    level.set(in);
    const IcansGrade g = GradeIcans(in);
    // A known negative finding is grade 0, not "not gradable".
    ASSERT_TRUE(g.grade.has_value());
    EXPECT_EQ(*g.grade, level.grade);
    EXPECT_EQ(g.provisional, level.unspecified_seizure);
    ExpectIcansContract(g);
  }
}

// LEE-ICANS: grade = the most severe domain. For every pair of levels from
// two different domains the grade is the higher of the two.
TEST(AstctBoundariesIcansTest, EveryPairOfDomainsTakesTheMoreSevere) {
  const std::vector<DomainLevel> levels = IcansDomainLevels();
  int pairs = 0;
  for (size_t i = 0; i < levels.size(); ++i) {
    for (size_t j = i + 1; j < levels.size(); ++j) {
      const DomainLevel& a = levels[i];
      const DomainLevel& b = levels[j];
      if (a.domain == b.domain) continue;
      SCOPED_TRACE(a.name + " + " + b.name);
      IcansInputs in;
      a.set(in);
      b.set(in);
      const IcansGrade g = GradeIcans(in);
      const int expected = std::max(a.grade, b.grade);
      ASSERT_TRUE(g.grade.has_value());
      EXPECT_EQ(*g.grade, expected);
      // icans.h: an unspecified seizure is a provisional 3 (it may be 4);
      // once another domain gives 4 nothing is left uncertain.
      const bool provisional =
          (a.unspecified_seizure || b.unspecified_seizure) && expected == 3;
      EXPECT_EQ(g.provisional, provisional);
      ExpectIcansContract(g);
      ++pairs;
    }
  }
  EXPECT_GT(pairs, 100);
}

// The reference's own example (clinical-grading.md section 3): "ICE 3 +
// generalized seizure = grade 3".
TEST(AstctBoundariesIcansTest, ReferenceExampleIceThreePlusSeizure) {
  IcansInputs in;
  in.ice_score = 3;
  in.consciousness = Consciousness::kAlert;
  in.seizure = Seizure::kRapidlyResolving;
  const IcansGrade g = GradeIcans(in);
  EXPECT_EQ(g.grade, 3);
  EXPECT_FALSE(g.provisional);
  EXPECT_TRUE(Contains(g.reason, "ICE 3")) << g.reason;
  EXPECT_TRUE(Contains(g.reason, "seizure")) << g.reason;
  ExpectIcansContract(g);
}

// icans.h: a sedated patient is not graded on ICE or consciousness (no
// grade, not grade 0); the other domains still count; nothing gradable ->
// nullopt.
TEST(AstctBoundariesIcansTest, SedatedIgnoresIceAndConsciousness) {
  std::vector<std::optional<Consciousness>> locs = {
      std::nullopt,
      Consciousness::kAlert,
      Consciousness::kAwakensSpontaneously,
      Consciousness::kAwakensToVoice,
      Consciousness::kAwakensToTactile,
      Consciousness::kUnarousable};
  for (int ice = -1; ice <= 10; ++ice) {  // -1: ICE unknown
    for (const auto& c : locs) {
      SCOPED_TRACE("ICE " + std::to_string(ice) + " LOC " +
                   std::to_string(c ? static_cast<int>(*c) : -1));
      IcansInputs in;
      in.sedated = true;
      if (ice >= 0) in.ice_score = ice;
      in.consciousness = c;
      IcansGrade g = GradeIcans(in);
      EXPECT_FALSE(g.grade.has_value()) << *g.grade;
      EXPECT_FALSE(g.provisional);
      EXPECT_TRUE(Contains(g.reason, "sedated")) << g.reason;
      // Every other domain known and negative: still not gradable.
      in.seizure = Seizure::kNone;
      in.deep_focal_motor_weakness = false;
      in.cerebral_edema = CerebralEdema::kNone;
      g = GradeIcans(in);
      EXPECT_FALSE(g.grade.has_value()) << *g.grade;
      EXPECT_FALSE(g.provisional);
    }
  }
}

TEST(AstctBoundariesIcansTest, SedatedOtherDomainsStillCount) {
  for (const DomainLevel& level : IcansDomainLevels()) {
    if (level.domain == Domain::kIce || level.domain == Domain::kConsciousness)
      continue;
    SCOPED_TRACE(level.name);
    // ICE 0 and unarousable would be 4 if they counted; sedated they don't.
    IcansInputs in;
    in.sedated = true;
    in.ice_score = 0;
    in.consciousness = Consciousness::kUnarousable;
    level.set(in);
    const IcansGrade g = GradeIcans(in);
    if (level.grade == 0) {
      EXPECT_FALSE(g.grade.has_value()) << *g.grade;
    } else {
      EXPECT_EQ(g.grade, level.grade);
    }
    EXPECT_EQ(g.provisional, level.unspecified_seizure);
    ExpectIcansContract(g);
  }
  // A negative finding next to a positive one does not undo it.
  IcansInputs in;
  in.sedated = true;
  in.ice_score = 10;
  in.consciousness = Consciousness::kAlert;
  in.seizure = Seizure::kNone;
  in.deep_focal_motor_weakness = false;
  in.cerebral_edema = CerebralEdema::kFocal;
  EXPECT_EQ(GradeIcans(in).grade, 3);
}

TEST(AstctBoundariesIcansTest, NothingKnownIsNotGradableNegativesAreZero) {
  IcansInputs none;
  const IcansGrade g = GradeIcans(none);
  EXPECT_FALSE(g.grade.has_value());
  EXPECT_FALSE(g.provisional);
  ExpectIcansContract(g);

  // Known negatives, not sedated: grade 0, never nullopt.
  IcansInputs negatives;
  negatives.seizure = Seizure::kNone;
  negatives.deep_focal_motor_weakness = false;
  negatives.cerebral_edema = CerebralEdema::kNone;
  EXPECT_EQ(GradeIcans(negatives).grade, 0);
  negatives.ice_score = 10;
  negatives.consciousness = Consciousness::kAlert;
  const IcansGrade zero = GradeIcans(negatives);
  EXPECT_EQ(zero.grade, 0);
  EXPECT_FALSE(zero.provisional);
}

TEST(AstctBoundariesIcansTest, MotorWeaknessFalseIsZeroNotUngradable) {
  IcansInputs in;
  in.deep_focal_motor_weakness = false;
  const IcansGrade g = GradeIcans(in);
  ASSERT_TRUE(g.grade.has_value());
  EXPECT_EQ(*g.grade, 0);
  EXPECT_FALSE(g.provisional);
  in.deep_focal_motor_weakness = true;
  EXPECT_EQ(GradeIcans(in).grade, 4);
}

// icans.h: a seizure charted without its course is a provisional 3 (grade
// 4 if it lasted > 5 min or repeated without return to baseline).
TEST(AstctBoundariesIcansTest, UnspecifiedSeizureProvisionalRule) {
  struct Case {
    const char* what;
    std::function<void(IcansInputs&)> extra;
    int grade;
    bool provisional;
  };
  const std::vector<Case> cases = {
      {"alone", [](IcansInputs&) {}, 3, true},
      {"ICE 10", [](IcansInputs& in) { in.ice_score = 10; }, 3, true},
      {"ICE 8", [](IcansInputs& in) { in.ice_score = 8; }, 3, true},
      {"ICE 2", [](IcansInputs& in) { in.ice_score = 2; }, 3, true},
      {"awakens to tactile",
       [](IcansInputs& in) {
         in.consciousness = Consciousness::kAwakensToTactile;
       },
       3, true},
      {"focal oedema",
       [](IcansInputs& in) { in.cerebral_edema = CerebralEdema::kFocal; }, 3,
       true},
      {"motor weakness false",
       [](IcansInputs& in) { in.deep_focal_motor_weakness = false; }, 3, true},
      {"sedated",
       [](IcansInputs& in) {
         in.sedated = true;
         in.ice_score = 0;
         in.consciousness = Consciousness::kUnarousable;
       },
       3, true},
      {"deep focal motor weakness",
       [](IcansInputs& in) { in.deep_focal_motor_weakness = true; }, 4, false},
      {"diffuse oedema",
       [](IcansInputs& in) { in.cerebral_edema = CerebralEdema::kDiffuse; }, 4,
       false},
      {"unarousable",
       [](IcansInputs& in) { in.consciousness = Consciousness::kUnarousable; },
       4, false},
      {"ICE 0 unarousable",
       [](IcansInputs& in) {
         in.ice_score = 0;
         in.consciousness = Consciousness::kUnarousable;
       },
       4, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.what);
    IcansInputs in;
    in.seizure = Seizure::kUnspecified;
    c.extra(in);
    const IcansGrade g = GradeIcans(in);
    EXPECT_EQ(g.grade, c.grade);
    EXPECT_EQ(g.provisional, c.provisional);
    if (c.provisional) {
      EXPECT_TRUE(Contains(g.assumption, "5 min")) << g.assumption;
    }
    EXPECT_TRUE(Contains(g.reason, "seizure")) << g.reason;
    ExpectIcansContract(g);
  }
  // A charted course is never provisional.
  for (Seizure s :
       {Seizure::kRapidlyResolving, Seizure::kProlongedOrRepetitive}) {
    IcansInputs in;
    in.seizure = s;
    EXPECT_FALSE(GradeIcans(in).provisional) << static_cast<int>(s);
  }
}

}  // namespace
}  // namespace iraed::grading
