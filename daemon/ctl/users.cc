#include "ctl/users.h"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "auth/api_tokens.h"
#include "auth/console_users.h"
#include "auth/password_hash.h"
#include "common/time_format.h"
#include "reports/table.h"

namespace iraed::ctl {

using reports::Cell;
using reports::RenderJson;
using reports::RenderText;
using reports::Table;
namespace {

Result<auth::ConsoleRole> RoleOf(const std::string& text) {
  const auto role = auth::ParseConsoleRole(text);
  if (!role) {
    return Status::InvalidArgument(
        "--role must be nurse, physician, pharmacovigilance or admin");
  }
  return *role;
}

// One line from the terminal with echo off.
Result<std::string> AskHidden(const char* prompt) {
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  termios old{};
  if (::tcgetattr(STDIN_FILENO, &old) != 0) {
    return Status::InvalidArgument("cannot ask for a password");
  }
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  std::getline(std::cin, line);
  ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::fputs("\n", stderr);
  return line;
}

}  // namespace

Status AddUser(const std::string& users_file, const std::string& name,
               const std::string& role_text, const std::string& password,
               UnixMillis now) {
  if (!auth::IsValidTokenName(name)) {
    return Status::InvalidArgument(
        "user name must be 1 to 64 of [A-Za-z0-9._@-]");
  }
  ASSIGN_OR_RETURN(auth::ConsoleRole role, RoleOf(role_text));
  RETURN_IF_ERROR(auth::CheckNewPassword(password, name));
  ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
  const std::string created = FormatUtcMillis(now).substr(0, 19) + "Z";
  return auth::UpdateUsersFile(
      users_file, [&](std::vector<auth::ConsoleUser>& users) {
        for (const auto& u : users) {
          if (u.name == name) {
            return Status::FailedPrecondition(
                "a user named " + name + " exists in " + users_file +
                " (iraectl users passwd changes a password)");
          }
        }
        users.push_back(auth::ConsoleUser{name, role, hash, created});
        return Status::Ok();
      });
}

Status SetUserPassword(const std::string& users_file, const std::string& name,
                       const std::string& password) {
  RETURN_IF_ERROR(auth::CheckNewPassword(password, name));
  ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password));
  return auth::UpdateUsersFile(
      users_file, [&](std::vector<auth::ConsoleUser>& users) {
        for (auto& u : users) {
          if (u.name == name) {
            u.password_hash = hash;
            return Status::Ok();
          }
        }
        return Status::NotFound("no user named " + name + " in " + users_file);
      });
}

Status RemoveUser(const std::string& users_file, const std::string& name) {
  return auth::UpdateUsersFile(
      users_file, [&](std::vector<auth::ConsoleUser>& users) {
        const auto before = users.size();
        std::erase_if(users, [&name](const auth::ConsoleUser& u) {
          return u.name == name;
        });
        if (users.size() == before) {
          return Status::NotFound("no user named " + name + " in " +
                                  users_file);
        }
        return Status::Ok();
      });
}

Status ListUsers(const std::string& users_file, bool json, std::ostream& out) {
  ASSIGN_OR_RETURN(std::vector<auth::ConsoleUser> users,
                   auth::ReadUsersFile(users_file));
  Table table;
  table.columns = {"name", "role", "created"};
  for (const auto& u : users) {
    table.rows.push_back({Cell::Text(u.name),
                          Cell::Text(std::string(ConsoleRoleName(u.role))),
                          Cell::Text(u.created)});
  }
  if (json) {
    out << RenderJson(table);
  } else if (users.empty()) {
    out << "no users in " << users_file << "\n";
  } else {
    out << RenderText(table);
  }
  return Status::Ok();
}

Result<std::string> ReadNewPassword(bool from_stdin, std::istream& in) {
  if (from_stdin) {
    std::string line;
    if (!std::getline(in, line)) {
      return Status::InvalidArgument(
          "--password-stdin: no password on standard input");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
  }
  if (::isatty(STDIN_FILENO) == 0) {
    return Status::InvalidArgument(
        "standard input is not a terminal: give the password on it with "
        "--password-stdin");
  }
  ASSIGN_OR_RETURN(std::string first, AskHidden("New password: "));
  ASSIGN_OR_RETURN(std::string second, AskHidden("Same password again: "));
  if (first != second) {
    return Status::InvalidArgument("the two passwords differ");
  }
  return first;
}

}  // namespace iraed::ctl
