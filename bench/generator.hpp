// bench/generator.hpp — synthetic snapshots: from one town to a country, deterministic by seed.
//
// A snapshot of `orgs` organizations and one year of the "一月一调度" system: monthly
// dispatches with the check-item mix and problem rates of examples/sample-town.json,
// rectifications with their updates, look-backs and ledger submissions. It is the town's
// record as it stood on the last day of the year: no fact is dated after Y-12-31
// (deadlines of December's problems may fall in January).
//
// Shape: towns of min_town..max_town organizations (a committee, possibly general
// branches, branches: a tree of 2 or 3 levels). Up to max_town organizations make one
// town whose committee is the root; more make many towns side by side under one root
// (a county committee that dispatches the town committees). `orgs` is met exactly.
//
// Determinism: the same options give the same snapshot, byte for byte, on every platform
// and whatever `threads` is: every town draws from its own stream (random.hpp), seeded
// from (seed, town number). Every rate below is a named option whose default and source
// docs/performance.md lists.
//
// The result is valid by construction (tiaodu::validate finds nothing: tests/bench).
//
// Interface:
//   struct GeneratorOptions
//   generate(options) -> Snapshot            throws std::invalid_argument on bad options
//   town_sizes(options) -> sizes             the partition of orgs into towns
//   kCheckItemMix                            the sample's counts per check item
#pragma once

#include "tiaodu/check_items.hpp"
#include "tiaodu/model.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace tiaodu::bench {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  std::int64_t orgs = 50;   // all organizations, the root included (>= 1)
  int year = 2023;          // dispatches January..December of this year
  unsigned threads = 1;     // threads that build towns (0: one per hardware thread)
  // Free text the rules never read (check notes, 调度情况, 调度对象意见, notes of updates
  // and look-backs), as the sample has it. Off ("lean") it costs neither memory nor
  // JSON bytes; the records and every field a rule reads are the same either way.
  bool free_text = true;

  // --- shape
  int min_town = 20;               // organizations per town, committee included
  int max_town = 80;               // (max_town >= 2 * min_town, so the last town fits)
  double general_branch_share = 0.5;  // towns that have general branches (3 levels)
  double new_org_share = 0.03;     // branches set up during the year (active_from)
  double closed_org_share = 0.02;  // branches merged away during the year (active_until)
  double weak_share = 0.08;        // 软弱涣散: organizations that do everything worse

  // --- dispatches (4.1) and checks (三、调度内容)
  double dispatch_rate = 0.98;       // active org-months with a dispatch (weak: weak_dispatch_rate)
  double weak_dispatch_rate = 0.92;
  int min_checks = 5, max_checks = 7;  // items checked per dispatch
  double problem_rate = 72.0 / 881;  // share of all checks found a problem (the sample's)
  double weak_problem_factor = 4;    // a weak org's problem rate, relative to a normal one
  double multi_day_rate = 0.07;      // on-site dispatches lasting two days (≈ 5 % of all)
  double good_practice_rate = 0.10;  // 4.2
  double support_request_rate = 0.06;  // 3.2, 3.3

  // --- rectification (5.1, 5.4, A2)
  int deadline_days = 30;            // the usual 整改时限 after the dispatch ends
  double usual_deadline_rate = 0.8;  // else uniform in [min_deadline_days, max_deadline_days]
  int min_deadline_days = 15, max_deadline_days = 45;
  double in_progress_rate = 0.75;    // a first "in progress" update
  double on_time_rate = 0.88, late_rate = 0.08;            // reported done; the rest never
  double weak_on_time_rate = 0.50, weak_late_rate = 0.35;
  double look_back_rate = 0.90;      // reported items looked back at (回头看 / 巡回抽检)
  double unreported_look_back_rate = 0.30;  // items never reported that a look-back visits
  double refuted_rate = 0.04, weak_refuted_rate = 0.25;  // look-backs that refute
  double superficial_share = 0.5;    // of refutations: superficial (else not_rectified)
  double redo_rate = 0.6;            // refuted items reported done again
  double ledger_on_time_rate = 0.97, ledger_late_rate = 0.02;  // the rest never submitted
  double weak_ledger_on_time_rate = 0.60, weak_ledger_late_rate = 0.25;
};

Snapshot generate(const GeneratorOptions& options);

// The organizations per town, in town order (their sum is orgs - 1 when there is a
// county root, orgs when one town is the whole snapshot).
std::vector<int> town_sizes(const GeneratorOptions& options);

// How often each check item is checked, found a problem and found not applicable in
// examples/sample-town.json (147 dispatches, 881 checks), in catalogue order: the
// generator's item mix and per-item problem and not-applicable rates.
struct ItemMix {
  int checked;
  int problems;
  int not_applicable;
};
inline constexpr std::array<ItemMix, kCheckItemCount> kCheckItemMix{{
    {61, 7, 0},   // three_meetings_one_lesson
    {43, 8, 0},   // dues_records
    {53, 1, 24},  // weak_org_rectification
    {38, 2, 20},  // lost_contact_members
    {43, 3, 20},  // member_transfers
    {46, 2, 18},  // election_materials
    {39, 5, 0},   // member_data_consistency
    {39, 6, 0},   // fund_vouchers
    {45, 3, 18},  // member_development
    {47, 3, 0},   // organizational_life_meeting
    {47, 1, 21},  // democratic_evaluation
    {51, 6, 0},   // themed_party_day
    {51, 4, 0},   // visits_condolences
    {47, 6, 0},   // archives_by_category
    {50, 3, 21},  // key_tasks
    {43, 2, 0},   // leading_role
    {41, 2, 0},   // monthly_talk
    {52, 4, 0},   // livelihood_projects
    {45, 4, 0},   // superior_assignments
}};

}  // namespace tiaodu::bench
