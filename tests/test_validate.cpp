// Tests of tiaodu/validate.hpp on hand-built models: every meaning check of spec
// section 5 at its pointer, no cascades, and big trees checked without recursion.
#include "tiaodu/validate.hpp"

#include <gtest/gtest.h>

#include <algorithm>

using namespace tiaodu;

namespace {

using V = std::vector<std::string>;

V codes(const std::vector<Error>& errors) {
  V out;
  for (const Error& e : errors) {
    EXPECT_FALSE(e.message.empty());
    out.push_back(std::string(to_string(e.code)) + " " + e.path);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Organization org(std::string id, std::optional<std::string> parent, OrgKind kind = OrgKind::branch) {
  Organization o;
  o.id = id;
  o.name = "组织 " + id;
  o.kind = kind;
  o.parent = std::move(parent);
  o.secretary = {"p-" + id, "书记 " + id};
  return o;
}

Dispatch dispatch(std::string id, Date date, std::string dispatcher, std::string object) {
  Dispatch d;
  d.id = std::move(id);
  d.date = date;
  d.dispatcher = std::move(dispatcher);
  d.object = std::move(object);
  d.checks = std::vector<Check>{{CheckItem::dues_records, CheckResult::problem, std::nullopt},
                                {CheckItem::themed_party_day, CheckResult::ok, std::nullopt}};
  return d;
}

Rectification rect(std::string id, std::string dispatch, std::int64_t seq, Date deadline) {
  Rectification r;
  r.id = std::move(id);
  r.dispatch = std::move(dispatch);
  r.seq = seq;
  r.item = CheckItem::dues_records;
  r.problem = "党费记录不全";
  r.deadline = deadline;
  return r;
}

// town ─ gb ─ b-1
//      └ b-2
Snapshot town() {
  Snapshot s;
  s.organizations = std::vector<Organization>{org("town", std::nullopt, OrgKind::committee),
                                              org("gb", "town", OrgKind::general_branch), org("b-1", "gb"),
                                              org("b-2", "town")};
  s.dispatches = std::vector<Dispatch>{dispatch("d-1", Date(2023, 3, 10), "town", "b-1"),
                                       dispatch("d-2", Date(2023, 4, 10), "gb", "b-1")};
  s.rectifications = std::vector<Rectification>{rect("r-1", "d-1", 1, Date(2023, 3, 31))};
  s.ledger_submissions = std::vector<LedgerSubmission>{{"d-1", Date(2023, 3, 20)}};
  LookBack lb;
  lb.id = "l-1";
  lb.date = Date(2023, 4, 2);
  lb.rectification = "r-1";
  s.look_backs = std::vector<LookBack>{lb};
  return s;
}

TEST(Validate, TheTownIsValid) { EXPECT_TRUE(validate(town()).empty()); }

TEST(Validate, DuplicateIdsAtTheSecondOccurrence) {
  Snapshot s = town();
  s.organizations->push_back(org("b-1", "town"));
  s.dispatches->push_back(dispatch("d-1", Date(2023, 5, 1), "town", "b-2"));
  s.rectifications->push_back(rect("r-1", "d-2", 1, Date(2023, 5, 1)));
  s.rectifications->back().item = CheckItem::dues_records;
  s.look_backs->push_back(s.look_backs->front());
  EXPECT_EQ(codes(validate(s)), (V{"duplicate_id /dispatches/2/id", "duplicate_id /look_backs/1/id",
                                   "duplicate_id /organizations/4/id", "duplicate_id /rectifications/1/id"}));
}

TEST(Validate, UnknownReferences) {
  Snapshot s = town();
  s.organizations->at(3).parent = "gb-9";
  s.dispatches->at(1).dispatcher = "GB";
  s.rectifications->push_back(rect("r-2", "d-9", 1, Date(2023, 5, 1)));
  s.ledger_submissions->push_back({"d-8", Date(2023, 5, 1)});
  s.look_backs->at(0).rectification = "r-7";
  EXPECT_EQ(codes(validate(s)),
            (V{"unknown_ref /dispatches/1/dispatcher", "unknown_ref /ledger_submissions/1/dispatch",
               "unknown_ref /look_backs/0/rectification", "unknown_ref /organizations/3/parent",
               "unknown_ref /rectifications/1/dispatch"}));
  const auto errors = validate(s);
  EXPECT_NE(std::find_if(errors.begin(), errors.end(),
                         [](const Error& e) { return e.message == R"(organization "b-2": parent "gb-9" does not exist)"; }),
            errors.end());
}

TEST(Validate, Roots) {
  Snapshot none = town();
  none.organizations->at(0).parent = "b-2";  // town -> b-2 -> town
  EXPECT_EQ(codes(validate(none)), (V{"cycle /organizations/0/parent", "root "}));
  Snapshot two = town();
  two.organizations->at(1).parent.reset();
  two.organizations->at(3).parent.reset();
  EXPECT_EQ(codes(validate(two)), (V{"root /organizations/1", "root /organizations/3"}));
  EXPECT_EQ(codes(validate(Snapshot{})), V{"root "});
}

TEST(Validate, CyclesOncePerLoopAtItsFirstMember) {
  Snapshot s = town();
  // A loop entered from a tail: x -> c-3 -> c-2 -> c-3; the loop's first member is c-2.
  s.organizations->push_back(org("x", "c-3"));
  s.organizations->push_back(org("c-2", "c-3"));
  s.organizations->push_back(org("c-3", "c-2"));
  s.organizations->push_back(org("self", "self"));
  EXPECT_EQ(codes(validate(s)), (V{"cycle /organizations/5/parent", "cycle /organizations/7/parent"}));
}

TEST(Validate, DispatcherMustBeAProperAncestor) {
  Snapshot s = town();
  s.dispatches->push_back(dispatch("d-3", Date(2023, 5, 1), "b-2", "b-1"));  // sibling's branch
  s.dispatches->push_back(dispatch("d-4", Date(2023, 5, 1), "b-1", "gb"));   // a child
  s.dispatches->push_back(dispatch("d-5", Date(2023, 5, 1), "b-1", "b-1"));  // itself
  s.dispatches->push_back(dispatch("d-6", Date(2023, 5, 1), "b-1", "town")); // the root
  EXPECT_EQ(codes(validate(s)),
            (V{"dispatch_of_root /dispatches/5/object", "dispatcher_not_superior /dispatches/2/dispatcher",
               "dispatcher_not_superior /dispatches/3/dispatcher", "dispatcher_not_superior /dispatches/4/dispatcher"}));
}

TEST(Validate, ChecksAndRectifications) {
  Snapshot s = town();
  s.dispatches->at(1).checks->push_back({CheckItem::themed_party_day, CheckResult::problem, std::nullopt});
  s.rectifications->push_back(rect("r-2", "d-1", 1, Date(2023, 4, 1)));   // seq taken in d-1
  s.rectifications->push_back(rect("r-3", "d-2", 1, Date(2023, 5, 1)));   // seq 1 in d-2 is fine
  s.rectifications->push_back(rect("r-4", "d-1", 0, Date(2023, 5, 1)));
  s.rectifications->push_back(rect("r-5", "d-1", 5, Date(2023, 5, 1)));
  s.rectifications->back().item = CheckItem::themed_party_day;            // ok in d-1
  s.rectifications->push_back(rect("r-6", "d-1", 6, Date(2023, 5, 1)));
  s.rectifications->back().item = CheckItem::key_tasks;                   // not checked
  s.rectifications->push_back(rect("r-7", "d-1", 7, Date(2023, 5, 1)));
  s.rectifications->back().problem = "";
  EXPECT_EQ(codes(validate(s)),
            (V{"duplicate_check /dispatches/1/checks/2/item", "duplicate_seq /rectifications/1/seq",
               "empty /rectifications/6/problem", "item_not_problem /rectifications/4/item",
               "item_not_problem /rectifications/5/item", "seq /rectifications/3/seq"}));
}

TEST(Validate, DateOrder) {
  Snapshot s = town();
  s.organizations->at(3).active_from = Date(2023, 6, 1);
  s.organizations->at(3).active_until = Date(2023, 5, 31);              // before active_from
  s.organizations->at(2).active_from = Date(2023, 3, 11);               // d-1 (03-10) before it
  s.dispatches->at(1).end_date = Date(2023, 4, 9);                      // before its date
  s.rectifications->at(0).deadline = Date(2023, 3, 9);
  s.rectifications->at(0).updates = std::vector<Update>{{Date(2023, 3, 9), UpdateStatus::in_progress, std::nullopt},
                                                        {Date(2023, 3, 10), UpdateStatus::reported_done, std::nullopt}};
  s.ledger_submissions->at(0).date = Date(2023, 3, 9);
  s.look_backs->at(0).date = Date(2023, 3, 9);
  EXPECT_EQ(codes(validate(s)),
            (V{"date_order /dispatches/0/date", "date_order /dispatches/1/end_date",
               "date_order /ledger_submissions/0/date", "date_order /look_backs/0/date",
               "date_order /organizations/3/active_until", "date_order /rectifications/0/deadline",
               "date_order /rectifications/0/updates/0/date"}));
}

TEST(Validate, DispatchAfterTheObjectsActivePeriod) {
  Snapshot s = town();
  s.organizations->at(2).active_until = Date(2023, 4, 10);
  EXPECT_TRUE(validate(s).empty());  // equal dates are fine
  s.dispatches->at(1).end_date = Date(2023, 4, 11);
  EXPECT_EQ(codes(validate(s)), V{"date_order /dispatches/1/end_date"});
  s.dispatches->at(1).end_date.reset();
  s.organizations->at(2).active_until = Date(2023, 4, 9);
  EXPECT_EQ(codes(validate(s)), V{"date_order /dispatches/1/date"});
}

TEST(Validate, DuplicateSubmissionAtTheElement) {
  Snapshot s = town();
  s.ledger_submissions->push_back({"d-1", Date(2023, 3, 25)});
  s.ledger_submissions->push_back({"d-2", Date(2023, 4, 25)});
  s.ledger_submissions->push_back({"d-1", Date(2023, 3, 26)});
  EXPECT_EQ(codes(validate(s)), (V{"duplicate_submission /ledger_submissions/1", "duplicate_submission /ledger_submissions/3"}));
}

TEST(Validate, WhatOnlyAHandBuiltModelCanGetWrong) {
  Snapshot s = town();
  s.dispatches->at(0).date = Date();                    // not-a-date-time
  s.rectifications->at(0).deadline = Date(9950, 1, 1);  // beyond 9899-12-31
  s.organizations->at(1).kind = static_cast<OrgKind>(7);
  s.dispatches->at(1).checks->at(0).item = static_cast<CheckItem>(99);
  s.organizations->at(2).name.clear();
  s.organizations->at(2).secretary.id.clear();
  s.dispatches->at(1).object.clear();
  EXPECT_EQ(codes(validate(s)),
            (V{"date /dispatches/0/date", "date /rectifications/0/deadline", "empty /dispatches/1/object",
               "empty /organizations/2/name", "empty /organizations/2/secretary/id",
               "enum /dispatches/1/checks/0/item", "enum /organizations/1/kind"}));
}

TEST(Validate, NoCascades) {
  Snapshot s = town();
  s.dispatches->at(0).object = "b-9";  // unknown: its rectification's item is not judged
  s.dispatches->at(1).dispatcher = "b-2";
  s.dispatches->at(1).object = "town";  // the root: no dispatcher_not_superior on top
  EXPECT_EQ(codes(validate(s)), (V{"dispatch_of_root /dispatches/1/object", "unknown_ref /dispatches/0/object"}));
  Snapshot t = town();
  t.rectifications->at(0).dispatch = "d-9";  // unknown: no item_not_problem, no date_order below
  t.rectifications->at(0).item = CheckItem::key_tasks;
  t.rectifications->at(0).deadline = Date(2000, 1, 1);
  t.look_backs->at(0).date = Date(2000, 1, 1);
  EXPECT_EQ(codes(validate(t)), V{"unknown_ref /rectifications/0/dispatch"});
  Snapshot u = town();
  u.organizations->at(2).active_from = Date(2024, 1, 1);
  u.organizations->at(2).active_until = Date(2023, 1, 1);  // a broken period judges no dispatch
  EXPECT_EQ(codes(validate(u)), V{"date_order /organizations/2/active_until"});
}

TEST(Validate, ErrorsComeInDocumentOrder) {
  Snapshot s = town();
  s.look_backs->at(0).rectification = "r-9";
  s.organizations->at(3).parent = "x";
  s.dispatches->at(1).object = "y";
  const auto errors = validate(s);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].path, "/organizations/3/parent");
  EXPECT_EQ(errors[1].path, "/dispatches/1/object");
  EXPECT_EQ(errors[2].path, "/look_backs/0/rectification");
}

// A chain town <- o1 <- o2 <- ... : checked with loops, not recursion.
TEST(Validate, AMillionOrganizationChain) {
  constexpr int n = 1000000;
  Snapshot s;
  auto& orgs = s.organizations.emplace();
  orgs.reserve(n);
  orgs.push_back(org("o0", std::nullopt, OrgKind::committee));
  for (int i = 1; i < n; ++i) orgs.push_back(org("o" + std::to_string(i), "o" + std::to_string(i - 1)));
  // The root dispatches the deepest; the deepest cannot dispatch its parent.
  s.dispatches = std::vector<Dispatch>{dispatch("d-1", Date(2023, 3, 1), "o0", "o" + std::to_string(n - 1)),
                                       dispatch("d-2", Date(2023, 3, 1), "o" + std::to_string(n - 1),
                                                "o" + std::to_string(n - 2))};
  EXPECT_EQ(codes(validate(s)), V{"dispatcher_not_superior /dispatches/1/dispatcher"});
  // Closing the chain into one loop of a million: one cycle error, at its first member.
  orgs[0].parent = "o" + std::to_string(n - 1);
  s.dispatches->clear();
  EXPECT_EQ(codes(validate(s)), (V{"cycle /organizations/0/parent", "root "}));
}

}  // namespace
