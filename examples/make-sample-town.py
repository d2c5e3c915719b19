#!/usr/bin/env python3
"""Generates examples/sample-town.json, the sample town 东岭镇 (Dongling, fictional): 2023,
and January 2024 up to its dispatch meeting at the end of the month.

This script generated examples/sample-town.json; run `python3 examples/make-sample-town.py`
to regenerate it (deterministic: fixed seed, same bytes every run). examples/sample-town.md
says which records are meant to trigger which rule. Data format: spec/rules.md section 1.

January 2024 is generated after the whole of 2023, with its own random generator, and its
records come after 2023's in every list: the 2023 records are byte for byte what they were
before January existed, so every evaluation at a date in 2023 is unchanged (spec 3: facts
dated after D do not exist at D).
"""
import json
import os
import random
import sys
from datetime import date, timedelta

ITEMS = {
    'three_meetings_one_lesson': (
        ['支部党员大会、支委会、党小组会按期召开，党课有记录、有签到',
         '“三会一课”记录本填写规范，会议议程完整'],
        [('本季度党课仅有通知，无授课提纲和记录', '党课无授课提纲和记录，需补齐并规范党课记录'),
         ('支委会会议记录缺少议题及表决情况', '支委会会议记录不完整，缺少议题和表决情况'),
         ('党小组会连续两个月未召开', '党小组会未按月召开，需补开并建立提醒机制')],
        []),
    'dues_records': (
        ['党费按月收缴，收缴记录与党员名册一致', '党费收缴台账清晰，按时上缴'],
        [('3名党员党费连续3个月未收缴，台账未注明原因', '部分党员党费未按月收缴，需补收并在台账中注明原因'),
         ('党费收缴记录未按新核定基数调整', '党费收缴基数未按年度重新核定，需重新核定并公示'),
         ('党费收缴凭证未按月装订', '党费收缴凭证未按月装订成册')],
        []),
    'weak_org_rectification': (
        ['软弱涣散整顿台账资料齐全，整改措施逐项销号'],
        [('软弱涣散整顿台账近两个月未更新整改进展', '整顿台账未及时更新，需补录整改进展并逐项销号')],
        ['非软弱涣散党组织，无整顿任务']),
    'lost_contact_members': (
        ['失联党员台账已建立，查找记录完整'],
        [('失联党员台账未记录查找联系过程', '失联党员台账缺少查找联系记录，需补充完善')],
        ['本支部无失联党员']),
    'member_transfers': (
        ['转入转出党员信息登记完整，与介绍信存根一致'],
        [('2名转入党员未在党务系统完成接收登记', '转入党员未在党务系统完成接收，需完成登记'),
         ('组织关系转接登记表缺少经办人签名', '组织关系转接登记表不规范，需补签经办人')],
        ['本期无党员组织关系转接']),
    'election_materials': (
        ['换届选举请示、批复、选票等资料归档齐全'],
        [('换届选举计票单未归档，缺少监票人签名', '选举资料归档不全，需补齐计票单并由监票人签名')],
        ['本年度无换届选举任务']),
    'member_data_consistency': (
        ['党员信息与党务系统核对一致'],
        [('党务系统中2名党员联系方式、工作单位未更新', '党员信息未及时更新，需在党务系统中更正'),
         ('党员花名册与党务系统人数不一致（相差1人）', '党员花名册与党务系统不一致，需逐人核对')],
        []),
    'fund_vouchers': (
        ['党建经费支出凭证、发票齐全，账目清楚'],
        [('党群服务中心活动经费支出缺少发票附件', '党建经费支出缺少发票，需补齐票据'),
         ('党建经费报销单未经支委会审议签字', '党建经费报销程序不规范，需补办支委会审议手续')],
        []),
    'member_development': (
        ['发展对象材料齐全，程序规范'],
        [('1名预备党员《入党志愿书》介绍人意见未签署日期', '《入党志愿书》填写不规范，需补签日期'),
         ('发展对象政审材料缺失，公示记录不全', '发展对象材料不全，需补齐政审材料和公示记录')],
        ['本季度无发展党员任务']),
    'organizational_life_meeting': (
        ['组织生活会已召开，会前谈心谈话记录齐全'],
        [('组织生活会未开展相互批评，整改清单未建立', '组织生活会质量不高，需建立问题整改清单'),
         ('组织生活会会议记录过于简单', '组织生活会记录过于简单，需规范记录')],
        []),
    'democratic_evaluation': (
        ['民主评议党员结果已报备，等次评定有依据'],
        [('民主评议党员测评表未存档', '民主评议测评表未存档，需整理归档')],
        ['民主评议党员工作年初已集中开展，本月不涉及']),
    'themed_party_day': (
        ['主题党日按月开展，活动方案、签到、照片齐全'],
        [('主题党日只有签到表，无活动记录和照片', '主题党日资料不全，需补充活动记录和照片'),
         ('主题党日活动内容与方案不符，未留存影像资料', '主题党日活动与方案不符，需按方案规范开展')],
        []),
    'visits_condolences': (
        ['走访慰问困难党员、老党员记录完整'],
        [('走访慰问老党员未留存签收单', '走访慰问缺少签收单，需补齐'),
         ('走访慰问名单与实际慰问对象不一致', '走访慰问名单与实际不一致，需核实更正')],
        []),
    'archives_by_category': (
        ['活动资料按类别建档，图文资料留存完整'],
        [('活动图文资料未分类建档，部分照片未注明时间地点', '活动资料未分类建档，需按类别整理并标注'),
         ('党建档案盒目录未更新', '党建档案目录未更新，需重新编目')],
        []),
    'key_tasks': (
        ['掌握辖区征地拆迁进度，台账清楚', '对乡村振兴重点项目推进情况掌握准确'],
        [('对辖区征地拆迁遗留问题底数不清', '征地拆迁遗留问题底数不清，需逐户摸排建立台账'),
         ('招商引资项目跟踪服务记录缺失', '招商引资项目跟踪服务无记录，需建立服务台账')],
        ['无征地拆迁、招商引资任务']),
    'leading_role': (
        ['支部书记牵头化解土地流转纠纷，成效明显', '党员先锋岗在人居环境整治中作用明显'],
        [('人居环境整治攻坚中党员先锋岗未落实到人', '党员先锋岗未落实到人，需明确责任党员'),
         ('攻坚问题牵头责任不明确，无推进台账', '攻坚问题无推进台账，需明确牵头人并建立台账')],
        []),
    'monthly_talk': (
        ['参加“东岭发展·党建月谈”，提出问题清单', '结合党建月谈梳理困难3项，已形成求助清单'],
        [('未结合党建月谈梳理攻坚困难，问题清单为空', '未结合党建月谈梳理困难，需形成问题清单')],
        []),
    'livelihood_projects': (
        ['民生实事项目按计划推进，群众满意度较高', '村道路灯安装项目已完工并公示'],
        [('饮水安全提升工程进度滞后，未及时向群众公开', '民生项目进度未公开，需在村务公开栏公示'),
         ('民生实事项目台账缺少进度记录', '民生实事项目台账缺少进度记录，需按月更新')],
        []),
    'superior_assignments': (
        ['镇党委部署的临时性工作按时完成并报送', '上级文件传达学习记录齐全'],
        [('镇党委关于主题教育的通知未按时组织学习传达', '上级通知未按时传达学习，需补学并报送记录'),
         ('上级交办的党员信息采集任务未按期报送', '上级交办任务未按期完成，需限期报送')],
        []),
}

GOOD = [
    '推行“党员积分制”管理，每月公示积分，激发党员参与热情',
    '建立“支部+合作社+农户”模式，带动30余户农户增收',
    '开设“田间党课”，把党课搬到产业基地',
    '组织党员志愿服务队开展防汛巡查',
    '利用微信群“云党课”组织流动党员学习',
    '党员联系户制度落实到户，群众诉求48小时内回应',
    '设立“红色议事厅”，村级重大事项党员群众共同议定',
    '开展“党员教师示范课”活动，党员带头上公开课',
    '联合园区企业开展“党建+招商”推介会',
    '建立党建资料“一月一归档”制度，资料规范整齐',
    # January 2024 (appended: the indices above are those of 2023)
    '年度组织生活会前开展“五必谈”谈心谈话，党员全覆盖',
    '春节前组织党员志愿者为留守老人开展“暖冬行动”',
]

SUPPORT = [
    ('村道硬底化工程涉及跨村用地，需镇规划办协调', True),
    ('希望镇党委组织党务干部培训，提升党务系统操作能力', False),
    ('灌溉水渠修复资金缺口较大，请求镇农业办协调上级资金', True),
    ('申请镇党建办派员指导换届选举材料整理', False),
    ('园区企业用工招聘需镇人社部门协调', True),
    ('党群服务中心电脑老旧，申请更新设备', False),
    ('河堤加固工程需区水务部门协调立项', True),
    # January 2024 (appended)
    ('春节前困难党员和老党员慰问资金缺口较大，请求镇党委统筹解决', True),
    ('申请镇党建办派员指导年度民主评议党员工作', False),
]

# ---------------------------------------------------------------------------
# Town structure
YE = date(2023, 12, 31)
JAN_END = date(2024, 1, 31)   # the snapshot's records stand as at the January 2024 meeting
TOWN = [
    # id, name, kind, parent, secretary id, secretary name, active_from, active_until
    ('town', '中共东岭镇委员会', 'committee', None, 'p-zhou-jianguo', '周建国', None, None),
    ('gb-east', '中共东岭镇东片区总支部委员会', 'general_branch', 'town', 'p-chen-lixin', '陈立新', None, None),
    ('gb-west', '中共东岭镇西片区总支部委员会', 'general_branch', 'town', 'p-lin-haiyan', '林海燕', None, None),
    ('b-shitang', '中共东岭镇石塘村支部委员会', 'branch', 'town', 'p-he-zhiqiang', '何志强', None, None),
    ('b-longwei', '中共东岭镇龙尾村支部委员会', 'branch', 'town', 'p-liang-guohua', '梁国华', None, None),
    ('b-jiuxu', '中共东岭镇旧圩社区支部委员会', 'branch', 'town', 'p-wu-meifang', '吴美芳', None, '2023-10-31'),
    ('b-zhongxiao', '中共东岭镇中心小学支部委员会', 'branch', 'town', 'p-xie-wenjing', '谢文静', None, None),
    ('b-hedong', '中共东岭镇河东村支部委员会', 'branch', 'gb-east', 'p-luo-jianping', '罗建平', None, None),
    ('b-meiling', '中共东岭镇梅岭村支部委员会', 'branch', 'gb-east', 'p-deng-xiuying', '邓秀英', None, None),
    ('b-taoyuan', '中共东岭镇桃源村支部委员会', 'branch', 'gb-east', 'p-zeng-qingsong', '曾青松', None, None),
    ('b-chanyeyuan', '中共东岭镇产业园区支部委员会', 'branch', 'gb-east', 'p-huang-kai', '黄凯', '2023-04-01', None),
    ('b-xiaping', '中共东岭镇下坪村支部委员会', 'branch', 'gb-west', 'p-tang-fugui', '唐富贵', None, None),
    ('b-shangping', '中共东岭镇上坪村支部委员会', 'branch', 'gb-west', 'p-feng-xiaodong', '冯晓东', None, None),
    ('b-zhuwan', '中共东岭镇竹湾村支部委员会', 'branch', 'gb-west', 'p-zhong-lanying', '钟兰英', None, None),
]
SHORT = {o[0]: o[1].replace('中共东岭镇', '').replace('总支部委员会', '党总支').replace('支部委员会', '党支部')
         for o in TOWN}
PARENT = {o[0]: o[3] for o in TOWN}
GB_DEPT = {'gb-east': '东片区党总支', 'gb-west': '西片区党总支'}
GB_LEADER = {'gb-east': '片区党总支书记陈立新', 'gb-west': '片区党总支书记林海燕'}
TOWN_MEETING = {3: 28, 6: 27, 9: 26, 12: 26}          # 镇党建工作调度会 (centralized)
GB_MEETING = {'gb-east': {6: 20, 12: 19}, 'gb-west': {6: 21, 12: 20}}

# ---------------------------------------------------------------------------
# The plan. plan[org][month] = dict(problems=[(item, fate, opts)], ...) or None
# (no dispatch that month). Months not listed get a default dispatch without
# problems. Fates (see make_rect): ok, ok_direct, pending, late, neglect,
# never, superficial, refuted_nr, refute_after_ok, nr_open_then_ok,
# double_report, open.
PLAN = {
    # --- the weak one --------------------------------------------------------
    'b-xiaping': {
        1: dict(day=12, problems=[('dues_records', 'never', {}),
                                  ('three_meetings_one_lesson', 'late', {})]),
        2: dict(day=14, problems=[('member_data_consistency', 'superficial', {}),
                                  ('dues_records', 'neglect', {})],
                ledger=('after_end', 20)),
        3: dict(day=9, problems=[('archives_by_category', 'neglect', {}),
                                 ('fund_vouchers', 'ok', {})]),
        4: dict(day=11, problems=[('organizational_life_meeting', 'refuted_nr', {}),
                                  ('themed_party_day', 'ok', {})],
                ledger=('after_end', 25)),
        5: dict(day=16, end=1, problems=[('three_meetings_one_lesson', 'neglect', {'rep': '2023-08-03'}),
                                         ('member_development', 'pending', {'rep': '2023-06-10', 'lb': '2023-07-10'}),
                                         ('dues_records', 'late', {})],
                ledger=('on', '2023-07-06')),
        6: dict(problems=[('key_tasks', 'pending', {'rep': '2023-06-28', 'lb': '2023-07-12'})]),
        7: None,
        8: dict(day=9, problems=[('lost_contact_members', 'ok', {}),
                                 ('leading_role', 'late', {}),
                                 ('weak_org_rectification', 'superficial', {'kind': 'look_back'})]),
        9: dict(day=13, problems=[('visits_condolences', 'neglect', {})], ledger=('none',)),
        10: dict(day=12, problems=[('livelihood_projects', 'ok', {}),
                                   ('superior_assignments', 'late', {})]),
        11: dict(day=8, problems=[('themed_party_day', 'pending', {'rep': '2023-12-05'})]),
        12: dict(problems=[('archives_by_category', 'open', {})]),
    },
    # --- escalation "talk"; exactly 3 of 5 on time (effective) ----------------
    'b-shitang': {
        1: dict(problems=[('dues_records', 'ok', {})]),
        3: dict(day=7, problems=[('leading_role', 'late', {})]),
        5: dict(problems=[('fund_vouchers', 'ok', {})]),
        7: dict(day=6, problems=[('dues_records', 'refute_after_ok',
                                  {'rep': '2023-07-25', 'lb': '2023-07-31', 'refute': '2023-09-20'})]),
        10: dict(day=10, problems=[('themed_party_day', 'ok', {'lb': '2023-11-20'})]),
    },
    # --- escalation "written_inquiry" (one neglected item); misses August -----
    'b-longwei': {
        2: dict(problems=[('three_meetings_one_lesson', 'ok', {})]),
        6: dict(problems=[('superior_assignments', 'neglect', {'dl': 23, 'rep': '2023-07-28', 'lb': '2023-08-15'})]),
        8: None,
        10: dict(problems=[('visits_condolences', 'ok', {})]),
        12: dict(problems=[('member_transfers', 'open', {})]),
    },
    # --- ledger 1 day late (day 16); active until 2023-10-31 ------------------
    'b-jiuxu': {
        4: dict(day=13, problems=[('archives_by_category', 'ok', {})], ledger=('after_end', 16)),
        7: dict(problems=[('fund_vouchers', 'ok', {})]),
        9: dict(problems=[('member_data_consistency', 'ok', {})]),
        10: dict(day=30, end=1),
        11: None, 12: None,
    },
    'b-zhongxiao': {
        2: dict(problems=[('member_development', 'ok', {})]),
        6: dict(problems=[('archives_by_category', 'ok', {})]),
        9: dict(problems=[('superior_assignments', 'ok', {})]),
        11: dict(problems=[('democratic_evaluation', 'ok', {})]),
    },
    'gb-east': {
        5: dict(problems=[('superior_assignments', 'ok', {})]),
        8: dict(problems=[('member_data_consistency', 'ok', {})]),
        11: dict(problems=[('monthly_talk', 'ok_direct', {})]),
    },
    'gb-west': {
        2: dict(problems=[('archives_by_category', 'ok', {})]),
        6: dict(problems=[('three_meetings_one_lesson', 'ok', {})]),
        10: dict(day=17, problems=[('fund_vouchers', 'ok', {})], ledger=('none',)),
    },
    # --- gb-east branches ------------------------------------------------------
    'b-hedong': {
        1: dict(problems=[('visits_condolences', 'ok', {})]),
        3: dict(problems=[('themed_party_day', 'nr_open_then_ok', {})]),
        5: dict(problems=[('member_transfers', 'ok', {})]),
        7: dict(day=11, end=1, problems=[('livelihood_projects', 'ok', {})], ledger=('after_end', 15)),
        10: dict(problems=[('dues_records', 'ok', {}), ('election_materials', 'ok', {})]),
    },
    'b-meiling': {
        2: dict(problems=[('three_meetings_one_lesson', 'ok', {})]),
        4: dict(problems=[('member_transfers', 'ok', {})]),
        6: dict(problems=[('themed_party_day', 'ok', {})]),
        8: dict(problems=[('fund_vouchers', 'ok', {})], ledger=('after_end', 35)),
        11: None,
    },
    'b-taoyuan': {
        2: dict(problems=[('lost_contact_members', 'ok_direct', {})]),
        5: dict(day=8, problems=[('archives_by_category', 'pending', {'rep': '2023-05-20', 'lb': '2023-07-05'})]),
        7: dict(problems=[('key_tasks', 'ok', {})]),
        9: dict(problems=[('organizational_life_meeting', 'ok', {})]),
        11: dict(day=6, problems=[('three_meetings_one_lesson', 'pending', {'rep': '2023-11-20'})]),
    },
    'b-chanyeyuan': {
        1: None, 2: None, 3: None,
        4: dict(day=6, problems=[('member_data_consistency', 'ok', {})]),
        6: dict(problems=[('member_development', 'ok', {})]),
        9: dict(problems=[('key_tasks', 'ok', {})]),
        12: dict(day=5, problems=[('fund_vouchers', 'pending', {'dl': 40, 'rep': '2023-12-15'})]),
    },
    # --- gb-west branches ------------------------------------------------------
    'b-shangping': {
        1: dict(problems=[('organizational_life_meeting', 'ok', {})]),
        3: dict(problems=[('dues_records', 'double_report', {})]),
        5: dict(problems=[('livelihood_projects', 'ok', {})]),
        7: dict(problems=[('election_materials', 'ok', {})]),
        9: dict(problems=[('monthly_talk', 'ok', {})]),
    },
    'b-zhuwan': {
        1: dict(problems=[('themed_party_day', 'ok', {})]),
        2: None,
        5: dict(problems=[('visits_condolences', 'ok', {})]),
        7: dict(problems=[('dues_records', 'ok', {}), ('member_data_consistency', 'ok', {})]),
        9: dict(problems=[('livelihood_projects', 'ok', {})]),
        11: dict(problems=[('three_meetings_one_lesson', 'ok', {})]),
    },
}

# ---------------------------------------------------------------------------
# Extra texts attached to given dispatches
GOOD_AT = {('b-hedong', 4): [0], ('b-hedong', 9): [5], ('b-shangping', 6): [1], ('b-zhuwan', 8): [2],
           ('b-meiling', 5): [3], ('b-taoyuan', 6): [6], ('b-zhongxiao', 4): [7], ('b-zhongxiao', 10): [7],
           ('b-chanyeyuan', 5): [8], ('gb-east', 7): [9], ('b-longwei', 4): [4], ('b-shitang', 11): [6, 5],
           ('b-taoyuan', 12): [0], ('gb-west', 12): [9]}
SUPPORT_AT = {('b-xiaping', 3): [(0, None)], ('b-xiaping', 8): [(2, None)], ('b-longwei', 7): [(6, None)],
              ('b-chanyeyuan', 5): [(4, None)], ('b-zhuwan', 4): [(1, None)], ('b-meiling', 9): [(5, None)],
              ('b-shangping', 10): [(3, None)], ('b-hedong', 6): [(0, None)], ('b-jiuxu', 5): [(1, None)]}

NA_ITEMS = {'weak_org_rectification', 'lost_contact_members', 'member_transfers', 'election_materials',
            'member_development', 'democratic_evaluation', 'key_tasks'}
ALL_ITEMS = list(ITEMS)

rng = random.Random(20230213)


def iso(d):
    return d.isoformat()


def dispatch_shape(org, year, m, spec):
    """date, end_date, dispatcher, department, form, leader text"""
    par = PARENT[org]
    if par == 'town':
        if m in TOWN_MEETING and 'day' not in spec:
            return date(year, m, TOWN_MEETING[m]), None, 'town', '镇党建办', 'centralized', None
        day = spec.get('day') or rng.randint(4, 24)
        end = spec.get('end')
        if end is None and org.startswith('gb-') and m in (4, 10):
            end = 1
        dept = '镇党建办' if m % 2 else '镇党委组织办'
        leader = '镇党委副书记刘振华' if m % 2 else '镇党委组织委员黄丽'
        d0 = date(year, m, day)
        return d0, (d0 + timedelta(days=end)) if end else None, 'town', dept, 'on_site', leader
    # branch under a general branch
    if m in GB_MEETING[par] and 'day' not in spec:
        return date(year, m, GB_MEETING[par][m]), None, par, GB_DEPT[par], 'centralized', None
    day = spec.get('day') or rng.randint(4, 24)
    end = spec.get('end')
    d0 = date(year, m, day)
    if m in (2, 5, 8, 11):
        return d0, (d0 + timedelta(days=end)) if end else None, 'town', '镇党建办', 'on_site', '镇党委副书记刘振华'
    return d0, (d0 + timedelta(days=end)) if end else None, par, GB_DEPT[par], 'on_site', GB_LEADER[par]


def make_checks(org, problems):
    probs = [p[0] for p in problems]
    n = rng.randint(5, 7)
    pool = [i for i in ALL_ITEMS if i not in probs]
    extra = rng.sample(pool, max(0, n - len(probs)))
    items = sorted(set(probs) | set(extra), key=ALL_ITEMS.index)
    checks, texts = [], {}
    for it in items:
        ok, bad, na = ITEMS[it]
        if it in probs:
            note, text = rng.choice(bad)
            checks.append({'item': it, 'result': 'problem', 'note': note})
            texts[it] = text
        elif (it in NA_ITEMS and na and rng.random() < 0.45 and not (it == 'weak_org_rectification' and org == 'b-xiaping')) \
                or (it == 'key_tasks' and org == 'b-zhongxiao'):
            checks.append({'item': it, 'result': 'not_applicable', 'note': na[0] if it != 'key_tasks' else '学校党支部' + na[0]})
        else:
            c = {'item': it, 'result': 'ok'}
            if rng.random() < 0.8:
                c['note'] = rng.choice(ok)
            checks.append(c)
    return checks, texts


IP_NOTES = ['已制定整改方案，明确责任人', '正在补充完善相关资料', '已召开支委会研究整改措施', '整改工作正在推进']
DONE_NOTES = ['已整改完毕，整改资料已报送', '问题已整改到位，附整改前后资料', '已按要求完成整改']
LB_OK = ['现场查看整改资料，问题已整改到位', '回头看核实，整改资料齐全规范', '抽检确认整改到位']


def pdd(s):
    return date.fromisoformat(s) if isinstance(s, str) else s


def make_rect(fate, o, e, dl, horizon):
    """returns updates [(date, status, note)], look-backs [(date, kind, finding, note)],
    those dated after horizon left out (they have not happened yet)"""
    U, L = [], []
    g = lambda k, default: pdd(o[k]) if k in o else default
    if fate in ('ok', 'pending', 'double_report', 'refute_after_ok'):
        ip = e + timedelta(days=rng.randint(2, 6))
        rep = g('rep', dl - timedelta(days=rng.randint(3, 10)))
        if ip < rep and rng.random() < 0.8:
            U.append((ip, 'in_progress', rng.choice(IP_NOTES)))
        U.append((rep, 'reported_done', rng.choice(DONE_NOTES)))
        if fate == 'double_report':
            U.append((rep + timedelta(days=6), 'reported_done', '补充报送整改佐证材料'))
        if fate != 'pending' or 'lb' in o:
            lb = g('lb', rep + timedelta(days=rng.randint(5, 18)))
            kind = 'spot_check' if rng.random() < 0.3 else 'look_back'
            L.append((lb, kind, 'rectified', rng.choice(LB_OK)))
        if fate == 'refute_after_ok':
            rf = pdd(o['refute'])
            L.append((rf, 'spot_check', 'not_rectified', '巡回抽检发现仍有2名党员党费未补缴，问题反弹'))
            U.append((rf + timedelta(days=5), 'in_progress', '重新核对党费收缴情况，逐人补缴'))
            U.append((rf + timedelta(days=20), 'reported_done', '党费已全部补缴，台账已更新'))
            L.append((rf + timedelta(days=30), 'look_back', 'rectified', '回头看核实党费已补缴到位'))
    elif fate == 'ok_direct':
        U.append((e + timedelta(days=3), 'in_progress', rng.choice(IP_NOTES)))
        L.append((dl - timedelta(days=rng.randint(2, 6)), 'look_back', 'rectified', '回头看时现场核实已整改到位（尚未报送）'))
    elif fate == 'late':
        U.append((e + timedelta(days=5), 'in_progress', rng.choice(IP_NOTES)))
        rep = g('rep', dl + timedelta(days=8))
        U.append((rep, 'reported_done', '已整改完毕（超出整改时限）'))
        L.append((g('lb', rep + timedelta(days=10)), 'look_back', 'rectified', '回头看核实已整改，但超出整改时限'))
    elif fate == 'neglect':
        rep = g('rep', dl + timedelta(days=10))
        U.append((rep, 'reported_done', '经督促后完成整改'))
        L.append((g('lb', rep + timedelta(days=10)), 'look_back', 'rectified', '回头看核实已整改，整改明显滞后'))
    elif fate == 'never':
        pass
    elif fate == 'superficial':
        rep = dl - timedelta(days=10)
        U.append((e + timedelta(days=3), 'in_progress', rng.choice(IP_NOTES)))
        U.append((rep, 'reported_done', '已整改完毕'))
        L.append((rep + timedelta(days=6), o.get('kind', 'spot_check'), 'superficial', '抽检发现整改资料系突击补写，实际问题依旧，整改流于形式'))
        U.append((rep + timedelta(days=12), 'in_progress', '按回头看意见重新整改'))
        U.append((dl + timedelta(days=14), 'reported_done', '已重新整改到位，附佐证材料'))
        L.append((dl + timedelta(days=27), 'look_back', 'rectified', '回头看核实已重新整改到位（超出整改时限）'))
    elif fate == 'refuted_nr':
        rep = dl - timedelta(days=12)
        U.append((rep, 'reported_done', '已整改完毕'))
        L.append((rep + timedelta(days=7), 'look_back', 'not_rectified', '回头看发现整改清单仍未建立，报送情况与实际不符'))
    elif fate == 'nr_open_then_ok':
        L.append((e + timedelta(days=10), 'spot_check', 'not_rectified', '巡回抽检时尚未开始整改（未到整改时限）'))
        U.append((e + timedelta(days=12), 'in_progress', rng.choice(IP_NOTES)))
        rep = dl - timedelta(days=5)
        U.append((rep, 'reported_done', rng.choice(DONE_NOTES)))
        L.append((rep + timedelta(days=10), 'look_back', 'rectified', rng.choice(LB_OK)))
    elif fate == 'open':
        ip = e + timedelta(days=2)
        if ip <= horizon:
            U.append((ip, 'in_progress', rng.choice(IP_NOTES)))
    else:
        raise ValueError(fate)
    U = [u for u in U if u[0] <= horizon]
    L = [x for x in L if x[0] <= horizon]
    return sorted(U, key=lambda u: u[0]), sorted(L, key=lambda x: x[0])


def make_dispatch(oid, year, m, spec, good_at, support_at, horizon):
    """One dispatch of oid in month m of year and what follows from it: (dispatch,
    rectifications, look-backs, ledger submissions), facts after horizon left out."""
    rects, lbs, subs = [], [], []
    d0, dend, disp, dept, form, leader = dispatch_shape(oid, year, m, spec)
    e = dend or d0
    problems = spec.get('problems', [])
    checks, texts = make_checks(oid, problems)
    tag = '%d-%02d-%s' % (year, m, oid.split('-', 1)[1])
    did = 'd-' + tag
    nprob = len(problems)
    if form == 'centralized':
        sit = '在%d月%d日党建工作调度会上集中调度，听取%s书记汇报，查阅台账资料%d项，发现问题%d个。' % (
            d0.month, d0.day, SHORT[oid], len(checks), nprob)
    else:
        sit = '%s带队到%s开展%s党建工作调度，现场查阅“三会一课”记录及党建台账，检查%d项内容，发现问题%d个，已当场反馈。' % (
            leader, SHORT[oid], '%d月' % m if year == 2023 else '%d年%d月' % (year, m), len(checks), nprob)
    d = {'id': did, 'date': iso(d0)}
    if dend:
        d['end_date'] = iso(dend)
    d.update({'dispatcher': disp, 'department': dept, 'object': oid, 'form': form, 'checks': checks,
              'situation': sit})
    seq = 0
    deadlines = []
    for (it, fate, o) in problems:
        seq += 1
        dl = e + timedelta(days=o.get('dl', 30))
        deadlines.append(dl)
        U, L = make_rect(fate, o, e, dl, horizon)
        r = {'id': 'r-%s-%d' % (tag, seq), 'dispatch': did, 'seq': seq,
             'item': it, 'problem': texts[it], 'deadline': iso(dl)}
        if oid == 'b-xiaping' and seq == 1:
            r['remarks'] = '责任人：支部书记唐富贵'
        elif fate == 'double_report':
            r['remarks'] = '分两次报送整改材料'
        elif rng.random() < 0.15:
            r['remarks'] = rng.choice(['需镇党建办业务指导', '责任人：支部组织委员', '涉及党务系统操作'])
        r['updates'] = [dict([('date', iso(a)), ('status', b)] + ([('note', c)] if c else [])) for a, b, c in U]
        rects.append(r)
        for i, (a, kind, finding, note) in enumerate(L):
            lbs.append({'id': 'lb-%s-%d' % (r['id'][2:], i + 1), 'date': iso(a), 'rectification': r['id'],
                        'kind': kind, 'finding': finding, 'note': note})
    if nprob:
        d['opinion'] = '对调度指出的%d个问题照单全收，%s前整改到位并报送整改台账。' % (
            nprob, '%d月%d日' % (max(deadlines).month, max(deadlines).day))
        if oid == 'b-xiaping':
            d['opinion'] = '支部人手不足，部分资料需时间补齐，' + d['opinion']
    else:
        d['opinion'] = rng.choice(['认真落实调度要求，持续规范党建基础工作。', '无异议，将继续保持并做好资料归档。',
                                   '调度未发现问题，支部将巩固成果、查漏补缺。'])
    if (oid, m) in good_at:
        d['good_practices'] = [GOOD[i] for i in good_at[(oid, m)]]
    if (oid, m) in support_at:
        d['support_requests'] = [{'text': SUPPORT[i][0], 'superior_coordination': SUPPORT[i][1]}
                                 for i, _ in support_at[(oid, m)]]
    if nprob:
        led = spec.get('ledger', ('default',))
        if led[0] == 'default':
            sd = e + timedelta(days=rng.randint(3, 12))
        elif led[0] == 'after_end':
            sd = e + timedelta(days=led[1])
        elif led[0] == 'on':
            sd = pdd(led[1])
        else:
            sd = None
        if sd and sd <= horizon:
            subs.append({'dispatch': did, 'date': iso(sd)})
    return d, rects, lbs, subs


# ---------------------------------------------------------------------------
# January 2024: the dispatches before the town's meeting at the end of the month
# (examples/sample-town.md, "January 2024"). Every dispatch is in the first half of the
# month, so every ledger is due by 01-31 (end + 15) and every deadline falls in February
# (end + 30). Dispatchers as in January 2023: the town on site (镇党建办) for its own
# children, each general branch on site for its branches. b-zhongxiao (the school) has
# no January dispatch: missed_month 2024-01.
PLAN_2024_01 = {
    'gb-east': dict(day=3),
    'gb-west': dict(day=9, end=1, problems=[('fund_vouchers', 'ok', {})], ledger=('after_end', 9)),
    'b-shitang': dict(day=4, problems=[('member_data_consistency', 'pending', {'rep': '2024-01-25'})],
                      ledger=('after_end', 8)),
    'b-longwei': dict(day=15),
    'b-zhongxiao': None,
    'b-hedong': dict(day=8),
    'b-meiling': dict(day=12),
    # due 01-20, submitted 01-24: the one late January ledger (days_late 4)
    'b-taoyuan': dict(day=5, problems=[('visits_condolences', 'ok', {})], ledger=('after_end', 19)),
    'b-chanyeyuan': dict(day=10),
    'b-xiaping': dict(day=11, problems=[('democratic_evaluation', 'open', {}),
                                        ('three_meetings_one_lesson', 'never', {})],
                      ledger=('after_end', 13)),
    'b-shangping': dict(day=4),
    'b-zhuwan': dict(day=5),
}
GOOD_AT_2024 = {('b-shangping', 1): [10], ('b-hedong', 1): [11]}
SUPPORT_AT_2024 = {('b-xiaping', 1): [(7, None)], ('b-zhuwan', 1): [(8, None)]}

# January 2024 facts about items of 2023 still open, reported or due in January:
# (rectification, date, status, note) and (rectification, date, kind, finding, note).
UPDATES_2024 = [
    # still not solved: long_unresolved at 2024-01-31 (rating_risk for 2024)
    ('r-2023-01-xiaping-1', '2024-01-16', 'in_progress', '正在补装订党费收缴凭证，2023年上半年凭证仍未找齐'),
    ('r-2023-04-xiaping-1', '2024-01-08', 'reported_done', '已补写组织生活会记录'),
    # in progress before its deadline 01-19, not done by it: fails 01-20
    ('r-2023-12-xiaping-1', '2024-01-15', 'in_progress', '资料仍在分类整理，部分照片无法补注时间地点'),
    ('r-2023-12-longwei-1', '2024-01-12', 'reported_done', '登记表已补签经办人，整改资料已报送'),
]
LOOK_BACKS_2024 = [
    # the overdue reviews of 2023 done at the January dispatches
    ('r-2023-11-taoyuan-1', '2024-01-05', 'look_back', 'rectified', '1月调度时回头看，党课授课提纲和记录已补齐'),
    ('r-2023-12-chanyeyuan-1', '2024-01-10', 'look_back', 'rectified', '回头看核实报销单已补办支委会审议手续'),
    ('r-2023-11-xiaping-1', '2024-01-11', 'look_back', 'rectified', '回头看核实主题党日活动记录和照片已补齐'),
    ('r-2023-12-longwei-1', '2024-01-15', 'spot_check', 'rectified', '抽检确认登记表已补签，整改到位'),
    # the rewritten record is still not what the meeting was: refuted again (perfunctory)
    ('r-2023-04-xiaping-1', '2024-01-22', 'spot_check', 'not_rectified', '抽检发现补写的组织生活会记录与会议实际不符，仍过于简单'),
]


def build():
    global rng
    rng = random.Random(20230213)   # the same bytes on every call
    orgs = []
    for (oid, name, kind, par, sid, sname, af, au) in TOWN:
        o = {'id': oid, 'name': name, 'kind': kind}
        if par:
            o['parent'] = par
        o['secretary'] = {'id': sid, 'name': sname}
        if af:
            o['active_from'] = af
        if au:
            o['active_until'] = au
        orgs.append(o)
    dispatches, rects, subs, lbs = [], [], [], []

    def add(made):
        d, r, l, s = made
        dispatches.append(d)
        rects.extend(r)
        lbs.extend(l)
        subs.extend(s)

    for (oid, name, kind, par, sid, sname, af, au) in TOWN:
        if par is None:
            continue
        for m in range(1, 13):
            plan = PLAN.get(oid, {})
            if m in plan and plan[m] is None:
                continue
            add(make_dispatch(oid, 2023, m, plan.get(m) or {}, GOOD_AT, SUPPORT_AT, YE))

    # January 2024, after the whole of 2023 and with its own generator, so that nothing
    # of 2023 changes.
    rng = random.Random(20240131)
    for (oid, name, kind, par, sid, sname, af, au) in TOWN:
        if par is None or PLAN_2024_01.get(oid) is None:
            continue
        add(make_dispatch(oid, 2024, 1, PLAN_2024_01[oid], GOOD_AT_2024, SUPPORT_AT_2024, JAN_END))
    by_id = {r['id']: r for r in rects}
    for rid, day, status, note in UPDATES_2024:
        by_id[rid]['updates'].append({'date': day, 'status': status, 'note': note})
    for rid, day, kind, finding, note in LOOK_BACKS_2024:
        n = sum(1 for x in lbs if x['rectification'] == rid)
        lbs.append({'id': 'lb-%s-%d' % (rid[2:], n + 1), 'date': day, 'rectification': rid,
                    'kind': kind, 'finding': finding, 'note': note})

    # Every 2024 record is dated after every 2023 one: the sorts keep 2023 first.
    dispatches.sort(key=lambda d: (d['date'], d['id']))
    order = {d['id']: i for i, d in enumerate(dispatches)}
    rects.sort(key=lambda r: (order[r['dispatch']], r['seq']))
    subs.sort(key=lambda s: (s['date'], s['dispatch']))
    lbs.sort(key=lambda x: (x['date'], x['id']))
    for r in rects:
        assert [u['date'] for u in r['updates']] == sorted(u['date'] for u in r['updates']), r['id']
    facts = [d['date'] for d in dispatches] + [d.get('end_date', '') for d in dispatches] + \
        [u['date'] for r in rects for u in r['updates']] + [x['date'] for x in subs + lbs]
    assert max(facts) <= iso(JAN_END), max(facts)   # nothing has happened after the meeting
    return {'format': 'tiaodu/1', 'period_start': '2023-01-01', 'organizations': orgs, 'dispatches': dispatches,
            'rectifications': rects, 'ledger_submissions': subs, 'look_backs': lbs}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sample-town.json')
    with open(out, 'w', encoding='utf-8') as f:
        json.dump(build(), f, ensure_ascii=False, indent=2)
        f.write('\n')


if __name__ == '__main__':
    main()
