#include "ctl/tokens.h"

#include <cstdlib>
#include <ctime>
#include <fstream>

#include "auth/api_tokens.h"
#include "reports/table.h"

namespace iraed::ctl {

using reports::Cell;
using reports::RenderJson;
using reports::RenderText;
using reports::Table;
namespace {

std::string UtcSeconds(UnixMillis now) {
  const std::time_t t = static_cast<std::time_t>(now / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string Trim(std::string s) {
  const auto not_space = [](char c) {
    return c != ' ' && c != '\t' && c != '\r' && c != '\n';
  };
  while (!s.empty() && !not_space(s.back())) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && !not_space(s[i])) ++i;
  return s.substr(i);
}

}  // namespace

Result<std::string> CreateToken(const std::string& tokens_file,
                                const std::string& name,
                                const std::string& roles_text, UnixMillis now) {
  if (!auth::IsValidTokenName(name)) {
    return Status::InvalidArgument(
        "token name must be 1 to 64 of [A-Za-z0-9._@-]");
  }
  auto roles = auth::ParseRoles(roles_text == "notifier" ? "notifier:" + name
                                                         : roles_text);
  if (!roles.ok()) {
    return Status::InvalidArgument("--role: " + roles.status().message());
  }
  ASSIGN_OR_RETURN(std::string text, auth::NewTokenText());
  RETURN_IF_ERROR(auth::UpdateTokensFile(
      tokens_file, [&](std::vector<auth::ApiToken>& tokens) {
        for (const auth::ApiToken& t : tokens) {
          if (t.name == name) {
            return Status::FailedPrecondition(
                "a token named " + name + " exists in " + tokens_file +
                " (revoke it first to replace it)");
          }
        }
        tokens.push_back(auth::ApiToken{name, *roles, auth::TokenSha256(text),
                                        UtcSeconds(now)});
        return Status::Ok();
      }));
  return text;
}

Status ListTokens(const std::string& tokens_file, bool json,
                  std::ostream& out) {
  ASSIGN_OR_RETURN(std::vector<auth::ApiToken> tokens,
                   auth::ReadTokensFile(tokens_file));
  Table table;
  table.columns = {"name", "roles", "created", "sha256_prefix"};
  for (const auth::ApiToken& t : tokens) {
    table.rows.push_back(
        {Cell::Text(t.name), Cell::Text(auth::FormatRoles(t.roles)),
         Cell::Text(t.created), Cell::Text(t.sha256.substr(0, 12))});
  }
  if (json) {
    out << RenderJson(table);
  } else if (tokens.empty()) {
    out << "no tokens in " << tokens_file << "\n";
  } else {
    out << RenderText(table);
  }
  return Status::Ok();
}

Status RevokeToken(const std::string& tokens_file, const std::string& name) {
  return auth::UpdateTokensFile(
      tokens_file, [&](std::vector<auth::ApiToken>& tokens) {
        const auto before = tokens.size();
        std::erase_if(tokens, [&name](const auth::ApiToken& t) {
          return t.name == name;
        });
        if (tokens.size() == before) {
          return Status::NotFound("no token named " + name + " in " +
                                  tokens_file);
        }
        return Status::Ok();
      });
}

Result<std::string> ReadClientToken(const std::string& file) {
  if (file.empty()) {
    const char* env = std::getenv("IRAED_AUTH_TOKEN");
    return env == nullptr ? std::string() : Trim(env);
  }
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) {
    return Status::InvalidArgument("--auth-token-file " + file +
                                   ": cannot read a token from it");
  }
  line = Trim(line);
  if (line.empty()) {
    return Status::InvalidArgument("--auth-token-file " + file +
                                   ": the first line is empty");
  }
  return line;
}

}  // namespace iraed::ctl
