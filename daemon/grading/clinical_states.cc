#include "grading/clinical_states.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <iterator>
#include <utility>

#include "grading/format.h"
#include "grading/units.h"

namespace iraed::grading {
namespace {

using Synonym = std::pair<std::string_view, std::string_view>;

// Lower case; every run of characters other than letters and digits
// becomes one space; trimmed. "Non-Rebreather  Mask" -> "non rebreather
// mask".
std::string Fold(std::string_view text) {
  std::string out;
  bool pending_space = false;
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalnum(c)) {
      if (pending_space && !out.empty()) out.push_back(' ');
      pending_space = false;
      out.push_back(static_cast<char>(std::tolower(c)));
    } else {
      pending_space = true;
    }
  }
  return out;
}

// Oxygen delivery (LEE-CRS hypoxia domain devices).
constexpr std::array<Synonym, 39> kOxygenDevices = {{
    {"room air", "room_air"},
    {"ra", "room_air"},
    {"none", "room_air"},
    {"no oxygen", "room_air"},
    {"nasal cannula", "nasal_cannula"},
    {"nc", "nasal_cannula"},
    {"low flow nasal cannula", "nasal_cannula"},
    {"lfnc", "nasal_cannula"},
    {"nasal prongs", "nasal_cannula"},
    {"blow by", "blow_by"},
    {"blowby", "blow_by"},
    {"high flow nasal cannula", "high_flow_nasal_cannula"},
    {"hfnc", "high_flow_nasal_cannula"},
    {"high flow", "high_flow_nasal_cannula"},
    {"heated high flow nasal cannula", "high_flow_nasal_cannula"},
    {"face mask", "facemask"},
    {"facemask", "facemask"},
    {"simple face mask", "facemask"},
    {"simple mask", "facemask"},
    {"non rebreather", "non_rebreather"},
    {"non rebreather mask", "non_rebreather"},
    {"nonrebreather", "non_rebreather"},
    {"nrb", "non_rebreather"},
    {"nrbm", "non_rebreather"},
    {"venturi", "venturi_mask"},
    {"venturi mask", "venturi_mask"},
    {"venti mask", "venturi_mask"},
    {"cpap", "cpap"},
    {"bipap", "bipap"},
    {"bpap", "bipap"},
    {"bi pap", "bipap"},
    {"niv", "bipap"},
    {"non invasive ventilation", "bipap"},
    {"mechanical ventilation", "mechanical_ventilation"},
    {"ventilator", "mechanical_ventilation"},
    {"invasive ventilation", "mechanical_ventilation"},
    {"intubated", "mechanical_ventilation"},
    {"endotracheal tube", "mechanical_ventilation"},
    {"ett", "mechanical_ventilation"},
}};

// LEE-ICANS depressed level of consciousness; AVPU letters as charted.
constexpr std::array<Synonym, 21> kConsciousness = {{
    {"alert", "alert"},
    {"awake", "alert"},
    {"a", "alert"},
    {"awakens spontaneously", "awakens_spontaneously"},
    {"awakens to voice", "awakens_to_voice"},
    {"responds to voice", "awakens_to_voice"},
    {"voice", "awakens_to_voice"},
    {"v", "awakens_to_voice"},
    {"awakens to tactile stimulus", "awakens_to_tactile"},
    {"awakens only to tactile stimulus", "awakens_to_tactile"},
    {"tactile", "awakens_to_tactile"},
    {"responds to pain", "awakens_to_tactile"},
    {"pain", "awakens_to_tactile"},
    {"p", "awakens_to_tactile"},
    {"unarousable", "unarousable"},
    {"unresponsive", "unarousable"},
    {"u", "unarousable"},
    {"stupor", "unarousable"},
    {"coma", "unarousable"},
    {"requires vigorous stimuli", "unarousable"},
    {"requires repetitive tactile stimuli", "unarousable"},
}};

constexpr std::array<Synonym, 17> kSeizures = {{
    {"none", "none"},
    {"no", "none"},
    {"absent", "none"},
    {"no seizure", "none"},
    {"rapidly resolving", "rapidly_resolving"},
    {"resolved rapidly", "rapidly_resolving"},
    {"nonconvulsive resolved with intervention", "rapidly_resolving"},
    {"prolonged", "prolonged_or_repetitive"},
    {"repetitive", "prolonged_or_repetitive"},
    {"status epilepticus", "prolonged_or_repetitive"},
    {"prolonged or repetitive", "prolonged_or_repetitive"},
    {"prolonged repetitive", "prolonged_or_repetitive"},
    {"yes", "unspecified"},
    {"present", "unspecified"},
    {"seizure", "unspecified"},
    {"focal", "unspecified"},
    {"generalized", "unspecified"},
}};

constexpr std::array<Synonym, 18> kCerebralEdema = {{
    {"none", "none"},
    {"no", "none"},
    {"absent", "none"},
    {"normal", "none"},
    {"focal", "focal"},
    {"local", "focal"},
    {"focal edema", "focal"},
    {"diffuse", "diffuse"},
    {"diffuse edema", "diffuse"},
    {"papilledema", "diffuse"},
    {"decerebrate posturing", "diffuse"},
    {"decorticate posturing", "diffuse"},
    {"posturing", "diffuse"},
    {"cranial nerve vi palsy", "diffuse"},
    {"cn vi palsy", "diffuse"},
    {"cushing triad", "diffuse"},
    {"cushing s triad", "diffuse"},
    {"cushings triad", "diffuse"},
}};

constexpr std::array<Synonym, 17> kYesNo = {{
    {"yes", "yes"},
    {"y", "yes"},
    {"true", "yes"},
    {"positive", "yes"},
    {"present", "yes"},
    {"1", "yes"},
    {"sedated", "yes"},
    {"hemiparesis", "yes"},
    {"paraparesis", "yes"},
    {"no", "no"},
    {"n", "no"},
    {"false", "no"},
    {"negative", "no"},
    {"absent", "no"},
    {"none", "no"},
    {"0", "no"},
    {"not sedated", "no"},
}};

template <std::size_t N>
std::optional<std::string_view> Lookup(const std::array<Synonym, N>& table,
                                       std::string_view text) {
  const std::string folded = Fold(text);
  for (const auto& [spelling, token] : table) {
    if (folded == spelling) return token;
  }
  return std::nullopt;
}

StateReading Problem(std::string problem) {
  StateReading r;
  r.problem = std::move(problem);
  return r;
}

StateReading Number(double v) {
  StateReading r;
  r.value = StateValue{v, ""};
  return r;
}

StateReading Token(std::string_view token) {
  StateReading r;
  r.value = StateValue{std::nullopt, std::string(token)};
  return r;
}

template <std::size_t N>
StateReading ReadToken(Analyte what, const std::array<Synonym, N>& table,
                       const std::optional<double>& numeric,
                       const std::optional<std::string>& text) {
  if (text) {
    if (auto token = Lookup(table, *text)) return Token(*token);
    return Problem(std::string(AnalyteName(what)) + ": value '" + *text +
                   "' is not a charted state iraed knows");
  }
  if (numeric && (*numeric == 0 || *numeric == 1)) {
    if (auto token = Lookup(table, *numeric == 1 ? "1" : "0")) {
      return Token(*token);
    }
  }
  return Problem(std::string(AnalyteName(what)) +
                 ": needs a charted state as text");
}

}  // namespace

bool IsAstctInput(Analyte a) {
  return a == Analyte::kBodyTemperature ||
         (a >= Analyte::kSystolicBp && a <= Analyte::kInspiredOxygen);
}

bool IsCrsInput(Analyte a) {
  return std::find(std::begin(kCrsInputs), std::end(kCrsInputs), a) !=
         std::end(kCrsInputs);
}

namespace {

// A score's unit: none, or "{score}", "score", "points" (case and spaces
// ignored).
bool IsScoreUnit(std::string_view unit_text) {
  std::string u;  // lower case, spaces dropped; punctuation kept
  for (char ch : unit_text) {
    if (ch != ' ') {
      u.push_back(
          static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
    }
  }
  return u.empty() || u == "{score}" || u == "score" || u == "points" ||
         u == "{points}" || u == "point";
}

}  // namespace

StateReading ReadClinicalState(Analyte what,
                               const std::optional<double>& numeric,
                               const std::optional<std::string>& text,
                               std::string_view unit_text) {
  const std::string name(AnalyteName(what));
  auto need_number = [&]() -> std::optional<StateReading> {
    if (!numeric || !std::isfinite(*numeric)) {
      return Problem(name + ": needs a numeric value");
    }
    return std::nullopt;
  };
  const std::optional<Unit> unit = ParseUnit(unit_text);
  switch (what) {
    case Analyte::kBodyTemperature: {
      if (auto p = need_number()) return *p;
      if (!unit)
        return Problem(name + ": unit '" + std::string(unit_text) +
                       "' is not one iraed can grade in");
      if (auto c = ToCelsius(*numeric, *unit)) return Number(*c);
      return Problem(name + ": unit must be Cel or [degF]");
    }
    case Analyte::kSystolicBp:
      if (auto p = need_number()) return *p;
      if (unit != Unit::kMmHg) return Problem(name + ": unit must be mm[Hg]");
      return Number(*numeric);
    case Analyte::kOxygenFlow:
      if (auto p = need_number()) return *p;
      if (unit != Unit::kLPerMin) return Problem(name + ": unit must be L/min");
      if (*numeric < 0) return Problem(name + ": negative flow");
      return Number(*numeric);
    case Analyte::kIceScore:
    case Analyte::kCapd: {
      if (auto p = need_number()) return *p;
      if (!IsScoreUnit(unit_text)) {
        return Problem(name + ": unit '" + std::string(unit_text) +
                       "' is not a score");
      }
      const bool ice = what == Analyte::kIceScore;
      const double top = ice ? 10 : 32;
      if (*numeric < 0 || *numeric > top || std::floor(*numeric) != *numeric) {
        return Problem(name + ": " + FormatNumber(*numeric) +
                       (ice ? " is not a whole ICE score 0-10"
                            : " is not a whole CAPD score 0-32"));
      }
      return Number(*numeric);
    }
    case Analyte::kInspiredOxygen:
      // LOINC 3150-0 is a percentage (21-100); a fraction is not read.
      if (auto p = need_number()) return *p;
      if (unit != Unit::kPercent) return Problem(name + ": unit must be %");
      if (*numeric < 21 || *numeric > 100) {
        return Problem(name + ": " + FormatNumber(*numeric) +
                       " % is not an inspired oxygen fraction (21-100 %)");
      }
      return Number(*numeric);
    case Analyte::kOxygenDevice:
      return ReadToken(what, kOxygenDevices, numeric, text);
    case Analyte::kConsciousness:
      return ReadToken(what, kConsciousness, numeric, text);
    case Analyte::kSeizure:
      return ReadToken(what, kSeizures, numeric, text);
    case Analyte::kCerebralEdema:
      return ReadToken(what, kCerebralEdema, numeric, text);
    case Analyte::kHypotension:
    case Analyte::kMotorWeakness:
    case Analyte::kSedation:
    case Analyte::kFeverOtherCause:
      return ReadToken(what, kYesNo, numeric, text);
    default:
      return Problem(name + ": not an ASTCT grading input");
  }
}

std::optional<OxygenDevice> OxygenDeviceFromToken(std::string_view t) {
  if (t == "room_air") return OxygenDevice::kNone;
  if (t == "nasal_cannula") return OxygenDevice::kNasalCannula;
  if (t == "blow_by") return OxygenDevice::kBlowBy;
  if (t == "high_flow_nasal_cannula") {
    return OxygenDevice::kHighFlowNasalCannula;
  }
  if (t == "facemask") return OxygenDevice::kFacemask;
  if (t == "non_rebreather") return OxygenDevice::kNonRebreather;
  if (t == "venturi_mask") return OxygenDevice::kVenturiMask;
  if (t == "cpap") return OxygenDevice::kCpap;
  if (t == "bipap") return OxygenDevice::kBipap;
  if (t == "mechanical_ventilation") {
    return OxygenDevice::kMechanicalVentilation;
  }
  return std::nullopt;
}

std::optional<Consciousness> ConsciousnessFromToken(std::string_view t) {
  if (t == "alert") return Consciousness::kAlert;
  if (t == "awakens_spontaneously") {
    return Consciousness::kAwakensSpontaneously;
  }
  if (t == "awakens_to_voice") return Consciousness::kAwakensToVoice;
  if (t == "awakens_to_tactile") return Consciousness::kAwakensToTactile;
  if (t == "unarousable") return Consciousness::kUnarousable;
  return std::nullopt;
}

std::optional<Seizure> SeizureFromToken(std::string_view t) {
  if (t == "none") return Seizure::kNone;
  if (t == "rapidly_resolving") return Seizure::kRapidlyResolving;
  if (t == "prolonged_or_repetitive") return Seizure::kProlongedOrRepetitive;
  if (t == "unspecified") return Seizure::kUnspecified;
  return std::nullopt;
}

std::optional<CerebralEdema> CerebralEdemaFromToken(std::string_view t) {
  if (t == "none") return CerebralEdema::kNone;
  if (t == "focal") return CerebralEdema::kFocal;
  if (t == "diffuse") return CerebralEdema::kDiffuse;
  return std::nullopt;
}

std::optional<bool> YesNoFromToken(std::string_view t) {
  if (t == "yes") return true;
  if (t == "no") return false;
  return std::nullopt;
}

}  // namespace iraed::grading
