// File: config/policy_settings.h
//
// Readers of the policy blocks of the config file, `grading { }` and
// `alerting { }`, into the types their components own. Internal to
// config/ (config_file.cc). Each reads over `out`: what the block does not
// set keeps its value.
#ifndef IRAED_CONFIG_POLICY_SETTINGS_H_
#define IRAED_CONFIG_POLICY_SETTINGS_H_

#include <string>

#include "alerts/alert_policy.h"
#include "common/status.h"
#include "grading/grading_options.h"
#include "iraed/config/v1/config.pb.h"

namespace iraed::config {

Status LoadGrading(const ::iraed::config::v1::Grading& g,
                   const std::string& origin, grading::GradingOptions& out);

Status LoadAlerting(const ::iraed::config::v1::Alerting& a,
                    const std::string& origin, alerts::AlertPolicy& out);

}  // namespace iraed::config

#endif  // IRAED_CONFIG_POLICY_SETTINGS_H_
