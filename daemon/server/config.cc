#include "server/config.h"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/logging.h"
#include "common/time_zone.h"
#include "grading/analytes.h"
#include "grading/clinical_states.h"
#include "grading/drug_catalog.h"
#include "grading/units.h"
#include "hl7/charset.h"
#include "iraed/config/v1/config.pb.h"
#include "net/endpoint.h"

namespace iraed::server {
namespace {

namespace pb = ::iraed::config::v1;

class CollectFirstError : public google::protobuf::io::ErrorCollector {
 public:
  void AddError(int line, google::protobuf::io::ColumnNumber column,
                const std::string& message) override {
    if (!first_.empty()) return;
    first_ = std::to_string(line + 1) + ":" + std::to_string(column + 1) +
             ": " + message;
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

Status CheckRange(const std::string& origin, std::string_view setting,
                  std::uint64_t value, std::uint64_t lo, std::uint64_t hi) {
  if (value < lo || value > hi) {
    return Status::InvalidArgument(
        origin + ": " + std::string(setting) + ": " + std::to_string(value) +
        " is out of range " + std::to_string(lo) + ".." + std::to_string(hi));
  }
  return Status::Ok();
}

Status CheckListen(const std::string& origin, const char* setting,
                   const std::string& value, bool may_be_empty) {
  if (value.empty()) {
    if (may_be_empty) return Status::Ok();
    return Status::InvalidArgument(origin + ": " + setting + ": required");
  }
  auto ep = net::ParseEndpoint(value);
  if (!ep.ok()) {
    return Status::InvalidArgument(origin + ": " + setting + ": " +
                                   ep.status().message());
  }
  return Status::Ok();
}

Result<grading::Analyte> AnalyteSetting(const std::string& origin,
                                        const std::string& setting,
                                        const std::string& name) {
  auto a = grading::AnalyteFromName(name);
  if (!a) {
    return Status::InvalidArgument(origin + ": " + setting + ": '" + name +
                                   "' is not an analyte iraed grades (see "
                                   "config.proto CodeMapping.analyte)");
  }
  return *a;
}

Result<grading::Unit> UnitSetting(const std::string& origin,
                                  const std::string& setting,
                                  const std::string& text) {
  auto u = grading::ParseUnit(text);
  if (!u) {
    return Status::InvalidArgument(origin + ": " + setting + ": unit '" + text +
                                   "' is not one iraed grades in");
  }
  return *u;
}

Result<grading::DrugClass> DrugClassSetting(const std::string& origin,
                                            const std::string& setting,
                                            const std::string& name) {
  auto c = grading::DrugClassFromName(name);
  if (!c) {
    return Status::InvalidArgument(origin + ": " + setting + ": '" + name +
                                   "' is not a drug class (see config.proto "
                                   "SiteDrug.drug_class)");
  }
  return *c;
}

// The CRS/ICANS settings of `grading { }`.
Status LoadAstct(const pb::Grading& g, const std::string& origin,
                 grading::GradingOptions& out) {
  for (int i = 0; i < g.freshness_size(); ++i) {
    const auto& f = g.freshness(i);
    const std::string at = "grading.freshness[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", f.analyte()));
    if (!grading::IsAstctInput(a)) {
      return Status::InvalidArgument(origin + ": " + at + ".analyte: '" +
                                     f.analyte() +
                                     "' is not a CRS or ICANS input");
    }
    RETURN_IF_ERROR(CheckRange(origin, at + ".minutes", f.minutes(), 1, 10080));
    out.freshness_ms[a] = std::int64_t{f.minutes()} * grading::kMinuteMs;
  }
  if (g.has_vasopressor_freshness_minutes()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.vasopressor_freshness_minutes",
                               g.vasopressor_freshness_minutes(), 1, 10080));
    out.vasopressor_freshness_ms =
        std::int64_t{g.vasopressor_freshness_minutes()} * grading::kMinuteMs;
  }
  if (g.has_hypotension_systolic_below_mm_hg()) {
    const double v = g.hypotension_systolic_below_mm_hg();
    if (!(v >= 0 && v <= 200)) {
      return Status::InvalidArgument(
          origin +
          ": grading.hypotension_systolic_below_mm_hg: must be 0..200");
    }
    if (v == 0) {
      out.hypotension_systolic_below.reset();
    } else {
      out.hypotension_systolic_below = v;
    }
  }
  for (int i = 0; i < g.fever_masking_size(); ++i) {
    const auto& m = g.fever_masking(i);
    const std::string at = "grading.fever_masking[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(
        grading::DrugClass c,
        DrugClassSetting(origin, at + ".drug_class", m.drug_class()));
    bool* masks = nullptr;
    switch (c) {
      case grading::DrugClass::kAntipyretic:
        masks = &out.fever_masking.antipyretics;
        break;
      case grading::DrugClass::kTocilizumab:
        masks = &out.fever_masking.tocilizumab;
        break;
      case grading::DrugClass::kCorticosteroid:
        masks = &out.fever_masking.corticosteroids;
        break;
      case grading::DrugClass::kAnakinra:
        masks = &out.fever_masking.anakinra;
        break;
      default:
        return Status::InvalidArgument(
            origin + ": " + at + ".drug_class: '" + m.drug_class() +
            "' cannot mask fever (antipyretic, tocilizumab, corticosteroid "
            "or anakinra)");
    }
    if (m.has_masks()) *masks = m.masks();
    if (m.has_hours()) {
      RETURN_IF_ERROR(CheckRange(origin, at + ".hours", m.hours(), 1, 720));
      out.masking_ms[c] = std::int64_t{m.hours()} * grading::kHourMs;
    }
  }
  if (g.has_astct_window_days()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.astct_window_days",
                               g.astct_window_days(), 0, 3650));
    out.astct_window_ms = std::int64_t{g.astct_window_days()} * grading::kDayMs;
  }
  for (int i = 0; i < g.drugs_size(); ++i) {
    const auto& d = g.drugs(i);
    const std::string at = "grading.drugs[" + std::to_string(i) + "]";
    if (d.generic().empty()) {
      return Status::InvalidArgument(origin + ": " + at + ".generic: required");
    }
    ASSIGN_OR_RETURN(
        grading::DrugClass c,
        DrugClassSetting(origin, at + ".drug_class", d.drug_class()));
    auto target = grading::CheckpointTargetFromName(d.target());
    if (!target) {
      return Status::InvalidArgument(origin + ": " + at + ".target: '" +
                                     d.target() +
                                     "' is not PD-1, PD-L1, CTLA-4 or LAG-3");
    }
    const grading::Drug drug{d.generic(), c, *target};
    out.drugs.AddName(d.generic(), drug);
    for (const std::string& name : d.names()) out.drugs.AddName(name, drug);
    for (std::size_t j = 0; j < static_cast<std::size_t>(d.codes_size()); ++j) {
      const std::string& code = d.codes(static_cast<int>(j));
      const std::size_t bar = code.find('|');
      if (bar == std::string::npos || bar == 0 || bar + 1 == code.size()) {
        return Status::InvalidArgument(origin + ": " + at + ".codes[" +
                                       std::to_string(j) + "]: '" + code +
                                       "' is not SYSTEM|CODE");
      }
      out.drugs.AddCode(code.substr(0, bar), code.substr(bar + 1), drug);
    }
  }
  return Status::Ok();
}

Status LoadGrading(const pb::Grading& g, const std::string& origin,
                   Config& config) {
  grading::GradingOptions& out = config.grading;
  if (g.has_baseline_lookback_days()) {
    RETURN_IF_ERROR(CheckRange(origin, "grading.baseline_lookback_days",
                               g.baseline_lookback_days(), 1, 365));
    out.baseline_lookback_ms =
        std::int64_t{g.baseline_lookback_days()} * 24 * 3600 * 1000;
  }
  for (int i = 0; i < g.code_map_size(); ++i) {
    const auto& m = g.code_map(i);
    const std::string at = "grading.code_map[" + std::to_string(i) + "]";
    if (m.system().empty() || m.code().empty()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": system and code are required");
    }
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", m.analyte()));
    out.analytes.Add(m.system(), m.code(), a);
  }
  for (int i = 0; i < g.default_limits_size(); ++i) {
    const auto& l = g.default_limits(i);
    const std::string at = "grading.default_limits[" + std::to_string(i) + "]";
    ASSIGN_OR_RETURN(grading::Analyte a,
                     AnalyteSetting(origin, at + ".analyte", l.analyte()));
    ASSIGN_OR_RETURN(grading::Unit u,
                     UnitSetting(origin, at + ".unit", l.unit()));
    if (!l.has_low() && !l.has_high()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": needs low and/or high");
    }
    if (l.has_low() && l.has_high() && l.low() > l.high()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ": low is above high");
    }
    grading::GradingOptions::Limits limits;
    if (l.has_low()) limits.low = l.low();
    if (l.has_high()) limits.high = l.high();
    out.default_limits[{a, u}] = limits;
  }
  for (int i = 0; i < g.troponin_mi_cutoffs_size(); ++i) {
    const auto& c = g.troponin_mi_cutoffs(i);
    const std::string at =
        "grading.troponin_mi_cutoffs[" + std::to_string(i) + "]";
    if (c.system().empty() || c.code().empty() || !(c.value() > 0)) {
      return Status::InvalidArgument(
          origin + ": " + at + ": system, code and a positive value needed");
    }
    ASSIGN_OR_RETURN(grading::Unit u,
                     UnitSetting(origin, at + ".unit", c.unit()));
    out.mi_cutoffs[{c.system(), c.code()}] = {u, c.value()};
  }
  return LoadAstct(g, origin, out);
}

Status LoadAlerting(const pb::Alerting& a, const std::string& origin,
                    Config& config) {
  alerts::AlertPolicy& out = config.alerting;
  if (a.has_realert_min_interval_minutes()) {
    RETURN_IF_ERROR(CheckRange(origin, "alerting.realert_min_interval_minutes",
                               a.realert_min_interval_minutes(), 0, 10080));
    out.realert_min_interval_ms =
        static_cast<std::int64_t>(a.realert_min_interval_minutes()) * 60000;
  }
  if (a.has_consumer_max_lag_seconds()) {
    RETURN_IF_ERROR(CheckRange(origin, "alerting.consumer_max_lag_seconds",
                               a.consumer_max_lag_seconds(), 0, 86400));
    out.consumer_max_lag_ms =
        static_cast<std::int64_t>(a.consumer_max_lag_seconds()) * 1000;
  }
  for (int i = 0; i < a.consumer_max_lag_size(); ++i) {
    const pb::ConsumerMaxLag& c = a.consumer_max_lag(i);
    const std::string at =
        "alerting.consumer_max_lag[" + std::to_string(i) + "]";
    if (c.consumer().empty()) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ".consumer: required");
    }
    RETURN_IF_ERROR(CheckRange(origin, at + ".seconds", c.seconds(), 0, 86400));
    if (!out.consumer_max_lag_by_name
             .emplace(c.consumer(),
                      static_cast<std::int64_t>(c.seconds()) * 1000)
             .second) {
      return Status::InvalidArgument(origin + ": " + at + ".consumer: '" +
                                     c.consumer() + "' is given twice");
    }
  }
  std::set<std::uint32_t> seen;
  for (int i = 0; i < a.escalation_size(); ++i) {
    const pb::EscalationPolicy& e = a.escalation(i);
    const std::string at = "alerting.escalation[" + std::to_string(i) + "]";
    RETURN_IF_ERROR(CheckRange(origin, at + ".grade", e.grade(), 1, 5));
    if (!seen.insert(e.grade()).second) {
      return Status::InvalidArgument(origin + ": " + at + ".grade: grade " +
                                     std::to_string(e.grade()) +
                                     " is given twice");
    }
    RETURN_IF_ERROR(CheckRange(origin, at + ".acknowledge_within_seconds",
                               e.acknowledge_within_seconds(), 0, 604800));
    RETURN_IF_ERROR(CheckRange(origin, at + ".repeat_every_seconds",
                               e.repeat_every_seconds(), 0, 604800));
    RETURN_IF_ERROR(CheckRange(origin, at + ".max_escalations",
                               e.max_escalations(), 0, 1000));
    if (e.route_size() < 1 || e.route_size() > 16) {
      return Status::InvalidArgument(origin + ": " + at +
                                     ".route: 1 to 16 roles required");
    }
    alerts::Escalation policy;
    policy.acknowledge_within_ms =
        static_cast<std::int64_t>(e.acknowledge_within_seconds()) * 1000;
    policy.repeat_every_ms =
        static_cast<std::int64_t>(e.repeat_every_seconds()) * 1000;
    policy.max_escalations = static_cast<int>(e.max_escalations());
    for (const std::string& role : e.route()) {
      if (role.empty() || role.size() > 250 ||
          role.find_first_of("\r\n") != std::string::npos) {
        return Status::InvalidArgument(
            origin + ": " + at +
            ".route: each role 1..250 bytes without line breaks");
      }
      policy.route.push_back(role);
    }
    out.by_grade[e.grade()] = std::move(policy);
  }
  return Status::Ok();
}

}  // namespace

Result<store::Synchronous> ParseSynchronous(std::string_view text) {
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return std::toupper(c); });
  if (upper == "OFF") return store::Synchronous::kOff;
  if (upper == "NORMAL") return store::Synchronous::kNormal;
  if (upper == "FULL") return store::Synchronous::kFull;
  if (upper == "EXTRA") return store::Synchronous::kExtra;
  std::string message = "'";  // += : see GCC bug 105329 (-Wrestrict)
  message += text;
  message += "' is not one of OFF, NORMAL, FULL, EXTRA";
  return Status::InvalidArgument(std::move(message));
}

namespace {

Status LoadTls(const pb::Tls& t, const std::string& origin,
               const std::string& setting, net::TlsSettings& out) {
  if (t.has_cert_file()) out.cert_file = t.cert_file();
  if (t.has_key_file()) out.key_file = t.key_file();
  if (t.has_client_ca_file()) out.client_ca_file = t.client_ca_file();
  if (t.has_client_certificates()) {
    auto c = net::ParseClientCertificates(t.client_certificates());
    if (!c.ok()) {
      return Status::InvalidArgument(
          origin + ": " + setting +
          ".client_certificates: " + c.status().message());
    }
    out.client_certificates = *c;
  }
  if (out.cert_file.empty() != out.key_file.empty()) {
    return Status::InvalidArgument(origin + ": " + setting +
                                   ": cert_file and key_file go together");
  }
  if (out.cert_file.empty() &&
      (!out.client_ca_file.empty() ||
       out.client_certificates != net::ClientCertificates::kNone)) {
    return Status::InvalidArgument(
        origin + ": " + setting +
        ": client certificates need TLS (cert_file and key_file)");
  }
  if (out.client_certificates != net::ClientCertificates::kNone &&
      out.client_ca_file.empty()) {
    return Status::InvalidArgument(
        origin + ": " + setting + ": client_certificates needs client_ca_file");
  }
  // The files are read now, so a broken certificate is refused at start-up
  // and on reload with the file named.
  if (out.enabled()) {
    auto ctx = net::MakeServerSslContext(out);
    if (!ctx.ok()) {
      return Status::InvalidArgument(origin + ": " + setting + ": " +
                                     ctx.status().message());
    }
    SSL_CTX_free(*ctx);
  }
  return Status::Ok();
}

}  // namespace

Status LoadConfigFile(const std::string& path, Config& config) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::InvalidArgument(path + ": cannot be read");
  }
  std::stringstream text;
  text << in.rdbuf();
  pb::Config file;
  google::protobuf::TextFormat::Parser parser;
  CollectFirstError errors;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text.str(), &file)) {
    return Status::InvalidArgument(path + ":" + errors.first());
  }
  if (file.has_storage()) {
    const auto& s = file.storage();
    if (s.has_path()) config.db_path = s.path();
    if (s.has_synchronous()) {
      switch (s.synchronous()) {
        case pb::OFF:
          config.synchronous = store::Synchronous::kOff;
          break;
        case pb::NORMAL:
          config.synchronous = store::Synchronous::kNormal;
          break;
        case pb::FULL:
          config.synchronous = store::Synchronous::kFull;
          break;
        case pb::EXTRA:
          config.synchronous = store::Synchronous::kExtra;
          break;
        default:
          return Status::InvalidArgument(
              path +
              ": storage.synchronous: must be OFF, NORMAL, FULL or "
              "EXTRA");
      }
    }
    if (s.has_max_group_messages()) {
      config.max_group_messages = s.max_group_messages();
    }
    if (s.has_queue_capacity()) config.queue_capacity = s.queue_capacity();
    if (s.has_queue_capacity_mib()) {
      config.queue_capacity_mib = s.queue_capacity_mib();
    }
    if (s.has_checkpoint_wal_pages()) {
      config.checkpoint_wal_pages = s.checkpoint_wal_pages();
    }
    if (s.has_cache_kib()) config.cache_kib = s.cache_kib();
  }
  if (file.has_proto_listener()) {
    const auto& p = file.proto_listener();
    if (p.has_listen()) config.proto_listen = p.listen();
    if (p.has_tls()) {
      RETURN_IF_ERROR(
          LoadTls(p.tls(), path, "proto_listener.tls", config.proto_tls));
    }
    if (p.has_max_frame_bytes()) config.max_frame_bytes = p.max_frame_bytes();
    if (p.has_max_in_flight_per_connection()) {
      config.max_in_flight_per_connection = p.max_in_flight_per_connection();
    }
    if (p.has_frame_timeout_seconds()) {
      config.frame_timeout_seconds = p.frame_timeout_seconds();
    }
    if (p.has_max_connections()) config.max_connections = p.max_connections();
  }
  if (file.has_mllp_listener()) {
    const auto& m = file.mllp_listener();
    if (m.has_listen()) config.mllp_listen = m.listen();
    if (m.has_tls()) {
      RETURN_IF_ERROR(
          LoadTls(m.tls(), path, "mllp_listener.tls", config.mllp_tls));
    }
    if (m.has_max_frame_bytes()) {
      config.mllp_max_frame_bytes = m.max_frame_bytes();
    }
    if (m.has_max_in_flight_per_connection()) {
      config.mllp_max_in_flight_per_connection =
          m.max_in_flight_per_connection();
    }
    if (m.has_frame_timeout_seconds()) {
      config.mllp_frame_timeout_seconds = m.frame_timeout_seconds();
    }
    if (m.has_max_connections()) {
      config.mllp_max_connections = m.max_connections();
    }
    if (m.has_patient_identifier_type()) {
      config.hl7.patient_id_type = m.patient_identifier_type();
    }
    if (m.has_patient_identifier_authority()) {
      config.hl7.patient_id_authority = m.patient_identifier_authority();
    }
    if (m.has_strict_patient_identifier()) {
      config.hl7.strict_patient_id = m.strict_patient_identifier();
    }
    if (m.processing_ids_size() > 0) {
      config.hl7.processing_ids.assign(m.processing_ids().begin(),
                                       m.processing_ids().end());
    }
    if (m.has_site_time_zone()) config.site_time_zone = m.site_time_zone();
    if (m.has_default_charset()) {
      config.hl7.default_charset = m.default_charset();
    }
  }
  if (file.has_logging() && file.logging().has_level()) {
    config.log_level = file.logging().level();
  }
  if (file.has_logging() && file.logging().has_format()) {
    config.log_format = file.logging().format();
  }
  if (file.has_shutdown_grace_seconds()) {
    config.shutdown_grace_seconds = file.shutdown_grace_seconds();
  }
  if (file.has_ready_file()) config.ready_file = file.ready_file();
  if (file.has_grading())
    RETURN_IF_ERROR(LoadGrading(file.grading(), path, config));
  if (file.has_alerting())
    RETURN_IF_ERROR(LoadAlerting(file.alerting(), path, config));
  if (file.has_http_listener()) {
    const auto& h = file.http_listener();
    if (h.has_listen()) config.http_listen = h.listen();
    if (h.has_tls()) {
      RETURN_IF_ERROR(
          LoadTls(h.tls(), path, "http_listener.tls", config.http_tls));
    }
    if (h.has_max_connections()) {
      config.http_max_connections = h.max_connections();
    }
  }
  if (file.has_audit()) {
    const auto& a = file.audit();
    if (a.has_key_file()) config.audit_key_file = a.key_file();
    if (a.has_witness_interval_seconds()) {
      config.audit_witness_interval_seconds = a.witness_interval_seconds();
    }
  }
  if (file.has_auth()) {
    const auto& a = file.auth();
    if (a.has_mode()) {
      auto mode = auth::ParseAuthMode(a.mode());
      if (!mode.ok()) {
        return Status::InvalidArgument(
            path + ": auth.mode: " + mode.status().message());
      }
      config.auth.mode = *mode;
    }
    if (a.has_tokens_file()) config.auth.tokens_file = a.tokens_file();
    if (a.certificate_size() > 0) config.auth.certificate_rules.clear();
    for (int i = 0; i < a.certificate_size(); ++i) {
      const auto& rule = a.certificate(i);
      const std::string where =
          path + ": auth.certificate[" + std::to_string(i) + "]";
      if (rule.subject().empty()) {
        return Status::InvalidArgument(where + ".subject: required");
      }
      auto roles = auth::ParseRoles(rule.roles());
      if (!roles.ok()) {
        return Status::InvalidArgument(where +
                                       ".roles: " + roles.status().message());
      }
      config.auth.certificate_rules.push_back(
          auth::CertificateRule{rule.subject(), std::move(roles).value()});
    }
  }
  if (!config.auth.tokens_file.empty()) {
    // Checked now so that a broken file stops a start or a reload.
    if (auto tokens = auth::ReadTokensFile(config.auth.tokens_file);
        !tokens.ok()) {
      return Status::InvalidArgument(
          path + ": auth.tokens_file: " + tokens.status().message());
    }
  }
  config.config_file = path;
  config.config_text = text.str();
  config.audit_key.reset();
  if (!config.audit_key_file.empty()) {
    auto key = store::ReadAuditKeyFile(config.audit_key_file);
    if (!key.ok()) {
      return Status::InvalidArgument(
          path + ": audit.key_file: " + key.status().message());
    }
    config.audit_key = std::move(key).value();
  }
  return ValidateConfig(config, path);
}

Status ValidateConfig(const Config& c, const std::string& origin) {
  if (c.db_path.empty()) {
    return Status::InvalidArgument(origin + ": storage.path: required");
  }
  RETURN_IF_ERROR(CheckRange(origin, "storage.max_group_messages",
                             c.max_group_messages, 1, 100000));
  RETURN_IF_ERROR(CheckRange(origin, "storage.queue_capacity_mib",
                             c.queue_capacity_mib, 1, 65536));
  RETURN_IF_ERROR(CheckRange(origin, "storage.queue_capacity", c.queue_capacity,
                             1, 10000000));
  RETURN_IF_ERROR(CheckRange(origin, "storage.checkpoint_wal_pages",
                             c.checkpoint_wal_pages, 100, 10000000));
  RETURN_IF_ERROR(
      CheckRange(origin, "storage.cache_kib", c.cache_kib, 256, 16777216));
  // The native listener is the only one in this version, so it is required.
  RETURN_IF_ERROR(
      CheckListen(origin, "proto_listener.listen", c.proto_listen, false));
  RETURN_IF_ERROR(CheckRange(origin, "proto_listener.max_frame_bytes",
                             c.max_frame_bytes, 64, 64u << 20));
  RETURN_IF_ERROR(CheckRange(origin,
                             "proto_listener.max_in_flight_per_connection",
                             c.max_in_flight_per_connection, 1, 65536));
  RETURN_IF_ERROR(CheckRange(origin, "proto_listener.frame_timeout_seconds",
                             c.frame_timeout_seconds, 1, 3600));
  RETURN_IF_ERROR(CheckRange(origin, "proto_listener.max_connections",
                             c.max_connections, 1, 100000));
  RETURN_IF_ERROR(
      CheckListen(origin, "mllp_listener.listen", c.mllp_listen, true));
  RETURN_IF_ERROR(CheckRange(origin, "mllp_listener.max_frame_bytes",
                             c.mllp_max_frame_bytes, 1024, 256u << 20));
  RETURN_IF_ERROR(CheckRange(origin,
                             "mllp_listener.max_in_flight_per_connection",
                             c.mllp_max_in_flight_per_connection, 1, 65536));
  RETURN_IF_ERROR(CheckRange(origin, "mllp_listener.frame_timeout_seconds",
                             c.mllp_frame_timeout_seconds, 1, 3600));
  RETURN_IF_ERROR(CheckRange(origin, "mllp_listener.max_connections",
                             c.mllp_max_connections, 1, 100000));
  if (!c.site_time_zone.empty()) {
    const std::string zone = c.site_time_zone;
    // A name, never a path (the library would open it as a file).
    const bool safe = zone.find("..") == std::string::npos &&
                      zone.front() != '/' && TimeZone::Named(zone).ok();
    if (!safe) {
      return Status::InvalidArgument(
          origin + ": mllp_listener.site_time_zone: '" + zone +
          "' is not a time zone of the IANA database (e.g. Europe/Berlin)");
    }
  }
  if (!hl7::FindCharset(c.hl7.default_charset)) {
    return Status::InvalidArgument(
        origin + ": mllp_listener.default_charset: '" + c.hl7.default_charset +
        "' is not a character set iraed reads (e.g. UNICODE UTF-8, "
        "WINDOWS-1252, 8859/1; README \"Character sets\")");
  }
  if (!IsValidLogLevel(c.log_level)) {
    return Status::InvalidArgument(
        origin + ": logging.level: '" + c.log_level +
        "' is not one of trace, debug, info, warn, error, critical, off");
  }
  if (!ParseLogFormat(c.log_format).ok()) {
    return Status::InvalidArgument(origin + ": logging.format: '" +
                                   c.log_format +
                                   "' is not one of text, journal, json, auto");
  }
  RETURN_IF_ERROR(CheckRange(origin, "http_listener.max_connections",
                             c.http_max_connections, 1, 65536));
  if (!c.http_listen.empty()) {
    if (auto ep = net::ParseEndpoint(c.http_listen); !ep.ok()) {
      return Status::InvalidArgument(
          origin + ": http_listener.listen: " + ep.status().message());
    }
  }
  RETURN_IF_ERROR(CheckRange(origin, "audit.witness_interval_seconds",
                             c.audit_witness_interval_seconds, 10, 86400));
  RETURN_IF_ERROR(CheckRange(origin, "shutdown_grace_seconds",
                             c.shutdown_grace_seconds, 1, 3600));
  return Status::Ok();
}

bool AllListenersOnLoopback(const Config& c) {
  for (const std::string* listen :
       {&c.proto_listen, &c.mllp_listen, &c.http_listen}) {
    if (listen->empty()) continue;  // off
    auto ep = net::ParseEndpoint(*listen);
    if (!ep.ok() || !ep->address().is_loopback()) return false;
  }
  return true;
}

SiteTimeZone ResolveSiteTimeZone(const Config& c) {
  if (!c.site_time_zone.empty()) {
    if (auto zone = TimeZone::Named(c.site_time_zone); zone.ok()) {
      return {*zone, ""};
    }
  }
  if (auto zone = TimeZone::System(); zone.ok()) return {*zone, ""};
  return {TimeZone::Utc(),
          "the system's time zone is unknown (no $TZ, no /etc/localtime): "
          "HL7 times without an offset are read as UTC; set "
          "mllp_listener.site_time_zone"};
}

}  // namespace iraed::server
