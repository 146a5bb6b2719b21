#include "auth/api_tokens.h"

#include <openssl/rand.h>

#include <set>

#include "auth/digest.h"
#include "auth/secret_file.h"

namespace iraed::auth {
namespace {

constexpr std::string_view kTokenPrefix = "iraed-";

bool IsLowerHex(std::string_view s, std::size_t length) {
  if (s.size() != length) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

bool IsValidTokenName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                    (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                    c == '@' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::vector<ApiToken>> ParseTokensFile(std::string_view text,
                                              const std::string& origin) {
  std::vector<ApiToken> tokens;
  std::set<std::string, std::less<>> names;
  for (const SecretRecord& record : SplitRecords(text)) {
    const auto& words = record.words;
    auto fail = [&](const std::string& problem) {
      return Status::InvalidArgument(
          origin + ":" + std::to_string(record.line) + ": " + problem);
    };
    if (words.size() != 4) {
      return fail("expected NAME ROLES SHA256 CREATED, found " +
                  std::to_string(words.size()) + " fields");
    }
    if (!IsValidTokenName(words[0])) {
      return fail("token name must be 1 to 64 of [A-Za-z0-9._@-]");
    }
    if (!names.insert(std::string(words[0])).second) {
      return fail("token name " + std::string(words[0]) + " appears twice");
    }
    auto roles = ParseRoles(words[1]);
    if (!roles.ok()) return fail(roles.status().message());
    if (!IsLowerHex(words[2], 64)) {
      return fail("SHA256 must be 64 lower-case hex digits");
    }
    if (!IsUtcSecond(words[3])) {
      return fail("CREATED must read like 2026-12-03T08:00:00Z");
    }
    tokens.push_back(ApiToken{std::string(words[0]), std::move(roles).value(),
                              std::string(words[2]), std::string(words[3])});
  }
  return tokens;
}

std::string FormatTokensFile(const std::vector<ApiToken>& tokens) {
  std::string out =
      "# iraed API tokens: NAME ROLES SHA256 CREATED (one per line).\n"
      "# Only hashes are kept; manage with iraectl token create|list|revoke.\n";
  for (const ApiToken& t : tokens) {
    out += t.name + " " + FormatRoles(t.roles) + " " + t.sha256 + " " +
           t.created + "\n";
  }
  return out;
}

Result<std::vector<ApiToken>> ReadTokensFile(const std::string& path) {
  auto text = ReadSecretFile(path, "tokens");
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::vector<ApiToken>{};
  return ParseTokensFile(**text, path);
}

Status WriteTokensFile(const std::string& path,
                       const std::vector<ApiToken>& tokens) {
  return ReplaceSecretFile(path, FormatTokensFile(tokens));
}

Status UpdateTokensFile(
    const std::string& path,
    const std::function<Status(std::vector<ApiToken>&)>& edit) {
  return UpdateSecretFile(
      path, "tokens",
      [&](const std::optional<std::string>& text) -> Result<std::string> {
        std::vector<ApiToken> tokens;
        if (text) {
          auto parsed = ParseTokensFile(*text, path);
          if (!parsed.ok()) return parsed.status();
          tokens = std::move(parsed).value();
        }
        RETURN_IF_ERROR(edit(tokens));
        return FormatTokensFile(tokens);
      });
}

Result<std::string> RandomHex256() {
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) {
    return Status::Internal("no random bytes for a new token");
  }
  return HexLower(random, sizeof random);
}

Result<std::string> NewTokenText() {
  ASSIGN_OR_RETURN(std::string secret, RandomHex256());
  return std::string(kTokenPrefix) + secret;
}

std::string TokenSha256(std::string_view token) { return Sha256Hex(token); }

}  // namespace iraed::auth
