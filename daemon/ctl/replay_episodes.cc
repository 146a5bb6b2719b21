#include "ctl/replay_episodes.h"

#include <algorithm>
#include <iterator>
#include <string>
#include <vector>

#include "common/time_format.h"
#include "reports/pv_data.h"

namespace iraed::ctl {

using reports::DeriveAllEpisodes;
using reports::LoadPvData;
using reports::PvData;
using reports::PvEpisode;
namespace {

std::string Describe(const PvData& data, const PvEpisode& ep,
                     std::int64_t message) {
  const pv::Episode& e = ep.episode;
  std::string patient;
  if (auto p = data.patients.find(ep.opening->patient);
      p != data.patients.end()) {
    patient = p->second.authority + "^" + p->second.identifier;
  }
  std::string versions;
  for (const std::string& v : ep.rule_versions) {
    versions += (versions.empty() ? "" : ";") + v;
  }
  return "message " + std::to_string(message) + ": " + patient + " | " +
         ep.opening->term + " | " + ep.opening->system + " | baseline " +
         std::to_string(e.baseline_grade) + " | onset " +
         FormatUtcMillis(e.onset) + " grade " + std::to_string(e.onset_grade) +
         " | worst " + std::to_string(e.worst_grade) + " at " +
         FormatUtcMillis(e.worst_at) + " | end " +
         (e.end ? FormatUtcMillis(*e.end) : std::string("-")) + " | " +
         std::string(pv::OutcomeName(e.outcome)) +
         (e.provisional ? " | provisional" : "") + " | " +
         std::to_string(e.finding_ids.size()) + " findings | " + versions;
}

// The episodes of `data` opened by stored messages [first, last] (after
// mapping through `to_original` when it is not empty), described.
std::vector<std::string> Described(
    const PvData& data, std::int64_t first, std::int64_t last,
    const std::map<std::int64_t, std::int64_t>& to_original, UnixMillis as_of) {
  std::vector<std::string> out;
  for (const PvEpisode& ep : DeriveAllEpisodes(data, as_of, {})) {
    std::int64_t message = ep.opening->message;
    if (!to_original.empty()) {
      auto it = to_original.find(message);
      if (it == to_original.end()) continue;
      message = it->second;
    }
    if (message < first || message > last) continue;
    out.push_back(Describe(data, ep, message));
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Deaths as the replayed messages set them: the stored database may hold a
// death a message after the replayed ones set.
void TakeDeaths(const PvData& replayed, PvData& stored) {
  std::map<std::pair<std::string, std::string>, std::optional<UnixMillis>>
      deaths;
  for (const auto& [id, p] : replayed.patients) {
    deaths[{p.authority, p.identifier}] = p.died_at;
  }
  for (auto& [id, p] : stored.patients) {
    auto it = deaths.find({p.authority, p.identifier});
    p.died_at = it == deaths.end() ? std::nullopt : it->second;
  }
}

}  // namespace

Result<ReplayTableResult> CompareEpisodes(
    store::Database& stored, store::Database& replayed, std::int64_t first,
    std::int64_t last, const std::map<std::int64_t, std::int64_t>& to_original,
    UnixMillis as_of) {
  // The stored side reads only the rows of the replayed messages.
  ASSIGN_OR_RETURN(PvData a_data, LoadPvData(stored, {as_of + 1, last},
                                             grading::DrugCatalog::Defaults()));
  ASSIGN_OR_RETURN(PvData b_data,
                   LoadPvData(replayed, {as_of + 1, std::nullopt},
                              grading::DrugCatalog::Defaults()));
  TakeDeaths(b_data, a_data);
  const std::vector<std::string> a = Described(a_data, first, last, {}, as_of);
  const std::vector<std::string> b =
      Described(b_data, first, last, to_original, as_of);
  ReplayTableResult r;
  r.table = "episodes";
  r.stored = static_cast<std::int64_t>(a.size());
  r.replayed = static_cast<std::int64_t>(b.size());
  std::vector<std::string> only_a, only_b;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(),
                      std::back_inserter(only_a));
  std::set_difference(b.begin(), b.end(), a.begin(), a.end(),
                      std::back_inserter(only_b));
  r.identical = static_cast<std::int64_t>(a.size() - only_a.size());
  for (const std::string& s : only_a)
    r.differences.push_back("stored only: " + s);
  for (const std::string& s : only_b)
    r.differences.push_back("replay only: " + s);
  return r;
}

}  // namespace iraed::ctl
