// Tests of tiaodu/index.hpp: ids interned in id order whatever the input order, the tree,
// per-org slices in their documented orders, item events in the order of spec 3.2.
#include "tiaodu/index.hpp"

#include "tiaodu/errors.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace tiaodu;

namespace {

Organization org(std::string id, std::optional<std::string> parent) {
  Organization o;
  o.id = id;
  o.name = id;
  o.kind = parent ? OrgKind::branch : OrgKind::committee;
  o.parent = std::move(parent);
  o.secretary = {"p-" + id, "s"};
  return o;
}

Dispatch dispatch(std::string id, Date date, std::string dispatcher, std::string object) {
  Dispatch d;
  d.id = std::move(id);
  d.date = date;
  d.dispatcher = std::move(dispatcher);
  d.object = std::move(object);
  d.checks = std::vector<Check>{{CheckItem::dues_records, CheckResult::problem, std::nullopt},
                                {CheckItem::key_tasks, CheckResult::problem, std::nullopt}};
  return d;
}

Rectification rect(std::string id, std::string dispatch, std::int64_t seq, Date deadline) {
  Rectification r;
  r.id = std::move(id);
  r.dispatch = std::move(dispatch);
  r.seq = seq;
  r.item = seq == 1 ? CheckItem::dues_records : CheckItem::key_tasks;
  r.problem = "p";
  r.deadline = deadline;
  return r;
}

LookBack look_back(std::string id, Date date, std::string r, Finding f) {
  LookBack l;
  l.id = std::move(id);
  l.date = date;
  l.rectification = std::move(r);
  l.finding = f;
  return l;
}

// Listed deliberately out of id order.
//   t ─ g ─ b
//     │   └ a
//     └ c
Snapshot snapshot() {
  Snapshot s;
  s.organizations = std::vector<Organization>{org("g", "t"), org("c", "t"), org("t", std::nullopt),
                                              org("b", "g"), org("a", "g")};
  s.dispatches = std::vector<Dispatch>{dispatch("d-3", Date(2023, 5, 1), "t", "a"),
                                       dispatch("d-1", Date(2023, 6, 1), "g", "a"),
                                       dispatch("d-2", Date(2023, 5, 1), "t", "a"),
                                       dispatch("d-0", Date(2023, 7, 1), "t", "c")};
  s.rectifications = std::vector<Rectification>{rect("r-b", "d-1", 1, Date(2023, 6, 30)),
                                                rect("r-a", "d-3", 1, Date(2023, 5, 31)),
                                                rect("r-c", "d-0", 2, Date(2023, 7, 31))};
  // r-a: on 05-20 an update and two look-backs listed in reverse id order; a later update.
  s.rectifications->at(1).updates = std::vector<Update>{
      {Date(2023, 5, 25), UpdateStatus::in_progress, std::nullopt},
      {Date(2023, 5, 20), UpdateStatus::reported_done, std::nullopt}};
  s.look_backs = std::vector<LookBack>{look_back("l-2", Date(2023, 5, 20), "r-a", Finding::superficial),
                                       look_back("l-1", Date(2023, 5, 20), "r-a", Finding::rectified),
                                       look_back("l-0", Date(2023, 5, 19), "r-a", Finding::not_rectified)};
  s.ledger_submissions = std::vector<LedgerSubmission>{{"d-3", Date(2023, 5, 10)}};
  return s;
}

TEST(Index, InternsIdsInIdOrder) {
  const Snapshot s = snapshot();
  const Index ix(s);
  ASSERT_EQ(ix.org_count(), 5);
  std::vector<std::string> ids;
  for (OrgIx o = 0; o < ix.org_count(); ++o) ids.emplace_back(ix.org_id(o));
  EXPECT_EQ(ids, (std::vector<std::string>{"a", "b", "c", "g", "t"}));
  EXPECT_EQ(ix.find_org("g"), 3);
  EXPECT_EQ(ix.find_org("zz"), kNone);
  ASSERT_EQ(ix.dispatch_count(), 4);
  for (DispatchIx d = 0; d < 4; ++d) EXPECT_EQ(ix.dispatch(d).id, "d-" + std::to_string(d));
  ASSERT_EQ(ix.item_count(), 3);
  EXPECT_EQ(ix.item(0).id, "r-a");
  EXPECT_EQ(ix.item(2).id, "r-c");
  ASSERT_EQ(ix.look_back_count(), 3);
  EXPECT_EQ(ix.look_back(0).id, "l-0");
}

TEST(Index, TheTree) {
  const Snapshot s = snapshot();
  const Index ix(s);
  const OrgIx a = 0, b = 1, c = 2, g = 3, t = 4;
  EXPECT_EQ(ix.root(), t);
  EXPECT_EQ(ix.parent(t), kNone);
  EXPECT_EQ(ix.parent(a), g);
  EXPECT_EQ(ix.parent(c), t);
  EXPECT_EQ(std::vector<OrgIx>(ix.children(t).begin(), ix.children(t).end()), (std::vector<OrgIx>{c, g}));
  EXPECT_EQ(std::vector<OrgIx>(ix.children(g).begin(), ix.children(g).end()), (std::vector<OrgIx>{a, b}));
  EXPECT_TRUE(ix.children(a).empty());
  EXPECT_EQ(ix.depth(t), 0);
  EXPECT_EQ(ix.depth(g), 1);
  EXPECT_EQ(ix.depth(a), 2);
  EXPECT_TRUE(ix.is_ancestor(t, a));
  EXPECT_TRUE(ix.is_ancestor(g, b));
  EXPECT_FALSE(ix.is_ancestor(a, a));  // proper ancestors only
  EXPECT_FALSE(ix.is_ancestor(a, g));
  EXPECT_FALSE(ix.is_ancestor(c, a));
  // Preorder: every org after its parent, root first.
  const auto pre = ix.preorder();
  ASSERT_EQ(pre.size(), 5u);
  EXPECT_EQ(pre[0], t);
  for (std::size_t i = 0; i < pre.size(); ++i)
    if (ix.parent(pre[i]) != kNone)
      EXPECT_LT(std::find(pre.begin(), pre.end(), ix.parent(pre[i])) - pre.begin(), static_cast<std::ptrdiff_t>(i));
}

TEST(Index, DispatchesAndItemsOfAnOrg) {
  const Snapshot s = snapshot();
  const Index ix(s);
  const OrgIx a = 0, c = 2;
  // By (date, id): d-2 and d-3 share 05-01, then d-1 on 06-01.
  const auto da = ix.dispatches_of(a);
  EXPECT_EQ(std::vector<DispatchIx>(da.begin(), da.end()), (std::vector<DispatchIx>{2, 3, 1}));
  EXPECT_EQ(std::vector<DispatchIx>(ix.dispatches_of(c).begin(), ix.dispatches_of(c).end()), std::vector<DispatchIx>{0});
  EXPECT_EQ(ix.object(0), c);
  EXPECT_EQ(ix.dispatch_date(1), days_from_civil(2023, 6, 1));
  EXPECT_EQ(ix.dispatch_end(1), ix.dispatch_date(1));
  EXPECT_EQ(ix.problem_count(1), 2);
  EXPECT_EQ(ix.submitted(3), days_from_civil(2023, 5, 10));
  EXPECT_EQ(ix.submitted(2), kNoDay);
  EXPECT_EQ(ix.earliest_dispatch(), days_from_civil(2023, 5, 1));
  // Items of a: r-a (d-3), r-b (d-1), by id.
  const auto ia = ix.items_of(a);
  EXPECT_EQ(std::vector<ItemIx>(ia.begin(), ia.end()), (std::vector<ItemIx>{0, 1}));
  EXPECT_EQ(ix.item_org(2), c);
  EXPECT_EQ(ix.item_dispatch(0), 3);
  EXPECT_EQ(ix.item_date(0), days_from_civil(2023, 5, 1));
  EXPECT_EQ(ix.deadline(0), days_from_civil(2023, 5, 31));
  const auto in_d3 = ix.items_of_dispatch(3);
  EXPECT_EQ(std::vector<ItemIx>(in_d3.begin(), in_d3.end()), std::vector<ItemIx>{0});
}

TEST(Index, EventsInTheOrderOfSpec32) {
  const Snapshot s = snapshot();
  const Index ix(s);
  const auto ev = ix.events(0);  // r-a
  ASSERT_EQ(ev.size(), 5u);
  // 05-19 look-back l-0; 05-20 the update first, then look-backs by id (l-1, l-2); 05-25 update.
  EXPECT_EQ(ev[0].date, days_from_civil(2023, 5, 19));
  EXPECT_EQ(ev[0].kind, EventKind::found_not_rectified);
  EXPECT_EQ(ev[0].look_back, 0);
  EXPECT_EQ(ev[1].kind, EventKind::reported_done);
  EXPECT_EQ(ev[1].look_back, kNone);
  EXPECT_EQ(ev[2].kind, EventKind::found_rectified);
  EXPECT_EQ(ev[2].look_back, 1);
  EXPECT_EQ(ev[3].kind, EventKind::found_superficial);
  EXPECT_EQ(ev[3].look_back, 2);
  EXPECT_EQ(ev[4].kind, EventKind::in_progress);
  EXPECT_EQ(ev[4].date, days_from_civil(2023, 5, 25));
  EXPECT_TRUE(ix.events(1).empty());
}

TEST(Index, DispatchesWithEntriesInIdOrder) {
  Snapshot s = snapshot();
  EXPECT_TRUE(Index(s).dispatches_with_entries().empty());
  s.dispatches->at(0).good_practices = std::vector<std::string>{"x"};                 // d-3
  s.dispatches->at(3).support_requests = std::vector<SupportRequest>{{"y", false}};   // d-0
  s.dispatches->at(1).good_practices = std::vector<std::string>{};                    // d-1: empty
  const Index ix(s);
  const auto with = ix.dispatches_with_entries();
  ASSERT_EQ(with.size(), 2u);
  EXPECT_EQ(with[0].dispatch, 0);  // d-0: one support request
  EXPECT_EQ(with[0].good_practices, 0u);
  EXPECT_EQ(with[0].support_requests, 1u);
  EXPECT_EQ(with[1].dispatch, 3);  // d-3: one good practice
  EXPECT_EQ(with[1].good_practices, 1u);
  EXPECT_EQ(with[1].support_requests, 0u);
}

TEST(Index, InputOrderDoesNotMatter) {
  Snapshot s = snapshot();
  Snapshot r = s;
  std::reverse(r.organizations->begin(), r.organizations->end());
  std::reverse(r.dispatches->begin(), r.dispatches->end());
  std::reverse(r.rectifications->begin(), r.rectifications->end());
  std::reverse(r.look_backs->begin(), r.look_backs->end());
  const Index a(s), b(r);
  for (OrgIx o = 0; o < a.org_count(); ++o) {
    EXPECT_EQ(a.org_id(o), b.org_id(o));
    EXPECT_EQ(a.parent(o), b.parent(o));
    EXPECT_TRUE(std::equal(a.dispatches_of(o).begin(), a.dispatches_of(o).end(), b.dispatches_of(o).begin(),
                           b.dispatches_of(o).end()));
  }
  for (ItemIx i = 0; i < a.item_count(); ++i) {
    ASSERT_EQ(a.events(i).size(), b.events(i).size());
    for (std::size_t k = 0; k < a.events(i).size(); ++k) {
      EXPECT_EQ(a.events(i)[k].kind, b.events(i)[k].kind);
      EXPECT_EQ(a.events(i)[k].date, b.events(i)[k].date);
    }
  }
}

TEST(Index, ActivePeriodsAndTheirAbsence) {
  Snapshot s = snapshot();
  s.organizations->at(1).active_from = Date(2023, 1, 1);  // c
  s.organizations->at(1).active_until = Date(2023, 12, 31);
  const Index ix(s);
  EXPECT_EQ(ix.active_from(2), days_from_civil(2023, 1, 1));
  EXPECT_EQ(ix.active_until(2), days_from_civil(2023, 12, 31));
  EXPECT_EQ(ix.active_from(0), kNoStart);
  EXPECT_EQ(ix.active_until(0), kNoEnd);
}

TEST(Index, RefusesAnInvalidSnapshot) {
  Snapshot s = snapshot();
  s.dispatches->at(0).object = "nobody";
  try {
    Index ix(s);
    FAIL() << "an invalid snapshot was indexed";
  } catch (const ValidationError& e) {
    ASSERT_EQ(e.errors().size(), 1u);
    EXPECT_EQ(e.errors()[0].path, "/dispatches/0/object");
  }
}

TEST(Index, AMillionOrganizationChainBuildsWithoutRecursion) {
  constexpr int n = 1000000;
  Snapshot s;
  auto& orgs = s.organizations.emplace();
  orgs.reserve(n);
  // Zero-padded ids keep id order equal to chain order.
  auto id = [](int i) {
    std::string x = std::to_string(i);
    return "o" + std::string(7 - x.size(), '0') + x;
  };
  orgs.push_back(org(id(0), std::nullopt));
  for (int i = 1; i < n; ++i) orgs.push_back(org(id(i), id(i - 1)));
  s.dispatches = std::vector<Dispatch>{dispatch("d", Date(2023, 3, 1), id(0), id(n - 1))};
  const Index ix(s);
  EXPECT_EQ(ix.root(), 0);
  EXPECT_EQ(ix.depth(n - 1), n - 1);
  EXPECT_TRUE(ix.is_ancestor(0, n - 1));
  EXPECT_TRUE(ix.is_ancestor(n / 2, n - 1));
  EXPECT_FALSE(ix.is_ancestor(n - 1, n / 2));
  EXPECT_EQ(ix.preorder().size(), static_cast<std::size_t>(n));
  EXPECT_EQ(ix.preorder().back(), n - 1);
  EXPECT_EQ(ix.dispatches_of(n - 1).size(), 1u);
}

}  // namespace
