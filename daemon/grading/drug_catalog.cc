#include "grading/drug_catalog.h"

#include <cctype>
#include <utility>

namespace iraed::grading {
namespace {

// Lower case letters and digits only, up to the first character that ends
// a name ("Norepinephrine bitartrate 4 mg" -> "norepinephrinebitartrate"
// is not wanted, so names stop at a digit after a space).
std::string Fold(std::string_view name) {
  std::string out;
  bool space = false;
  for (char ch : name) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (std::isalpha(c)) {
      out.push_back(static_cast<char>(std::tolower(c)));
      space = false;
    } else if (std::isdigit(c)) {
      if (space && !out.empty()) break;  // dose text follows the name
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' || c == '\t' || c == '(' || c == ',') {
      space = true;
    }
    // hyphens, dots and other punctuation are ignored
  }
  return out;
}

struct Entry {
  const char* generic;
  DrugClass drug_class;
  CheckpointTarget target;
  std::initializer_list<const char*> other_names;  // brand names, synonyms
};

using C = DrugClass;
using T = CheckpointTarget;

// Generic and brand names (US/EU labelling).
const Entry kEntries[] = {
    // Checkpoint inhibitors.
    {"pembrolizumab", C::kCheckpointInhibitor, T::kPd1, {"keytruda"}},
    {"nivolumab", C::kCheckpointInhibitor, T::kPd1, {"opdivo"}},
    {"cemiplimab", C::kCheckpointInhibitor, T::kPd1, {"libtayo"}},
    {"dostarlimab", C::kCheckpointInhibitor, T::kPd1, {"jemperli"}},
    {"tislelizumab", C::kCheckpointInhibitor, T::kPd1, {"tevimbra"}},
    {"toripalimab", C::kCheckpointInhibitor, T::kPd1, {"loqtorzi"}},
    {"retifanlimab", C::kCheckpointInhibitor, T::kPd1, {"zynyz"}},
    {"atezolizumab", C::kCheckpointInhibitor, T::kPdL1, {"tecentriq"}},
    {"durvalumab", C::kCheckpointInhibitor, T::kPdL1, {"imfinzi"}},
    {"avelumab", C::kCheckpointInhibitor, T::kPdL1, {"bavencio"}},
    {"ipilimumab", C::kCheckpointInhibitor, T::kCtla4, {"yervoy"}},
    {"tremelimumab", C::kCheckpointInhibitor, T::kCtla4, {"imjudo"}},
    {"relatlimab", C::kCheckpointInhibitor, T::kLag3, {}},
    // CAR-T products.
    {"tisagenlecleucel", C::kCarT, T::kNone, {"kymriah"}},
    {"axicabtagene ciloleucel", C::kCarT, T::kNone, {"yescarta"}},
    {"brexucabtagene autoleucel", C::kCarT, T::kNone, {"tecartus"}},
    {"lisocabtagene maraleucel", C::kCarT, T::kNone, {"breyanzi"}},
    {"idecabtagene vicleucel", C::kCarT, T::kNone, {"abecma"}},
    {"ciltacabtagene autoleucel", C::kCarT, T::kNone, {"carvykti"}},
    {"obecabtagene autoleucel", C::kCarT, T::kNone, {"aucatzyl"}},
    // Bispecific T-cell engagers.
    {"blinatumomab", C::kBispecificTCellEngager, T::kNone, {"blincyto"}},
    {"teclistamab", C::kBispecificTCellEngager, T::kNone, {"tecvayli"}},
    {"talquetamab", C::kBispecificTCellEngager, T::kNone, {"talvey"}},
    {"elranatamab", C::kBispecificTCellEngager, T::kNone, {"elrexfio"}},
    {"mosunetuzumab", C::kBispecificTCellEngager, T::kNone, {"lunsumio"}},
    {"glofitamab", C::kBispecificTCellEngager, T::kNone, {"columvi"}},
    {"epcoritamab", C::kBispecificTCellEngager, T::kNone, {"epkinly"}},
    {"tarlatamab", C::kBispecificTCellEngager, T::kNone, {"imdelltra"}},
    // Vasopressors (vasopressin apart).
    {"norepinephrine",
     C::kVasopressor,
     T::kNone,
     {"noradrenaline", "levophed", "norepinephrine bitartrate"}},
    {"epinephrine", C::kVasopressor, T::kNone, {"adrenaline"}},
    {"phenylephrine", C::kVasopressor, T::kNone, {"neosynephrine"}},
    {"dopamine", C::kVasopressor, T::kNone, {}},
    {"angiotensin ii", C::kVasopressor, T::kNone, {"giapreza"}},
    {"vasopressin", C::kVasopressin, T::kNone, {"vasostrict", "pitressin"}},
    // Anti-cytokine therapy.
    {"tocilizumab", C::kTocilizumab, T::kNone, {"actemra", "roactemra"}},
    {"anakinra", C::kAnakinra, T::kNone, {"kineret"}},
    // Corticosteroids.
    {"dexamethasone", C::kCorticosteroid, T::kNone, {"decadron"}},
    {"methylprednisolone",
     C::kCorticosteroid,
     T::kNone,
     {"solu-medrol", "medrol"}},
    {"prednisone", C::kCorticosteroid, T::kNone, {}},
    {"prednisolone", C::kCorticosteroid, T::kNone, {}},
    {"hydrocortisone", C::kCorticosteroid, T::kNone, {"solu-cortef"}},
    // Antipyretics.
    {"acetaminophen",
     C::kAntipyretic,
     T::kNone,
     {"paracetamol", "tylenol", "ofirmev"}},
    {"ibuprofen", C::kAntipyretic, T::kNone, {"advil", "motrin"}},
    {"metamizole", C::kAntipyretic, T::kNone, {"dipyrone"}},
    {"naproxen", C::kAntipyretic, T::kNone, {}},
    {"aspirin", C::kAntipyretic, T::kNone, {"acetylsalicylic acid"}},
    // Lymphodepletion before CAR-T.
    {"fludarabine", C::kLymphodepletion, T::kNone, {"fludara"}},
    {"cyclophosphamide",
     C::kLymphodepletion,
     T::kNone,
     {"cytoxan", "endoxan", "procytox"}},
    {"bendamustine",
     C::kLymphodepletion,
     T::kNone,
     {"treanda", "bendeka", "levact", "belrapzo"}},
};

std::string SystemKey(std::string_view system) {
  std::string out;
  for (char c : system) {
    out.push_back(
        static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  return out;
}

constexpr std::pair<DrugClass, std::string_view> kClassNames[] = {
    {DrugClass::kCheckpointInhibitor, "checkpoint_inhibitor"},
    {DrugClass::kCarT, "car_t"},
    {DrugClass::kBispecificTCellEngager, "bispecific_t_cell_engager"},
    {DrugClass::kVasopressor, "vasopressor"},
    {DrugClass::kVasopressin, "vasopressin"},
    {DrugClass::kTocilizumab, "tocilizumab"},
    {DrugClass::kCorticosteroid, "corticosteroid"},
    {DrugClass::kAntipyretic, "antipyretic"},
    {DrugClass::kAnakinra, "anakinra"},
    {DrugClass::kLymphodepletion, "lymphodepletion"},
};

}  // namespace

std::string_view DrugClassName(DrugClass c) {
  for (const auto& [cls, name] : kClassNames) {
    if (cls == c) return name;
  }
  return "";
}

std::optional<DrugClass> DrugClassFromName(std::string_view name) {
  for (const auto& [cls, n] : kClassNames) {
    if (n == name) return cls;
  }
  return std::nullopt;
}

DrugCatalog DrugCatalog::Defaults() {
  DrugCatalog c;
  for (const Entry& e : kEntries) {
    Drug d{e.generic, e.drug_class, e.target};
    c.AddName(e.generic, d);
    for (const char* other : e.other_names) c.AddName(other, d);
  }
  return c;
}

void DrugCatalog::AddName(std::string_view name, const Drug& drug) {
  names_[Fold(name)] = drug;
}

void DrugCatalog::AddCode(std::string_view system, std::string_view code,
                          const Drug& drug) {
  codes_[{SystemKey(system), std::string(code)}] = drug;
}

std::optional<Drug> DrugCatalog::Find(std::string_view system,
                                      std::string_view code,
                                      std::string_view name) const {
  if (!code.empty()) {
    auto it = codes_.find({SystemKey(system), std::string(code)});
    if (it != codes_.end()) return it->second;
  }
  if (name.empty()) return std::nullopt;
  const std::string folded = Fold(name);
  // Longest catalogue name that starts the given name: "Tocilizumab 400 mg
  // in NS" and "Norepinephrine bitartrate" both match.
  std::optional<Drug> best;
  std::size_t best_len = 0;
  for (const auto& [known, drug] : names_) {
    if (known.size() > best_len && folded.rfind(known, 0) == 0) {
      best = drug;
      best_len = known.size();
    }
  }
  return best;
}

bool FeverMaskingPolicy::Masks(DrugClass c) const {
  switch (c) {
    case DrugClass::kAntipyretic:
      return antipyretics;
    case DrugClass::kTocilizumab:
      return tocilizumab;
    case DrugClass::kCorticosteroid:
      return corticosteroids;
    case DrugClass::kAnakinra:
      return anakinra;
    default:
      return false;
  }
}

}  // namespace iraed::grading
