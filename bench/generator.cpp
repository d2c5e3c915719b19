// Synthetic snapshots (generator.hpp): towns built one by one, each from its own stream.
#include "generator.hpp"

#include "random.hpp"

#include "tiaodu/date.hpp"
#include "tiaodu/index.hpp"
#include "tiaodu/policy.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>

namespace tiaodu::bench {

namespace {

// ---------------------------------------------------------------------------------------
// Words. Places and people are made up; the phrases are those of the sample town.

constexpr std::string_view kPlaceFirst[] = {"东", "西", "南", "北", "上", "下", "新", "大",
                                            "小", "长", "高", "龙", "凤", "金", "石", "青",
                                            "白", "马", "黄", "桃"};
constexpr std::string_view kPlaceSecond[] = {"岭", "联", "塘", "坪", "湾", "坑", "源", "溪",
                                             "田", "山", "江", "桥", "圩", "冈", "洞", "水",
                                             "湖", "岗", "头", "林"};
constexpr std::string_view kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴",
                                          "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林",
                                          "罗", "梁", "邓", "曾", "谢", "唐", "冯", "钟"};
constexpr std::string_view kGivenNames[] = {"建国", "立新", "海燕", "志强", "国华", "美芳",
                                            "文静", "建平", "秀英", "青松", "凯", "富贵",
                                            "晓东", "兰英", "振华", "丽", "伟", "明", "红梅",
                                            "春生", "桂兰", "永红", "德明", "玉珍"};
constexpr std::string_view kGeneralBranchAreas[] = {"东片区", "西片区", "南片区", "北片区",
                                                    "中片区", "城区", "工业区", "农场"};
constexpr std::string_view kOtherBranches[] = {"中心小学", "卫生院", "产业园区", "敬老院",
                                               "供销社", "中学", "农业合作社", "物流园"};

struct ItemWords {
  std::string_view ok;          // note of an `ok` check
  std::string_view problem;     // note of a `problem` check
  std::string_view rectify;     // the ledger row's 具体问题
  std::string_view not_applicable;
};
// In catalogue order (check_items.hpp).
constexpr ItemWords kItemWords[kCheckItemCount] = {
    {"“三会一课”记录本填写规范，会议议程完整", "党小组会连续两个月未召开",
     "党小组会未按月召开，需补开并建立提醒机制", ""},
    {"党费按月收缴，收缴记录与党员名册一致", "党费收缴凭证未按月装订",
     "党费收缴凭证未按月装订成册", ""},
    {"软弱涣散整顿台账资料齐全，整改措施逐项销号", "软弱涣散整顿台账近两个月未更新整改进展",
     "整顿台账未及时更新，需补录整改进展并逐项销号", "非软弱涣散党组织，无整顿任务"},
    {"失联党员台账已建立，查找记录完整", "失联党员台账未记录查找联系过程",
     "失联党员台账缺少查找联系记录，需补充完善", "本支部无失联党员"},
    {"转入转出党员信息登记完整，与介绍信存根一致", "组织关系转接登记表缺少经办人签名",
     "组织关系转接登记表不规范，需补签经办人", "本期无党员组织关系转接"},
    {"换届选举请示、批复、选票等资料归档齐全", "换届选举计票单未归档，缺少监票人签名",
     "选举资料归档不全，需补齐计票单并由监票人签名", "本年度无换届选举任务"},
    {"党员信息与党务系统核对一致", "党务系统中2名党员联系方式、工作单位未更新",
     "党员信息未及时更新，需在党务系统中更正", ""},
    {"党建经费支出凭证、发票齐全，账目清楚", "党群服务中心活动经费支出缺少发票附件",
     "党建经费支出缺少发票，需补齐票据", ""},
    {"发展对象材料齐全，程序规范", "发展对象政审材料缺失，公示记录不全",
     "发展对象材料不全，需补齐政审材料和公示记录", "本季度无发展党员任务"},
    {"组织生活会已召开，会前谈心谈话记录齐全", "组织生活会会议记录过于简单",
     "组织生活会记录过于简单，需规范记录", ""},
    {"民主评议党员结果已报备，等次评定有依据", "民主评议党员测评表未存档",
     "民主评议测评表未存档，需整理归档", "民主评议党员工作年初已集中开展，本月不涉及"},
    {"主题党日按月开展，活动方案、签到、照片齐全", "主题党日只有签到表，无活动记录和照片",
     "主题党日资料不全，需补充活动记录和照片", ""},
    {"走访慰问困难党员、老党员记录完整", "走访慰问老党员未留存签收单",
     "走访慰问缺少签收单，需补齐", ""},
    {"活动资料按类别建档，图文资料留存完整", "活动图文资料未分类建档，部分照片未注明时间地点",
     "活动资料未分类建档，需按类别整理并标注", ""},
    {"掌握辖区征地拆迁进度，台账清楚", "招商引资项目跟踪服务记录缺失",
     "招商引资项目跟踪服务无记录，需建立服务台账", "学校党支部无征地拆迁、招商引资任务"},
    {"党员先锋岗在人居环境整治中作用明显", "攻坚问题牵头责任不明确，无推进台账",
     "攻坚问题无推进台账，需明确牵头人并建立台账", ""},
    {"结合党建月谈梳理困难3项，已形成求助清单", "未结合党建月谈梳理攻坚困难，问题清单为空",
     "未结合党建月谈梳理困难，需形成问题清单", ""},
    {"民生实事项目按计划推进，群众满意度较高", "饮水安全提升工程进度滞后，未及时向群众公开",
     "民生项目进度未公开，需在村务公开栏公示", ""},
    {"上级文件传达学习记录齐全", "镇党委关于主题教育的通知未按时组织学习传达",
     "上级通知未按时传达学习，需补学并报送记录", ""},
};

constexpr std::string_view kGoodPractices[] = {
    "推行“党员积分制”管理，每月公示积分，激发党员参与热情",
    "利用微信群“云党课”组织流动党员学习",
    "开展“党员教师示范课”活动，党员带头上公开课",
    "设立党员责任区，党员包片联系群众",
};
constexpr std::string_view kSupportRequests[] = {
    "村道硬底化工程涉及跨村用地，需镇规划办协调",
    "希望镇党委组织党务干部培训，提升党务系统操作能力",
    "园区企业用工招聘需镇人社部门协调",
};
constexpr std::string_view kOpinionsClean[] = {"认真落实调度要求，持续规范党建基础工作。",
                                               "调度未发现问题，支部将巩固成果、查漏补缺。",
                                               "无异议，将继续保持并做好资料归档。"};

// ---------------------------------------------------------------------------------------
// Small helpers

std::string cat(std::initializer_list<std::string_view> parts) {
  std::size_t n = 0;
  for (auto p : parts) n += p.size();
  std::string s;
  s.reserve(n);
  for (auto p : parts) s += p;
  return s;
}

// `value` in decimal, zero-padded to `width` digits.
std::string padded(std::int64_t value, int width) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
  (void)ec;
  const auto len = static_cast<int>(end - buf);
  std::string s(static_cast<std::size_t>(std::max(0, width - len)), '0');
  s.append(buf, end);
  return s;
}
std::string decimal(std::int64_t value) { return padded(value, 0); }

int digits(std::int64_t n) {  // decimal digits of n >= 0
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

template <std::size_t N>
std::string_view any_of(Rng& rng, const std::string_view (&words)[N]) {
  return words[rng.below(N)];
}

// Two-character place name, e.g. 东岭.
std::string place(Rng& rng) { return cat({any_of(rng, kPlaceFirst), any_of(rng, kPlaceSecond)}); }
std::string person(Rng& rng) { return cat({any_of(rng, kSurnames), any_of(rng, kGivenNames)}); }

// ---------------------------------------------------------------------------------------
// Rates derived once from the options

struct Derived {
  std::array<double, kCheckItemCount> weight{};       // how often an item is checked
  std::array<double, kCheckItemCount> not_applicable{};  // P(not_applicable | item)
  std::array<double, kCheckItemCount> problem{};      // P(problem | item), a normal org
  Day year_first = 0, year_last = 0;
  Day ledger_due_days = 0;
  int dispatch_width = 1, item_width = 1, look_back_width = 1;
};

Derived derive(const GeneratorOptions& o) {
  Derived d;
  // Per-item problem rates follow the sample's counts, smoothed by one (an item never
  // found wanting in 881 checks still fails now and then), scaled so that the share of
  // all checks that find a problem is problem_rate once weak orgs are counted in.
  double checked = 0, relative_sum = 0;
  std::array<double, kCheckItemCount> relative{};
  for (std::size_t i = 0; i < kCheckItemCount; ++i) {
    const ItemMix& m = kCheckItemMix[i];
    d.weight[i] = m.checked;
    d.not_applicable[i] = static_cast<double>(m.not_applicable) / m.checked;
    relative[i] = (m.problems + 1.0) / (m.checked + 1.0);
    checked += m.checked;
    relative_sum += m.checked * relative[i];
  }
  const double mean_factor = (1 - o.weak_share) + o.weak_share * o.weak_problem_factor;
  for (std::size_t i = 0; i < kCheckItemCount; ++i)
    d.problem[i] = o.problem_rate / mean_factor * relative[i] / (relative_sum / checked);
  d.year_first = days_from_civil(o.year, 1, 1);
  d.year_last = days_from_civil(o.year, 12, 31);
  d.ledger_due_days = static_cast<Day>(info(Param::ledger_due_days).default_value);
  // Counters within a town, padded so that id order is creation order.
  const std::int64_t max_dispatches = static_cast<std::int64_t>(o.max_town) * 12;
  d.dispatch_width = digits(max_dispatches);
  d.item_width = digits(max_dispatches * o.max_checks);
  d.look_back_width = digits(max_dispatches * o.max_checks * 2);
  return d;
}

void check_options(const GeneratorOptions& o) {
  auto fail = [](const char* what) { throw std::invalid_argument(what); };
  if (o.orgs < 1) fail("generate: orgs must be >= 1");
  if (o.orgs > 100'000'000) fail("generate: orgs must be <= 100000000");
  if (o.year < 1500 || o.year > 9800) fail("generate: year must lie in 1500..9800");
  if (o.min_town < 2 || o.max_town < 2 * o.min_town || o.max_town > 10000)
    fail("generate: need 2 <= min_town, 2 * min_town <= max_town <= 10000");
  if (o.min_checks < 1 || o.max_checks < o.min_checks ||
      o.max_checks > static_cast<int>(kCheckItemCount))
    fail("generate: need 1 <= min_checks <= max_checks <= 19");
  if (o.deadline_days < 0 || o.min_deadline_days < 0 || o.max_deadline_days < o.min_deadline_days ||
      o.max_deadline_days > 3650)
    fail("generate: deadline days out of range");
  for (double p : {o.general_branch_share, o.new_org_share, o.closed_org_share, o.weak_share,
                   o.dispatch_rate, o.weak_dispatch_rate, o.problem_rate, o.multi_day_rate,
                   o.good_practice_rate, o.support_request_rate, o.usual_deadline_rate,
                   o.in_progress_rate, o.on_time_rate, o.late_rate, o.weak_on_time_rate,
                   o.weak_late_rate, o.look_back_rate, o.unreported_look_back_rate,
                   o.refuted_rate, o.weak_refuted_rate, o.superficial_share, o.redo_rate,
                   o.ledger_on_time_rate, o.ledger_late_rate, o.weak_ledger_on_time_rate,
                   o.weak_ledger_late_rate})
    if (!(p >= 0 && p <= 1)) fail("generate: every rate must lie in [0, 1]");
  if (!(o.weak_problem_factor >= 0) || o.on_time_rate + o.late_rate > 1 ||
      o.weak_on_time_rate + o.weak_late_rate > 1 ||
      o.ledger_on_time_rate + o.ledger_late_rate > 1 ||
      o.weak_ledger_on_time_rate + o.weak_ledger_late_rate > 1 ||
      o.new_org_share + o.closed_org_share > 1)
    fail("generate: rates that share one draw must not add up to more than 1");
}

// ---------------------------------------------------------------------------------------
// One town

struct TownOut {
  std::vector<Organization> organizations;
  std::vector<Dispatch> dispatches;
  std::vector<Rectification> rectifications;
  std::vector<LedgerSubmission> ledger_submissions;
  std::vector<LookBack> look_backs;
};

struct LocalOrg {
  int parent = -1;   // index in the town; -1: the town committee's parent (root or none)
  bool weak = false;
  Day from = kNoStart, until = kNoEnd;
  std::string short_name;  // as a department or a situation names it
};

class TownBuilder {
 public:
  TownBuilder(const GeneratorOptions& o, const Derived& d, std::uint64_t town, int size,
              bool has_root, int town_width, TownOut& out)
      : o_(o), d_(d), rng_(mix(o.seed, town)), size_(size), has_root_(has_root), out_(out) {
    prefix_ = "t" + padded(static_cast<std::int64_t>(town), town_width);
  }

  void build() {
    make_orgs();
    for (int m = 1; m <= 12; ++m) {
      const Month month{o_.year, static_cast<unsigned>(m)};
      // The town committee's quarterly dispatch meeting (党建工作调度会) and each general
      // branch's half-yearly one: everyone dispatched there that month is `centralized`.
      const Day first = first_day(month);
      const Day last = last_day(month);
      const Day town_meeting = first + static_cast<Day>(rng_.between(19, 27));
      for (int i = 0; i < size_; ++i) {
        const LocalOrg& org = orgs_[static_cast<std::size_t>(i)];
        if (i == 0 && !has_root_) continue;  // the root is nobody's dispatch object
        if (org.from > first || org.until < last) continue;  // not active all month
        if (!rng_.chance(org.weak ? o_.weak_dispatch_rate : o_.dispatch_rate)) continue;
        dispatch(i, m, first, last, town_meeting);
      }
    }
  }

 private:
  std::string org_id(int i) const {
    if (i == 0) return prefix_;
    return out_.organizations[static_cast<std::size_t>(i)].id;
  }

  void make_orgs() {
    const std::string town_name = place(rng_);
    const std::string town_full = cat({"中共", town_name, "镇委员会"});
    // General branches: only in towns that have them, at most one per dozen orgs, each
    // with at least two branches.
    int general = 0;
    if (rng_.chance(o_.general_branch_share))
      general = static_cast<int>(rng_.between(1, std::max(1, size_ / 12)));
    while (general > 0 && size_ - 1 - general < 2 * general) --general;
    orgs_.resize(static_cast<std::size_t>(size_));
    out_.organizations.reserve(static_cast<std::size_t>(size_));

    auto add = [&](std::string id, std::string name, OrgKind kind, std::optional<std::string> parent) {
      Organization org;
      org.secretary.id = "p" + id;
      org.secretary.name = person(rng_);
      org.id = std::move(id);
      org.name = std::move(name);
      org.kind = kind;
      org.parent = std::move(parent);
      out_.organizations.push_back(std::move(org));
    };
    add(prefix_, town_full, OrgKind::committee,
        has_root_ ? std::optional<std::string>("root") : std::nullopt);
    orgs_[0].short_name = cat({town_name, "镇党委"});
    orgs_[0].weak = rng_.chance(o_.weak_share);

    for (int g = 1; g <= general; ++g) {
      const std::string_view area = kGeneralBranchAreas[static_cast<std::size_t>(g - 1) % std::size(kGeneralBranchAreas)];
      const std::string area_name = g <= static_cast<int>(std::size(kGeneralBranchAreas))
                                        ? std::string(area)
                                        : cat({area, decimal(g)});
      add(prefix_ + "g" + padded(g, 2), cat({"中共", town_name, "镇", area_name, "总支部委员会"}),
          OrgKind::general_branch, prefix_);
      LocalOrg& lo = orgs_[static_cast<std::size_t>(g)];
      lo.parent = 0;
      lo.weak = rng_.chance(o_.weak_share);
      lo.short_name = cat({area_name, "党总支"});
    }
    const int branch_width = digits(std::max(1, size_ - 1));
    for (int i = general + 1; i < size_; ++i) {
      const int b = i - general;
      // The first two branches of each general branch are its; the rest go to a general
      // branch or straight to the committee, half and half.
      int parent = 0;
      if (general > 0) {
        if (b <= 2 * general) parent = 1 + (b - 1) % general;
        else if (rng_.chance(0.5)) parent = 1 + static_cast<int>(rng_.below(static_cast<std::uint64_t>(general)));
      }
      const std::uint64_t what = rng_.below(20);  // 14 villages, 3 communities, 3 others
      const std::string unit = what < 14   ? cat({place(rng_), "村"})
                               : what < 17 ? cat({place(rng_), "社区"})
                                           : std::string(any_of(rng_, kOtherBranches));
      add(prefix_ + "b" + padded(b, branch_width), cat({"中共", town_name, "镇", unit, "支部委员会"}),
          OrgKind::branch, org_id(parent));
      LocalOrg& lo = orgs_[static_cast<std::size_t>(i)];
      lo.parent = parent;
      lo.weak = rng_.chance(o_.weak_share);
      lo.short_name = cat({unit, "党支部"});
      // A branch set up in the year (from the first of a month), or merged away (to the
      // end of a month): months outside are not required to be dispatched.
      const double u = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
      Organization& org = out_.organizations.back();
      if (u < o_.new_org_share) {
        lo.from = first_day(Month{o_.year, static_cast<unsigned>(rng_.between(2, 11))});
        org.active_from = to_date(lo.from);
      } else if (u < o_.new_org_share + o_.closed_org_share) {
        lo.until = last_day(Month{o_.year, static_cast<unsigned>(rng_.between(3, 11))});
        org.active_until = to_date(lo.until);
      }
    }
    // General branches hold their own dispatch meeting in June and December.
    gb_meeting_.resize(static_cast<std::size_t>(general + 1));
    for (auto& day : gb_meeting_) day = static_cast<Day>(rng_.between(14, 21));
  }

  // One dispatch of org i in month m (1..12).
  void dispatch(int i, int m, Day first, Day last, Day town_meeting) {
    const LocalOrg& org = orgs_[static_cast<std::size_t>(i)];
    Dispatch d;
    d.id = prefix_ + "d" + padded(++dispatches_, d_.dispatch_width);
    d.object = org_id(i);
    bool centralized = false;
    Day date = 0;
    std::string department;
    int dispatcher = 0;  // local index; -1 the county root
    if (i == 0) {
      dispatcher = -1;  // the county dispatches its town committees, on site
      department = "县委组织部";
    } else if (org.parent == 0) {
      // The committee's own children: on site, and at its quarterly meeting.
      centralized = m % 3 == 0;
      department = m % 2 == 1 ? "镇党建办" : "镇党委组织办";
      if (centralized) date = town_meeting;
    } else {
      // Under a general branch: it dispatches its branches (6.2), holds a meeting in June
      // and December, and the committee comes itself in the second month of a quarter.
      if (m % 3 == 2) {
        department = m % 2 == 1 ? "镇党建办" : "镇党委组织办";
      } else {
        dispatcher = org.parent;
        department = orgs_[static_cast<std::size_t>(org.parent)].short_name;
        centralized = m == 6 || m == 12;
        if (centralized) date = first + gb_meeting_[static_cast<std::size_t>(org.parent)];
      }
    }
    if (!centralized) date = static_cast<Day>(rng_.between(first, last));
    Day end = date;
    if (!centralized && date < last && rng_.chance(o_.multi_day_rate)) end = date + 1;
    d.date = to_date(date);
    if (end != date) d.end_date = to_date(end);
    d.dispatcher = dispatcher < 0 ? std::string("root") : org_id(dispatcher);
    d.department = std::move(department);
    d.form = centralized ? DispatchForm::centralized : DispatchForm::on_site;

    // The items checked, in catalogue order (as the form lists them).
    const int k = static_cast<int>(rng_.between(o_.min_checks, o_.max_checks));
    std::array<double, kCheckItemCount> weights = d_.weight;
    std::array<bool, kCheckItemCount> chosen{};
    for (int c = 0; c < k; ++c) {
      const std::size_t item = rng_.pick(weights);
      chosen[item] = true;
      weights[item] = 0;
    }
    std::vector<Check> checks;
    checks.reserve(static_cast<std::size_t>(k));
    const double factor = org.weak ? o_.weak_problem_factor : 1.0;
    std::vector<CheckItem> problems;
    for (std::size_t item = 0; item < kCheckItemCount; ++item) {
      if (!chosen[item]) continue;
      Check c;
      c.item = static_cast<CheckItem>(item);
      const double na = d_.not_applicable[item];
      const double p = std::min(1 - na, d_.problem[item] * factor);
      const double u = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
      c.result = u < na ? CheckResult::not_applicable
                 : u < na + p ? CheckResult::problem
                              : CheckResult::ok;
      // Draws for free text are made whether or not it is written, so that a lean
      // snapshot is the free-text one without its text.
      const bool ok_note = rng_.chance(0.85);  // the sample notes most `ok` checks
      if (o_.free_text) {
        const ItemWords& w = kItemWords[item];
        if (c.result == CheckResult::problem) c.note = std::string(w.problem);
        else if (c.result == CheckResult::not_applicable && !w.not_applicable.empty())
          c.note = std::string(w.not_applicable);
        else if (c.result == CheckResult::ok && ok_note) c.note = std::string(w.ok);
      }
      if (c.result == CheckResult::problem) problems.push_back(c.item);
      checks.push_back(std::move(c));
    }
    const std::string_view clean_opinion = any_of(rng_, kOpinionsClean);
    if (o_.free_text) {
      const std::string who = dispatcher < 0 ? std::string("县委组织部")
                              : dispatcher == 0 ? std::string("镇党委")
                                                : orgs_[static_cast<std::size_t>(dispatcher)].short_name;
      d.situation = centralized
          ? cat({"在党建工作调度会上集中调度，听取", org.short_name, "书记汇报，查阅台账资料",
                 decimal(k), "项，发现问题", decimal(static_cast<std::int64_t>(problems.size())), "个。"})
          : cat({who, "带队到", org.short_name, "开展", decimal(m), "月党建工作调度，检查",
                 decimal(k), "项内容，发现问题", decimal(static_cast<std::int64_t>(problems.size())),
                 "个，已当场反馈。"});
      d.opinion = problems.empty()
          ? std::string(clean_opinion)
          : cat({"对调度指出的", decimal(static_cast<std::int64_t>(problems.size())),
                 "个问题照单全收，按时整改到位并报送整改台账。"});
    }
    d.checks = std::move(checks);
    if (rng_.chance(o_.good_practice_rate))
      d.good_practices = std::vector<std::string>{std::string(any_of(rng_, kGoodPractices))};
    if (rng_.chance(o_.support_request_rate))
      d.support_requests = std::vector<SupportRequest>{
          SupportRequest{std::string(any_of(rng_, kSupportRequests)), rng_.chance(0.6)}};

    // One ledger row per problem found (5.4 限时整改), and the ledger itself (A2).
    std::int64_t seq = 0;
    for (CheckItem item : problems) rectification(d.id, ++seq, item, org.weak, date, end);
    if (!problems.empty()) ledger(d.id, org.weak, end);
    out_.dispatches.push_back(std::move(d));
  }

  void rectification(const std::string& dispatch, std::int64_t seq, CheckItem item, bool weak,
                     Day date, Day end) {
    Rectification r;
    r.id = prefix_ + "r" + padded(++items_, d_.item_width);
    r.dispatch = dispatch;
    r.seq = seq;
    r.item = item;
    r.problem = std::string(kItemWords[static_cast<std::size_t>(item)].rectify);
    const Day deadline =
        end + static_cast<Day>(rng_.chance(o_.usual_deadline_rate)
                                   ? o_.deadline_days
                                   : rng_.between(o_.min_deadline_days, o_.max_deadline_days));
    r.deadline = to_date(deadline);

    std::vector<Update> updates;
    auto update = [&](Day t, UpdateStatus status, std::string_view note) {
      if (t > d_.year_last) return false;  // not yet happened at the year's end
      Update u;
      u.date = to_date(t);
      u.status = status;
      if (o_.free_text) u.note = std::string(note);
      updates.push_back(std::move(u));
      return true;
    };
    Day last = date;  // the last fact so far: the next comes after it
    if (rng_.chance(o_.in_progress_rate)) {
      last = date + static_cast<Day>(rng_.between(1, std::max<Day>(1, (deadline - date) / 3)));
      update(last, UpdateStatus::in_progress, "整改工作正在推进");
    }
    const double u = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
    const double on_time = weak ? o_.weak_on_time_rate : o_.on_time_rate;
    const double late = weak ? o_.weak_late_rate : o_.late_rate;
    Day reported = kNoDay;
    if (u < on_time) {
      reported = static_cast<Day>(rng_.between(std::min<Day>(last + 1, deadline), deadline));
      if (!update(reported, UpdateStatus::reported_done, "问题已整改到位，附整改前后资料")) reported = kNoDay;
    } else if (u < on_time + late) {
      reported = deadline + static_cast<Day>(rng_.between(1, 30));
      if (!update(reported, UpdateStatus::reported_done, "已整改完毕（超出整改时限）")) reported = kNoDay;
    }

    // Look-backs and spot checks (5.1): most reports are verified; a few are refuted,
    // and some of those are redone and verified again.
    const double refuted = weak ? o_.weak_refuted_rate : o_.refuted_rate;
    if (reported != kNoDay && rng_.chance(o_.look_back_rate)) {
      const Day t = reported + static_cast<Day>(rng_.between(5, 18));
      if (rng_.chance(refuted)) {
        const bool superficial = rng_.chance(o_.superficial_share);
        if (look_back(r.id, t, superficial ? Finding::superficial : Finding::not_rectified) &&
            rng_.chance(o_.redo_rate)) {
          const Day again = t + static_cast<Day>(rng_.between(3, 20));
          if (update(again, UpdateStatus::reported_done, "按回头看意见重新整改"))
            look_back(r.id, again + static_cast<Day>(rng_.between(5, 18)), Finding::rectified);
        }
      } else {
        look_back(r.id, t, Finding::rectified);
      }
    } else if (reported == kNoDay && rng_.chance(o_.unreported_look_back_rate)) {
      look_back(r.id, deadline + static_cast<Day>(rng_.between(1, 30)), Finding::not_rectified);
    }
    if (!updates.empty()) r.updates = std::move(updates);
    out_.rectifications.push_back(std::move(r));
  }

  bool look_back(const std::string& item, Day t, Finding finding) {
    if (t > d_.year_last) return false;
    LookBack l;
    l.id = prefix_ + "l" + padded(++look_backs_, d_.look_back_width);
    l.date = to_date(t);
    l.rectification = item;
    l.kind = rng_.chance(0.25) ? LookBackKind::spot_check : LookBackKind::look_back;
    l.finding = finding;
    if (o_.free_text)
      l.note = std::string(finding == Finding::rectified     ? "回头看核实，整改资料齐全规范"
                           : finding == Finding::superficial ? "抽检发现整改资料系突击补写，整改流于形式"
                                                             : "回头看发现问题依旧，报送情况与实际不符");
    out_.look_backs.push_back(std::move(l));
    return true;
  }

  void ledger(const std::string& dispatch, bool weak, Day end) {
    const double u = static_cast<double>(rng_.next() >> 11) * 0x1.0p-53;
    const double on_time = weak ? o_.weak_ledger_on_time_rate : o_.ledger_on_time_rate;
    const double late = weak ? o_.weak_ledger_late_rate : o_.ledger_late_rate;
    Day t = kNoDay;
    if (u < on_time) t = end + static_cast<Day>(rng_.between(3, d_.ledger_due_days));
    else if (u < on_time + late) t = end + static_cast<Day>(rng_.between(d_.ledger_due_days + 1, 50));
    if (t == kNoDay || t > d_.year_last) return;  // never submitted, or not yet
    out_.ledger_submissions.push_back(LedgerSubmission{dispatch, to_date(t)});
  }

  const GeneratorOptions& o_;
  const Derived& d_;
  Rng rng_;
  int size_;
  bool has_root_;
  TownOut& out_;
  std::string prefix_;
  std::vector<LocalOrg> orgs_;
  std::vector<Day> gb_meeting_;  // day offset of each general branch's meeting (index 0 unused)
  std::int64_t dispatches_ = 0, items_ = 0, look_backs_ = 0;
};

template <class T>
void append(std::optional<std::vector<T>>& to, std::vector<T>& from) {
  for (T& x : from) to->push_back(std::move(x));
  std::vector<T>().swap(from);  // give the memory back now, not when the batch ends
}

}  // namespace

std::vector<int> town_sizes(const GeneratorOptions& o) {
  check_options(o);
  if (o.orgs <= o.max_town) return {static_cast<int>(o.orgs)};
  // Under a county root: towns of uniform size until the rest fits one town; a draw that
  // would leave less than a town is cut so the rest makes exactly one minimal town.
  Rng rng(mix(o.seed, ~std::uint64_t{0}));
  std::vector<int> sizes;
  std::int64_t rest = o.orgs - 1;
  while (rest > 0) {
    std::int64_t s = rest <= o.max_town ? rest : rng.between(o.min_town, o.max_town);
    if (rest - s > 0 && rest - s < o.min_town) s = rest - o.min_town;
    sizes.push_back(static_cast<int>(s));
    rest -= s;
  }
  return sizes;
}

Snapshot generate(const GeneratorOptions& o) {
  const std::vector<int> sizes = town_sizes(o);  // checks the options
  const Derived d = derive(o);
  const bool has_root = o.orgs > o.max_town;
  const int town_width = digits(static_cast<std::int64_t>(sizes.size()) - 1);

  Snapshot s;
  s.period_start = to_date(d.year_first);
  s.organizations.emplace();
  s.dispatches.emplace();
  s.rectifications.emplace();
  s.ledger_submissions.emplace();
  s.look_backs.emplace();
  // Room for the expected counts plus a margin, so the big lists rarely grow (a growing
  // vector of a million dispatches briefly holds two copies).
  const auto expect = [&](double per_org) {
    return static_cast<std::size_t>(static_cast<double>(o.orgs) * per_org * 1.05 + 64);
  };
  const double per_org_dispatches = 12 * o.dispatch_rate;
  const double per_org_items = per_org_dispatches * (o.min_checks + o.max_checks) / 2.0 *
                               o.problem_rate;
  s.organizations->reserve(static_cast<std::size_t>(o.orgs));
  s.dispatches->reserve(expect(per_org_dispatches));
  s.rectifications->reserve(expect(per_org_items));
  s.ledger_submissions->reserve(expect(per_org_dispatches * 0.5));
  s.look_backs->reserve(expect(per_org_items));
  if (has_root) {
    Organization root;
    root.id = "root";
    root.name = "中共模拟县委员会";
    root.kind = OrgKind::committee;
    root.secretary = {"proot", "王振国"};
    s.organizations->push_back(std::move(root));
  }

  unsigned threads = o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : o.threads;
  // Towns are built in batches (in parallel within a batch) and appended in town order,
  // so the output does not depend on the number of threads.
  const std::size_t batch = threads == 1 ? 1 : 64 * static_cast<std::size_t>(threads);
  std::vector<TownOut> outs(std::min(batch, sizes.size()));
  for (std::size_t start = 0; start < sizes.size(); start += batch) {
    const std::size_t n = std::min(batch, sizes.size() - start);
    auto build = [&](std::size_t k) {
      outs[k] = TownOut{};
      TownBuilder(o, d, start + k, sizes[start + k], has_root, town_width, outs[k]).build();
    };
    if (threads == 1 || n == 1) {
      for (std::size_t k = 0; k < n; ++k) build(k);
    } else {
      std::vector<std::thread> pool;
      const unsigned used = static_cast<unsigned>(std::min<std::size_t>(threads, n));
      for (unsigned t = 0; t < used; ++t)
        pool.emplace_back([&, t] {
          for (std::size_t k = t; k < n; k += used) build(k);
        });
      for (auto& th : pool) th.join();
    }
    for (std::size_t k = 0; k < n; ++k) {
      append(s.organizations, outs[k].organizations);
      append(s.dispatches, outs[k].dispatches);
      append(s.rectifications, outs[k].rectifications);
      append(s.ledger_submissions, outs[k].ledger_submissions);
      append(s.look_backs, outs[k].look_backs);
    }
  }
  return s;
}

}  // namespace tiaodu::bench
