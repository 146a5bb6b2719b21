// Writes the seed corpus of the protobuf ingest fuzzer into a folder: valid
// streams of every body kind, and a few broken ones.
#include <fstream>
#include <iostream>
#include <string>

#include "ingest/delimited_frame.h"
#include "iraed/v1/ingest.pb.h"

namespace pb = ::iraed::v1;

namespace {

std::string Framed(const pb::Envelope& env) {
  std::string out;
  iraed::ingest::AppendDelimited(env.SerializeAsString(), out);
  return out;
}

pb::Envelope Base(const std::string& id) {
  pb::Envelope env;
  env.set_message_id(id);
  env.set_source("seed");
  env.mutable_sent_at()->set_seconds(1790000060);
  return env;
}

void Write(const std::string& dir, const std::string& name,
           const std::string& bytes) {
  std::ofstream(dir + "/" + name, std::ios::binary) << bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: iraed_fuzz_seeds DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  pb::Envelope obs = Base("obs-1");
  auto* batch = obs.mutable_observations();
  batch->mutable_patient()->set_id("P1");
  batch->mutable_patient()->set_assigning_authority("HOSP");
  for (int i = 0; i < 3; ++i) {
    auto* o = batch->add_observations();
    o->mutable_code()->set_system("LN");
    o->mutable_code()->set_code("8310-5");
    o->set_numeric(38.0 + i * 0.5);
    o->set_comparator(i == 2 ? ">" : "");
    o->set_unit("Cel");
    o->mutable_reference_range()->set_low(36.1);
    o->mutable_reference_range()->set_high(37.9);
    o->set_status(pb::RESULT_STATUS_FINAL);
    o->mutable_observed_at()->set_seconds(1790000000);
    o->add_alternate_codes()->set_code("TEMP");
  }
  pb::Envelope med = Base("med-1");
  auto* m = med.mutable_medication_administration();
  m->mutable_patient()->set_id("P1");
  m->mutable_drug()->set_display("norepinephrine");
  m->set_rate(0.1);
  m->mutable_started_at()->set_seconds(1790000000);
  m->mutable_ended_at()->set_seconds(1790003600);
  m->set_status(pb::ADMINISTRATION_STATUS_STOPPED);
  pb::Envelope therapy = Base("ther-1");
  auto* t = therapy.mutable_therapy_event();
  t->mutable_patient()->set_id("P1");
  t->set_kind(pb::THERAPY_KIND_CHECKPOINT_INHIBITOR_DOSE);
  t->mutable_product()->set_display("nivolumab");
  t->set_target(pb::CHECKPOINT_TARGET_PD_1);
  t->mutable_administered_at()->set_seconds(1790000000);
  pb::Envelope merge = Base("adt-1");
  auto* e = merge.mutable_patient_event();
  e->mutable_patient()->set_id("P1");
  e->set_kind(pb::PATIENT_EVENT_KIND_MERGED);
  e->mutable_merged_from()->set_id("P0");
  e->mutable_occurred_at()->set_seconds(1790000000);

  Write(dir, "observations", Framed(obs));
  Write(dir, "medication", Framed(med));
  Write(dir, "therapy", Framed(therapy));
  Write(dir, "merge", Framed(merge));
  Write(dir, "stream",
        Framed(obs) + Framed(med) + Framed(therapy) + Framed(merge));
  std::string truncated = Framed(obs);
  Write(dir, "truncated", truncated.substr(0, truncated.size() / 2));
  Write(dir, "bad_varint", std::string(11, '\xff'));
  Write(dir, "empty_frame", std::string(1, '\0'));
  return 0;
}
