// File: ctl/help_text.h
//
// The prose of iraectl's --help, one text per command (shown by
// `iraectl COMMAND --help`) and the tool's own (shown by `iraectl --help`).
#ifndef IRAED_CTL_HELP_TEXT_H_
#define IRAED_CTL_HELP_TEXT_H_

namespace iraed::ctl::help {

extern const char* const kTool;
extern const char* const kExitStatus;
extern const char* const kMessages;
extern const char* const kUnmapped;
extern const char* const kPatients;
extern const char* const kAlerts;
extern const char* const kAlertAck;
extern const char* const kAlertResolve;
extern const char* const kAlertFollow;
extern const char* const kAlertConfirm;
extern const char* const kStaffAuth;
extern const char* const kFindings;
extern const char* const kStats;
extern const char* const kBackup;
extern const char* const kAuditVerify;
extern const char* const kAuditExplain;
extern const char* const kAuditKeygen;
extern const char* const kTokenCreate;
extern const char* const kTokenList;
extern const char* const kTokenRevoke;
extern const char* const kUsersAdd;
extern const char* const kUsersList;
extern const char* const kUsersPasswd;
extern const char* const kUsersRemove;
extern const char* const kExport;
extern const char* const kReplay;

}  // namespace iraed::ctl::help

#endif  // IRAED_CTL_HELP_TEXT_H_
