#include "ingest/envelope_decoder.h"

#include <cmath>
#include <cstdint>
#include <string>

#include "common/time_format.h"
#include "iraed/v1/ingest.pb.h"

namespace iraed::ingest {
namespace {

namespace pb = ::iraed::v1;

// Timestamps outside [1900-01-01, 9999-12-31] are rejected: they are either
// unset-but-present mistakes or would overflow millisecond arithmetic.
constexpr std::int64_t kMinSeconds = -2208988800;   // 1900-01-01T00:00:00Z
constexpr std::int64_t kMaxSeconds = 253402300799;  // 9999-12-31T23:59:59Z

// The path of a field for error messages ("observations.observations[2]
// .unit"), built lazily: nodes point at their parent and at string literals,
// so the path costs nothing unless a message is rendered. A node must not
// outlive its parent (they live in the enclosing calls' argument lists).
class FieldPath {
 public:
  FieldPath(const char* root) : text_(root) {}  // NOLINT: implicit by design
  // A child field: `suffix` is a literal such as ".code".
  FieldPath operator+(const char* suffix) const {
    return FieldPath(this, suffix, -1);
  }
  // An element of this repeated field.
  FieldPath At(int index) const { return FieldPath(this, nullptr, index); }
  std::string str() const {
    std::string out = parent_ ? parent_->str() : std::string();
    if (text_) {
      out += text_;
    } else {
      out += "[" + std::to_string(index_) + "]";
    }
    return out;
  }

 private:
  FieldPath(const FieldPath* parent, const char* text, int index)
      : parent_(parent), text_(text), index_(index) {}
  const FieldPath* parent_ = nullptr;
  const char* text_ = nullptr;
  int index_ = -1;
};

Status Invalid(const FieldPath& path, std::string_view what) {
  std::string message = path.str();
  message += ": ";
  message += what;
  return Status::InvalidArgument(std::move(message));
}

Status CheckLength(const FieldPath& path, const std::string& value,
                   std::size_t max) {
  if (value.size() > max) {
    return Invalid(path, "longer than " + std::to_string(max) + " bytes");
  }
  return Status::Ok();
}

Status CheckRequired(const FieldPath& path, const std::string& value,
                     std::size_t max) {
  if (value.empty()) return Invalid(path, "required");
  return CheckLength(path, value, max);
}

Result<UnixMillis> ToMillis(const FieldPath& path,
                            const google::protobuf::Timestamp& ts) {
  if (ts.seconds() < kMinSeconds || ts.seconds() > kMaxSeconds) {
    return Invalid(path, "outside the years 1900 to 9999");
  }
  if (ts.nanos() < 0 || ts.nanos() > 999999999) {
    return Invalid(path, "nanos outside 0..999999999");
  }
  return ts.seconds() * 1000 + ts.nanos() / 1000000;
}

Result<UnixMillis> RequiredTime(const FieldPath& path, bool has,
                                const google::protobuf::Timestamp& ts) {
  if (!has) return Invalid(path, "required");
  return ToMillis(path, ts);
}

Result<model::PatientId> DecodePatient(const FieldPath& path, bool has,
                                       const pb::PatientId& p) {
  if (!has) return Invalid(path, "required");
  RETURN_IF_ERROR(CheckRequired(path + ".id", p.id(), kMaxIdentifierBytes));
  RETURN_IF_ERROR(CheckLength(path + ".assigning_authority",
                              p.assigning_authority(), kMaxIdentifierBytes));
  RETURN_IF_ERROR(CheckLength(path + ".id_type", p.id_type(), kMaxCodeBytes));
  // The value itself is never echoed: a birth date identifies a patient.
  if (!p.birth_date().empty() &&
      (p.birth_date().size() != 10 || !ParseUtcMillis(p.birth_date()))) {
    return Invalid(path + ".birth_date", "not a date YYYY-MM-DD");
  }
  model::PatientId out;
  out.id = p.id();
  out.assigning_authority = p.assigning_authority();
  out.id_type = p.id_type();
  out.birth_date = p.birth_date();
  if (!p.sex().empty() && p.sex() != "female" && p.sex() != "male" &&
      p.sex() != "other" && p.sex() != "unknown") {
    return Invalid(path + ".sex", "not one of female, male, other, unknown");
  }
  out.sex = p.sex();
  // Never echoed either: a name identifies a patient.
  RETURN_IF_ERROR(
      CheckLength(path + ".name", p.name(), model::kMaxPersonTextBytes));
  RETURN_IF_ERROR(
      CheckLength(path + ".ward", p.ward(), model::kMaxPersonTextBytes));
  RETURN_IF_ERROR(
      CheckLength(path + ".bed", p.bed(), model::kMaxPersonTextBytes));
  if (!p.name().empty()) out.name = p.name();
  if (!p.ward().empty()) out.ward = p.ward();
  if (!p.bed().empty()) out.bed = p.bed();
  if (p.has_died_at()) {
    ASSIGN_OR_RETURN(UnixMillis died, ToMillis(path + ".died_at", p.died_at()));
    out.died_at = died;
  }
  return out;
}

Status CheckCodeFields(const FieldPath& path, const pb::Code& c) {
  RETURN_IF_ERROR(CheckLength(path + ".system", c.system(), kMaxCodeBytes));
  RETURN_IF_ERROR(CheckLength(path + ".code", c.code(), kMaxCodeBytes));
  return CheckLength(path + ".display", c.display(), kMaxTextBytes);
}

// A coded concept that must carry system and code (observations).
Result<model::Code> DecodeSystemCode(const FieldPath& path, bool has,
                                     const pb::Code& c) {
  if (!has) return Invalid(path, "required");
  RETURN_IF_ERROR(CheckCodeFields(path, c));
  if (c.code().empty()) return Invalid(path + ".code", "required");
  if (c.system().empty()) return Invalid(path + ".system", "required");
  return model::Code{c.system(), c.code(), c.display()};
}

// A drug or product: a code or a display name is enough (catalogue matches
// either).
Result<model::Code> DecodeCodeOrName(const FieldPath& path, bool has,
                                     const pb::Code& c) {
  if (!has) return Invalid(path, "required");
  RETURN_IF_ERROR(CheckCodeFields(path, c));
  if (c.code().empty() && c.display().empty()) {
    return Invalid(path, "needs a code or a display name");
  }
  if (!c.code().empty() && c.system().empty()) {
    return Invalid(path + ".system", "required when a code is given");
  }
  return model::Code{c.system(), c.code(), c.display()};
}

Status CheckFinite(const FieldPath& path, double v) {
  if (!std::isfinite(v)) return Invalid(path, "not a finite number");
  return Status::Ok();
}

Result<model::ResultStatus> DecodeResultStatus(const FieldPath& path,
                                               pb::ResultStatus s) {
  switch (s) {
    case pb::RESULT_STATUS_FINAL:
      return model::ResultStatus::kFinal;
    case pb::RESULT_STATUS_CORRECTED:
      return model::ResultStatus::kCorrected;
    case pb::RESULT_STATUS_PRELIMINARY:
      return model::ResultStatus::kPreliminary;
    case pb::RESULT_STATUS_CANCELLED:
      return model::ResultStatus::kCancelled;
    case pb::RESULT_STATUS_ENTERED_IN_ERROR:
      return model::ResultStatus::kEnteredInError;
    case pb::RESULT_STATUS_UNSPECIFIED:
      return Invalid(path, "required");
    default:
      return Invalid(path, "unknown value " + std::to_string(s));
  }
}

// Fills `out` (decoded in place: an Observation is costly to move).
Status DecodeObservation(const FieldPath& path, const pb::Observation& o,
                         model::Observation& out) {
  ASSIGN_OR_RETURN(out.code,
                   DecodeSystemCode(path + ".code", o.has_code(), o.code()));
  if (static_cast<std::size_t>(o.alternate_codes_size()) > kMaxAlternateCodes) {
    return Invalid(path + ".alternate_codes",
                   "more than " + std::to_string(kMaxAlternateCodes));
  }
  for (int i = 0; i < o.alternate_codes_size(); ++i) {
    model::Code alt;
    ASSIGN_OR_RETURN(alt, DecodeSystemCode((path + ".alternate_codes").At(i),
                                           true, o.alternate_codes(i)));
    out.alternate_codes.push_back(std::move(alt));
  }
  ASSIGN_OR_RETURN(out.status,
                   DecodeResultStatus(path + ".status", o.status()));
  const bool withdrawn = out.status == model::ResultStatus::kCancelled ||
                         out.status == model::ResultStatus::kEnteredInError;
  switch (o.value_case()) {
    case pb::Observation::kNumeric:
      RETURN_IF_ERROR(CheckFinite(path + ".numeric", o.numeric()));
      out.numeric = o.numeric();
      break;
    case pb::Observation::kText:
      RETURN_IF_ERROR(CheckLength(path + ".text", o.text(), kMaxTextBytes));
      out.text = o.text();
      break;
    case pb::Observation::VALUE_NOT_SET:
      if (!withdrawn) {
        return Invalid(path,
                       "needs numeric or text unless its status is "
                       "CANCELLED or ENTERED_IN_ERROR");
      }
      break;
  }
  const std::string& cmp = o.comparator();
  if (!(cmp.empty() || cmp == "<" || cmp == "<=" || cmp == ">" || cmp == ">=" ||
        cmp == "=")) {
    return Invalid(path + ".comparator", "must be one of <, <=, >, >=, =");
  }
  if (!cmp.empty() && !out.numeric) {
    return Invalid(path + ".comparator", "only allowed with a numeric value");
  }
  out.comparator = cmp == "=" ? "" : cmp;
  RETURN_IF_ERROR(CheckLength(path + ".unit", o.unit(), kMaxCodeBytes));
  out.unit = o.unit();
  if (o.has_reference_range()) {
    const auto& r = o.reference_range();
    if (r.has_low()) {
      RETURN_IF_ERROR(CheckFinite(path + ".reference_range.low", r.low()));
      out.reference_range.low = r.low();
    }
    if (r.has_high()) {
      RETURN_IF_ERROR(CheckFinite(path + ".reference_range.high", r.high()));
      out.reference_range.high = r.high();
    }
    if (r.has_low() && r.has_high() && r.low() > r.high()) {
      return Invalid(path + ".reference_range", "low is above high");
    }
    RETURN_IF_ERROR(
        CheckLength(path + ".reference_range.text", r.text(), kMaxCodeBytes));
    out.reference_range.text = r.text();
  }
  RETURN_IF_ERROR(
      CheckLength(path + ".abnormal_flag", o.abnormal_flag(), kMaxCodeBytes));
  out.abnormal_flag = o.abnormal_flag();
  ASSIGN_OR_RETURN(out.observed_at,
                   RequiredTime(path + ".observed_at", o.has_observed_at(),
                                o.observed_at()));
  RETURN_IF_ERROR(
      CheckLength(path + ".result_id", o.result_id(), kMaxIdentifierBytes));
  out.result_id = o.result_id();
  return Status::Ok();
}

Result<model::Body> DecodeObservations(const pb::ObservationBatch& b) {
  model::ObservationBatch out;
  ASSIGN_OR_RETURN(out.patient, DecodePatient("observations.patient",
                                              b.has_patient(), b.patient()));
  if (b.observations_size() == 0) {
    return Invalid("observations.observations", "at least one is required");
  }
  if (static_cast<std::size_t>(b.observations_size()) >
      kMaxObservationsPerBatch) {
    return Invalid("observations.observations",
                   "more than " + std::to_string(kMaxObservationsPerBatch));
  }
  out.observations.reserve(b.observations_size());
  const FieldPath observations("observations.observations");
  out.observations.resize(b.observations_size());
  for (int i = 0; i < b.observations_size(); ++i) {
    RETURN_IF_ERROR(DecodeObservation(observations.At(i), b.observations(i),
                                      out.observations[i]));
  }
  return model::Body(std::move(out));
}

Result<model::AdministrationStatus> DecodeAdministrationStatus(
    const FieldPath& path, pb::AdministrationStatus s) {
  switch (s) {
    case pb::ADMINISTRATION_STATUS_IN_PROGRESS:
      return model::AdministrationStatus::kInProgress;
    case pb::ADMINISTRATION_STATUS_COMPLETED:
      return model::AdministrationStatus::kCompleted;
    case pb::ADMINISTRATION_STATUS_STOPPED:
      return model::AdministrationStatus::kStopped;
    case pb::ADMINISTRATION_STATUS_NOT_GIVEN:
      return model::AdministrationStatus::kNotGiven;
    case pb::ADMINISTRATION_STATUS_ENTERED_IN_ERROR:
      return model::AdministrationStatus::kEnteredInError;
    case pb::ADMINISTRATION_STATUS_UNSPECIFIED:
      return Invalid(path, "required");
    default:
      return Invalid(path, "unknown value " + std::to_string(s));
  }
}

Result<model::Body> DecodeMedication(const pb::MedicationAdministration& m) {
  const FieldPath p("medication_administration");
  model::MedicationAdministration out;
  ASSIGN_OR_RETURN(out.patient,
                   DecodePatient(p + ".patient", m.has_patient(), m.patient()));
  ASSIGN_OR_RETURN(out.drug,
                   DecodeCodeOrName(p + ".drug", m.has_drug(), m.drug()));
  if (m.has_dose()) {
    RETURN_IF_ERROR(CheckFinite(p + ".dose", m.dose()));
    if (m.dose() < 0) return Invalid(p + ".dose", "negative");
    out.dose = m.dose();
  }
  RETURN_IF_ERROR(CheckLength(p + ".dose_unit", m.dose_unit(), kMaxCodeBytes));
  out.dose_unit = m.dose_unit();
  if (m.has_rate()) {
    RETURN_IF_ERROR(CheckFinite(p + ".rate", m.rate()));
    if (m.rate() < 0) return Invalid(p + ".rate", "negative");
    out.rate = m.rate();
  }
  RETURN_IF_ERROR(CheckLength(p + ".rate_unit", m.rate_unit(), kMaxCodeBytes));
  out.rate_unit = m.rate_unit();
  RETURN_IF_ERROR(CheckLength(p + ".route", m.route(), kMaxCodeBytes));
  out.route = m.route();
  ASSIGN_OR_RETURN(
      out.started_at,
      RequiredTime(p + ".started_at", m.has_started_at(), m.started_at()));
  if (m.has_ended_at()) {
    UnixMillis ended = 0;
    ASSIGN_OR_RETURN(ended, ToMillis(p + ".ended_at", m.ended_at()));
    if (ended < out.started_at) {
      return Invalid(p + ".ended_at", "before started_at");
    }
    out.ended_at = ended;
  }
  RETURN_IF_ERROR(CheckLength(p + ".administration_id", m.administration_id(),
                              kMaxIdentifierBytes));
  out.administration_id = m.administration_id();
  ASSIGN_OR_RETURN(out.status,
                   DecodeAdministrationStatus(p + ".status", m.status()));
  return model::Body(std::move(out));
}

Result<model::Body> DecodeTherapy(const pb::TherapyEvent& t) {
  const FieldPath p("therapy_event");
  model::TherapyEvent out;
  ASSIGN_OR_RETURN(out.patient,
                   DecodePatient(p + ".patient", t.has_patient(), t.patient()));
  switch (t.kind()) {
    case pb::THERAPY_KIND_CAR_T_INFUSION:
      out.kind = model::TherapyKind::kCarTInfusion;
      break;
    case pb::THERAPY_KIND_BISPECIFIC_T_CELL_ENGAGER:
      out.kind = model::TherapyKind::kBispecificTCellEngager;
      break;
    case pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE:
      out.kind = model::TherapyKind::kCheckpointInhibitorDose;
      break;
    case pb::THERAPY_KIND_UNSPECIFIED:
      return Invalid(p + ".kind", "required");
    default:
      return Invalid(p + ".kind", "unknown value " + std::to_string(t.kind()));
  }
  ASSIGN_OR_RETURN(out.product, DecodeCodeOrName(p + ".product",
                                                 t.has_product(), t.product()));
  switch (t.target()) {
    case pb::CHECKPOINT_TARGET_UNSPECIFIED:
      out.target = model::CheckpointTarget::kNone;
      break;
    case pb::CHECKPOINT_TARGET_PD_1:
      out.target = model::CheckpointTarget::kPd1;
      break;
    case pb::CHECKPOINT_TARGET_PD_L1:
      out.target = model::CheckpointTarget::kPdL1;
      break;
    case pb::CHECKPOINT_TARGET_CTLA_4:
      out.target = model::CheckpointTarget::kCtla4;
      break;
    case pb::CHECKPOINT_TARGET_LAG_3:
      out.target = model::CheckpointTarget::kLag3;
      break;
    default:
      return Invalid(p + ".target",
                     "unknown value " + std::to_string(t.target()));
  }
  if (out.target != model::CheckpointTarget::kNone &&
      out.kind != model::TherapyKind::kCheckpointInhibitorDose) {
    return Invalid(p + ".target", "only allowed for CHECKPOINT_INHIBITOR_DOSE");
  }
  ASSIGN_OR_RETURN(out.administered_at,
                   RequiredTime(p + ".administered_at", t.has_administered_at(),
                                t.administered_at()));
  RETURN_IF_ERROR(
      CheckLength(p + ".event_id", t.event_id(), kMaxIdentifierBytes));
  out.event_id = t.event_id();
  out.entered_in_error = t.entered_in_error();
  if (out.entered_in_error && out.event_id.empty()) {
    return Invalid(p + ".event_id",
                   "required when entered_in_error withdraws an event");
  }
  return model::Body(std::move(out));
}

Result<model::Body> DecodePatientEvent(const pb::PatientEvent& e) {
  const FieldPath p("patient_event");
  model::PatientEvent out;
  ASSIGN_OR_RETURN(out.patient,
                   DecodePatient(p + ".patient", e.has_patient(), e.patient()));
  switch (e.kind()) {
    case pb::PATIENT_EVENT_KIND_REGISTERED:
      out.kind = model::PatientEventKind::kRegistered;
      break;
    case pb::PATIENT_EVENT_KIND_UPDATED:
      out.kind = model::PatientEventKind::kUpdated;
      break;
    case pb::PATIENT_EVENT_KIND_DISCHARGED:
      out.kind = model::PatientEventKind::kDischarged;
      break;
    case pb::PATIENT_EVENT_KIND_MERGED:
      out.kind = model::PatientEventKind::kMerged;
      break;
    case pb::PATIENT_EVENT_KIND_UNSPECIFIED:
      return Invalid(p + ".kind", "required");
    default:
      return Invalid(p + ".kind", "unknown value " + std::to_string(e.kind()));
  }
  if (out.kind == model::PatientEventKind::kMerged) {
    model::PatientId from;
    ASSIGN_OR_RETURN(from, DecodePatient(p + ".merged_from",
                                         e.has_merged_from(), e.merged_from()));
    if (from.id == out.patient.id &&
        from.assigning_authority == out.patient.assigning_authority) {
      return Invalid(p + ".merged_from", "is the same patient as patient");
    }
    out.merged_from = std::move(from);
  } else if (e.has_merged_from()) {
    return Invalid(p + ".merged_from", "only allowed for MERGED");
  }
  ASSIGN_OR_RETURN(
      out.occurred_at,
      RequiredTime(p + ".occurred_at", e.has_occurred_at(), e.occurred_at()));
  return model::Body(std::move(out));
}

Result<model::Body> DecodeAlertAction(const pb::AlertAction& a) {
  const FieldPath p("alert_action");
  model::AlertAction out;
  if (a.alert_id() == 0 ||
      a.alert_id() > static_cast<std::uint64_t>(INT64_MAX)) {
    return Invalid(p + ".alert_id", "required: an alert id from 1");
  }
  out.alert_id = static_cast<std::int64_t>(a.alert_id());
  switch (a.kind()) {
    case pb::ALERT_ACTION_KIND_ACKNOWLEDGE:
      out.kind = model::AlertActionKind::kAcknowledge;
      break;
    case pb::ALERT_ACTION_KIND_RESOLVE:
      out.kind = model::AlertActionKind::kResolve;
      break;
    case pb::ALERT_ACTION_KIND_UNSPECIFIED:
      return Invalid(p + ".kind", "required");
    default:
      return Invalid(p + ".kind", "unknown value " + std::to_string(a.kind()));
  }
  RETURN_IF_ERROR(CheckRequired(p + ".by", a.by(), kMaxIdentifierBytes));
  RETURN_IF_ERROR(CheckLength(p + ".note", a.note(), kMaxNoteBytes));
  out.by = a.by();
  out.note = a.note();
  return model::Body(std::move(out));
}

Result<model::Body> DecodeFeedConfirmation(const pb::FeedConfirmation& c) {
  const FieldPath p("feed_confirmation");
  RETURN_IF_ERROR(
      CheckRequired(p + ".consumer", c.consumer(), kMaxConsumerBytes));
  for (char ch : c.consumer()) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' ||
                    ch == '-';
    if (!ok) return Invalid(p + ".consumer", "only A-Z a-z 0-9 . _ - allowed");
  }
  if ((c.through_event() == 0 && !c.register_start()) ||
      c.through_event() > static_cast<std::uint64_t>(INT64_MAX)) {
    return Invalid(p + ".through_event",
                   "required: an event id from 1 (0 only with "
                   "register_start)");
  }
  return model::Body(model::FeedConfirmation{
      c.consumer(), static_cast<std::int64_t>(c.through_event()),
      c.register_start()});
}

Result<model::Body> DecodeBody(const pb::Envelope& env) {
  switch (env.body_case()) {
    case pb::Envelope::kObservations:
      return DecodeObservations(env.observations());
    case pb::Envelope::kMedicationAdministration:
      return DecodeMedication(env.medication_administration());
    case pb::Envelope::kTherapyEvent:
      return DecodeTherapy(env.therapy_event());
    case pb::Envelope::kPatientEvent:
      return DecodePatientEvent(env.patient_event());
    case pb::Envelope::kAlertAction:
      return DecodeAlertAction(env.alert_action());
    case pb::Envelope::kFeedConfirmation:
      return DecodeFeedConfirmation(env.feed_confirmation());
    case pb::Envelope::BODY_NOT_SET:
      break;
  }
  return Invalid("body",
                 "required: one of observations, "
                 "medication_administration, therapy_event, "
                 "patient_event, alert_action, feed_confirmation");
}

std::string_view WireBodyKind(const pb::Envelope& env) {
  switch (env.body_case()) {
    case pb::Envelope::kObservations:
      return "observations";
    case pb::Envelope::kMedicationAdministration:
      return "medication_administration";
    case pb::Envelope::kTherapyEvent:
      return "therapy_event";
    case pb::Envelope::kPatientEvent:
      return "patient_event";
    case pb::Envelope::kAlertAction:
      return "alert_action";
    case pb::Envelope::kFeedConfirmation:
      return "feed_confirmation";
    case pb::Envelope::BODY_NOT_SET:
      break;
  }
  return "";
}

}  // namespace

DecodedFrame DecodeEnvelope(std::string_view payload) {
  DecodedFrame out;
  pb::Envelope env;
  if (payload.empty()) {
    out.status = Status::InvalidArgument("frame: empty (a zero length)");
    return out;
  }
  if (!env.ParseFromArray(payload.data(), static_cast<int>(payload.size()))) {
    out.status = Status::InvalidArgument(
        "frame: not a valid iraed.v1.Envelope (protobuf decoding failed: "
        "truncated, corrupt, wrong wire type or invalid UTF-8 in a string)");
    return out;
  }
  out.message_id = env.message_id();
  out.source = env.source();
  out.body_kind = std::string(WireBodyKind(env));
  auto fail = [&out](Status s) {
    out.status = std::move(s);
    return std::move(out);
  };
  if (Status s =
          CheckRequired("message_id", env.message_id(), kMaxMessageIdBytes);
      !s.ok()) {
    return fail(std::move(s));
  }
  if (Status s = CheckRequired("source", env.source(), kMaxSourceBytes);
      !s.ok()) {
    return fail(std::move(s));
  }
  if (env.auth_token().size() > kMaxAuthTokenBytes) {
    return fail(Status::InvalidArgument("auth_token: longer than " +
                                        std::to_string(kMaxAuthTokenBytes) +
                                        " bytes"));
  }
  out.auth_token = env.auth_token();
  if (env.has_sent_at()) {
    auto sent = ToMillis("sent_at", env.sent_at());
    if (!sent.ok()) return fail(sent.status());
    out.sent_at = *sent;
  }
  auto body = DecodeBody(env);
  if (!body.ok()) return fail(body.status());
  out.message = model::Message{
      env.message_id(), env.source(), out.sent_at, std::move(body).value(), {}};
  return out;
}

}  // namespace iraed::ingest
