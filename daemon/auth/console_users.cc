#include "auth/console_users.h"

#include <array>
#include <set>

#include "auth/api_tokens.h"
#include "auth/password_hash.h"
#include "auth/secret_file.h"

namespace iraed::auth {
namespace {

constexpr std::array<std::pair<ConsoleRole, std::string_view>, 4> kRoleNames{{
    {ConsoleRole::kNurse, "nurse"},
    {ConsoleRole::kPhysician, "physician"},
    {ConsoleRole::kPharmacovigilance, "pharmacovigilance"},
    {ConsoleRole::kAdmin, "admin"},
}};

}  // namespace

std::optional<ConsoleRole> ParseConsoleRole(std::string_view text) {
  for (const auto& [role, name] : kRoleNames) {
    if (name == text) return role;
  }
  return std::nullopt;
}

std::string_view ConsoleRoleName(ConsoleRole role) {
  for (const auto& [r, name] : kRoleNames) {
    if (r == role) return name;
  }
  return "unknown";
}

bool MayActOnAlerts(ConsoleRole role) {
  return role == ConsoleRole::kNurse || role == ConsoleRole::kPhysician;
}

bool MaySeePatients(ConsoleRole role) { return role != ConsoleRole::kAdmin; }

bool MayExportFindings(ConsoleRole role) {
  return role == ConsoleRole::kPharmacovigilance;
}

bool MaySeeOperations(ConsoleRole role) { return role == ConsoleRole::kAdmin; }

std::string_view HomePage(ConsoleRole role) {
  switch (role) {
    case ConsoleRole::kPharmacovigilance:
      return "/findings";
    case ConsoleRole::kAdmin:
      return "/operations";
    case ConsoleRole::kNurse:
    case ConsoleRole::kPhysician:
      break;
  }
  return "/board";
}

Result<std::vector<ConsoleUser>> ParseUsersFile(std::string_view text,
                                                const std::string& origin) {
  std::vector<ConsoleUser> users;
  std::set<std::string, std::less<>> names;
  for (const SecretRecord& record : SplitRecords(text)) {
    const auto& words = record.words;
    auto fail = [&](const std::string& problem) {
      return Status::InvalidArgument(
          origin + ":" + std::to_string(record.line) + ": " + problem);
    };
    if (words.size() != 4) {
      return fail("expected NAME ROLE ARGON2ID_HASH CREATED, found " +
                  std::to_string(words.size()) + " fields");
    }
    if (!IsValidTokenName(words[0])) {
      return fail("user name must be 1 to 64 of [A-Za-z0-9._@-]");
    }
    if (!names.insert(std::string(words[0])).second) {
      return fail("user " + std::string(words[0]) + " appears twice");
    }
    const auto role = ParseConsoleRole(words[1]);
    if (!role) {
      return fail("role must be nurse, physician, pharmacovigilance or admin");
    }
    if (!IsArgon2idHash(words[2])) {
      return fail("the password hash must be an encoded Argon2id hash");
    }
    if (!IsUtcSecond(words[3])) {
      return fail("CREATED must read like 2026-12-04T08:00:00Z");
    }
    users.push_back(ConsoleUser{std::string(words[0]), *role,
                                std::string(words[2]), std::string(words[3])});
  }
  return users;
}

std::string FormatUsersFile(const std::vector<ConsoleUser>& users) {
  std::string out =
      "# iraed console users: NAME ROLE ARGON2ID_HASH CREATED (one per line).\n"
      "# Manage with iraectl users add|list|passwd|remove.\n";
  for (const ConsoleUser& u : users) {
    out += u.name + " " + std::string(ConsoleRoleName(u.role)) + " " +
           u.password_hash + " " + u.created + "\n";
  }
  return out;
}

Result<std::vector<ConsoleUser>> ReadUsersFile(const std::string& path) {
  auto text = ReadSecretFile(path, "users");
  if (!text.ok()) return text.status();
  if (!text->has_value()) return std::vector<ConsoleUser>{};
  return ParseUsersFile(**text, path);
}

Status UpdateUsersFile(
    const std::string& path,
    const std::function<Status(std::vector<ConsoleUser>&)>& edit) {
  return UpdateSecretFile(
      path, "users",
      [&](const std::optional<std::string>& text) -> Result<std::string> {
        std::vector<ConsoleUser> users;
        if (text) {
          auto parsed = ParseUsersFile(*text, path);
          if (!parsed.ok()) return parsed.status();
          users = std::move(parsed).value();
        }
        RETURN_IF_ERROR(edit(users));
        return FormatUsersFile(users);
      });
}

}  // namespace iraed::auth
