// The text report (see report.hpp). Layout only: every decision, state, score and
// assessment printed here comes from the Result as it is.
#include "report.hpp"

#include "text_width.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <string_view>
#include <unordered_map>

namespace tiaodu::cli {

std::string last_elapsed_month(const Date& as_of) {
  const Day d = to_day(as_of);
  const Month m = month_of(d);
  if (last_day(m) <= d) return format_month(m);
  return format_month(month_of(first_day(m) - 1));
}

namespace {

// Words of the report in one language. Chinese follows the notice's own terms.
struct Words {
  std::string_view title, as_of, summary_orgs, summary_dispatches, summary_items, overdue,
      awaiting_review, failed, sep, section_orgs, superior, secretary, nothing, missed_fmt,
      overdue_fmt, held_by, section_ranking, ranking_none, group_fmt, rank, org, score,
      bottom, section_assessment, mean, deductions, final, section_practices,
      section_support, support_none, support_others, practices_none, list_sep;
  std::array<std::string_view, 10> rule;  // label per Rule
  std::array<std::string_view, 3> level;  // escalation label per level
  std::string_view overdue_label;
  std::array<std::string_view, 6> numerals;
};

constexpr Words kZh{
    "党建工作“一月一调度”情况报告", "截至 %s（韶武西委〔2023〕15号）",
    "党组织 %zu 个", "调度 %zu 次", "整改问题 %zu 项", "逾期未整改 %zu 项",
    "待复核 %zu 项", "未按期整改 %zu 项", "；", "各党组织情况", "上级：", "书记：",
    "（无待办事项）", "%s（共 %zu 个月）", "%s「%s」整改时限 %s，逾期 %lld 天",
    "约谈人：", "%s 月度排名（5.3）", "（本月无排名）", "%s 下属党组织（%zu 个）", "名次",
    "党组织", "得分", "排名靠后", "%d 年度考评（5.4）", "月均得分", "扣分", "考评得分",
    "经验做法（4.2）", "需上级协调的困难和求助（3.2、3.3）", "（无）",
    "另有 %zu 项求助无需上级协调。", "（无）", "、",
    {"未调度月份", "台账逾期报送", "台账未报送", "待复核", "诫勉约谈", "", "追究责任",
     "年终考评扣分", "评定为不合格", "评级风险"},
    {"函询", "约谈", "通报"},
    "逾期未整改",
    {"一", "二", "三", "四", "五", "六"}};

constexpr Words kEn{
    "Monthly dispatch report (一月一调度)", "As of %s (notice 韶武西委〔2023〕15号)",
    "%zu organizations", "%zu dispatches", "%zu rectifications", "%zu overdue",
    "%zu awaiting review", "%zu failed", "; ", "Organizations", "superior: ", "secretary: ",
    "(nothing to act on)", "%s (%zu months)", "%s \"%s\": deadline %s, overdue by %lld days",
    "held by ", "Ranking of %s (5.3)", "(no ranking this month)", "Under %s (%zu)", "rank",
    "organization", "score", "bottom", "Year-end assessment %d (5.4)", "mean", "deducted",
    "final", "Good practices (4.2)",
    "Support requests needing a superior's coordination (3.2, 3.3)", "(none)",
    "%zu more support requests need no coordination.", "(none)", ", ",
    {"missed months", "ledger late", "ledger missing", "review due", "admonishment talk", "",
     "accountability", "deduction", "rated unqualified", "rating risk"},
    {"written inquiry", "talk", "notice"},
    "overdue",
    {"1", "2", "3", "4", "5", "6"}};

// printf into a std::string (formats above are ours; arguments are already safe text).
template <class... A>
std::string fmt(std::string_view format, A... args) {
  const std::string f(format);
  const int n = std::snprintf(nullptr, 0, f.c_str(), args...);
  std::string out(static_cast<std::size_t>(std::max(n, 0)) + 1, '\0');
  std::snprintf(out.data(), out.size(), f.c_str(), args...);
  out.resize(static_cast<std::size_t>(std::max(n, 0)));
  return out;
}

enum class Tone { plain, bold, warn, alert };

class Report {
 public:
  Report(const Index& index, const Result& result, const ReportOptions& opt)
      : ix_(index), r_(result), opt_(opt), w_(opt.lang == Lang::zh ? kZh : kEn) {
    for (const Rectification& rc : each(index.snapshot().rectifications)) items_.emplace(rc.id, &rc);
  }

  std::string run() {
    header();
    organizations();
    ranking();
    assessment();
    practices();
    support();
    return std::move(out_);
  }

 private:
  const Index& ix_;
  const Result& r_;
  ReportOptions opt_;
  const Words& w_;
  std::unordered_map<std::string_view, const Rectification*> items_;
  std::string out_;
  int section_ = 0;

  std::string paint(std::string_view s, Tone t) const {
    if (!opt_.colour || t == Tone::plain) return std::string(s);
    const char* code = t == Tone::bold ? "\x1b[1m" : t == Tone::warn ? "\x1b[33m" : "\x1b[1;31m";
    return code + std::string(s) + "\x1b[0m";
  }
  void line(std::string_view s = {}) {
    out_ += s;
    out_ += '\n';
  }
  void section(std::string_view title) {
    line();
    std::string head = opt_.lang == Lang::zh
                           ? std::string(w_.numerals[static_cast<std::size_t>(section_)]) + "、"
                           : std::string(w_.numerals[static_cast<std::size_t>(section_)]) + ". ";
    ++section_;
    line(paint(head + std::string(title), Tone::bold));
  }

  std::string name_of(std::string_view id) const {
    const OrgIx o = ix_.find_org(id);
    return terminal_safe(o == kNone ? id : std::string_view(ix_.org(o).name));
  }
  static std::string safe(std::string_view s) { return terminal_safe(s); }

  void header() {
    const OrgIx root = ix_.root();
    std::string title(w_.title);
    if (root != kNone)
      title = opt_.lang == Lang::zh ? safe(ix_.org(root).name) + title
                                    : std::string(w_.title) + " — " + safe(ix_.org(root).name);
    line(paint(title, Tone::bold));
    line(fmt(w_.as_of, format_date(r_.as_of).c_str()));
    const Day as_of = to_day(r_.as_of);
    std::size_t dispatches = 0;
    for (const Dispatch& d : each(ix_.snapshot().dispatches)) dispatches += to_day(d.date) <= as_of;
    std::size_t overdue = 0, reported = 0, failed = 0;
    for (const ItemState& s : r_.items) {
      overdue += s.overdue_days.has_value();
      reported += s.status == ItemStatus::reported;
      failed += s.failed;
    }
    const std::string sep(w_.sep);
    line(fmt(w_.summary_orgs, static_cast<std::size_t>(ix_.org_count())) + sep +
         fmt(w_.summary_dispatches, dispatches) + sep +
         fmt(w_.summary_items, r_.items.size()) + (opt_.lang == Lang::zh ? "：" : ": ") +
         fmt(w_.overdue, overdue) + std::string(w_.list_sep) + fmt(w_.awaiting_review, reported) +
         std::string(w_.list_sep) + fmt(w_.failed, failed));
  }

  // --- per organization ----------------------------------------------------------

  struct Row {
    std::string clause;
    std::string label;
    std::string text;
    Tone tone = Tone::plain;
  };

  std::string label_of(const Decision& d) const {
    if (d.rule == Rule::escalation && d.level)
      return std::string(w_.level[static_cast<std::size_t>(*d.level)]);
    return std::string(w_.rule[static_cast<std::size_t>(d.rule)]);
  }

  static Tone tone_of(const Decision& d) {
    switch (d.rule) {
      case Rule::unqualified_rating:
      case Rule::accountability: return Tone::alert;
      case Rule::escalation:
        return d.level == EscalationLevel::notice ? Tone::alert : Tone::warn;
      case Rule::review: return d.overdue.value_or(false) ? Tone::warn : Tone::plain;
      case Rule::missed_month: return Tone::plain;
      default: return Tone::warn;
    }
  }

  std::string sentence(const Decision& d) const {
    const std::string& t = opt_.lang == Lang::zh ? d.text.zh : d.text.en;
    if (!t.empty()) return safe(t);
    // A Result built without sentences still says what it decided.
    std::string s = std::string(w_.rule[static_cast<std::size_t>(d.rule)]) + " " + safe(d.org);
    if (d.year) s += " " + std::to_string(*d.year);
    if (d.dispatch) s += " " + safe(*d.dispatch);
    if (d.item) s += " " + safe(*d.item);
    return s;
  }

  std::vector<Row> rows_of(const std::vector<const Decision*>& ds,
                           const std::vector<const ItemState*>& overdue) const {
    std::vector<Row> rows;
    std::vector<std::string> months;
    for (const Decision* d : ds)
      if (d->rule == Rule::missed_month && d->month) months.push_back(safe(*d->month));
    if (!months.empty()) {
      std::string list;
      for (std::size_t i = 0; i < months.size(); ++i) list += (i ? std::string(w_.list_sep) : "") + months[i];
      std::string text = fmt(w_.missed_fmt, list.c_str(), months.size());
      if (opt_.lang == Lang::en && months.size() == 1) text = list + " (1 month)";
      rows.push_back({std::string(clause_of(Rule::missed_month)), std::string(w_.rule[0]),
                      std::move(text), Tone::plain});
    }
    const auto add = [&](Rule rule) {
      for (const Decision* d : ds) {
        if (d->rule != rule) continue;
        std::string text = sentence(*d);
        if (rule == Rule::admonishment_talk && d->conductor) {
          // Who holds the talk (5.2: the superior organization, level by level).
          const std::string who = name_of(*d->conductor);
          if (text.find(who) == std::string::npos)
            text += std::string(opt_.lang == Lang::zh ? "；" : "; ") + std::string(w_.held_by) + who;
        }
        rows.push_back({safe(d->clause.empty() ? clause_of(d->rule) : d->clause), label_of(*d),
                        std::move(text), tone_of(*d)});
      }
    };
    add(Rule::ledger_late);
    add(Rule::ledger_missing);
    for (const ItemState* s : overdue) {
      auto it = items_.find(s->id);
      const std::string problem = it == items_.end() ? "" : safe(it->second->problem);
      const auto days = static_cast<long long>(s->overdue_days.value_or(0));
      std::string text = fmt(w_.overdue_fmt, safe(s->id).c_str(), problem.c_str(),
                             format_date(s->deadline).c_str(), days);
      if (opt_.lang == Lang::en && days == 1) text.pop_back();  // "1 days" -> "1 day"
      rows.push_back({"5.4", std::string(w_.overdue_label), std::move(text), Tone::warn});
    }
    for (Rule rule : {Rule::review, Rule::admonishment_talk, Rule::escalation,
                      Rule::accountability, Rule::deduction, Rule::unqualified_rating,
                      Rule::rating_risk})
      add(rule);
    return rows;
  }

  void organizations() {
    section(w_.section_orgs);
    std::unordered_map<std::string_view, std::vector<const Decision*>> by_org;
    for (const Decision& d : r_.decisions) by_org[d.org].push_back(&d);
    std::unordered_map<std::string_view, std::vector<const ItemState*>> overdue;
    for (const ItemState& s : r_.items)
      if (s.overdue_days) overdue[s.org].push_back(&s);

    // Each organization's rows, then one label width for all: the columns line up
    // through the whole section.
    struct Block {
      OrgIx org;       // kNone: an id the snapshot does not have (a hand-made Result)
      std::string id;
      std::vector<Row> rows;
    };
    std::vector<Block> blocks;
    static const std::vector<const Decision*> kNoDecisions;
    static const std::vector<const ItemState*> kNoItems;
    const auto rows_for = [&](std::string_view id) {
      auto d = by_org.find(id);
      auto i = overdue.find(id);
      return rows_of(d == by_org.end() ? kNoDecisions : d->second,
                     i == overdue.end() ? kNoItems : i->second);
    };
    for (OrgIx o : ix_.preorder()) {
      const std::string_view id = ix_.org_id(o);
      if (o == ix_.root() && !by_org.count(id) && !overdue.count(id)) continue;  // not dispatched
      blocks.push_back({o, std::string(id), rows_for(id)});
    }
    std::vector<std::string_view> unknown;
    for (const auto& [id, ds] : by_org)
      if (ix_.find_org(id) == kNone) unknown.push_back(id);
    for (const auto& [id, is] : overdue)
      if (ix_.find_org(id) == kNone && !by_org.count(id)) unknown.push_back(id);
    std::sort(unknown.begin(), unknown.end());
    for (std::string_view id : unknown) blocks.push_back({kNone, std::string(id), rows_for(id)});

    std::size_t label_w = 0, clause_w = 0;
    for (const Block& b : blocks)
      for (const Row& r : b.rows) {
        label_w = std::max(label_w, display_width(r.label));
        clause_w = std::max(clause_w, display_width(r.clause) + 2);
      }
    const std::string open = opt_.lang == Lang::zh ? "（" : " (";
    const std::string close = opt_.lang == Lang::zh ? "）" : ")";
    for (const Block& b : blocks) {
      std::string head = "■ ";
      if (b.org == kNone) {
        head += safe(b.id);
      } else {
        const Organization& org = ix_.org(b.org);
        head += safe(org.name) + open + safe(org.id) + close;
        if (const OrgIx p = ix_.parent(b.org); p != kNone)
          head += "  " + std::string(w_.superior) + safe(ix_.org(p).name);
        head += "  " + std::string(w_.secretary) + safe(org.secretary.name);
      }
      line();
      line(paint(head, Tone::bold));
      if (b.rows.empty()) line("  " + std::string(w_.nothing));
      for (const Row& r : b.rows)
        line("  " + pad_right("[" + r.clause + "]", clause_w) + "  " +
             paint(pad_right(r.label, label_w), r.tone) + "  " + r.text);
    }
  }

  // --- ranking and assessment ----------------------------------------------------

  // Groups of peers (same parent), in the tree's order of the parents.
  template <class T>
  std::vector<std::pair<OrgIx, std::vector<const T*>>> by_parent(std::vector<const T*> rows) const {
    std::map<std::int32_t, std::pair<OrgIx, std::vector<const T*>>> groups;  // key: preorder pos
    std::unordered_map<OrgIx, std::int32_t> pos;
    std::int32_t k = 0;
    for (OrgIx o : ix_.preorder()) pos.emplace(o, k++);
    for (const T* row : rows) {
      const OrgIx o = ix_.find_org(row->org);
      const OrgIx p = o == kNone ? kNone : ix_.parent(o);
      const std::int32_t key = p == kNone ? k : pos[p];
      auto& g = groups[key];
      g.first = p;
      g.second.push_back(row);
    }
    std::vector<std::pair<OrgIx, std::vector<const T*>>> out;
    for (auto& [key, g] : groups) {
      std::stable_sort(g.second.begin(), g.second.end(), [](const T* a, const T* b) {
        return a->rank != b->rank ? a->rank < b->rank : a->org < b->org;
      });
      out.push_back(std::move(g));
    }
    return out;
  }

  std::size_t name_width(std::size_t widest) const {
    constexpr std::size_t kMaxName = 32;  // longer names are cut with "…"
    return std::min(std::max(widest, display_width(w_.org)), kMaxName);
  }

  void ranking() {
    const std::string month = last_elapsed_month(r_.as_of);
    section(fmt(w_.section_ranking, month.c_str()));
    std::vector<const Score*> scores;
    for (const Score& s : r_.scores)
      if (s.month == month) scores.push_back(&s);
    if (scores.empty()) {
      line("  " + std::string(w_.ranking_none));
      return;
    }
    std::size_t widest = 0;
    for (const Score* s : scores) widest = std::max(widest, display_width(name_of(s->org)));
    const std::size_t nw = name_width(widest);
    for (const auto& [parent, rows] : by_parent(std::move(scores))) {
      const std::string pname = parent == kNone ? "?" : safe(ix_.org(parent).name);
      line("  " + fmt(w_.group_fmt, pname.c_str(), rows.size()));
      line("    " + pad_left(w_.rank, 4) + "  " + pad_right(w_.org, nw) + "  " +
           pad_left(w_.score, 5));
      for (const Score* s : rows) {
        std::string l = "    " + pad_left(std::to_string(s->rank), 4) + "  " +
                        pad_right(truncate_to_width(name_of(s->org), nw), nw) + "  " +
                        pad_left(std::to_string(s->score), 5);
        if (s->bottom) l += "  " + paint(w_.bottom, Tone::warn);
        line(l);
      }
    }
  }

  void assessment() {
    if (r_.assessments.empty()) return;
    std::int32_t year = r_.assessments.front().year;
    for (const Assessment& a : r_.assessments) year = std::max(year, a.year);
    std::vector<const Assessment*> rows;
    std::size_t widest = 0;
    for (const Assessment& a : r_.assessments)
      if (a.year == year) {
        rows.push_back(&a);
        widest = std::max(widest, display_width(name_of(a.org)));
      }
    section(fmt(w_.section_assessment, year));
    const std::size_t nw = name_width(widest);
    const auto num = [](double v) { return fmt("%.2f", v); };
    for (const auto& [parent, group] : by_parent(std::move(rows))) {
      const std::string pname = parent == kNone ? "?" : safe(ix_.org(parent).name);
      line("  " + fmt(w_.group_fmt, pname.c_str(), group.size()));
      line("    " + pad_left(w_.rank, 4) + "  " + pad_right(w_.org, nw) + "  " +
           pad_left(w_.mean, 8) + "  " + pad_left(w_.deductions, 8) + "  " +
           pad_left(w_.final, 8));
      for (const Assessment* a : group)
        line("    " + pad_left(std::to_string(a->rank), 4) + "  " +
             pad_right(truncate_to_width(name_of(a->org), nw), nw) + "  " +
             pad_left(num(a->mean), 8) + "  " + pad_left(std::to_string(a->deductions), 8) +
             "  " + pad_left(num(a->final), 8));
    }
  }

  // --- good practices and support requests ---------------------------------------

  void practices() {
    section(w_.section_practices);
    if (r_.good_practices.empty()) line("  " + std::string(w_.practices_none));
    for (const GoodPracticeEntry& g : r_.good_practices)
      line("  " + format_date(g.date) + "  " + name_of(g.org) +
           (opt_.lang == Lang::zh ? "：" : ": ") + safe(g.text));
  }

  void support() {
    section(w_.section_support);
    std::size_t others = 0, shown = 0;
    for (const SupportRequestEntry& s : r_.support_requests) {
      if (!s.superior_coordination) {
        ++others;
        continue;
      }
      ++shown;
      line("  " + format_date(s.date) + "  " + name_of(s.org) +
           (opt_.lang == Lang::zh ? "：" : ": ") + safe(s.text));
    }
    if (shown == 0) line("  " + std::string(w_.support_none));
    if (others) line("  " + fmt(w_.support_others, others));
  }
};

}  // namespace

std::string render_report(const Index& index, const Result& result, const ReportOptions& options) {
  return Report(index, result, options).run();
}

}  // namespace tiaodu::cli
