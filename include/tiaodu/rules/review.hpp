// tiaodu/rules/review.hpp — clause 5.1 复核问效: reported rectifications are reviewed.
//
// 五(一) "镇党委将及时跟踪了解调度对象问题整改情况，并不定期开展调度'回头看'，采取巡回抽检
// 调度，持续推进问题整改落实。" — the committee follows up what was reported done, with
// look-backs and roving spot checks. (What a look-back finds is applied by the state
// machine, state.hpp; this rule lists the reviews still to be made.)
//
// Decides: `review` — an item is `reported` at D (reported done, not yet verified or
// refuted): review it by reported_on + review_days (read at reported_on); `overdue`
// when D is past that day. describe_review renders it.
#pragma once

#include "tiaodu/rules/context.hpp"
#include "tiaodu/rules/text.hpp"

namespace tiaodu::rules {

inline void reviews(const Context& ctx, OrgIx o, Sink& out) {
  const Index& ix = ctx.index;
  for (ItemIx i : ix.items_of(o)) {
    if (ix.item_date(i) > ctx.as_of) continue;  // does not exist yet
    const Replay& m = ctx.replay_at_as_of(i);
    if (m.status != ItemStatus::reported) continue;
    const Day reported = m.reported_on;
    const Day due = reported + static_cast<Day>(ctx.integer(Param::review_days, reported));
    CompactDecision& d = out.add(Rule::review, o);
    d.item = i;
    d.reported_on = reported;
    d.due = due;
    d.overdue = ctx.as_of > due;
  }
}

inline Decision describe_review(const Describer& c, const CompactDecision& cd) {
  const Index& ix = c.index;
  const OrgIx o = cd.org;
  const Day reported = cd.reported_on, due = cd.due;
  const bool overdue = cd.overdue;
  const auto& id = ix.item(cd.item).id;
  Decision d = make_decision(c, cd);
  d.item = id;
  d.reported_on = to_date(reported);
  d.due = to_date(due);
  d.overdue = overdue;
  d.facts = {{"item", id},
             {"reported_on", to_date(reported)},
             param_fact(c, Param::review_days, reported),
             {"due", to_date(due)},
             {"overdue", overdue}};
  const std::string& problem = ix.item(cd.item).problem;
  d.text.zh = text::cat(text::org_zh(ix, o), "整改事项 ", id, "（", problem, "）于 ",
                        format_date(reported), " 报告整改完成，应于 ", format_date(due),
                        " 前复核（回头看或抽检）", overdue ? "，复核已超期。" : "。");
  d.text.en = text::cat("Item ", id, " of ", text::org_en(ix, o), " (", problem,
                        ") was reported done on ", format_date(reported),
                        " and is to be reviewed by a look-back or spot check by ",
                        format_date(due), overdue ? "; the review is overdue." : ".");
  return d;
}

}  // namespace tiaodu::rules
