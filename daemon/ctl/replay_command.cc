// iraectl replay (ctl/commands.h): re-grades the stored messages with this
// build's rules (ctl/replay.h) in a private scratch database.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <limits>
#include <string>

#include "common/logging.h"
#include "common/time_format.h"
#include "config/config.h"
#include "ctl/commands.h"
#include "ctl/exit_status.h"
#include "ctl/replay.h"
#include "grading/rule_set.h"

namespace iraed::ctl {
namespace {

// The grading, alerting and HL7 settings of --config (or the defaults).
Status LoadReplaySettings(const CtlOptions& o, ReplayOptions& r) {
  config::Config config;
  if (!o.config.empty()) {
    RETURN_IF_ERROR(config::LoadConfigFile(o.config, config));
  }
  r.grading = config.grading;
  r.alerting = config.alerting;
  r.hl7 = config.hl7;
  const config::SiteTimeZone site_zone = config::ResolveSiteTimeZone(config);
  if (!site_zone.warning.empty()) {
    std::cerr << "iraectl: " << site_zone.warning << "\n";
  }
  r.hl7.zone = site_zone.zone;
  return Status::Ok();
}

}  // namespace

int RunReplayCommand(const CtlOptions& o) {
  const std::optional<grading::RuleSet> rules =
      grading::RuleSetFromName(o.rules);
  if (!rules) {
    return Fail(
        "this iraectl grades with rule sets " +
            std::string(
                grading::RuleSetName(grading::kOldestReplayableRuleSet)) +
            " to " + grading::kRuleSetVersion + "; replaying with " + o.rules +
            " needs the iraectl of the release that carried it",
        kExitUsage);
  }
  ReplayOptions r;
  r.source_db = o.db;
  r.from = o.from.empty() ? 0 : *ParseUtcMillis(o.from);
  r.to = o.to.empty() ? std::numeric_limits<std::int64_t>::max()
                      : *ParseUtcMillis(o.to);
  if (r.from >= r.to)
    return Fail("replay needs --from before --to", kExitUsage);
  if (Status s = LoadReplaySettings(o, r); !s.ok()) {
    return Fail(s.message(), kExitUsage);
  }
  r.grading.rule_set = *rules;
  // The scratch database holds patient data: a private folder (0700) in
  // $TMPDIR, removed afterwards.
  const char* tmp = std::getenv("TMPDIR");
  std::string scratch =
      std::string(tmp && *tmp ? tmp : "/tmp") + "/iraectl-replay-XXXXXX";
  if (::mkdtemp(scratch.data()) == nullptr) {
    return Fail("cannot create a scratch folder for the replay", kExitFailed);
  }
  r.scratch_db = scratch + "/replay.db";
  // Quiet: the replay's own store would log its start-up at info.
  (void)SetLogLevel("warn");
  auto report = Replay(r);
  std::error_code ec;
  std::filesystem::remove_all(scratch, ec);
  if (!report.ok()) return Fail(report.status().message(), kExitFailed);
  std::cout << RenderReplayReport(*report, o.rules);
  return report->Identical() ? kExitOk : kExitDiffers;
}

}  // namespace iraed::ctl
