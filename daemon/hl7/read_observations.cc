// ORU^R01: the results of one patient (hl7/read_support.h).
#include <algorithm>
#include <cctype>
#include <string>

#include "grading/reference_range.h"
#include "hl7/read_support.h"

namespace iraed::hl7::detail {
namespace {

// "<0.5", "> 200", "<=1": comparator and number.
bool ComparatorNumber(const std::string& text, std::string& comparator,
                      double& value) {
  const std::string t = Trim(text);
  for (const char* c : {"<=", ">=", "<", ">", "="}) {
    const std::string_view cv(c);
    if (t.rfind(cv, 0) == 0) {
      if (auto v = Number(t.substr(cv.size()))) {
        comparator = cv == "=" ? "" : std::string(cv);
        value = *v;
        return true;
      }
      return false;
    }
  }
  return false;
}

std::optional<model::ResultStatus> StatusOf(std::string_view code, bool& skip) {
  skip = false;
  if (code == "F" || code == "V" || code == "U") {
    return model::ResultStatus::kFinal;
  }
  if (code == "C" || code == "A" || code == "B") {
    return model::ResultStatus::kCorrected;
  }
  if (code == "P" || code == "R" || code == "S" || code == "I") {
    return model::ResultStatus::kPreliminary;
  }
  if (code == "X") return model::ResultStatus::kCancelled;
  if (code == "D" || code == "W") return model::ResultStatus::kEnteredInError;
  if (code == "O" || code == "N") {
    skip = true;
    return model::ResultStatus::kPreliminary;
  }
  return std::nullopt;
}

void ReadValue(const Er7Message& m, const Segment& obx, model::Observation& o) {
  const std::string type = Trim(m.Value(obx, 2));
  const std::string_view field = m.Field(obx, 5);
  if (field.empty() || Er7Message::IsNull(field)) return;
  const std::string_view rep = m.FirstRepetition(field);
  if (type == "SN") {
    const std::string comparator = Trim(m.Decode(m.Component(rep, 1)));
    const std::string num1 = m.Decode(m.Component(rep, 2));
    const std::string separator = m.Decode(m.Component(rep, 3));
    const std::string num2 = m.Decode(m.Component(rep, 4));
    auto v = Number(num1);
    const bool comparator_ok = comparator.empty() || comparator == "<" ||
                               comparator == ">" || comparator == "<=" ||
                               comparator == ">=" || comparator == "=" ||
                               comparator == "<>";
    if (v && separator.empty() && num2.empty() && comparator_ok &&
        comparator != "<>") {
      o.numeric = *v;
      o.comparator = comparator == "=" ? "" : comparator;
      return;
    }
    o.text = comparator + num1 + separator + num2;
    return;
  }
  if (type == "CE" || type == "CWE" || type == "CNE" || type == "CF") {
    std::string text = m.Decode(m.Component(rep, 2));
    if (text.empty()) text = m.Decode(m.Component(rep, 1));
    o.text = std::move(text);
    return;
  }
  const std::string text = m.Decode(rep);
  if (type == "NM" || type == "ST" || type.empty()) {
    if (auto v = Number(text)) {
      o.numeric = *v;
      return;
    }
    std::string comparator;
    double value = 0;
    if (ComparatorNumber(text, comparator, value)) {
      o.numeric = value;
      o.comparator = comparator;
      return;
    }
  }
  o.text = text;
}

// OBX-6: component 1, else 2. A count unit sent with an unescaped caret
// ("10^3/uL" read as the components "10" and "3/uL") is joined again: a
// component 1 of just "10" (or "x10") followed by one that starts with a
// digit and holds a '/' can only be that (grading/units.h then reads it
// strictly, or not at all).
std::string ReadUnit(const Er7Message& m, std::string_view field) {
  const std::string first = Trim(m.Decode(m.Component(field, 1)));
  const std::string second = Trim(m.Decode(m.Component(field, 2)));
  if ((first == "10" || first == "x10" || first == "X10") && !second.empty() &&
      std::isdigit(static_cast<unsigned char>(second[0])) &&
      second.find('/') != std::string::npos) {
    return first + "^" + second;
  }
  return first.empty() ? second : first;
}

// One OBX as an observation. Returns false with `error` set when the
// message must be answered with it; `skip` for a result not to keep
// (OBX-11 O or N: order detail, not asked).
bool ReadObx(const Reader& r, const Segment& s, int obx_seq, const Segment* obr,
             int obr_seq, model::Observation& o, bool& skip, Hl7Error& error) {
  const Er7Message& m = r.m;
  const std::string_view id = m.Field(s, 3);
  o.code.code = Trim(m.Decode(m.Component(id, 1)));
  o.code.display = m.Decode(m.Component(id, 2));
  o.code.system = Trim(m.Decode(m.Component(id, 3)));
  const std::string alt_code = Trim(m.Decode(m.Component(id, 4)));
  if (!alt_code.empty()) {
    model::Code alt;
    alt.code = alt_code;
    alt.display = m.Decode(m.Component(id, 5));
    alt.system = Trim(m.Decode(m.Component(id, 6)));
    if (alt.system.empty()) alt.system = "L";
    o.alternate_codes.push_back(std::move(alt));
  }
  // An OBX without an identifier (narrative text lines) is kept with an
  // empty code: stored, never graded.
  if (o.code.system.empty()) o.code.system = "L";
  const std::string status = Trim(m.Value(s, 11));
  auto st = StatusOf(status, skip);
  // Attachments and narrative (never graded) are kept even without a
  // status, as preliminary; a gradable value needs its status.
  const std::string value_type = Trim(m.Value(s, 2));
  if (!st && status.empty() &&
      (value_type == "ED" || value_type == "RP" || value_type == "TX" ||
       value_type == "FT")) {
    st = model::ResultStatus::kPreliminary;
  }
  if (!st) {
    error = status.empty()
                ? Missing(Location("OBX", obx_seq, 11), "OBX-11 result status")
                : Error("103", "Table value not found",
                        Location("OBX", obx_seq, 11),
                        "OBX-11 '" + status +
                            "' is not a result status (table 0085)");
    return false;
  }
  if (skip) return true;
  o.status = *st;
  ReadValue(m, s, o);
  o.unit = ReadUnit(m, m.Field(s, 6));
  o.reference_range.text = Trim(m.Value(s, 7));
  if (auto range = grading::ParseRange(o.reference_range.text)) {
    o.reference_range.low = range->low;
    o.reference_range.high = range->high;
  }
  o.abnormal_flag = Trim(m.Value(s, 8));
  // Observation time: OBX-14, else OBR-7, else MSH-7.
  std::optional<UnixMillis> at;
  if (Present(m.Field(s, 14))) {
    at = r.Time(m.Field(s, 14), "OBX-14", Location("OBX", obx_seq, 14), error);
  } else if (obr && Present(m.Field(*obr, 7))) {
    at = r.Time(m.Field(*obr, 7), "OBR-7", Location("OBR", obr_seq, 7), error);
  } else if (Present(m.Field(m.msh(), 7))) {
    at = r.Time(m.Field(m.msh(), 7), "MSH-7", "MSH^1^7", error);
  } else {
    error = Missing(Location("OBX", obx_seq, 14),
                    "OBX-14, OBR-7 and MSH-7 (observation time)");
  }
  if (!at) return false;
  o.observed_at = *at;
  o.result_id = Trim(m.Value(s, 21));
  if (o.result_id.empty()) {
    const std::string filler =
        obr ? Trim(m.Decode(m.Component(m.Field(*obr, 3), 1))) : "";
    o.result_id = filler + "|" + o.code.code + "|" + Trim(m.Value(s, 4));
  }
  return true;
}

}  // namespace

BodyReading ReadObservations(const Reader& r, const std::string& trigger) {
  (void)trigger;  // R01 (hl7_reader.cc routes only that)
  BodyReading out;
  out.kind = "observations";
  const Er7Message& m = r.m;
  model::ObservationBatch batch;
  bool have_patient = false;
  const Segment* obr = nullptr;
  int obr_seq = 0;
  int pid_seq = 0;
  int obx_seq = 0;
  Hl7Error error;
  for (const Segment& s : m.segments()) {
    if (s.name == "PID") {
      ++pid_seq;
      auto p = r.Patient(s, pid_seq, error);
      if (!p) {
        out.error = error;
        return out;
      }
      if (have_patient &&
          (p->id != batch.patient.id ||
           p->assigning_authority != batch.patient.assigning_authority)) {
        out.error =
            Error("100", "Segment sequence error", Location("PID", pid_seq, 3),
                  "more than one patient in one ORU^R01: send one "
                  "message per patient");
        return out;
      }
      batch.patient = *p;
      have_patient = true;
    } else if (s.name == "OBR") {
      obr = &s;
      ++obr_seq;
    } else if (s.name == "OBX") {
      ++obx_seq;
      model::Observation o;
      bool skip = false;
      if (!ReadObx(r, s, obx_seq, obr, obr_seq, o, skip, error)) {
        out.error = error;
        return out;
      }
      if (!skip) batch.observations.push_back(std::move(o));
    }
  }
  if (!have_patient) {
    out.error = Missing("PID^1^3", "PID segment (patient)");
    return out;
  }
  out.body = std::move(batch);
  return out;
}

}  // namespace iraed::hl7::detail
