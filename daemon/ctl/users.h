// File: ctl/users.h
//
// `iraectl users add|list|passwd|remove`: the nurse console's accounts in
// its users file (auth/console_users.h; --users, default
// /etc/iraed/console-users). The daemon reads a changed file at the next
// request: no reload needed. A removed user, or one given another role, is
// signed out at once.
#ifndef IRAED_CTL_USERS_H_
#define IRAED_CTL_USERS_H_

#include <istream>
#include <ostream>
#include <string>

#include "common/clock.h"
#include "common/status.h"

namespace iraed::ctl {

// Adds `name` with `role` and `password` (checked by
// auth::CheckNewPassword); an existing name is an error.
Status AddUser(const std::string& users_file, const std::string& name,
               const std::string& role, const std::string& password,
               UnixMillis now);
// Sets a new password for `name`; NotFound when there is no such user.
Status SetUserPassword(const std::string& users_file, const std::string& name,
                       const std::string& password);
Status RemoveUser(const std::string& users_file, const std::string& name);
// name, role, created (never the hash).
Status ListUsers(const std::string& users_file, bool json, std::ostream& out);

// The new password: the first line of `in` with --password-stdin;
// otherwise asked twice on the terminal without echo; an error when
// neither can be done.
Result<std::string> ReadNewPassword(bool from_stdin, std::istream& in);

}  // namespace iraed::ctl

#endif  // IRAED_CTL_USERS_H_
