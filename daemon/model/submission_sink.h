// File: model/submission_sink.h
//
// Where a listener files what it received. The daemon's is the store
// worker (store/store_worker.h); the listeners in net/ know only this, so
// the network layer does not depend on the storage layer.
#ifndef IRAED_MODEL_SUBMISSION_SINK_H_
#define IRAED_MODEL_SUBMISSION_SINK_H_

#include <functional>

#include "model/disposition.h"
#include "model/submission.h"

namespace iraed::model {

class SubmissionSink {
 public:
  // Called exactly once per submission, on the sink's thread (or on the
  // caller's when the submission is refused at once). Must not block.
  using Callback = std::function<void(Outcome)>;

  virtual ~SubmissionSink() = default;

  // Files `s` and answers through `done`: kAccepted or kDuplicate only
  // once what it carries is durably stored; kUnavailable at once when the
  // sink cannot take it now.
  virtual void Submit(Submission s, Callback done) = 0;
};

}  // namespace iraed::model

#endif  // IRAED_MODEL_SUBMISSION_SINK_H_
