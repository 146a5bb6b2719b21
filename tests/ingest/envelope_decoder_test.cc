#include "ingest/envelope_decoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "iraed/v1/ingest.pb.h"
#include "support/proto_client.h"

namespace iraed::ingest {
namespace {

namespace pb = ::iraed::v1;
using ::iraed::testing::ObservationEnvelope;

constexpr char kPatient[] = "MRN-SECRET-4711";

DecodedFrame Decode(const pb::Envelope& env) {
  return DecodeEnvelope(env.SerializeAsString());
}

// Expects a rejection whose reason starts with `path` and never leaks the
// patient identifier.
void ExpectRejected(const pb::Envelope& env, const std::string& path) {
  DecodedFrame d = Decode(env);
  ASSERT_FALSE(d.status.ok()) << "expected rejection at " << path;
  EXPECT_EQ(d.status.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(d.status.message().rfind(path, 0), 0u) << d.status.message();
  EXPECT_EQ(d.status.message().find(kPatient), std::string::npos);
  EXPECT_FALSE(d.message.has_value());
}

pb::Envelope Valid() { return ObservationEnvelope("m-1", "lab", kPatient, 3); }

TEST(EnvelopeDecoderTest, DecodesObservationBatch) {
  DecodedFrame d = Decode(Valid());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.message_id, "m-1");
  EXPECT_EQ(d.source, "lab");
  EXPECT_EQ(d.body_kind, "observations");
  ASSERT_TRUE(d.message);
  const auto& batch = std::get<model::ObservationBatch>(d.message->body);
  EXPECT_EQ(batch.patient.id, kPatient);
  EXPECT_EQ(batch.patient.assigning_authority, "TESTHOSP");
  ASSERT_EQ(batch.observations.size(), 3u);
  const auto& o = batch.observations[1];
  EXPECT_EQ(o.code.system, "LN");
  EXPECT_EQ(o.code.code, "1742-6");
  EXPECT_EQ(*o.numeric, 21.0);
  EXPECT_EQ(o.unit, "U/L");
  EXPECT_EQ(*o.reference_range.high, 56.0);
  EXPECT_EQ(o.status, model::ResultStatus::kFinal);
  EXPECT_EQ(o.observed_at, 1790000000LL * 1000);
}

TEST(EnvelopeDecoderTest, BirthDateIsOptionalAndMustBeADate) {
  pb::Envelope env = Valid();
  env.mutable_observations()->mutable_patient()->set_birth_date("2019-03-01");
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(
      std::get<model::ObservationBatch>(d.message->body).patient.birth_date,
      "2019-03-01");
  for (const char* bad : {"20190301", "2019-02-30", "2019-3-1", "soon"}) {
    env.mutable_observations()->mutable_patient()->set_birth_date(bad);
    ExpectRejected(env, "observations.patient.birth_date");
    // The value is not echoed (a birth date identifies a patient).
    EXPECT_EQ(Decode(env).status.message().find(bad), std::string::npos);
  }
}

TEST(EnvelopeDecoderTest, SexAndDeathAreOptionalAndChecked) {
  pb::Envelope env = Valid();
  auto* p = env.mutable_observations()->mutable_patient();
  DecodedFrame none = Decode(env);
  ASSERT_TRUE(none.status.ok());
  const auto& plain = std::get<model::ObservationBatch>(none.message->body);
  EXPECT_EQ(plain.patient.sex, "");
  EXPECT_FALSE(plain.patient.died_at.has_value());
  p->set_sex("female");
  p->mutable_died_at()->set_seconds(1790000000);
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& batch = std::get<model::ObservationBatch>(d.message->body);
  EXPECT_EQ(batch.patient.sex, "female");
  EXPECT_EQ(batch.patient.died_at, 1790000000LL * 1000);
  for (const char* bad : {"F", "Female", "woman"}) {
    p->set_sex(bad);
    ExpectRejected(env, "observations.patient.sex");
  }
  p->set_sex("unknown");
  p->mutable_died_at()->set_seconds(-99999999999);
  ExpectRejected(env, "observations.patient.died_at");
}

// Name, ward and bed for the console: optional, at most 200 bytes each,
// never echoed in the reason.
TEST(EnvelopeDecoderTest, NameWardAndBedAreOptionalAndBounded) {
  pb::Envelope env = Valid();
  auto* p = env.mutable_observations()->mutable_patient();
  DecodedFrame none = Decode(env);
  ASSERT_TRUE(none.status.ok());
  const auto& plain = std::get<model::ObservationBatch>(none.message->body);
  EXPECT_FALSE(plain.patient.name.has_value());
  EXPECT_FALSE(plain.patient.ward.has_value());
  EXPECT_FALSE(plain.patient.bed.has_value());
  p->set_name("DOE, Jane");
  p->set_ward("5 West");
  p->set_bed("12-2");
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& batch = std::get<model::ObservationBatch>(d.message->body);
  EXPECT_EQ(batch.patient.name, "DOE, Jane");
  EXPECT_EQ(batch.patient.ward, "5 West");
  EXPECT_EQ(batch.patient.bed, "12-2");
  for (const char* field : {"name", "ward", "bed"}) {
    pb::Envelope e = env;
    auto* q = e.mutable_observations()->mutable_patient();
    const std::string at_limit(model::kMaxPersonTextBytes, 'x');
    const std::string over(model::kMaxPersonTextBytes + 1, 'y');
    auto set = [&](const std::string& v) {
      if (std::string(field) == "name") q->set_name(v);
      if (std::string(field) == "ward") q->set_ward(v);
      if (std::string(field) == "bed") q->set_bed(v);
    };
    set(at_limit);
    EXPECT_TRUE(Decode(e).status.ok()) << field;
    set(over);
    ExpectRejected(e, std::string("observations.patient.") + field);
    EXPECT_EQ(Decode(e).status.message().find(over), std::string::npos);
  }
}

TEST(EnvelopeDecoderTest, KeepsMillisecondsOfTimestamps) {
  pb::Envelope env = Valid();
  env.mutable_observations()
      ->mutable_observations(0)
      ->mutable_observed_at()
      ->set_nanos(123999999);
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok());
  EXPECT_EQ(std::get<model::ObservationBatch>(d.message->body)
                .observations[0]
                .observed_at,
            1790000000LL * 1000 + 123);
}

TEST(EnvelopeDecoderTest, GarbageIsRejectedWithoutIds) {
  DecodedFrame d = DecodeEnvelope("\xff\xff\xff\xff garbage");
  EXPECT_EQ(d.status.code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(d.message_id.empty());
  EXPECT_FALSE(d.message);
}

TEST(EnvelopeDecoderTest, EmptyPayloadIsRejected) {
  EXPECT_EQ(DecodeEnvelope("").status.code(), StatusCode::kInvalidArgument);
}

TEST(EnvelopeDecoderTest, InvalidUtf8IsRejected) {
  pb::Envelope env = Valid();
  std::string bytes = env.SerializeAsString();
  auto at = bytes.find("lab");
  ASSERT_NE(at, std::string::npos);
  bytes[at] = '\xff';
  EXPECT_FALSE(DecodeEnvelope(bytes).status.ok());
}

TEST(EnvelopeDecoderTest, MessageIdIsRequiredAndAtMost199Bytes) {
  pb::Envelope env = Valid();
  env.set_message_id("");
  ExpectRejected(env, "message_id: required");
  env.set_message_id(std::string(199, 'a'));
  EXPECT_TRUE(Decode(env).status.ok());
  env.set_message_id(std::string(200, 'a'));
  ExpectRejected(env, "message_id: longer than 199");
}

TEST(EnvelopeDecoderTest, RejectionStillReportsIdsForTheAck) {
  pb::Envelope env = Valid();
  env.mutable_observations()->mutable_observations(0)->clear_observed_at();
  DecodedFrame d = Decode(env);
  EXPECT_FALSE(d.status.ok());
  EXPECT_EQ(d.message_id, "m-1");
  EXPECT_EQ(d.source, "lab");
  EXPECT_EQ(d.body_kind, "observations");
}

TEST(EnvelopeDecoderTest, SourceAndBodyAreRequired) {
  pb::Envelope env = Valid();
  env.set_source("");
  ExpectRejected(env, "source: required");
  env = Valid();
  env.clear_observations();
  ExpectRejected(env, "body: required");
}

TEST(EnvelopeDecoderTest, ObservationFieldsAreChecked) {
  auto obs = [](pb::Envelope& e) {
    return e.mutable_observations()->mutable_observations(2);
  };
  pb::Envelope env = Valid();
  env.mutable_observations()->clear_patient();
  ExpectRejected(env, "observations.patient: required");
  env = Valid();
  env.mutable_observations()->mutable_patient()->set_id("");
  ExpectRejected(env, "observations.patient.id: required");
  env = Valid();
  env.mutable_observations()->clear_observations();
  ExpectRejected(env, "observations.observations: at least one");
  env = Valid();
  obs(env)->clear_code();
  ExpectRejected(env, "observations.observations[2].code: required");
  env = Valid();
  obs(env)->mutable_code()->set_system("");
  ExpectRejected(env, "observations.observations[2].code.system: required");
  env = Valid();
  obs(env)->set_status(pb::RESULT_STATUS_UNSPECIFIED);
  ExpectRejected(env, "observations.observations[2].status: required");
  env = Valid();
  obs(env)->set_status(static_cast<pb::ResultStatus>(42));
  ExpectRejected(env, "observations.observations[2].status: unknown value 42");
  env = Valid();
  obs(env)->set_numeric(std::numeric_limits<double>::quiet_NaN());
  ExpectRejected(env, "observations.observations[2].numeric: not a finite");
  env = Valid();
  obs(env)->set_numeric(std::numeric_limits<double>::infinity());
  ExpectRejected(env, "observations.observations[2].numeric: not a finite");
  env = Valid();
  obs(env)->clear_numeric();
  ExpectRejected(env, "observations.observations[2]: needs numeric or text");
  env = Valid();
  obs(env)->set_text("POSITIVE");
  obs(env)->set_comparator("<");
  ExpectRejected(env, "observations.observations[2].comparator: only");
  env = Valid();
  obs(env)->set_comparator("~");
  ExpectRejected(env, "observations.observations[2].comparator: must be");
  env = Valid();
  obs(env)->mutable_reference_range()->set_low(100);
  ExpectRejected(env, "observations.observations[2].reference_range: low");
  env = Valid();
  obs(env)->mutable_observed_at()->set_seconds(-3000000000LL);
  ExpectRejected(env, "observations.observations[2].observed_at: outside");
  env = Valid();
  obs(env)->mutable_observed_at()->set_nanos(1000000000);
  ExpectRejected(env, "observations.observations[2].observed_at: nanos");
}

TEST(EnvelopeDecoderTest, WithdrawnResultNeedsNoValue) {
  pb::Envelope env = Valid();
  auto* o = env.mutable_observations()->mutable_observations(0);
  o->clear_numeric();
  o->set_status(pb::RESULT_STATUS_CANCELLED);
  EXPECT_TRUE(Decode(env).status.ok());
  o->set_status(pb::RESULT_STATUS_ENTERED_IN_ERROR);
  EXPECT_TRUE(Decode(env).status.ok());
}

TEST(EnvelopeDecoderTest, ComparatorKeptAndEqualsNormalised) {
  pb::Envelope env = Valid();
  env.mutable_observations()->mutable_observations(0)->set_comparator("<");
  env.mutable_observations()->mutable_observations(1)->set_comparator("=");
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok());
  const auto& b = std::get<model::ObservationBatch>(d.message->body);
  EXPECT_EQ(b.observations[0].comparator, "<");
  EXPECT_EQ(b.observations[1].comparator, "");
}

pb::Envelope Medication() {
  pb::Envelope env;
  env.set_message_id("med-1");
  env.set_source("mar");
  auto* m = env.mutable_medication_administration();
  m->mutable_patient()->set_id(kPatient);
  m->mutable_drug()->set_display("norepinephrine");
  m->set_rate(0.05);
  m->set_rate_unit("ug/kg/min");
  m->set_route("IV");
  m->mutable_started_at()->set_seconds(1790000000);
  m->set_status(pb::ADMINISTRATION_STATUS_IN_PROGRESS);
  m->set_administration_id("inf-9");
  return env;
}

TEST(EnvelopeDecoderTest, DecodesMedicationAdministration) {
  DecodedFrame d = Decode(Medication());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& m = std::get<model::MedicationAdministration>(d.message->body);
  EXPECT_EQ(m.drug.display, "norepinephrine");
  EXPECT_EQ(*m.rate, 0.05);
  EXPECT_FALSE(m.dose.has_value());
  EXPECT_EQ(m.status, model::AdministrationStatus::kInProgress);
  EXPECT_FALSE(m.ended_at.has_value());
}

TEST(EnvelopeDecoderTest, MedicationFieldsAreChecked) {
  pb::Envelope env = Medication();
  env.mutable_medication_administration()->mutable_drug()->set_display("");
  ExpectRejected(env, "medication_administration.drug: needs a code or");
  env = Medication();
  env.mutable_medication_administration()->mutable_drug()->set_code("7512");
  ExpectRejected(env, "medication_administration.drug.system: required");
  env = Medication();
  env.mutable_medication_administration()->set_rate(-1);
  ExpectRejected(env, "medication_administration.rate: negative");
  env = Medication();
  env.mutable_medication_administration()->mutable_ended_at()->set_seconds(
      1789999999);
  ExpectRejected(env, "medication_administration.ended_at: before");
  env = Medication();
  env.mutable_medication_administration()->set_status(
      pb::ADMINISTRATION_STATUS_UNSPECIFIED);
  ExpectRejected(env, "medication_administration.status: required");
}

pb::Envelope Therapy() {
  pb::Envelope env;
  env.set_message_id("t-1");
  env.set_source("pharmacy");
  auto* t = env.mutable_therapy_event();
  t->mutable_patient()->set_id(kPatient);
  t->set_kind(pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE);
  t->mutable_product()->set_display("pembrolizumab");
  t->set_target(pb::CHECKPOINT_TARGET_PD_1);
  t->mutable_administered_at()->set_seconds(1790000000);
  return env;
}

TEST(EnvelopeDecoderTest, DecodesTherapyEvent) {
  DecodedFrame d = Decode(Therapy());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& t = std::get<model::TherapyEvent>(d.message->body);
  EXPECT_EQ(t.kind, model::TherapyKind::kCheckpointInhibitorDose);
  EXPECT_EQ(t.target, model::CheckpointTarget::kPd1);
  EXPECT_EQ(grading::CheckpointTargetName(t.target), "PD-1");
}

TEST(EnvelopeDecoderTest, TherapyFieldsAreChecked) {
  pb::Envelope env = Therapy();
  env.mutable_therapy_event()->set_kind(pb::THERAPY_KIND_CAR_T_INFUSION);
  ExpectRejected(env, "therapy_event.target: only allowed");
  env = Therapy();
  env.mutable_therapy_event()->set_kind(pb::THERAPY_KIND_UNSPECIFIED);
  ExpectRejected(env, "therapy_event.kind: required");
  env = Therapy();
  env.mutable_therapy_event()->clear_administered_at();
  ExpectRejected(env, "therapy_event.administered_at: required");
  env = Therapy();
  env.mutable_therapy_event()->set_entered_in_error(true);
  ExpectRejected(env, "therapy_event.event_id: required");
}

pb::Envelope Merge() {
  pb::Envelope env;
  env.set_message_id("p-1");
  env.set_source("adt");
  auto* e = env.mutable_patient_event();
  e->mutable_patient()->set_id(kPatient);
  e->set_kind(pb::PATIENT_EVENT_KIND_MERGED);
  e->mutable_merged_from()->set_id("OLD-1");
  e->mutable_occurred_at()->set_seconds(1790000000);
  return env;
}

TEST(EnvelopeDecoderTest, DecodesPatientMerge) {
  DecodedFrame d = Decode(Merge());
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& e = std::get<model::PatientEvent>(d.message->body);
  EXPECT_EQ(e.kind, model::PatientEventKind::kMerged);
  EXPECT_EQ(e.merged_from->id, "OLD-1");
}

TEST(EnvelopeDecoderTest, PatientEventFieldsAreChecked) {
  pb::Envelope env = Merge();
  env.mutable_patient_event()->clear_merged_from();
  ExpectRejected(env, "patient_event.merged_from: required");
  env = Merge();
  env.mutable_patient_event()->mutable_merged_from()->set_id(kPatient);
  ExpectRejected(env, "patient_event.merged_from: is the same patient");
  env = Merge();
  env.mutable_patient_event()->set_kind(pb::PATIENT_EVENT_KIND_DISCHARGED);
  ExpectRejected(env, "patient_event.merged_from: only allowed");
}

pb::Envelope Action(std::uint64_t alert, pb::AlertActionKind kind,
                    const std::string& by) {
  pb::Envelope env;
  env.set_message_id("a-1");
  env.set_source("iraectl@host");
  auto* a = env.mutable_alert_action();
  a->set_alert_id(alert);
  a->set_kind(kind);
  a->set_by(by);
  return env;
}

TEST(EnvelopeDecoderTest, DecodesAlertAction) {
  pb::Envelope env = Action(42, pb::ALERT_ACTION_KIND_RESOLVE, "dr.smith");
  env.mutable_alert_action()->set_note("normalised");
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.body_kind, "alert_action");
  const auto& a = std::get<model::AlertAction>(d.message->body);
  EXPECT_EQ(a.alert_id, 42);
  EXPECT_EQ(a.kind, model::AlertActionKind::kResolve);
  EXPECT_EQ(a.by, "dr.smith");
  EXPECT_EQ(a.note, "normalised");
}

TEST(EnvelopeDecoderTest, AlertActionFieldsAreChecked) {
  ExpectRejected(Action(0, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, "x"),
                 "alert_action.alert_id");
  ExpectRejected(Action(1ULL << 63, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, "x"),
                 "alert_action.alert_id");
  ExpectRejected(Action(1, pb::ALERT_ACTION_KIND_UNSPECIFIED, "x"),
                 "alert_action.kind");
  ExpectRejected(Action(1, static_cast<pb::AlertActionKind>(9), "x"),
                 "alert_action.kind");
  ExpectRejected(Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, ""),
                 "alert_action.by");
  ExpectRejected(Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE,
                        std::string(kMaxIdentifierBytes + 1, 'u')),
                 "alert_action.by");
  pb::Envelope long_note = Action(1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, "x");
  long_note.mutable_alert_action()->set_note(
      std::string(kMaxNoteBytes + 1, 'n'));
  ExpectRejected(long_note, "alert_action.note");
  long_note.mutable_alert_action()->set_note(std::string(kMaxNoteBytes, 'n'));
  EXPECT_TRUE(Decode(long_note).status.ok());
  // The largest id that fits the database's 64-bit signed integer.
  EXPECT_TRUE(
      Decode(Action((1ULL << 63) - 1, pb::ALERT_ACTION_KIND_ACKNOWLEDGE, "x"))
          .status.ok());
}

pb::Envelope Confirmation(const std::string& consumer, std::uint64_t through) {
  pb::Envelope env;
  env.set_message_id("c-1");
  env.set_source("notifier");
  env.mutable_feed_confirmation()->set_consumer(consumer);
  env.mutable_feed_confirmation()->set_through_event(through);
  return env;
}

TEST(EnvelopeDecoderTest, DecodesFeedConfirmation) {
  DecodedFrame d = Decode(Confirmation("pager-1.icu_B", 17));
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  EXPECT_EQ(d.body_kind, "feed_confirmation");
  const auto& c = std::get<model::FeedConfirmation>(d.message->body);
  EXPECT_EQ(c.consumer, "pager-1.icu_B");
  EXPECT_EQ(c.through_event, 17);
}

TEST(EnvelopeDecoderTest, FeedConfirmationFieldsAreChecked) {
  ExpectRejected(Confirmation("", 1), "feed_confirmation.consumer");
  ExpectRejected(Confirmation("pager one", 1), "feed_confirmation.consumer");
  ExpectRejected(Confirmation("p\xc3\xa4ger", 1),
                 "feed_confirmation.consumer");  // UTF-8, but not [A-Za-z]
  ExpectRejected(Confirmation(std::string(kMaxConsumerBytes + 1, 'p'), 1),
                 "feed_confirmation.consumer");
  EXPECT_TRUE(
      Decode(Confirmation(std::string(kMaxConsumerBytes, 'p'), 1)).status.ok());
  ExpectRejected(Confirmation("pager", 0), "feed_confirmation.through_event");
}

// A start position may be 0 (before the first event); a confirmation not.
TEST(EnvelopeDecoderTest, RegisterStartMayBeZero) {
  pb::Envelope env = Confirmation("pager", 0);
  env.mutable_feed_confirmation()->set_register_start(true);
  DecodedFrame d = Decode(env);
  ASSERT_TRUE(d.status.ok()) << d.status.ToString();
  const auto& c = std::get<model::FeedConfirmation>(d.message->body);
  EXPECT_TRUE(c.register_start);
  EXPECT_EQ(c.through_event, 0);
}

}  // namespace
}  // namespace iraed::ingest
