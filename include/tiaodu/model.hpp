// tiaodu/model.hpp — the snapshot: what a town's Party-building office knows on a day.
//
// Plain value types, one per entity of spec/rules.md section 1, described with
// Boost.Describe so that JSON, Python and tests can walk their members by name.
// Field and enumerator names are the public contract: they are the spec's names.
//
// Optional scalars are std::optional. Every list is std::optional<std::vector<...>>:
// the format lets a list be absent, and a document read and written back must keep an
// absent list absent and an empty one empty. Use tiaodu::each(list) to iterate one
// whether or not it is present.
//
// Interface:
//   enums   OrgKind, DispatchForm, CheckResult, UpdateStatus, LookBackKind, Finding
//           (CheckItem and Category live in check_items.hpp)
//   structs Secretary, Organization, Check, SupportRequest, Dispatch, Update,
//           Rectification, LedgerSubmission, LookBack, Snapshot
//   each(optional<vector<T>>) -> std::span<const T>
#pragma once

#include "tiaodu/check_items.hpp"
#include "tiaodu/date.hpp"

#include <boost/describe.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tiaodu {

// 2 / 6.2 — the kinds of organization in the town's tree.
enum class OrgKind { committee, general_branch, branch };
BOOST_DESCRIBE_ENUM(OrgKind, committee, general_branch, branch)

// 4.1 — 现场调度 (on site) or 集中调度 (at a dispatch meeting).
enum class DispatchForm { on_site, centralized };
BOOST_DESCRIBE_ENUM(DispatchForm, on_site, centralized)

enum class CheckResult { ok, problem, not_applicable };
BOOST_DESCRIBE_ENUM(CheckResult, ok, problem, not_applicable)

// A2 整改情况 — what the organization reports about one ledger row.
enum class UpdateStatus { in_progress, reported_done };
BOOST_DESCRIBE_ENUM(UpdateStatus, in_progress, reported_done)

// 5.1 — 回头看 or 巡回抽检.
enum class LookBackKind { look_back, spot_check };
BOOST_DESCRIBE_ENUM(LookBackKind, look_back, spot_check)

enum class Finding { rectified, not_rectified, superficial };
BOOST_DESCRIBE_ENUM(Finding, rectified, not_rectified, superficial)

struct Secretary {
  std::string id;
  std::string name;
  friend bool operator==(const Secretary&, const Secretary&) = default;
};
BOOST_DESCRIBE_STRUCT(Secretary, (), (id, name))

struct Organization {
  std::string id;
  std::string name;
  OrgKind kind = OrgKind::branch;
  std::optional<std::string> parent;  // absent only for the root
  Secretary secretary;
  std::optional<Date> active_from;
  std::optional<Date> active_until;
  friend bool operator==(const Organization&, const Organization&) = default;
};
BOOST_DESCRIBE_STRUCT(Organization, (),
                      (id, name, kind, parent, secretary, active_from, active_until))

struct Check {
  CheckItem item = CheckItem::three_meetings_one_lesson;
  CheckResult result = CheckResult::ok;
  std::optional<std::string> note;
  friend bool operator==(const Check&, const Check&) = default;
};
BOOST_DESCRIBE_STRUCT(Check, (), (item, result, note))

struct SupportRequest {
  std::string text;
  bool superior_coordination = false;
  friend bool operator==(const SupportRequest&, const SupportRequest&) = default;
};
BOOST_DESCRIBE_STRUCT(SupportRequest, (), (text, superior_coordination))

// One inspection of one organization: form A1 (调度工作记录表).
struct Dispatch {
  std::string id;
  Date date;                       // 调度时间 (first day)
  std::optional<Date> end_date;    // last day of a multi-day dispatch
  std::string dispatcher;          // org id, a proper ancestor of object (6.2)
  std::optional<std::string> department;  // 调度部门
  std::string object;              // 调度对象, never the root
  DispatchForm form = DispatchForm::on_site;
  std::optional<std::vector<Check>> checks;       // 调度内容
  std::optional<std::string> situation;           // 调度情况
  std::optional<std::string> opinion;             // 调度对象意见
  std::optional<std::vector<std::string>> good_practices;      // 4.2
  std::optional<std::vector<SupportRequest>> support_requests; // 3.2, 3.3
  friend bool operator==(const Dispatch&, const Dispatch&) = default;
};
BOOST_DESCRIBE_STRUCT(Dispatch, (),
                      (id, date, end_date, dispatcher, department, object, form, checks,
                       situation, opinion, good_practices, support_requests))

struct Update {
  Date date;
  UpdateStatus status = UpdateStatus::in_progress;
  std::optional<std::string> note;
  friend bool operator==(const Update&, const Update&) = default;
};
BOOST_DESCRIBE_STRUCT(Update, (), (date, status, note))

// One row of the ledger A2 (基层党建工作问题整改台账).
struct Rectification {
  std::string id;
  std::string dispatch;
  std::int64_t seq = 1;            // 序号
  CheckItem item = CheckItem::three_meetings_one_lesson;
  std::string problem;             // 具体问题
  Date deadline;                   // 整改时限
  std::optional<std::string> remarks;             // 备注
  std::optional<std::vector<Update>> updates;     // 整改情况
  friend bool operator==(const Rectification&, const Rectification&) = default;
};
BOOST_DESCRIBE_STRUCT(Rectification, (),
                      (id, dispatch, seq, item, problem, deadline, remarks, updates))

// The paper ledger reaching the town committee (A2: 调度结束 15 日内).
struct LedgerSubmission {
  std::string dispatch;
  Date date;
  friend bool operator==(const LedgerSubmission&, const LedgerSubmission&) = default;
};
BOOST_DESCRIBE_STRUCT(LedgerSubmission, (), (dispatch, date))

// 5.1 — a look-back or spot check that verifies or refutes one rectification.
struct LookBack {
  std::string id;
  Date date;
  std::string rectification;
  LookBackKind kind = LookBackKind::look_back;
  Finding finding = Finding::rectified;
  std::optional<std::string> note;
  friend bool operator==(const LookBack&, const LookBack&) = default;
};
BOOST_DESCRIBE_STRUCT(LookBack, (), (id, date, rectification, kind, finding, note))

inline constexpr std::string_view kSnapshotFormat = "tiaodu/1";

struct Snapshot {
  std::optional<Date> period_start;
  std::optional<std::vector<Organization>> organizations;
  std::optional<std::vector<Dispatch>> dispatches;
  std::optional<std::vector<Rectification>> rectifications;
  std::optional<std::vector<LedgerSubmission>> ledger_submissions;
  std::optional<std::vector<LookBack>> look_backs;
  friend bool operator==(const Snapshot&, const Snapshot&) = default;
};
BOOST_DESCRIBE_STRUCT(Snapshot, (),
                      (period_start, organizations, dispatches, rectifications,
                       ledger_submissions, look_backs))

// The elements of an optional list, empty when the list is absent.
template <class T>
std::span<const T> each(const std::optional<std::vector<T>>& list) noexcept {
  return list ? std::span<const T>(*list) : std::span<const T>();
}

}  // namespace tiaodu
