// Reading the config file (LoadConfigFile): one reader per block of
// config.proto, each over the Config it is given.
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/text_format.h>

#include <fstream>
#include <sstream>

#include "auth/api_tokens.h"
#include "auth/console_users.h"
#include "config/config.h"
#include "config/policy_settings.h"
#include "iraed/config/v1/config.pb.h"

namespace iraed::config {
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

Status LoadStorage(const pb::Storage& s, const std::string& origin,
                   Config& config) {
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
            origin +
            ": storage.synchronous: must be OFF, NORMAL, FULL or EXTRA");
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
  return Status::Ok();
}

// A `tls { }` block over `out`, checked, its files read (a broken
// certificate is refused at start-up and on reload with the file named).
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
  const std::string where = origin + ": " + setting + ": ";
  if (out.cert_file.empty() != out.key_file.empty()) {
    return Status::InvalidArgument(where +
                                   "cert_file and key_file go together");
  }
  if (out.cert_file.empty() &&
      (!out.client_ca_file.empty() ||
       out.client_certificates != net::ClientCertificates::kNone)) {
    return Status::InvalidArgument(
        where + "client certificates need TLS (cert_file and key_file)");
  }
  if (out.client_certificates != net::ClientCertificates::kNone &&
      out.client_ca_file.empty()) {
    return Status::InvalidArgument(where +
                                   "client_certificates needs client_ca_file");
  }
  if (out.enabled()) {
    auto ctx = net::MakeServerSslContext(out);
    if (!ctx.ok()) {
      return Status::InvalidArgument(where + ctx.status().message());
    }
    SSL_CTX_free(*ctx);
  }
  return Status::Ok();
}

// Any of the three listener blocks: they share their field names, and the
// HTTP one has no frame fields.
template <typename Block>
Status LoadListener(const Block& b, const std::string& origin,
                    const std::string& name, ListenerSettings& out) {
  if (b.has_listen()) out.listen = b.listen();
  if constexpr (requires { b.tls(); }) {
    if (b.has_tls()) {
      RETURN_IF_ERROR(LoadTls(b.tls(), origin, name + ".tls", out.tls));
    }
  }
  if (b.has_max_connections()) out.max_connections = b.max_connections();
  if constexpr (requires { b.max_frame_bytes(); }) {
    if (b.has_max_frame_bytes()) out.max_frame_bytes = b.max_frame_bytes();
    if (b.has_max_in_flight_per_connection()) {
      out.max_in_flight_per_connection = b.max_in_flight_per_connection();
    }
    if (b.has_frame_timeout_seconds()) {
      out.frame_timeout_seconds = b.frame_timeout_seconds();
    }
  }
  return Status::Ok();
}

// `mllp_listener`'s reading of HL7.
void LoadHl7Reading(const pb::MllpListener& m, Config& config) {
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
  if (m.has_default_charset()) config.hl7.default_charset = m.default_charset();
}

Status LoadAuth(const pb::Auth& a, const std::string& origin,
                auth::AuthSettings& out) {
  if (a.has_mode()) {
    auto mode = auth::ParseAuthMode(a.mode());
    if (!mode.ok()) {
      return Status::InvalidArgument(origin +
                                     ": auth.mode: " + mode.status().message());
    }
    out.mode = *mode;
  }
  if (a.has_tokens_file()) out.tokens_file = a.tokens_file();
  if (a.certificate_size() > 0) out.certificate_rules.clear();
  for (int i = 0; i < a.certificate_size(); ++i) {
    const auto& rule = a.certificate(i);
    const std::string where =
        origin + ": auth.certificate[" + std::to_string(i) + "]";
    if (rule.subject().empty()) {
      return Status::InvalidArgument(where + ".subject: required");
    }
    auto roles = auth::ParseRoles(rule.roles());
    if (!roles.ok()) {
      return Status::InvalidArgument(where +
                                     ".roles: " + roles.status().message());
    }
    out.certificate_rules.push_back(
        auth::CertificateRule{rule.subject(), std::move(roles).value()});
  }
  return Status::Ok();
}

void LoadConsole(const pb::Console& c, ConsoleSettings& out) {
  if (c.has_enabled()) out.enabled = c.enabled();
  if (c.has_users_file()) out.users_file = c.users_file();
  if (c.has_idle_timeout_minutes()) {
    out.idle_timeout_minutes = c.idle_timeout_minutes();
  }
  if (c.has_session_max_hours()) out.session_max_hours = c.session_max_hours();
  if (c.has_lockout_failures()) out.lockout_failures = c.lockout_failures();
  if (c.has_lockout_minutes()) out.lockout_minutes = c.lockout_minutes();
  if (c.has_external_url()) out.external_url = c.external_url();
}

// The blocks of the file that are not listeners or policies.
void LoadProcess(const pb::Config& file, Config& config) {
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
  if (file.has_audit()) {
    const auto& a = file.audit();
    if (a.has_key_file()) config.audit_key_file = a.key_file();
    if (a.has_witness_interval_seconds()) {
      config.audit_witness_interval_seconds = a.witness_interval_seconds();
    }
  }
}

// The secrets the settings name, read now so that a broken file stops a
// start or a reload.
Status ReadNamedFiles(const std::string& origin, Config& config) {
  if (!config.auth.tokens_file.empty()) {
    if (auto tokens = auth::ReadTokensFile(config.auth.tokens_file);
        !tokens.ok()) {
      return Status::InvalidArgument(
          origin + ": auth.tokens_file: " + tokens.status().message());
    }
  }
  if (!config.console.users_file.empty()) {
    if (auto users = auth::ReadUsersFile(config.console.users_file);
        !users.ok()) {
      return Status::InvalidArgument(
          origin + ": console.users_file: " + users.status().message());
    }
  }
  config.audit_key.reset();
  if (!config.audit_key_file.empty()) {
    auto key = auth::ReadAuditKeyFile(config.audit_key_file);
    if (!key.ok()) {
      return Status::InvalidArgument(
          origin + ": audit.key_file: " + key.status().message());
    }
    config.audit_key = std::move(key).value();
  }
  return Status::Ok();
}

// Every block of `file` over `config`.
Status LoadBlocks(const pb::Config& file, const std::string& path,
                  Config& config) {
  if (file.has_storage()) {
    RETURN_IF_ERROR(LoadStorage(file.storage(), path, config));
  }
  if (file.has_proto_listener()) {
    RETURN_IF_ERROR(LoadListener(file.proto_listener(), path, "proto_listener",
                                 config.proto_listener));
  }
  if (file.has_mllp_listener()) {
    RETURN_IF_ERROR(LoadListener(file.mllp_listener(), path, "mllp_listener",
                                 config.mllp_listener));
    LoadHl7Reading(file.mllp_listener(), config);
  }
  if (file.has_http_listener()) {
    RETURN_IF_ERROR(LoadListener(file.http_listener(), path, "http_listener",
                                 config.http_listener));
  }
  LoadProcess(file, config);
  if (file.has_grading()) {
    RETURN_IF_ERROR(LoadGrading(file.grading(), path, config.grading));
  }
  if (file.has_alerting()) {
    RETURN_IF_ERROR(LoadAlerting(file.alerting(), path, config.alerting));
  }
  if (file.has_auth())
    RETURN_IF_ERROR(LoadAuth(file.auth(), path, config.auth));
  if (file.has_console()) LoadConsole(file.console(), config.console);
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
  RETURN_IF_ERROR(LoadBlocks(file, path, config));
  RETURN_IF_ERROR(ReadNamedFiles(path, config));
  config.config_file = path;
  config.config_text = text.str();
  return ValidateConfig(config, path);
}

}  // namespace iraed::config
