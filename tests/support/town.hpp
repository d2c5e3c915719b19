// tests/support/town.hpp — builds small snapshots for rule tests in a few lines.
//
//   Town t;                                   // a root "town" (committee)
//   t.org("b1");                              // a branch under the root
//   t.dispatch("d1", "2023-03-10", "b1").problem(CheckItem::dues_records);
//   t.item("r1", "d1", "2023-03-31");         // a rectification of d1's first problem
//   t.update("r1", "2023-03-20", UpdateStatus::reported_done);
//   t.look_back("lb1", "2023-04-05", "r1", Finding::rectified);
//   t.submit("d1", "2023-03-20");
//   Result r = t.evaluate("2023-06-30");
#pragma once

#include "tiaodu/evaluate.hpp"
#include "tiaodu/model.hpp"
#include "tiaodu/policy.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace tiaodu::testing {

inline Date d(const std::string& iso) {
  auto v = parse_date(iso);
  if (!v) throw std::invalid_argument("bad test date " + iso);
  return *v;
}

class Town {
 public:
  explicit Town(std::string root = "town") : root_(std::move(root)) {
    snapshot.organizations.emplace();
    snapshot.dispatches.emplace();
    snapshot.rectifications.emplace();
    snapshot.ledger_submissions.emplace();
    snapshot.look_backs.emplace();
    Organization o;
    o.id = root_;
    o.name = "东岭镇委";
    o.kind = OrgKind::committee;
    o.secretary = {"p-" + root_, "书记" + root_};
    snapshot.organizations->push_back(o);
  }

  Organization& org(const std::string& id, const std::string& parent = "",
                    OrgKind kind = OrgKind::branch) {
    Organization o;
    o.id = id;
    o.name = "支部" + id;
    o.kind = kind;
    o.parent = parent.empty() ? root_ : parent;
    o.secretary = {"p-" + id, "书记" + id};
    snapshot.organizations->push_back(o);
    return snapshot.organizations->back();
  }

  struct DispatchRef {
    Dispatch& dispatch;
    DispatchRef& problem(CheckItem item) { return check(item, CheckResult::problem); }
    DispatchRef& ok(CheckItem item) { return check(item, CheckResult::ok); }
    DispatchRef& check(CheckItem item, CheckResult result) {
      if (!dispatch.checks) dispatch.checks.emplace();
      dispatch.checks->push_back(Check{item, result, std::nullopt});
      return *this;
    }
    DispatchRef& ends(const std::string& iso) {
      dispatch.end_date = d(iso);
      return *this;
    }
  };

  DispatchRef dispatch(const std::string& id, const std::string& date, const std::string& object,
                       const std::string& dispatcher = "") {
    Dispatch x;
    x.id = id;
    x.date = d(date);
    x.object = object;
    x.dispatcher = dispatcher.empty() ? root_ : dispatcher;
    snapshot.dispatches->push_back(x);
    return DispatchRef{snapshot.dispatches->back()};
  }

  // A rectification of the dispatch's n-th problem check (default: the first one not yet
  // used), with the next free seq.
  Rectification& item(const std::string& id, const std::string& dispatch,
                      const std::string& deadline) {
    Dispatch& dp = find_dispatch(dispatch);
    std::int64_t seq = 1;
    std::vector<CheckItem> used;
    for (const auto& r : *snapshot.rectifications)
      if (r.dispatch == dispatch) {
        seq = std::max(seq, r.seq + 1);
        used.push_back(r.item);
      }
    CheckItem item{};
    bool found = false;
    for (const Check& c : each(dp.checks))
      if (c.result == CheckResult::problem &&
          std::find(used.begin(), used.end(), c.item) == used.end()) {
        item = c.item;
        found = true;
        break;
      }
    if (!found) {  // reuse the first problem (several rows may share one item)
      for (const Check& c : each(dp.checks))
        if (c.result == CheckResult::problem) { item = c.item; found = true; break; }
    }
    if (!found) throw std::logic_error("dispatch " + dispatch + " has no problem check");
    Rectification r;
    r.id = id;
    r.dispatch = dispatch;
    r.seq = seq;
    r.item = item;
    r.problem = "问题" + id;
    r.deadline = d(deadline);
    snapshot.rectifications->push_back(r);
    return snapshot.rectifications->back();
  }

  void update(const std::string& item, const std::string& date,
              UpdateStatus status = UpdateStatus::in_progress) {
    auto& r = find_item(item);
    if (!r.updates) r.updates.emplace();
    r.updates->push_back(Update{d(date), status, std::nullopt});
  }
  void report(const std::string& item, const std::string& date) {
    update(item, date, UpdateStatus::reported_done);
  }

  void look_back(const std::string& id, const std::string& date, const std::string& item,
                 Finding finding, LookBackKind kind = LookBackKind::look_back) {
    snapshot.look_backs->push_back(LookBack{id, d(date), item, kind, finding, std::nullopt});
  }

  void submit(const std::string& dispatch, const std::string& date) {
    snapshot.ledger_submissions->push_back(LedgerSubmission{dispatch, d(date)});
  }

  Result evaluate(const std::string& as_of) const { return tiaodu::evaluate(snapshot, policy, d(as_of)); }

  Snapshot snapshot;
  Policy policy;

 private:
  Dispatch& find_dispatch(const std::string& id) {
    for (auto& x : *snapshot.dispatches)
      if (x.id == id) return x;
    throw std::logic_error("no dispatch " + id);
  }
  Rectification& find_item(const std::string& id) {
    for (auto& x : *snapshot.rectifications)
      if (x.id == id) return x;
    throw std::logic_error("no item " + id);
  }
  std::string root_;
};

// The decisions of one rule (optionally of one org), in result order.
inline std::vector<Decision> decisions(const Result& r, Rule rule, const std::string& org = "") {
  std::vector<Decision> out;
  for (const auto& x : r.decisions)
    if (x.rule == rule && (org.empty() || x.org == org)) out.push_back(x);
  return out;
}

inline const Fact* fact(const Decision& dec, const std::string& name) {
  for (const auto& f : dec.facts)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace tiaodu::testing
