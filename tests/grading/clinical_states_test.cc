// ASTCT CRS / ICANS inputs read from flowsheet values: numeric concepts
// normalised to one unit, charted states folded to canonical tokens, and
// every token mapped back to its grading enum.
#include "grading/clinical_states.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "grading/analytes.h"

namespace iraed::grading {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

StateReading Num(Analyte a, std::optional<double> v, std::string_view unit) {
  return ReadClinicalState(a, v, std::nullopt, unit);
}

StateReading Text(Analyte a, const std::string& text,
                  std::string_view unit = "") {
  return ReadClinicalState(a, std::nullopt, text, unit);
}

// A reading rejected: no value, and a reason that names the concept.
void ExpectRejected(const StateReading& r, Analyte a) {
  EXPECT_FALSE(r.value.has_value());
  EXPECT_FALSE(r.problem.empty());
  EXPECT_NE(r.problem.find(std::string(AnalyteName(a))), std::string::npos)
      << r.problem;
}

// A numeric reading accepted with value `v` (normalised unit).
void ExpectNumber(const StateReading& r, double v, double tol = 0) {
  ASSERT_TRUE(r.value.has_value()) << r.problem;
  ASSERT_TRUE(r.value->number.has_value());
  EXPECT_TRUE(r.value->token.empty());
  if (tol == 0) {
    EXPECT_EQ(*r.value->number, v);
  } else {
    EXPECT_NEAR(*r.value->number, v, tol);
  }
  EXPECT_TRUE(r.problem.empty()) << r.problem;
}

// The token a state text reads as; "" when rejected.
std::string TokenOf(Analyte a, const std::string& text) {
  const StateReading r = Text(a, text);
  if (!r.value) return "";
  EXPECT_FALSE(r.value->number.has_value());
  EXPECT_TRUE(r.problem.empty()) << r.problem;
  return r.value->token;
}

// ---------------------------------------------------------------------------
// IsAstctInput

TEST(ClinicalStatesTest, IsAstctInput) {
  for (Analyte a :
       {Analyte::kBodyTemperature, Analyte::kSystolicBp, Analyte::kHypotension,
        Analyte::kOxygenFlow, Analyte::kOxygenDevice, Analyte::kIceScore,
        Analyte::kConsciousness, Analyte::kSeizure, Analyte::kMotorWeakness,
        Analyte::kCerebralEdema, Analyte::kSedation,
        Analyte::kFeverOtherCause}) {
    EXPECT_TRUE(IsAstctInput(a)) << AnalyteName(a);
  }
  for (Analyte a :
       {Analyte::kAlt, Analyte::kAst, Analyte::kCreatinine, Analyte::kGlucose,
        Analyte::kTroponinT, Analyte::kTsh, Analyte::kGlucoseFasting}) {
    EXPECT_FALSE(IsAstctInput(a)) << AnalyteName(a);
  }
}

TEST(ClinicalStatesTest, NonAstctConceptIsRejected) {
  ExpectRejected(Num(Analyte::kAlt, 40, "U/L"), Analyte::kAlt);
  ExpectRejected(Num(Analyte::kTsh, 5, "m[IU]/L"), Analyte::kTsh);
  ExpectRejected(Text(Analyte::kGlucoseFasting, "yes"),
                 Analyte::kGlucoseFasting);
}

// ---------------------------------------------------------------------------
// Body temperature

TEST(ClinicalStatesTest, TemperatureInCelsius) {
  ExpectNumber(Num(Analyte::kBodyTemperature, 38.2, "Cel"), 38.2);
  ExpectNumber(Num(Analyte::kBodyTemperature, 38.2, "degC"), 38.2);
  ExpectNumber(Num(Analyte::kBodyTemperature, 36.6,
                   "\xc2\xb0"
                   "C"),
               36.6);
  ExpectNumber(Num(Analyte::kBodyTemperature, 39, "cel"), 39);
}

TEST(ClinicalStatesTest, TemperatureInFahrenheitIsConvertedToCelsius) {
  ExpectNumber(Num(Analyte::kBodyTemperature, 100.4, "[degF]"), 38.0, 1e-9);
  ExpectNumber(Num(Analyte::kBodyTemperature, 100.4,
                   "\xc2\xb0"
                   "F"),
               38.0, 1e-9);
  ExpectNumber(Num(Analyte::kBodyTemperature, 100.4, "degF"), 38.0, 1e-9);
  ExpectNumber(Num(Analyte::kBodyTemperature, 212, "[degF]"), 100.0, 1e-9);
  ExpectNumber(Num(Analyte::kBodyTemperature, 32, "[degF]"), 0.0, 1e-9);
}

TEST(ClinicalStatesTest, TemperatureWithUnknownOrWrongUnitIsRejected) {
  for (std::string_view unit :
       {"K", "kelvin", "", "mm[Hg]", "L/min", "mg/dL", "fahrenheit-ish"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectRejected(Num(Analyte::kBodyTemperature, 38.5, unit),
                   Analyte::kBodyTemperature);
  }
}

TEST(ClinicalStatesTest, TemperatureWithoutNumberIsRejected) {
  ExpectRejected(Num(Analyte::kBodyTemperature, std::nullopt, "Cel"),
                 Analyte::kBodyTemperature);
  ExpectRejected(Text(Analyte::kBodyTemperature, "38.5", "Cel"),
                 Analyte::kBodyTemperature);
  ExpectRejected(Num(Analyte::kBodyTemperature, kNaN, "Cel"),
                 Analyte::kBodyTemperature);
  ExpectRejected(Num(Analyte::kBodyTemperature, kInf, "Cel"),
                 Analyte::kBodyTemperature);
  ExpectRejected(Num(Analyte::kBodyTemperature, -kInf, "[degF]"),
                 Analyte::kBodyTemperature);
}

// ---------------------------------------------------------------------------
// Systolic blood pressure

TEST(ClinicalStatesTest, SystolicPressureOnlyInMillimetresOfMercury) {
  ExpectNumber(Num(Analyte::kSystolicBp, 88, "mm[Hg]"), 88);
  ExpectNumber(Num(Analyte::kSystolicBp, 120, "mmHg"), 120);
  ExpectNumber(Num(Analyte::kSystolicBp, 90, "mm Hg"), 90);
  for (std::string_view unit : {"kPa", "", "cmH2O", "Cel", "L/min", "mm"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectRejected(Num(Analyte::kSystolicBp, 90, unit), Analyte::kSystolicBp);
  }
}

TEST(ClinicalStatesTest, SystolicPressureWithoutNumberIsRejected) {
  ExpectRejected(Num(Analyte::kSystolicBp, std::nullopt, "mm[Hg]"),
                 Analyte::kSystolicBp);
  ExpectRejected(Text(Analyte::kSystolicBp, "120/80", "mm[Hg]"),
                 Analyte::kSystolicBp);
  ExpectRejected(Num(Analyte::kSystolicBp, kNaN, "mm[Hg]"),
                 Analyte::kSystolicBp);
}

// ---------------------------------------------------------------------------
// Oxygen flow

TEST(ClinicalStatesTest, OxygenFlowOnlyInLitresPerMinute) {
  ExpectNumber(Num(Analyte::kOxygenFlow, 6, "L/min"), 6);
  ExpectNumber(Num(Analyte::kOxygenFlow, 2.5, "l/min"), 2.5);
  ExpectNumber(Num(Analyte::kOxygenFlow, 15, "lpm"), 15);
  ExpectNumber(Num(Analyte::kOxygenFlow, 0, "L/min"), 0);
  for (std::string_view unit : {"mL/min", "", "%", "L", "mm[Hg]"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectRejected(Num(Analyte::kOxygenFlow, 6, unit), Analyte::kOxygenFlow);
  }
}

TEST(ClinicalStatesTest, NegativeOrMissingOxygenFlowIsRejected) {
  ExpectRejected(Num(Analyte::kOxygenFlow, -1, "L/min"), Analyte::kOxygenFlow);
  ExpectRejected(Num(Analyte::kOxygenFlow, -0.001, "lpm"),
                 Analyte::kOxygenFlow);
  ExpectRejected(Num(Analyte::kOxygenFlow, std::nullopt, "L/min"),
                 Analyte::kOxygenFlow);
  ExpectRejected(Num(Analyte::kOxygenFlow, kNaN, "L/min"),
                 Analyte::kOxygenFlow);
  ExpectRejected(Num(Analyte::kOxygenFlow, kInf, "L/min"),
                 Analyte::kOxygenFlow);
}

// ---------------------------------------------------------------------------
// ICE score

TEST(ClinicalStatesTest, IceScoreWholePointsZeroToTen) {
  for (int s = 0; s <= 10; ++s) {
    ExpectNumber(Num(Analyte::kIceScore, s, ""), s);
  }
  ExpectNumber(Num(Analyte::kIceScore, 0, ""), 0);
  ExpectNumber(Num(Analyte::kIceScore, 10, ""), 10);
}

TEST(ClinicalStatesTest, IceScoreOutsideRangeOrFractionalIsRejected) {
  for (double v : {10.5, -1.0, 11.0, 7.5, 0.5, 9.999, -0.5, 100.0}) {
    SCOPED_TRACE(v);
    ExpectRejected(Num(Analyte::kIceScore, v, ""), Analyte::kIceScore);
  }
  ExpectRejected(Num(Analyte::kIceScore, std::nullopt, ""), Analyte::kIceScore);
  ExpectRejected(Num(Analyte::kIceScore, kNaN, ""), Analyte::kIceScore);
  ExpectRejected(Num(Analyte::kIceScore, kInf, ""), Analyte::kIceScore);
  ExpectRejected(Text(Analyte::kIceScore, "8"), Analyte::kIceScore);
}

TEST(ClinicalStatesTest, IceScoreUnits) {
  for (std::string_view unit :
       {"", "{score}", "points", "Points", "point", "score", "{Score}"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectNumber(Num(Analyte::kIceScore, 7, unit), 7);
  }
  for (std::string_view unit : {"mg", "L/min", "score points", "mL"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectRejected(Num(Analyte::kIceScore, 7, unit), Analyte::kIceScore);
  }
}

// The header: a score is in whole points, and nothing else is guessed. A
// unit made only of punctuation ("%", "/") is a unit, not an absent one.
TEST(ClinicalStatesTest, IceScoreRejectsPunctuationOnlyUnit) {
  for (std::string_view unit : {"%", "/", "[%]"}) {
    SCOPED_TRACE(std::string(unit));
    ExpectRejected(Num(Analyte::kIceScore, 7, unit), Analyte::kIceScore);
  }
}

// ---------------------------------------------------------------------------
// Charted states: every synonym, and the token maps back to its enum.

struct Spelling {
  std::string text;
  std::string token;
};

const std::vector<Spelling>& OxygenDeviceSpellings() {
  static const std::vector<Spelling> k = {
      {"room air", "room_air"},
      {"RA", "room_air"},
      {"None", "room_air"},
      {"no oxygen", "room_air"},
      {"Room Air", "room_air"},
      {"nasal cannula", "nasal_cannula"},
      {"  nasal   cannula ", "nasal_cannula"},
      {"NC", "nasal_cannula"},
      {"low flow nasal cannula", "nasal_cannula"},
      {"Low-flow nasal cannula", "nasal_cannula"},
      {"LFNC", "nasal_cannula"},
      {"nasal prongs", "nasal_cannula"},
      {"blow by", "blow_by"},
      {"Blow-by", "blow_by"},
      {"blowby", "blow_by"},
      {"high flow nasal cannula", "high_flow_nasal_cannula"},
      {"High-Flow Nasal Cannula", "high_flow_nasal_cannula"},
      {"HFNC", "high_flow_nasal_cannula"},
      {"high flow", "high_flow_nasal_cannula"},
      {"heated high flow nasal cannula", "high_flow_nasal_cannula"},
      {"face mask", "facemask"},
      {"Face-mask", "facemask"},
      {"facemask", "facemask"},
      {"simple face mask", "facemask"},
      {"simple mask", "facemask"},
      {"non rebreather", "non_rebreather"},
      {"Non-Rebreather", "non_rebreather"},
      {"Non-rebreather", "non_rebreather"},
      {"non rebreather mask", "non_rebreather"},
      {"Non-Rebreather  Mask", "non_rebreather"},
      {"nonrebreather", "non_rebreather"},
      {"NRB", "non_rebreather"},
      {"NRBM", "non_rebreather"},
      {"venturi", "venturi_mask"},
      {"Venturi mask", "venturi_mask"},
      {"venti mask", "venturi_mask"},
      {"CPAP", "cpap"},
      {"BiPAP", "bipap"},
      {"BPAP", "bipap"},
      {"NIV", "bipap"},
      {"non invasive ventilation", "bipap"},
      {"Non-invasive ventilation", "bipap"},
      {"mechanical ventilation", "mechanical_ventilation"},
      {"ventilator", "mechanical_ventilation"},
      {"invasive ventilation", "mechanical_ventilation"},
      {"Intubated", "mechanical_ventilation"},
      {"endotracheal tube", "mechanical_ventilation"},
      {"ETT", "mechanical_ventilation"},
  };
  return k;
}

const std::vector<Spelling>& ConsciousnessSpellings() {
  static const std::vector<Spelling> k = {
      {"alert", "alert"},
      {"Awake", "alert"},
      {"A", "alert"},
      {"a", "alert"},
      {"awakens spontaneously", "awakens_spontaneously"},
      {"Awakens spontaneously.", "awakens_spontaneously"},
      {"awakens to voice", "awakens_to_voice"},
      {"responds to voice", "awakens_to_voice"},
      {"Voice", "awakens_to_voice"},
      {"V", "awakens_to_voice"},
      {"awakens to tactile stimulus", "awakens_to_tactile"},
      {"awakens only to tactile stimulus", "awakens_to_tactile"},
      {"tactile", "awakens_to_tactile"},
      {"responds to pain", "awakens_to_tactile"},
      {"Pain", "awakens_to_tactile"},
      {"P", "awakens_to_tactile"},
      {"unarousable", "unarousable"},
      {"Unresponsive", "unarousable"},
      {"U", "unarousable"},
      {"stupor", "unarousable"},
      {"Coma", "unarousable"},
      {"requires vigorous stimuli", "unarousable"},
      {"requires repetitive tactile stimuli", "unarousable"},
  };
  return k;
}

const std::vector<Spelling>& SeizureSpellings() {
  static const std::vector<Spelling> k = {
      {"none", "none"},
      {"No", "none"},
      {"absent", "none"},
      {"no seizure", "none"},
      {"rapidly resolving", "rapidly_resolving"},
      {"Rapidly-resolving", "rapidly_resolving"},
      {"resolved rapidly", "rapidly_resolving"},
      {"nonconvulsive resolved with intervention", "rapidly_resolving"},
      {"prolonged", "prolonged_or_repetitive"},
      {"repetitive", "prolonged_or_repetitive"},
      {"Status epilepticus", "prolonged_or_repetitive"},
      {"prolonged or repetitive", "prolonged_or_repetitive"},
      {"yes", "unspecified"},
      {"YES", "unspecified"},
      {"present", "unspecified"},
      {"seizure", "unspecified"},
      {"focal", "unspecified"},
      {"Generalized", "unspecified"},
  };
  return k;
}

const std::vector<Spelling>& CerebralEdemaSpellings() {
  static const std::vector<Spelling> k = {
      {"none", "none"},
      {"no", "none"},
      {"absent", "none"},
      {"Normal", "none"},
      {"focal", "focal"},
      {"local", "focal"},
      {"focal edema", "focal"},
      {"diffuse", "diffuse"},
      {"Diffuse edema", "diffuse"},
      {"papilledema", "diffuse"},
      {"decerebrate posturing", "diffuse"},
      {"decorticate posturing", "diffuse"},
      {"posturing", "diffuse"},
      {"cranial nerve VI palsy", "diffuse"},
      {"CN VI palsy", "diffuse"},
      {"Cushing triad", "diffuse"},
  };
  return k;
}

const std::vector<Spelling>& YesNoSpellings() {
  static const std::vector<Spelling> k = {
      {"yes", "yes"},
      {"Y", "yes"},
      {"true", "yes"},
      {"Positive", "yes"},
      {"present", "yes"},
      {"1", "yes"},
      {"sedated", "yes"},
      {"hemiparesis", "yes"},
      {"paraparesis", "yes"},
      {"no", "no"},
      {"N", "no"},
      {"FALSE", "no"},
      {"negative", "no"},
      {"absent", "no"},
      {"none", "no"},
      {"0", "no"},
      {"not sedated", "no"},
      {"Not-sedated", "no"},
  };
  return k;
}

template <typename FromToken>
void CheckFamily(Analyte a, const std::vector<Spelling>& spellings,
                 FromToken from_token) {
  for (const Spelling& s : spellings) {
    SCOPED_TRACE(std::string(AnalyteName(a)) + " '" + s.text + "'");
    const StateReading r = Text(a, s.text);
    EXPECT_EQ(TokenOf(a, s.text), s.token) << r.problem;
    // Round trip: whatever token is produced maps back.
    if (r.value) {
      EXPECT_TRUE(from_token(r.value->token).has_value());
    }
  }
}

TEST(ClinicalStatesTest, OxygenDeviceSynonyms) {
  CheckFamily(Analyte::kOxygenDevice, OxygenDeviceSpellings(),
              OxygenDeviceFromToken);
}

TEST(ClinicalStatesTest, ConsciousnessSynonymsIncludingAvpu) {
  CheckFamily(Analyte::kConsciousness, ConsciousnessSpellings(),
              ConsciousnessFromToken);
}

TEST(ClinicalStatesTest, SeizureSynonymsYesIsUnspecified) {
  CheckFamily(Analyte::kSeizure, SeizureSpellings(), SeizureFromToken);
  EXPECT_EQ(SeizureFromToken(TokenOf(Analyte::kSeizure, "yes")),
            Seizure::kUnspecified);
}

TEST(ClinicalStatesTest, CerebralEdemaSynonyms) {
  CheckFamily(Analyte::kCerebralEdema, CerebralEdemaSpellings(),
              CerebralEdemaFromToken);
}

TEST(ClinicalStatesTest, YesNoSynonymsForEveryYesNoConcept) {
  for (Analyte a : {Analyte::kHypotension, Analyte::kMotorWeakness,
                    Analyte::kSedation, Analyte::kFeverOtherCause}) {
    CheckFamily(a, YesNoSpellings(), YesNoFromToken);
  }
}

TEST(ClinicalStatesTest, YesNoAcceptsNumericOneAndZero) {
  for (Analyte a : {Analyte::kHypotension, Analyte::kMotorWeakness,
                    Analyte::kSedation, Analyte::kFeverOtherCause}) {
    SCOPED_TRACE(std::string(AnalyteName(a)));
    StateReading one = Num(a, 1, "");
    ASSERT_TRUE(one.value.has_value()) << one.problem;
    EXPECT_EQ(one.value->token, "yes");
    EXPECT_FALSE(one.value->number.has_value());
    EXPECT_EQ(YesNoFromToken(one.value->token), true);
    StateReading zero = Num(a, 0, "");
    ASSERT_TRUE(zero.value.has_value()) << zero.problem;
    EXPECT_EQ(zero.value->token, "no");
    EXPECT_EQ(YesNoFromToken(zero.value->token), false);
    for (double v : {2.0, 0.5, -1.0, kNaN}) {
      SCOPED_TRACE(v);
      ExpectRejected(Num(a, v, ""), a);
    }
    ExpectRejected(Num(a, std::nullopt, ""), a);
  }
}

TEST(ClinicalStatesTest, NonYesNoStatesRejectNumbers) {
  for (Analyte a : {Analyte::kOxygenDevice, Analyte::kConsciousness,
                    Analyte::kSeizure, Analyte::kCerebralEdema}) {
    SCOPED_TRACE(std::string(AnalyteName(a)));
    for (double v : {0.0, 1.0, 3.0}) ExpectRejected(Num(a, v, ""), a);
    ExpectRejected(Num(a, std::nullopt, ""), a);
  }
}

TEST(ClinicalStatesTest, UnknownTextIsRejectedNamingConceptAndValueOnly) {
  const std::string secret_unit = "UNIT-SHOULD-NOT-APPEAR";
  for (Analyte a :
       {Analyte::kOxygenDevice, Analyte::kConsciousness, Analyte::kSeizure,
        Analyte::kCerebralEdema, Analyte::kHypotension, Analyte::kMotorWeakness,
        Analyte::kSedation}) {
    SCOPED_TRACE(std::string(AnalyteName(a)));
    for (const std::string& text :
         std::vector<std::string>{"telepathy", "maybe", "", "   ", "2",
                                  "alertish", "room-air-ish"}) {
      SCOPED_TRACE("'" + text + "'");
      const StateReading r = Text(a, text, secret_unit);
      ExpectRejected(r, a);
      EXPECT_NE(r.problem.find(text), std::string::npos) << r.problem;
      EXPECT_EQ(r.problem.find(secret_unit), std::string::npos) << r.problem;
    }
    // The problem differs between two values only by the value text: nothing
    // else from the observation is echoed.
    const std::string p1 = Text(a, "zzzfirst", secret_unit).problem;
    const std::string p2 = Text(a, "qqqsecond", "other unit").problem;
    std::string p1_masked = p1;
    p1_masked.replace(p1.find("zzzfirst"), 8, "X");
    std::string p2_masked = p2;
    p2_masked.replace(p2.find("qqqsecond"), 9, "X");
    EXPECT_EQ(p1_masked, p2_masked);
  }
}

// ---------------------------------------------------------------------------
// ...FromToken: every canonical token, nothing else.

TEST(ClinicalStatesTest, OxygenDeviceFromToken) {
  EXPECT_EQ(OxygenDeviceFromToken("room_air"), OxygenDevice::kNone);
  EXPECT_EQ(OxygenDeviceFromToken("nasal_cannula"),
            OxygenDevice::kNasalCannula);
  EXPECT_EQ(OxygenDeviceFromToken("blow_by"), OxygenDevice::kBlowBy);
  EXPECT_EQ(OxygenDeviceFromToken("high_flow_nasal_cannula"),
            OxygenDevice::kHighFlowNasalCannula);
  EXPECT_EQ(OxygenDeviceFromToken("facemask"), OxygenDevice::kFacemask);
  EXPECT_EQ(OxygenDeviceFromToken("non_rebreather"),
            OxygenDevice::kNonRebreather);
  EXPECT_EQ(OxygenDeviceFromToken("venturi_mask"), OxygenDevice::kVenturiMask);
  EXPECT_EQ(OxygenDeviceFromToken("cpap"), OxygenDevice::kCpap);
  EXPECT_EQ(OxygenDeviceFromToken("bipap"), OxygenDevice::kBipap);
  EXPECT_EQ(OxygenDeviceFromToken("mechanical_ventilation"),
            OxygenDevice::kMechanicalVentilation);
  for (std::string_view t :
       {"", "Room_Air", "room air", "NRB", "hfnc", "yes", "none"}) {
    EXPECT_FALSE(OxygenDeviceFromToken(t).has_value()) << t;
  }
}

TEST(ClinicalStatesTest, ConsciousnessFromToken) {
  EXPECT_EQ(ConsciousnessFromToken("alert"), Consciousness::kAlert);
  EXPECT_EQ(ConsciousnessFromToken("awakens_spontaneously"),
            Consciousness::kAwakensSpontaneously);
  EXPECT_EQ(ConsciousnessFromToken("awakens_to_voice"),
            Consciousness::kAwakensToVoice);
  EXPECT_EQ(ConsciousnessFromToken("awakens_to_tactile"),
            Consciousness::kAwakensToTactile);
  EXPECT_EQ(ConsciousnessFromToken("unarousable"), Consciousness::kUnarousable);
  for (std::string_view t : {"", "A", "Alert", "awake", "coma", "no"}) {
    EXPECT_FALSE(ConsciousnessFromToken(t).has_value()) << t;
  }
}

TEST(ClinicalStatesTest, SeizureFromToken) {
  EXPECT_EQ(SeizureFromToken("none"), Seizure::kNone);
  EXPECT_EQ(SeizureFromToken("rapidly_resolving"), Seizure::kRapidlyResolving);
  EXPECT_EQ(SeizureFromToken("prolonged_or_repetitive"),
            Seizure::kProlongedOrRepetitive);
  EXPECT_EQ(SeizureFromToken("unspecified"), Seizure::kUnspecified);
  for (std::string_view t : {"", "yes", "no", "None", "status epilepticus"}) {
    EXPECT_FALSE(SeizureFromToken(t).has_value()) << t;
  }
}

TEST(ClinicalStatesTest, CerebralEdemaFromToken) {
  EXPECT_EQ(CerebralEdemaFromToken("none"), CerebralEdema::kNone);
  EXPECT_EQ(CerebralEdemaFromToken("focal"), CerebralEdema::kFocal);
  EXPECT_EQ(CerebralEdemaFromToken("diffuse"), CerebralEdema::kDiffuse);
  for (std::string_view t : {"", "no", "Focal", "papilledema", "local"}) {
    EXPECT_FALSE(CerebralEdemaFromToken(t).has_value()) << t;
  }
}

TEST(ClinicalStatesTest, YesNoFromToken) {
  EXPECT_EQ(YesNoFromToken("yes"), true);
  EXPECT_EQ(YesNoFromToken("no"), false);
  for (std::string_view t : {"", "Yes", "1", "0", "true", "none", "y"}) {
    EXPECT_FALSE(YesNoFromToken(t).has_value()) << t;
  }
}

// Every token the reader can produce is a token its FromToken accepts, and
// every enum value is reachable from some charted text.
TEST(ClinicalStatesTest, EveryEnumValueIsReachable) {
  std::vector<bool> devices(10), levels(5), seizures(4), edema(3), yes_no(2);
  for (const Spelling& s : OxygenDeviceSpellings()) {
    if (auto d = OxygenDeviceFromToken(TokenOf(Analyte::kOxygenDevice, s.text)))
      devices[static_cast<int>(*d)] = true;
  }
  for (const Spelling& s : ConsciousnessSpellings()) {
    if (auto c =
            ConsciousnessFromToken(TokenOf(Analyte::kConsciousness, s.text)))
      levels[static_cast<int>(*c)] = true;
  }
  for (const Spelling& s : SeizureSpellings()) {
    if (auto z = SeizureFromToken(TokenOf(Analyte::kSeizure, s.text)))
      seizures[static_cast<int>(*z)] = true;
  }
  for (const Spelling& s : CerebralEdemaSpellings()) {
    if (auto e =
            CerebralEdemaFromToken(TokenOf(Analyte::kCerebralEdema, s.text)))
      edema[static_cast<int>(*e)] = true;
  }
  for (const Spelling& s : YesNoSpellings()) {
    if (auto b = YesNoFromToken(TokenOf(Analyte::kSedation, s.text)))
      yes_no[*b ? 1 : 0] = true;
  }
  for (std::size_t i = 0; i < devices.size(); ++i) EXPECT_TRUE(devices[i]) << i;
  for (std::size_t i = 0; i < levels.size(); ++i) EXPECT_TRUE(levels[i]) << i;
  for (std::size_t i = 0; i < seizures.size(); ++i)
    EXPECT_TRUE(seizures[i]) << i;
  for (std::size_t i = 0; i < edema.size(); ++i) EXPECT_TRUE(edema[i]) << i;
  EXPECT_TRUE(yes_no[0]);
  EXPECT_TRUE(yes_no[1]);
}

}  // namespace
}  // namespace iraed::grading

namespace iraed::grading {
namespace {

TEST(AstctInputsTest, EachSyndromesInputsAreAstctInputsAndApart) {
  for (Analyte a : kCrsInputs) {
    EXPECT_TRUE(IsAstctInput(a)) << AnalyteName(a);
    EXPECT_TRUE(IsCrsInput(a)) << AnalyteName(a);
  }
  for (Analyte a : kIcansInputs) {
    EXPECT_TRUE(IsAstctInput(a)) << AnalyteName(a);
    EXPECT_FALSE(IsCrsInput(a)) << AnalyteName(a);
  }
  EXPECT_FALSE(IsCrsInput(Analyte::kAlt));
}

// CAPD (reference 10.5) and inspired oxygen (10.6).
TEST(ClinicalStatesTest, CapdWholePointsZeroToThirtyTwo) {
  for (int s : {0, 1, 8, 9, 31, 32}) {
    ExpectNumber(Num(Analyte::kCapd, s, "{score}"), s);
  }
  for (double v : {-1.0, 32.5, 33.0, 4.5}) {
    SCOPED_TRACE(v);
    ExpectRejected(Num(Analyte::kCapd, v, ""), Analyte::kCapd);
  }
  ExpectRejected(Num(Analyte::kCapd, 4, "mg"), Analyte::kCapd);
}

TEST(ClinicalStatesTest, InspiredOxygenIsAPercentage) {
  ExpectNumber(Num(Analyte::kInspiredOxygen, 21, "%"), 21);
  ExpectNumber(Num(Analyte::kInspiredOxygen, 40, "%"), 40);
  ExpectNumber(Num(Analyte::kInspiredOxygen, 100, "%"), 100);
  for (double v : {0.4, 20.9, 100.1}) {
    SCOPED_TRACE(v);
    ExpectRejected(Num(Analyte::kInspiredOxygen, v, "%"),
                   Analyte::kInspiredOxygen);
  }
  ExpectRejected(Num(Analyte::kInspiredOxygen, 40, ""),
                 Analyte::kInspiredOxygen);
  EXPECT_TRUE(IsAstctInput(Analyte::kInspiredOxygen));
  EXPECT_TRUE(IsCrsInput(Analyte::kInspiredOxygen));
  EXPECT_TRUE(IsAstctInput(Analyte::kCapd));
  EXPECT_FALSE(IsCrsInput(Analyte::kCapd));
}

}  // namespace
}  // namespace iraed::grading
