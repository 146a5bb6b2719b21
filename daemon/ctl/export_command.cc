// iraectl export (ctl/commands.h): adverse-event episodes or findings for
// pharmacovigilance (reports/pv_export.h), the data dictionary, and the period
// summary. Reads the database read-only.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <system_error>

#include "common/private_files.h"
#include "config/config.h"
#include "ctl/commands.h"
#include "ctl/exit_status.h"
#include "reports/pv_export.h"

namespace iraed::ctl {

using reports::EpisodesExport;
using reports::ExportDictionary;
using reports::FindingsExport;
using reports::PvExportOptions;
using reports::RenderCsv;
using reports::RenderJsonLines;
using reports::RenderText;
using reports::SummaryExport;
using reports::Table;
namespace {

// The bytes of the pseudonym key file (at least 16), or what is wrong with
// it, in words.
Result<std::string> ReadPseudonymKey(const std::string& file) {
  std::error_code ec;
  const auto status = std::filesystem::status(file, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Status::InvalidArgument("the pseudonym key file " + file +
                                   " does not exist");
  }
  if (std::filesystem::is_directory(status)) {
    return Status::InvalidArgument("the pseudonym key file " + file +
                                   " is a directory, not a file");
  }
  // Not a device or a pipe (/dev/urandom would be read for ever).
  if (!std::filesystem::is_regular_file(status)) {
    return Status::InvalidArgument("the pseudonym key file " + file +
                                   " is not a regular file");
  }
  constexpr std::uintmax_t kMaxKeyBytes = 1 << 20;
  if (std::filesystem::file_size(file, ec) > kMaxKeyBytes) {
    return Status::InvalidArgument("the pseudonym key file " + file +
                                   " is larger than 1 MiB: not a key");
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument("cannot read the pseudonym key file " +
                                   file + " (permissions?)");
  }
  std::ostringstream key;
  key << in.rdbuf();
  if (key.str().size() < 16) {
    return Status::InvalidArgument(
        "the pseudonym key file " + file + " holds " +
        std::to_string(key.str().size()) +
        " bytes; a key needs at least 16 (e.g. head -c 32 /dev/urandom)");
  }
  return key.str();
}

// The export's time zone and site drugs: --time-zone, else --config's
// site_time_zone (the system's zone when it names none).
Status LoadSiteSettings(const CtlOptions& o, PvExportOptions& x) {
  config::Config config;
  if (!o.config.empty()) {
    RETURN_IF_ERROR(config::LoadConfigFile(o.config, config));
  }
  x.drugs = config.grading.drugs;
  x.episodes.astct_window_ms = config.grading.astct_window_ms;
  if (!o.time_zone.empty()) {
    ASSIGN_OR_RETURN(x.zone, TimeZone::Named(o.time_zone));
    return Status::Ok();
  }
  const config::SiteTimeZone site = config::ResolveSiteTimeZone(config);
  if (!site.warning.empty()) std::cerr << "iraectl: " << site.warning << "\n";
  x.zone = site.zone;
  return Status::Ok();
}

// --format if given, else JSON Lines under the tool's --json, else CSV.
std::string Render(const Table& t, const CtlOptions& o) {
  const std::string format =
      !o.format.empty() ? o.format : (o.json ? "json" : "csv");
  return format == "csv" ? RenderCsv(t) : RenderJsonLines(t);
}

int Emit(const Table& t, const std::string& text, const CtlOptions& o,
         const char* what) {
  if (o.output.empty()) {
    std::cout << text;
    return kExitOk;
  }
  if (Status s = WriteOwnerOnlyFile(o.output, text); !s.ok()) {
    return Fail(s.message(), kExitFailed);
  }
  std::cout << t.rows.size() << " " << what << " written to " << o.output
            << " (mode 0600)\n";
  return kExitOk;
}

}  // namespace

int DescribeExport(const CtlOptions& o) {
  const Table t = ExportDictionary();
  const std::string text =
      o.format.empty() && !o.json ? RenderText(t) : Render(t, o);
  return Emit(t, text, o, "column(s)");
}

namespace {

int Summary(store::Database& db, const PvExportOptions& x,
            const CtlOptions& o) {
  auto summary = SummaryExport(db, x);
  if (!summary.ok()) return Fail(summary.status().message(), kExitUnreachable);
  if (!o.plot.empty()) {
    if (Status s = WriteOwnerOnlyFile(o.plot, summary->svg); !s.ok()) {
      return Fail(s.message(), kExitFailed);
    }
    std::cerr << "iraectl: incidence plot written to " << o.plot
              << " (SVG, mode 0600)\n";
  }
  return Emit(summary->table, Render(summary->table, o), o, "summary row(s)");
}

}  // namespace

int RunExportCommand(store::Database& db, const CtlOptions& o) {
  if (o.describe) return DescribeExport(o);
  if (o.from.empty() || o.to.empty()) {
    return Fail("export needs --from and --to (or --describe)", kExitUsage);
  }
  PvExportOptions x;
  if (Status s = LoadSiteSettings(o, x); !s.ok()) {
    return Fail(s.message(), kExitUsage);
  }
  x.from = *ParseInstant(o.from, x.zone);
  x.to = *ParseInstant(o.to, x.zone);
  if (x.from >= x.to)
    return Fail("export needs --from before --to", kExitUsage);
  // The last instant of the period [from, to), or now.
  x.as_of = std::min(x.to - 1, RealClock().NowMillis());
  x.episodes.rules.end_after_days = o.episode_end_days;
  if (!o.pseudonym_key_file.empty()) {
    auto read = ReadPseudonymKey(o.pseudonym_key_file);
    if (!read.ok()) return Fail(read.status().message(), kExitUsage);
    x.pseudonym_key = std::move(read).value();
  }
  if (o.ctcae_version != "all") {
    x.ctcae = grading::CtcaeVersionFromName(o.ctcae_version);
  }
  if (o.summary) return Summary(db, x, o);
  const bool episodes = o.level == "episode";
  auto t = episodes ? EpisodesExport(db, x) : FindingsExport(db, x);
  if (!t.ok()) return Fail(t.status().message(), kExitUnreachable);
  return Emit(*t, Render(*t, o), o, episodes ? "episode(s)" : "finding(s)");
}

}  // namespace iraed::ctl
