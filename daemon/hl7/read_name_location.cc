// The patient's name (PID-5) and location (PV1-3), for the nurse console.
// Identifying data: the notes below never carry the text itself.
#include <algorithm>

#include "hl7/read_support.h"

namespace iraed::hl7::detail {
namespace {

std::string Joined(std::string a, const std::string& sep,
                   const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return a + sep + b;
}

// The PV1 of the patient whose PID is `pid`: the first PV1 after it, before
// the next patient or the first order or result segment.
const Segment* VisitOf(const Er7Message& m, const Segment& pid) {
  const std::vector<Segment>& all = m.segments();
  auto at = std::find_if(all.begin(), all.end(),
                         [&](const Segment& s) { return &s == &pid; });
  if (at == all.end()) return nullptr;  // not of this message (MRG-1)
  for (++at; at != all.end(); ++at) {
    const std::string_view name = at->name;
    if (name == "PV1") return &*at;
    if (name == "PID" || name == "ORC" || name == "OBR" || name == "OBX" ||
        name == "RXA" || name == "RXE" || name == "RXO") {
      return nullptr;
    }
  }
  return nullptr;
}

// The first subcomponent of component `c` of `repetition`, decoded and
// trimmed; HL7's null ("") there is empty (a v2.7+ HD point of care
// "4W&1.2.3&ISO" is its namespace id "4W").
std::string Leaf(const Er7Message& m, std::string_view repetition, int c) {
  const std::string_view raw = m.Subcomponent(m.Component(repetition, c), 1);
  if (Er7Message::IsNull(raw)) return "";
  return Trim(m.Decode(raw));
}

}  // namespace

void Reader::ReadNameAndLocation(const Segment& pid,
                                 model::PatientId& p) const {
  auto too_long = [&](const char* issue, const char* what) {
    model::QualityNote note;
    note.issue = issue;
    note.detail = std::string(what) + " is longer than " +
                  std::to_string(model::kMaxPersonTextBytes) +
                  " bytes: left out (the console shows the identifier)";
    notes.push_back(std::move(note));
  };
  const std::string_view names = m.Field(pid, 5);
  if (Er7Message::IsNull(names)) {
    p.name = "";
  } else if (!names.empty()) {
    // The legal name, else the first repetition that is not HL7's null.
    std::string_view chosen;
    for (std::string_view rep : m.Repetitions(names)) {
      if (Er7Message::IsNull(rep)) continue;
      if (chosen.empty()) chosen = rep;
      if (m.Component(rep, 7) == "L") {
        chosen = rep;
        break;
      }
    }
    const std::string family = Leaf(m, chosen, 1);
    const std::string given =
        Joined(Leaf(m, chosen, 2), " ", Leaf(m, chosen, 3));
    const std::string name = Joined(family, ", ", given);
    if (name.size() > model::kMaxPersonTextBytes) {
      too_long("unreadable_name", "PID-5 (the patient's name)");
    } else if (!name.empty()) {
      p.name = name;
    }
  }
  const Segment* pv1 = VisitOf(m, pid);
  if (pv1 == nullptr) return;
  const std::string_view place = m.Field(*pv1, 3);
  if (Er7Message::IsNull(place)) {
    p.ward = "";
    p.bed = "";
    return;
  }
  if (place.empty()) return;
  const std::string_view first = m.FirstRepetition(place);
  const std::string ward = Leaf(m, first, 1);
  const std::string bed = Joined(Leaf(m, first, 2), "-", Leaf(m, first, 3));
  if (ward.size() > model::kMaxPersonTextBytes ||
      bed.size() > model::kMaxPersonTextBytes) {
    too_long("unreadable_location", "PV1-3 (the patient's location)");
    return;
  }
  // PV1-3 names the whole location: a part it leaves empty is cleared.
  p.ward = ward;
  p.bed = bed;
}

}  // namespace iraed::hl7::detail
