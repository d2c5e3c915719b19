// tiaodu/check_items.hpp — the catalogue of what a dispatch checks (clauses 3.1–3.4, 6.1).
//
// The one place that says which item belongs to which content category, its Chinese
// label as the policy words it, an English label and the clause it comes from. Reports,
// forms, bindings and rules all read this table; nothing else repeats it.
//
// Interface:
//   enum class CheckItem, enum class Category
//   struct CheckItemInfo { item, category, zh, en, clause }
//   check_items (the table, in enum order), info(CheckItem), category_zh/en(Category)
#pragma once

#include <boost/describe.hpp>

#include <array>
#include <cstddef>
#include <string_view>

namespace tiaodu {

enum class Category { organization_building, development, livelihood, superior_tasks };
BOOST_DESCRIBE_ENUM(Category, organization_building, development, livelihood, superior_tasks)

enum class CheckItem {
  three_meetings_one_lesson,
  dues_records,
  weak_org_rectification,
  lost_contact_members,
  member_transfers,
  election_materials,
  member_data_consistency,
  fund_vouchers,
  member_development,
  organizational_life_meeting,
  democratic_evaluation,
  themed_party_day,
  visits_condolences,
  archives_by_category,
  key_tasks,
  leading_role,
  monthly_talk,
  livelihood_projects,
  superior_assignments,
};
BOOST_DESCRIBE_ENUM(CheckItem, three_meetings_one_lesson, dues_records, weak_org_rectification,
                    lost_contact_members, member_transfers, election_materials,
                    member_data_consistency, fund_vouchers, member_development,
                    organizational_life_meeting, democratic_evaluation, themed_party_day,
                    visits_condolences, archives_by_category, key_tasks, leading_role,
                    monthly_talk, livelihood_projects, superior_assignments)

struct CheckItemInfo {
  CheckItem item;
  Category category;
  std::string_view zh;      // as the policy words it
  std::string_view en;
  std::string_view clause;  // clause id (policy/clauses.md)
};

inline constexpr std::size_t kCheckItemCount = 19;

// 三、调度内容 — in enum order, so check_items[static_cast<size_t>(item)].item == item.
inline constexpr std::array<CheckItemInfo, kCheckItemCount> check_items{{
    {CheckItem::three_meetings_one_lesson, Category::organization_building,
     "三会一课制度执行落实", "three meetings and one lesson", "3.1"},
    {CheckItem::dues_records, Category::organization_building, "党费收缴记录",
     "Party dues collection records", "3.1"},
    {CheckItem::weak_org_rectification, Category::organization_building,
     "软弱涣散党组织整顿台账", "ledger of rectifying weak and lax organizations", "3.1"},
    {CheckItem::lost_contact_members, Category::organization_building, "失联党员台账",
     "ledger of lost-contact members", "3.1"},
    {CheckItem::member_transfers, Category::organization_building, "转接党员基本信息登记",
     "registration of transferred members", "3.1"},
    {CheckItem::election_materials, Category::organization_building, "选举资料",
     "election materials", "3.1"},
    {CheckItem::member_data_consistency, Category::organization_building,
     "党员信息及时准确更新、与党务系统一致",
     "member data current and consistent with the Party-affairs system", "3.1"},
    {CheckItem::fund_vouchers, Category::organization_building, "党建资金拨付凭证、发票账目",
     "fund disbursement vouchers, invoices and accounts", "3.1"},
    {CheckItem::member_development, Category::organization_building,
     "党员发展程序、入党材料、《入党志愿书》",
     "member development procedure, admission files, application forms", "3.1"},
    {CheckItem::organizational_life_meeting, Category::organization_building, "组织生活会",
     "organizational life meetings", "3.1"},
    {CheckItem::democratic_evaluation, Category::organization_building, "民主评议党员",
     "democratic evaluation of members", "3.1"},
    {CheckItem::themed_party_day, Category::organization_building, "主题党日",
     "themed Party days", "3.1"},
    {CheckItem::visits_condolences, Category::organization_building, "走访慰问",
     "visits and condolences", "3.1"},
    {CheckItem::archives_by_category, Category::organization_building,
     "活动图文资料留存、分类建档", "activity records kept and archived by category", "6.1"},
    {CheckItem::key_tasks, Category::development, "征地拆迁、招商引资、乡村振兴等重难点工作",
     "key tasks: land acquisition, investment, rural revitalization", "3.2"},
    {CheckItem::leading_role, Category::development, "攻坚问题牵头作用及成效",
     "leading role on tough problems and its results", "3.2"},
    {CheckItem::monthly_talk, Category::development, "结合\"西联发展·党建月谈\"研讨困难",
     "difficulties discussed at the Party-building Monthly Talk", "3.2"},
    {CheckItem::livelihood_projects, Category::livelihood, "民生实事成效与困难",
     "livelihood projects: results and difficulties", "3.3"},
    {CheckItem::superior_assignments, Category::superior_tasks,
     "上级政策、文件、通知及临时性工作落实",
     "policies, documents, notices and temporary tasks from superiors", "3.4"},
}};

constexpr const CheckItemInfo& info(CheckItem item) noexcept {
  return check_items[static_cast<std::size_t>(item)];
}

constexpr std::string_view category_zh(Category c) noexcept {
  constexpr std::string_view names[] = {"党组织建设情况", "党建引领助推高质量发展情况",
                                        "党建助力服务民生实事情况", "上级布置的其他工作"};
  return names[static_cast<std::size_t>(c)];
}
constexpr std::string_view category_en(Category c) noexcept {
  constexpr std::string_view names[] = {"organization building", "leading high-quality development",
                                        "serving people's livelihood", "other work assigned by superiors"};
  return names[static_cast<std::size_t>(c)];
}
constexpr std::string_view category_clause(Category c) noexcept {
  constexpr std::string_view names[] = {"3.1", "3.2", "3.3", "3.4"};
  return names[static_cast<std::size_t>(c)];
}

// The table is in enum order (checked at compile time, so a reordering cannot slip in).
static_assert([] {
  for (std::size_t i = 0; i < check_items.size(); ++i)
    if (static_cast<std::size_t>(check_items[i].item) != i) return false;
  return true;
}());

}  // namespace tiaodu
