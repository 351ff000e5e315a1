"""Targets: quantitative commitments, each with its deadline.

A target is a number the document commits to reaching (annotation guide,
"Targets"): ``覆盖率达100%``, ``新增…350处``, ``化学农药使用量减少10%``. Most
numbers in a policy document are something else: dates, document numbers,
subsidy amounts, thresholds, durations, names (``4G``, ``十三五``), counts
of the past. Each quantity found by :mod:`luoshi.extract.numbers` is kept
only when

1. nothing marks it as a non-target (the ``REJECT_*`` tables below: a
   parameter word in its clause, a name-like neighbour, a ``…的`` condition,
   a time unit, a past tense), and
2. something marks it as a commitment: a comparator or change word, a
   delivery verb, an earlier target in the same sentence (a goal list), or a
   deadline that governs it.

Its deadline is the nearest enclosing time phrase (guide): one earlier in
the same sentence, else one that opens the paragraph (``到2020年，……``),
else the one of a goal section (``主要目标`` whose own text names a single
deadline), else the year of a year-named 工作要点. A phrase in another
sentence of an ordinary paragraph does not enclose (gold NOTES, 绵府发6（十二）).

All the word lists are data at the top of this module; the code below only
combines them. Regexes are compiled once at import.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

import msgspec
from msgspec.structs import replace

from luoshi import lazyre as re
from luoshi.extract.deadlines import TimePhrase, doc_year, find_time_phrases, is_recurring
from luoshi.extract.numbers import (
    COUNT_UNITS,
    HALF_WORDS,
    NON_TARGET_UNITS,
    Quantity,
    chinese_to_number,
    find_quantities,
)
from luoshi.extract.sentences import CELL_END, SENTENCE_ENDS, Piece, clauses, sentences
from luoshi.extract.units import find_unit_lists, parse_units
from luoshi.model import CleanText, Document, MarkerKind, OutlineNode, Paragraph, Target
from luoshi.patterns import ANNEX_HEAD_RE, BULLETS, outline_marker_alternation

# A pattern that opens with a look-ahead for the first characters its matches can start with
# matches exactly what it did, but the engine skips every other character at C speed instead of
# trying each alternative of a word list at each position (TIME_RE, QUANTITY_RE, the comparators
# and past words: three to six times faster to scan). tests/pipeline/speed/test_target_speedups.py checks each
# class against the pattern's own first characters.
_LOOKBEHIND_RE = re.compile(r"^\(\?<!\[[^\]]*\]\)")


def _first_chars(words: tuple[str, ...] | list[str] | dict[str, str]) -> str:
    """A character-class body holding the first character of each word: a literal, or a leading
    ``[…]`` class (``[一两…\\d]+年来``); a leading ``(?<![…])`` look-behind is passed over."""
    out: list[str] = []
    for word in words:
        word = _LOOKBEHIND_RE.sub("", word)
        out.append(word[1 : word.index("]")] if word.startswith("[") else re.escape(word[0]))
    return "".join(dict.fromkeys(out))


def _skipping(first: str, pattern: str) -> str:
    return f"(?=[{first}])(?:{pattern})"


# --- comparators (guide, "comparator") ---------------------------------------
# Words before the number. The nearest one wins; longer words are tried first
# so ``降低到`` (a level ceiling) is not read as ``降低`` (a change).
COMPARATOR_BEFORE: dict[str, str] = {
    "力争达到": ">=",
    "达到": ">=",
    "达": ">=",
    "实现": ">=",
    "覆盖": ">=",
    "不低于": ">=",
    "不少于": ">=",
    "至少": ">=",
    "提高到": ">=",
    "提高至": ">=",
    "提升到": ">=",
    "提升至": ">=",
    "增加到": ">=",
    "增加至": ">=",
    "增至": ">=",
    "扩大到": ">=",
    "扩大至": ">=",
    "拓展到": ">=",
    "超过": ">",
    "高于": ">",
    "突破": ">",
    "多于": ">",
    "大于": ">",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "控制在": "<=",
    "降低到": "<=",
    "降低至": "<=",
    "下降到": "<=",
    "下降至": "<=",
    "降至": "<=",
    "减少到": "<=",
    "减少至": "<=",
    # a gap narrowed to a level (``城乡居民收入倍差缩小到1.7以内``): a ceiling
    "缩小到": "<=",
    "缩小至": "<=",
    "减至": "<=",
    "压减到": "<=",
    "压减至": "<=",
    "低于": "<",
    "少于": "<",
    "小于": "<",
    "稳定在": "=",
    "保持在": "=",
    "约": "=",
    "大约": "=",
    "超": ">",
    "≥": ">=",
    "≤": "<=",
    "＞": ">",
    "＜": "<",
}
# One-character words count only right before a number: ``新签约``, ``超长期`` are not comparators.
BEFORE_NUMBER_ONLY: tuple[str, ...] = ("约", "大约", "超", "≥", "≤", "＞", "＜")
# A growth named right before a percentage with no bound (``地区生产总值增长3%``) is the
# rate's level, ``=`` (guide: a change uses = unless the text bounds it; gold: bare growth).
BARE_GROWTH_BEFORE_RE = re.compile(r"增长$")
# Percentage points measure a change of a rate (gold: ``每年提升1～3个百分点`` is a ``change``).
POINT_UNITS: tuple[str, ...] = ("个百分点", "百分点")
RISE_BEFORE_RE = re.compile(r"(?:提升|提高|增加|增长|上升|扩大)了?$")
# Words right after the number (after its unit).
COMPARATOR_AFTER: dict[str, str] = {
    "以上": ">=",
    "及以上": ">=",
    "（含）以上": ">=",
    "以下": "<=",
    "及以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "=",
}
# ``左右``/``约`` outweigh any other word (guide: 总体达到50%左右 → ``=``).
APPROXIMATE = "="
# A fall of a quantity: kind ``change`` with a negative value (guide).
FALL_WORDS: tuple[str, ...] = ("减少", "下降", "降低", "削减", "压减", "缩减", "减排", "压缩")
# An amount to deliver: no comparator word, comparator ``>=`` (guide).
DELIVERY_VERBS: tuple[str, ...] = (
    "新增",
    "新建",
    "建设",
    "建成",
    "建立",
    "创建",
    "打造",
    "培育",
    "培训",
    "培养",
    "选取",
    "选择",
    "确定",
    "遴选",
    "认定",
    "推广",
    "配置",
    "设置",  # ``在10%的社区卫生服务站设置中医阁`` (as 设立, 配置)
    "配建",
    "配备",
    "纳入",
    "完成",
    "引进",
    "引育",
    "发放",
    "组建",
    "设立",
    "开展",
    "举办",
    "扶持",
    "改造",
    "拥有",
    "增加",
    "增长",
    "提高",
    "提升",
    "发展",
    "实施",
    "推动建设",
    "开发",
    "招收",
    "安排",
    "投入",
    # Restoration and treatment works of a plan (``修复治理退化草原500万亩``, ``整治河道12公里``).
    "修复",
    "治理",
    "整治",
    "减负",  # ``全年为企业减负2700亿元``: relief to deliver
    "加装",  # ``加装农村公路安全护栏4000公里``, ``老旧小区加装电梯300台``: equipment to install
    # works to rebuild or enlarge, as 新建 (``新、改建30个社区体育公园``, ``新建、改扩建中小学10所``)
    "改建",
    "扩建",
    # works of a 民生实事 list (``硬化道路10万平方米``, ``铺设雨水管网345米``, ``安装太阳能路灯1000盏``)
    # and a plan's founding of an institution (``力争创办1所高水平大学``)
    "硬化",
    "铺设",
    "安装",
    "创办",
    "招引",  # ``全年招引…产业项目2个``: projects to attract, as 引进
)
# A budget or plan setting: no comparator word, comparator ``=`` (guide).
PLAN_VERBS: tuple[str, ...] = (
    "安排",
    "投入",
    "预算",
    "计划投资",
    # ``投资3000万元建设……基地``: 投资 that opens its clause right before its sum is the verb of a plan
    # setting (not the noun of ``固定资产投资增长10%``, ``完成投资300亿元``, ``投资项目``)
    "(?<![^，；：。\\x00])投资(?![\u4e00-\u9fff])",
    "总投资",
    "设立",
    "拨付",
    "筹集",
    "发行",
    "(?<![模虚])拟",  # ``赤字率拟按3%安排``, ``拟安排地方政府专项债券3.9万亿元``
)
# An absolute increment over a base year (``比上年增加1.1万亿元``): a ``change`` of its own (guide).
INCREMENT_BEFORE_RE = re.compile(r"(?:比|较)(?:上年|去年|上一年|20\d{2}年|同期)[^，。、；]{0,8}?(?:增加|增长|多)$")
MONEY_UNITS: tuple[str, ...] = ("元", "美元")
# ``零增长``: a change of 0 % (guide); the zero is written as a word.
ZERO_GROWTH_RE = re.compile(r"零增长")
# ``翻一番`` (doubling), ``翻两番`` (quadrupling), bare ``翻番``: a relative change of the quantity,
# N doublings = (2**N - 1) × 100 %, written as words like 零增长.
DOUBLING_RE = re.compile(r"翻(?P<n>[一两二三四五六七八九十]|\d{1,2})?番")
DOUBLING_MARK = "翻"  # what every DOUBLING_RE match holds (the cheap pre-check; 番 is in 番禺)

# --- what is not a target (guide: policy parameters, names, the past) -------
# In the same clause, these make a number a parameter: subsidies, awards,
# caps, quotas per applicant, eligibility, norms (``一般``/``原则上``).
REJECT_CLAUSE_WORDS: tuple[str, ...] = (
    "给予",
    "奖励",
    "补贴",
    "补助",
    "资助",
    "奖补",
    "贴息",
    "一次性",
    "最高",
    "最多",
    "最低",
    "限报",
    "申请人",
    "门槛",
    "是指",
    "应有",
    "须有",
    "应具备",
    "须具备",
    "符合条件",
    "一般(?!公共|性|预算)",  # (``地方财政一般预算收入``, the older name of 一般公共预算, is no norm)
    # ``原则上不超过200万元`` is a norm; a floor the text commits to is not (``原则上至少建设一所``,
    # ``原则上占总课时一半以上``; held-out gold)
    "原则上(?![^，。；]*(?:至少|以上))",
    # A forecast is not a commitment (guide, 政府工作报告: 预计今年高校毕业生超过1170万人).
    "预计",
    "有可能",  # ``到2020年将有可能达到110万人左右``: a projection
    "热线",
    "电话",
    "禁止",
    "严禁",
    "不得",  # a prohibition binds others: ``不得超过本单位在职职工总人数的30%`` is a cap
)
# Anywhere in the sentence: the sentence sets subsidies or caps (``杰出专家最高200平方米，
# 优秀专家约120平方米``), so none of its numbers is a target.
REJECT_SENTENCE_WORDS: tuple[str, ...] = ("给予", "补贴", "补助", "资助", "奖补", "贴息", "最高", "一次性")
# Before the number in its clause: the number describes the past or present.
PAST_WORDS: tuple[str, ...] = (
    # (not 已 of a relative clause: ``已建成的污水处理厂负荷率达到80%`` names existing plants)
    "已经(?![^，。；的]{1,6}的)",
    "已(?![^，。；的]{1,6}的)",
    "目前",
    "现有",
    "截至目前",
    "近年来",
    "去年",
    "上年",
    "历年",
    "原有",
    "曾",
    "共有",
    # Retrospectives of a report (``过去一年``, ``一年来``, ``十年来``, ``五年来``).
    "过去[一两二三四五六七八九十几\\d]*年",
    "[一两二三四五六七八九十几\\d]+年来",
)
# ``累计`` (a running total) describes the present unless a deadline or a goal list governs it
# (``今后五年……累计新增城镇就业2.5万人``, ``到2027年累计建成…``).
CUMULATIVE_RE = re.compile("累计")
# …nor does a word of a plan before it in the clause (``计划全省将累计改造城镇老旧小区100万户以上``,
# ``提出单位国内生产总值二氧化碳排放累计降低17%``): the total is one to reach. 16 characters: the
# subject between (``单位国内生产总值二氧化碳排放``, 14).
PLANNED_TOTAL_RE = re.compile(r"(?:将|计划|力争|争取|确保|提出)[^，。；：]{0,16}累计")
# Years and ages are durations or eligibility (``有效期5年``, ``60周岁以上``) except as the level of
# a measure in years: ``平均受教育年限达到11.5年``, ``人均期望寿命达到79岁``.
LIFETIME_UNITS: tuple[str, ...] = ("年", "岁")
LIFETIME_BEFORE_RE = re.compile(
    r"(?:寿命|年限)(?:[^，。；]{0,12}?(?:力争达到|达到|达|提高到|提高至|提升到|提升至|超过|不低于|保持在|稳定在"
    r"|提高|提升|增加|延长))?$"
)
# Points are a scoring rule's (``每项扣2分``) except as the level of a score to reach:
# ``群众满意度达到85分以上``, ``考核得分不低于90分``.
SCORE_UNIT = "分"
SCORE_BEFORE_RE = re.compile(
    r"(?:满意度|满意率|得分|评分|分值|指数)(?:[^，。；]{0,12}?(?:力争达到|达到|达|提高到|提高至|提升到|提升至|超过|不低于"
    r"|保持在|稳定在))$"
)
# A sentence that reports an estimate (``据测算，……到2020年将达到110万人左右``) forecasts throughout.
FORECAST_RE = re.compile(r"据(?:初步)?(?:测算|预测|估算|推算)")
# So does one with a clause that is only 预计 (``根据工作报告，初步预计，2022年全省地区生产总值突破5万亿元，
# ……出口增长11%以上……``): the estimate governs every clause after it, where 预计 inside a clause
# (REJECT_CLAUSE_WORDS) sets aside that clause's numbers only. Estimated results and forecasts are
# neither a commitment (guide, 政府工作报告).
# The clause may name whose estimate it is and when it falls (``《纲要》预计在“十四五”期间，全省将累计新增
# 城镇常住人口约600万人``, ``预计到2025年，……``): 8 characters for the one (a cited title), 12 for the other.
ESTIMATE_CLAUSE_RE = re.compile(
    r"(?:^|[，；：])[^，。；：]{0,8}?(?:初步|据|经)?预计(?:[^，。；：]{0,12}?(?:年|期间|时期|期末|年底|年末))?[，：]"
)
# A sentence that opens looking back (``过去一年，……``, ``一年来，……``) reports results throughout.
RETROSPECTIVE_OPENING_RE = re.compile(
    r"^(?:各位代表[！!，,]?)?(?:回顾)?(?:过去[一两二三四五六七八九十几\d]*年|[一两二三四五六七八九十几\d]+年来)"
)
# A sentence that opens with 已/已经 and a verb (after an item marker) reports what is done, every
# clause of it: ``（十一）已新建成中小学、幼儿园96所，新增学位10.09万个，完成率168%。`` Not a
# relative clause (``已建成的污水处理厂负荷率达到80%``: the plants are existing, the rate a goal).
RESULTS_OPENING_RE = re.compile(
    r"^(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．])?已(?:经)?[^，。；：的]*[\d一二两三四五六七八九十百千万]"
    r"[^，。；：的]*(?:[，；]|$)"
)
# Right before the number: ordinals, summaries (``等三张清单``), ranks, formulas.
_REJECT_BEFORE_WORDS = (
    "第",
    "等",
    "共",
    "共计",
    "合计",
    "前",
    "排名",
    "排第",
    "位居",
    "×",
    "*",
    "/",
    "+",
    "=",
    "＋",
    ":",
    "：",
    ".",
    "·",
)
REJECT_BEFORE_RE = re.compile(
    _skipping(
        _first_chars(_REJECT_BEFORE_WORDS) + "A-Za-z",
        "(?:" + "|".join(re.escape(w) for w in _REJECT_BEFORE_WORDS) + "|[A-Za-z])$",
    )
)
# Right after the quantity: names and codes (``4G``, ``3D``, ``1+X``, ``6:3:1``),
# ``11人制``, dates and document numbers that escaped the time phrases.
REJECT_AFTER_RE = re.compile(r"^(?:[+＋×*/=:：·_]|制|号|届|期|版|批次|倍数)")
# An amount, area or share set for each facility, person or household (``每年每个分别不少于60万元``,
# ``每处建筑面积不少于1000平方米``) is a standard each must meet, a policy parameter (guide: per-person
# standards, quotas per applicant); counts per unit (``每个社区至少1个服务站``) stay targets.
PER_UNIT_RE = re.compile(r"每(?:个|处|所|家|户|人|名|床|间|张|座)")
# ``超过10人（含10人）``: an inclusive bound spelled out is a condition's threshold.
INCLUSIVE_NOTE_AFTER_RE = re.compile(r"^(?:以上|以下)?[（(]含")
# ``按照…供养金20%的标准``: the number sets a standard, a policy parameter.
STANDARD_AFTER_RE = re.compile(r"^(?:以上|以下)?的?标准")
# People counted for a procedure (``入户调查人员应当不少于2人``, ``由至少2名工作人员…核查``):
# how a step is staffed, not a level to reach (gold: 穗府办规〔2021〕19号 第十条).
PROCEDURE_RE = re.compile(r"调查|核查|核实|审核|审查|评审|查验|检查|入户|受理")
PERSON_UNITS: tuple[str, ...] = ("人", "名")
# A count of the items a list names (``符合下列1项特征``, ``须符合以下3项或3项以上情形``):
# a summary of the list, not a quantity to reach (gold NOTES: ``等三张目录清单``).
LISTED_COUNT_BEFORE_RE = re.compile(r"(?:下列|以下|如下|上述|前述)[^，。；：]{0,4}$")
# ``纲要草案提出3项指标``: how many indicators a plan sets describes the plan, it is none of them; so
# does how many items its project package holds (``十大领域重大项目工程包，涉及103个大项``,
# ``民生保障领域项目有12个大项``).
INDICATOR_COUNT_AFTER_RE = re.compile(r"^(?:(?:主要|核心|约束性|预期性|具体|量化)?指标|大项|子项)")
# …and so does the share its indicators of a kind make up (``规划纲要提出了4大类36项指标，其中涉及民生福祉和
# 生态文明的指标占70%以上``): the subject is the plan's indicators, not a quantity measured.
INDICATOR_SHARE_BEFORE_RE = re.compile(r"指标(?:数)?(?:占比|占|比例|比重)(?:达到|达|超过)?$")
# A rate a policy sets (``适用3%征收率``, ``按5%的税率``): a parameter (guide: subsidy amounts and rates).
# A change the rule applies to each case (``退休人员按降低1个百分点划拨``, ``按提高10%计发``): how an
# amount is computed, a policy parameter; ``拟按3%安排`` (a setting, no rise or fall word) is not this.
BY_METHOD_BEFORE_RE = re.compile(r"按(?:照)?(?:降低|下降|减少|提高|增加|上调|下调)$")
POLICY_RATE_AFTER_RE = re.compile(r"^(?:的)?(?:征收率|税率|费率|利率|贴息率|补贴率|缴费比例|预征率|扣除率)")
# Letters right after a bare number make a name (``4G``, ``3D打印``); after a unit they
# start the next word (``10家A级景区``).
NAME_AFTER_BARE_RE = re.compile(r"^[A-Za-z]")
# After the quantity: ``…以上的企业`` is a threshold, ``…的基础上`` the present.
THRESHOLD_AFTER_RE = re.compile(
    r"^(?:(?:及以上|（含）以上|以上|以下|及以下|以内|左右)?(?:（含）)?"
    # ``30万人口以上及接近30万人口的市县``: a bound joined to a second condition on the same things
    r"|(?:以上|以下)(?:及|和|或)[^，。；的]{1,12}"
    # ``1000M及以上速率的光纤接入用户``: a bound on a property of the things
    r"|(?:及以上|以上|以下|及以下)(?:速率|带宽|规模|等级|级别))的(?P<rest>.*)$"
)
GOAL_AFTER_RE = re.compile(r"^(?:年度|预期|奋斗|发展|工作|建设|总体|阶段性?|增长)?目标")
# A share of things named earlier in the clause (``力争实现20%的村集体年收入超30万元``): a number after it is
# the condition the share counts by (each village's income), a threshold as ``营业额500万元以上的企业`` is
# (guide), not a second target; the share is the target. Not across a clause or list mark.
SHARE_BEFORE_RE = re.compile(r"\d%(?:以上|左右)?的[^，。；：、]*$")
# An amount of money bounding a noun of projects or firms with no 的 (``1亿元以上重大项目``, ``5000万元
# 以上产业项目``, ``亿元以上企业``): the size class of the things counted, a threshold, as with 的.
SIZE_BOUND_WORDS = ("以上", "及以上")
SIZE_CLASS_AFTER_RE = re.compile(r"^(?:及)?以上[^，。；、：\d]{0,8}?(?:项目|企业)")
# The same size class written before the sum (``招引总投资超30亿元或3亿美元产业项目2个``, ``超10亿元项目5个``):
# 超/超过 a sum, maybe or a second sum, then the noun of projects or firms and their count, which is the target.
SIZE_OVER_BEFORE_RE = re.compile(r"超过?(?:[\d.]+[万亿]*美?元(?:或|及))?$")
SIZE_OVER_AFTER_RE = re.compile(r"^(?:(?:或|及)[\d.]+[万亿]*美?元)?[^，。；、：\d]{0,8}?(?:项目|企业)\d")
# A plan word followed by such a sum (``总投资超10亿元``) names the size class; it sets no count after it.
SIZE_OVER_IN_RE = re.compile(r"超过?[\d.]+[万亿]*美?元")
# A ``…以上的X`` phrase is a threshold on the things X (``500万元以上的企业``,
# ``15万平方米以上的住宅小区``), or the present (``…的基础上``), unless X is a
# measure the number sets (``100M以上的光纤接入能力``): then it is a level to reach.
MEASURE_HEADS_RE = re.compile(r"(?:能力|水平|速率|速度|带宽|比例|比重|占比|率|量|规模|面积|长度)$")
# Before a ``N%…的X`` threshold: the rate of X that is measured (``营业额同比增长50%以上的企业``).
RATE_BEFORE_RE = re.compile(r"(?:增长|增速|增幅|率|比重|占比|比例)(?:达到|达|超过|高于|在)?$")
# ``由2020年的23%提高到30%``: the value after 由 is where the quantity starts, not a target.
# A 从 read into the time phrase (``从2012年`` masked as the start of a span) leaves its year masked before 的.
FROM_VALUE_BEFORE_RE = re.compile(r"(?:[由从][^，。；由从]{0,12}|\x00+的)$")  # (``从2020年的85提高到95``)
# (``到`` may belong to a masked deadline: ``提高到2020年的80%``.)
FROM_VALUE_AFTER_RE = re.compile(
    r"^[^，。；]{0,4}?(?:(?:提高|提升|增加|增长|扩大|上升|降低|下降|减少|压减|缩短)(?:到|至|\x00)"
    # a setting changed (``总投资从42.2亿元调整为36.6亿元``): the first amount is the old setting
    r"|调整(?:为|到|至))"
)
# ``由60%提高到80%``: the indicator ends before ``由`` (or before the masked 从-year of a start value:
# ``从2012年的43.53%提高到53%`` on an undated page, FROM_VALUE_BEFORE_RE).
FROM_TO_RE = re.compile(r"(?:[由从]|\x00+的(?=\d))[^由从]*(?:提高|提升|增加|增长|扩大|降低|下降|减少|压减|调整)")
_BRACKETED_RE = re.compile(r"（[^（）]*）|\([^()]*\)")
# An introduction to a list of conditions (``符合以下条件的…：``): the numbers
# below it are eligibility conditions, not targets.
CONDITION_INTRO_RE = re.compile(r"(?:条件|具备|资格|门槛|情形|行为|对象|标准如下)[^。：（(]{0,30}：")
# An item whose text ends with ``：`` after naming criteria (``确诊符合以下标准：``, ``…诊断标准，具有
# 下列4项指征的：``): the items below are the criteria a case must meet, conditions too. Not any
# ``标准`` (``按照国家标准，主要目标如下：``): criteria that are listed, diagnosed or recognised.
CRITERIA_INTRO_RE = re.compile(r"(?:诊断|认定|评定|鉴定|准入)标准|(?:以下|下列|如下)[^。：，]{0,6}(?:标准|指征)")
# A short run-in heading before a paragraph's first phrase (``具体指标：到2022年，……``).
RUN_IN_RE = re.compile(r"^[^，。：；:]{1,12}[：:]")
# A clause that only says whose words follow, before a paragraph's first phrase (``根据方案，到2025年，……``,
# ``《规划》提出，到2025年，……``, ``按照省委部署，到2027年，……``): it names no quantity and no time, so
# the phrase after it still opens the paragraph (guide: ``到２０２０年，……`` sets the deadline of
# every sentence in it). Only the attribution verbs of a report on a plan and the 根据/按照 of a
# basis; a clause that does something (``推进X建设，到2025年，……``) keeps the phrase its own. A verb
# of saying may run into the phrase (``《纲要》提出“十四五”时期……的目标：``, ``方案明确到2025年……``).
# The length bounds are those of RUN_IN_RE and of a cited title (``按照《…实施方案》要求``).
ATTRIBUTION_LEAD_RE = re.compile(
    r"^(?:(?:根据|按照|依据|依照)[^，。；：:\d]{1,24}[，：:]|[^，。；：:\d]{1,12}(?:提出|明确|指出|强调|表示)[，：:]?)"
)
# A goal section: its own text may name the deadline of everything below it.
GOAL_HEADING_RE = re.compile(r"目标")
# A year-named work plan: every item is due at the end of that year (guide).
# ``2015年全区…工作方案`` is an annual plan too; not the end of a range (``2015-2020年``).
# So is a year's task allocation (``2025年重点工作任务分工方案``, ``2025年政府工作报告重点任务分工方案``,
# ``关于2020年市政府重点工作及责任分解的通知``).
# The year names the plan: the words between hold no other year, and a plan the title reports on
# (``关于2024年国民经济和社会发展计划执行情况与2025年计划草案的报告``) is the past — its 计划草案 is the
# year planned for (2025).
WORK_PLAN_RE = re.compile(
    r"(?<![-—－~～至到])((?:19|20)\d{2})年(?:度)?(?:(?!(?:19|20)\d{2}年)[^，。]){0,40}?"
    # (a year's 重点工作任务 and its 国民经济和社会发展计划 are annual plans too, and so are a year's
    # 主要目标/预期目标 set out: ``关于下达2025年主要目标的通知``, ``我市2025年工作总体要求和主要目标确定``;
    # not a report on how they went, nor 远景目标)
    r"(?:工作(?:要点|方案|计划|任务)|任务(?:分工|清单)(?:方案)?|社会发展计划(?![^，。]{0,2}执行情况)|计划草案"
    r"|责任分[工解]|目标任务|重点工作|(?:主要|预期)目标(?!\S{0,6}(?:完成|实施|执行|进展|推进)情况)"
    # a year's 民生实事 (``2024年十大民生实事项目``, ``关于2024年实施47项民生实事的通知``) are done
    # within that year; not a report on them (``民生实事完成情况``)
    r"|民生实事(?![^，。]{0,4}(?:完成|实施|执行|进展|推进)情况))"
)

# A plan titled with its period (``…行动计划（2018—2020年）``, ``规划（2015-2020年）``): items are
# due by the period's last year. The period must close the title (or the name in a 印发 title):
# ``规划（2021-2026年）工作方案`` is another document, a plan for carrying the 规划 out. Not a
# date range of a notice (``2020年2月1日—2020年2月29日``) nor a span no plan has.
_TITLE_END = r"(?=$|》|的(?:通知|意见|函)|[（(]试行[）)])"
PLAN_PERIOD_RE = re.compile(
    r"(?:计划|方案|规划|纲要|要点)[（(](?P<first>(?:19|20)\d{2})年?\s*[—–\-－~～至到]+\s*(?P<last>(?:19|20)\d{2})年?[）)]"
    + _TITLE_END
)
# An N-year plan named so (``三年行动方案``, ``五年行动计划``): due N-1 years after the document's year.
PLAN_YEARS_RE = re.compile(r"(?P<n>[二两三四五六七八九十]|\d)年(?:行动|攻坚|专项)?(?:计划|方案|规划)" + _TITLE_END)
PLAN_PERIOD_MAX_YEARS = 15

# --- the past sections of a report (guide, 政府工作报告) -------------------------
# A heading of a review section: everything under it describes past results
# (``一、2023年工作回顾``, ``过去五年工作回顾``, ``十年来的主要成就``, a digest's ``■ 2024年成绩单``).
_YEARS_CN = "一两二三四五六七八九十几\\d"
# A heading that reports how a plan went is one too (``一、2023年计划执行情况``, ``主要目标任务完成情况``,
# ``重点项目进展情况``), whatever plan words it names, and so is a statistics bulletin's title line
# (``XX市2023年国民经济和社会发展统计公报``: the figures of a year gone by).
PROGRESS_HEADING_RE = re.compile(r"(?:完成|进展|执行|落实)情况")
STATISTICS_BULLETIN = "统计公报"
RESULTS_HEADING_RE = re.compile(rf"{PROGRESS_HEADING_RE.pattern}|{STATISTICS_BULLETIN}")
REVIEW_HEADING_RE = re.compile(
    rf"回顾|工作总结|主要成[绩就]|成绩单|过去[{_YEARS_CN}]*年|[{_YEARS_CN}]+年来|{RESULTS_HEADING_RE.pattern}"
)
# A heading that looks forward ends a review section (``二、2024年政府工作任务``).
FORWARD_HEADING_RE = re.compile(r"安排|任务|目标|打算|计划|取向|今年|部署")
# ``今年以来`` looks back (``一、2019年和今年以来工作回顾``): its 今年 makes no heading forward.
SO_FAR_THIS_YEAR = "今年以来"
# A heading names the year it is about (``2023年工作回顾``): before the document's year it is past.
# Not a date (``2026年1月10日``) nor a version (``监测指标体系（2023年版）``).
HEADING_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?!\d{1,2}月|版)")
# A top-level heading run into the text (a page whose body is one line): ``一、2024年工作回顾2024年是…``.
INLINE_HEADING_RE = re.compile(r"[一二三四五六七八九十]{1,3}、")
# A year heading run into its text (``2024年工作回顾2024年是…``, ``2025年工作安排…``).
RUN_IN_YEAR_HEADING_RE = re.compile(
    rf"^(?:19|20)\d{{2}}年[^，。；、\d]{{0,6}}(?:{REVIEW_HEADING_RE.pattern}|{FORWARD_HEADING_RE.pattern})"
)
# Where INLINE_HEADING_RE matches: at a ``、`` after a numeral. Written literal first, the ``、``
# is found at C speed (five times faster than the marker pattern, which tries its numeral class
# at every numeral of the text, or a look-behind written first).
_NUMERAL_COMMA_RE = re.compile("、(?<=[一二三四五六七八九十]、)")
# How much of the text after an inline marker is read as its heading.
INLINE_HEADING_CHARS = 12
# A paragraph this short without sentence punctuation is a heading line of its own.
HEADING_LINE_MAX = 30
_SENTENCE_PUNCT_RE = re.compile(r"[。，；！？]")

# Indicator clean-up: leading and trailing words that are not the quantity.
INDICATOR_LEAD_RE = re.compile(
    r"^(?:其中|每年|在|并|且|同时|确保|力争|争取|努力|全面|基本|逐步|进一步|要|将|使|让|实现|促进|推动|推进|"
    r"全部|累计|总体|总计|共|再|还|能|可|持续|稳步|大力|加快|初步|切实|有效|探索|"
    # a verb of saying that opens the clause (``提出到2025年地区生产总值将达到3.5万亿元``: the plan's words)
    r"提出|明确)+"
)
_INDICATOR_TRAIL_WORDS = (
    "每年", "每季度", "每月", "趋于", "趋向", "趋", "均", "分别", "总体", "力争", "争取", "确保", "要", "将", "应",
    "可", "都", "全部", "各", "共", "达", "为", "稳定", "基本", "累计", "大力", "积极", "加快", "深入", "在", "再",
)  # fmt: skip
INDICATOR_TRAIL_RE = re.compile(
    _skipping(_first_chars(_INDICATOR_TRAIL_WORDS), "(?:" + "|".join(_INDICATOR_TRAIL_WORDS) + ")+$")
)
# ``农民收入将接近1.8万元``, ``全市将新增就业岗位1万个``: 将 (will; 即将, 必将) after the subject opens its
# predicate (guide: verbs and comparators dropped): it goes, and so do one or two characters after
# it right before the number, which can only be a verb (``将接近``, ``将近``). Not a 将 that is no modal
# (将军, 将乐县, 将领, 将士); one that opens the text is INDICATOR_LEAD_RE's.
MODAL_WILL_RE = re.compile(r"(?<=[\u4e00-\u9fffA-Za-z）)])[即必]?将(?![军乐领士])(?:[\u4e00-\u9fff]{1,2}$)?")
# The verb may follow its object: the 将/把 construction and ``对N家企业…建立``.
DISPOSAL_RE = re.compile(r"(?:^|[^必即])[将把]|(?:^|[，；])(?:计划)?对")
# The object after a number ends where a new verb starts (``2—4所重点高中作为…学校``).
TAIL_STOP_RE = re.compile(r"作为|进行|用于|开展|参与|实行|，")
LENGTH_UNITS = ("公里", "千米", "米")
LENGTH_SUFFIX = "长度"
AREA_UNITS = ("亩", "亩次", "公顷", "平方米", "平方公里", "平方千米")
AREA_SUFFIX = "面积"
COORDINATION_RE = re.compile(r"、|和|与|及")
# ``分别`` (respectively) is an adverb: never part of the measured quantity's name.
RESPECTIVELY = "分别"
_TRAILING_CONJUNCTION_RE = re.compile(r"[、和及与或]+$")
CONJUNCTION_ONLY_RE = re.compile(r"^[、，和及与或以\s]*$")
# How a subject's head is named when the number counts items (``…数``) or is a share (``…比例``).
COUNT_SUFFIX = "数"
GROWTH_ENDINGS = ("增长", "增加", "提高", "提升")
RATE_SUFFIX = "率"
EVENT_UNITS = ("人次", "户次", "台次", "架次")
SHARE_SUFFIX = "比例"
MEASURE_ENDINGS = (
    "数", "量", "率", "比例", "比重", "占比", "规模", "面积", "长度", "收入", "额", "系数", "速", "人口",
    "涨幅", "增幅",
)  # fmt: skip

_BEFORE_ALT = "|".join(
    w + r"(?=[\d０-９]|$)" if w in BEFORE_NUMBER_ONLY else w for w in sorted(COMPARATOR_BEFORE, key=len, reverse=True)
)
_FALL_ALT = "|".join(FALL_WORDS)
# Not when the word is part of a measure's name: ``覆盖率``, ``实现率``, ``覆盖面``.
COMPARATOR_BEFORE_RE = re.compile(
    _skipping(
        _first_chars([*COMPARATOR_BEFORE, *FALL_WORDS]), rf"(?P<word>{_BEFORE_ALT}|(?P<fall>{_FALL_ALT})了?)(?![率面])"
    )
)
COMPARATOR_AFTER_RE = re.compile("^(?:" + "|".join(sorted(COMPARATOR_AFTER, key=len, reverse=True)) + ")")
# A Chinese numeral can only be a target right after a comparator (``达到三成``);
# clauses without one skip converting their numerals (``十三五``, ``三级``).
CHINESE_AFTER_COMPARATOR_RE = re.compile(
    rf"(?:{_BEFORE_ALT}|{_FALL_ALT})[为到至]?(?:百分之)?[零〇一二两三四五六七八九十百千万]"
)
# …or right before a count and a bound (``举办百场以上两岸交流活动``): a round number of
# at least ``CHINESE_BOUNDED_MIN`` (``两个以上`` is a condition, ``三级以上`` no count).
_COUNT_ALT = "|".join(sorted(COUNT_UNITS, key=len, reverse=True))
CHINESE_BOUNDED_RE = re.compile(rf"[一二两三四五六七八九十百千万]+(?:{_COUNT_ALT})(?:以上|左右)")
CHINESE_BOUNDED_MIN = 10
# …or a small count the text commits to deliver: after a floor word (``至少建设一所…学校``,
# ``至少要建成一个``; one included), or right after a building verb from two up (``建成十个示范点``;
# ``建设一个平台``, ``建立一个机制``, ``一批`` name what is built, not how many).
_FLOOR_ALT = "至少|不少于"
_BUILD_ALT = "新建|建成|建设|新增|创建"
CHINESE_COUNT_UNITS: tuple[str, ...] = ("个", "所", "家", "处", "座", "支", "片", "条", "名", "间")
_CHINESE_COUNT_ALT = "|".join(CHINESE_COUNT_UNITS)
_MODAL = "(?:要|应当|应|须|需要|需)?"
# Whether a clause may hold one (a superset of what ``_delivered_count`` accepts: any ten
# characters between the floor word and the count; the engine skips to the words' first characters).
CHINESE_DELIVERED_RE = re.compile(
    _skipping(
        _first_chars([*_FLOOR_ALT.split("|"), *_BUILD_ALT.split("|")]),
        rf"(?:{_BUILD_ALT})[一二两三四五六七八九十]+(?:{_CHINESE_COUNT_ALT})"
        rf"|(?:{_FLOOR_ALT})[^，。；]{{0,10}}?[一二两三四五六七八九十]+(?:{_CHINESE_COUNT_ALT})",
    )
)
CHINESE_FLOOR_BEFORE_RE = re.compile(rf"(?:{_FLOOR_ALT}){_MODAL}(?:{'|'.join(DELIVERY_VERBS)})?$")
CHINESE_BUILT_BEFORE_RE = re.compile(rf"(?:{_BUILD_ALT})$")
# (a verb before 率 names a rate, not an act: ``整体完成率111.5%``, ``建成率`` report how far a plan got)
DELIVERY_RE = re.compile("(?:" + "|".join(sorted(DELIVERY_VERBS, key=len, reverse=True)) + ")(?!率)")
PLAN_RE = re.compile(_skipping(_first_chars(PLAN_VERBS), "|".join(PLAN_VERBS)))
REJECT_CLAUSE_RE = re.compile("|".join(REJECT_CLAUSE_WORDS))
REJECT_SENTENCE_RE = re.compile("|".join(REJECT_SENTENCE_WORDS))
# A parameter word that names a policy instrument (``用好稳岗返还、就业补贴等政策措施``,
# ``落实一次性吸纳就业补贴政策``) sets no amount: it voids no number after it.
INSTRUMENT_AFTER_RE = re.compile(r"[^，。；：、]{0,6}?等?(?:政策|措施)")


def _parameter_word(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The first match of ``pattern`` in ``text`` that sets a parameter (not an instrument's name)."""
    for m in pattern.finditer(text):
        if INSTRUMENT_AFTER_RE.match(text, m.end()) is None:
            return m
    return None


# ``作出了`` (a completed action); not ``为了``/``除了``/``了解``.
# ``比上年增长7%`` measures from last year; it says nothing of the past.
PAST_RE = re.compile(
    _skipping(
        _first_chars([*PAST_WORDS, "了"]),
        "(?<![比较])(?:" + "|".join(sorted(PAST_WORDS, key=len, reverse=True)) + r")|(?<![为除])了(?!解)",
    )
)
_QUOTES_RE = re.compile(r"[“‘《〈][^”’》〉]*$")
_NOTE_RE = re.compile(r"[（(][^（）()]*$")
_CLAUSE_MARK_RE = re.compile(r"[，；]")
# Time phrases are blanked with this before quantities are read (their digits are dates).
MASK = "\x00"
WHOLE_YEAR = "全年"
_DATED = ("deadline", "point")


class _Scope(NamedTuple):
    """What encloses a paragraph: its outline path and the deadline phrases above it.

    (Named tuples, this and the analysis' other records: one is made per outline node, quantity
    and reading, and a frozen dataclass costs three times as much to build, like ``Piece``.)

    ``inherited`` comes from a goal section and, like a paragraph's opening
    phrase, vouches for bare amounts below it (a goal list); ``default`` (a
    year-named 工作要点) only dates targets found by other evidence.
    """

    path: tuple[str, ...]
    heading: str
    inherited: TimePhrase | None
    conditions: bool
    default: TimePhrase | None = None
    sections: _Sections | None = None
    log: _Log | None = None


class _Reading(NamedTuple):
    """One quantity read as a target, offsets relative to its sentence."""

    quantity: Quantity
    verdict: _Verdict
    indicator: str
    text_start: int
    text_end: int
    recurring: bool  # its clause states a recurring amount (``每年``): no deadline


class NumberDecision(msgspec.Struct, frozen=True):
    """What the target analysis decided about one number or stretch of text.

    ``start``/``end`` are clean offsets: of the quantity when one was read, else of
    the stretch a rule set aside as a whole (a sentence that sets subsidies, a
    time phrase, a list of eligibility conditions). ``rule`` names the rule that
    kept or rejected it (the names are the tables and checks of this module);
    ``target`` is the target made when ``kept``.
    """

    start: int
    end: int
    kept: bool
    rule: str
    target: Target | None = None


class _Log:
    """Decisions in the order they are taken; only filled when asked for (``analyse_targets``)."""

    def __init__(self) -> None:
        self.decisions: list[NumberDecision] = []

    def reject(self, start: int, end: int, rule: str) -> None:
        self.decisions.append(NumberDecision(start, end, False, rule))


def extract_targets(doc: Document, clean: CleanText) -> tuple[Target, ...]:
    """Every target of ``doc``, in text order. Never raises on odd text."""
    return tuple(d.target for d in _targets(doc, clean, None) if d.target is not None)


def analyse_targets(doc: Document, clean: CleanText) -> tuple[NumberDecision, ...]:
    """Every decision the target analysis takes on ``doc``: each kept target with the rule
    that committed it, and each rejected quantity or stretch with the rule that set it aside.
    The kept decisions' targets are exactly :func:`extract_targets`."""
    log = _Log()
    log.decisions.extend(_targets(doc, clean, log))
    return tuple(sorted(log.decisions, key=lambda d: (d.start, d.end)))


def _targets(doc: Document, clean: CleanText, log: _Log | None) -> Iterator[NumberDecision]:
    """Each target as a kept decision (the quantity's offsets and the rule that committed it)."""
    kept: dict[tuple[float, float | None, str], list[Target]] = {}  # by value: linear in the targets
    for d in _readings(doc, clean, log):
        if d.target is not None:
            unit = PERSON_UNITS[0] if d.target.unit in PERSON_UNITS else d.target.unit  # 人 and 名 count people
            same_value = kept.setdefault((d.target.value, d.target.value_max, unit), [])
            if _restates(d.target, same_value):
                if log is not None:
                    log.reject(d.start, d.end, "restates-earlier-target")
                continue
            same_value.append(d.target)
        yield d


def _readings(doc: Document, clean: CleanText, log: _Log | None) -> Iterator[NumberDecision]:
    default = _work_plan_phrase(doc)
    root = _Scope((), "", None, False, default, _sections(doc), log)
    lead: _Scope | None = None
    for para in doc.preamble:
        if para.text and _might_hold_target(para.text):
            yield from _paragraph_targets(para, lead or root, doc, clean, first=False)
        if para.text.endswith(LIST_COLON):
            lead = _lead_scope(para.text, root, doc.reference_date)
    for node in doc.outline:
        yield from _node_targets(node, root, doc, clean)
    for para in doc.closing:
        if para.text and _might_hold_target(para.text):
            yield from _paragraph_targets(para, root, doc, clean, first=False)


def _work_plan_phrase(doc: Document) -> TimePhrase | None:
    """The period a plan's title names, which dates every item of it (guide: a ``2016年工作要点``
    item → 2016-12-31): a year-named work plan, a plan titled with its period
    (``…行动计划（2018—2020年）``: its last year) or an N-year plan (``三年行动方案`` of a
    document dated 2018: 2020, counted like ``通过5年努力``), else None."""
    for title in (doc.forwarded_title, doc.title, _title_line(doc), _annex_title(doc)):
        m = WORK_PLAN_RE.search(title or "")
        if m:
            year = int(m.group(1))
            return TimePhrase(m.start(1), m.end(1) + 1, f"{year}年工作要点", "deadline", f"{year}-12-31", year)
    allocation = _report_allocation_phrase(doc)
    if allocation is not None:
        return allocation
    for title in (doc.forwarded_title, doc.title):
        m = PLAN_PERIOD_RE.search(title or "")
        if m:
            first, year = int(m.group("first")), int(m.group("last"))
            if first < year <= first + PLAN_PERIOD_MAX_YEARS:
                return TimePhrase(m.start(), m.end(), m.group(), "deadline", f"{year}-12-31", year)
    now = doc_year(doc.reference_date)
    for title in (doc.forwarded_title, doc.title):
        m = PLAN_YEARS_RE.search(title or "")
        if m and now is not None:
            n = int(m.group("n")) if m.group("n").isdigit() else int(chinese_to_number(m.group("n")) or 0)
            if 1 < n <= PLAN_PERIOD_MAX_YEARS:
                year = now + n - 1
                return TimePhrase(m.start(), m.end(), m.group(), "deadline", f"{year}-12-31", year)
    return None


# A text the header found no title in (a page's table, a list with its name on top) opens with its
# name on a line of its own: ``开化县2023年度重点工作清单（一季度…执行落实情况）``, ``2024年《政府工作报告》
# 重点工作目标任务分解表``. At most 60 characters (two lines of a 公文 title, GB/T 9704) and no sentence
# punctuation, so no opening sentence of a news text (``2024年，全县将…。``) is read as one.
TITLE_LINE_MAX = 60


def _title_line(doc: Document) -> str | None:
    """The first line of a text with no title and no forwarded title, where it reads as a name."""
    if doc.title or doc.forwarded_title:
        return None
    first = next(_all_paragraphs(doc), None)
    if first is None:
        return None
    if len(first.text) <= TITLE_LINE_MAX and not _SENTENCE_PUNCT_RE.search(first.text):
        return first.text
    if _announces_a_plan(first.text):
        return first.text
    return None


# A news page's lead that is one clause announcing the plan the page sets out (``…表决县政府2025年度十件民生
# 实事项目 正式出炉！``, ``某市2024年重点工作任务清单发布。``): it names the page's plan as a title would. One
# clause (no ，；？ and no sentence end before the last character), at most 80 characters (a lead of two
# title lines and its source), and a word that announces.
ANNOUNCING_LEAD_MAX = 80
ANNOUNCE_RE = re.compile(r"(?:出炉|发布|公布|出台|印发)[！!。]?$")


def _announces_a_plan(text: str) -> bool:
    if len(text) > ANNOUNCING_LEAD_MAX or ANNOUNCE_RE.search(text) is None:
        return False
    return _SENTENCE_PUNCT_RE.search(text, 0, len(text) - 1) is None


def _annex_title(doc: Document) -> str | None:
    """The title of a text's first annex (the line after its ``附件1`` label, GB/T 9704 7.3.7), where it
    reads as a name: the annex is the plan the text issues (``附件1`` / ``2024年《政府工作报告》主要目标任务
    责任分解表``), so a year its title names dates the items when no title of the text does."""
    after_label = False
    for para in _all_paragraphs(doc):
        if after_label:
            if len(para.text) <= TITLE_LINE_MAX and not _SENTENCE_PUNCT_RE.search(para.text):
                return para.text
            return None
        after_label = para.text.startswith("附件") and ANNEX_HEAD_RE.match(para.text) is not None
    return None


# The yearly allocation of a 政府工作报告's tasks whose title names no year (``关于落实《政府工作报告》重点工作
# 责任分工的意见``, ``…政府工作报告重点任务分解方案``): an annual plan like a ``2016年工作要点`` (guide: its
# items → the year's end), of the report's year, which its opening names (``现就2013年《政府工作报告》确定的
# 重点工作任务提出责任分工意见如下``), else the document's own year.
REPORT_ALLOCATION_RE = re.compile(r"政府工作报告》?[^，。]{0,16}?(?:分工|分解|任务清单)")
REPORT_OF_YEAR_RE = re.compile(r"((?:19|20)\d{2})年(?:度)?[^，。《]{0,4}《?政府工作报告")
ALLOCATION_OPENING_PARAGRAPHS = 3  # the 主送机关 line, the opening sentence and a spare line


def _report_allocation_phrase(doc: Document) -> TimePhrase | None:
    """The year of the report a yearly task allocation of a 政府工作报告 carries out, as the phrase
    that dates its items, else None (a title that names its year is WORK_PLAN_RE's)."""
    if not any(REPORT_ALLOCATION_RE.search(title or "") for title in (doc.forwarded_title, doc.title)):
        return None
    year = None
    for para in doc.preamble[:ALLOCATION_OPENING_PARAGRAPHS]:
        m = REPORT_OF_YEAR_RE.search(para.text)
        if m:
            year = int(m.group(1))
            break
    year = year or doc_year(doc.reference_date)
    if year is None:
        return None
    return TimePhrase(0, 0, f"{year}年《政府工作报告》", "deadline", f"{year}-12-31", year)


def _node_targets(node: OutlineNode, parent: _Scope, doc: Document, clean: CleanText) -> Iterator[NumberDecision]:
    inherited = parent.inherited
    if GOAL_HEADING_RE.search(node.heading or ""):
        goal = _goal_phrase(node, doc.reference_date)
        if goal is not _AMBIGUOUS:
            inherited = goal or inherited
        else:
            inherited = None
    default = _heading_year_phrase(_heading_of(node), doc.reference_date) or parent.default
    scope = _Scope(node.path, node.heading, inherited, parent.conditions, default, parent.sections, parent.log)
    lead: _Scope | None = None  # the scope a dated list intro sets for the paragraphs after it
    for i, para in enumerate(node.paragraphs):
        if para.text and _might_hold_target(para.text):  # (most cannot: no generator for them)
            yield from _paragraph_targets(para, lead or scope, doc, clean, first=i == 0)
        if para.text.endswith(LIST_COLON):
            lead = _lead_scope(para.text, scope, doc.reference_date)
    if not node.children:
        return  # the scope below is only for children
    own = "".join(p.text for p in node.paragraphs)
    conditions = (
        parent.conditions
        or bool(CONDITION_INTRO_RE.search(own[-60:] if own else ""))
        or (own.rstrip().endswith("：") and CRITERIA_INTRO_RE.search(own) is not None)
    )
    child_scope = _Scope(node.path, node.heading, inherited, conditions, default, parent.sections, parent.log)
    for child in node.children:
        yield from _node_targets(child, child_scope, doc, clean)


_AMBIGUOUS = TimePhrase(0, 0, "", "ambiguous", None, None)


def _heading_year_phrase(heading: str, date: str | None) -> TimePhrase | None:
    """A section heading that names one current or coming year (``2024年政府工作任务``)
    dates the targets below it that have no nearer phrase (guide: the goal section
    it sits under); a review heading or a past year dates nothing."""
    years = {int(y) for y in HEADING_YEAR_RE.findall(heading or "")}
    if len(years) != 1 or REVIEW_HEADING_RE.search(heading):
        return None
    year = years.pop()
    now = doc_year(date)
    if now is None:
        # A text with no date of its own (a page of a report): a heading that plans for its year
        # (``三、2024年主要工作安排``) dates what it heads, as a ``2024年工作要点`` title does; one
        # that only names a year (``2023年经济运行情况``) may be the past, and dates nothing.
        if not _looks_forward(heading):
            return None
    elif year < now:
        return None
    return TimePhrase(0, 0, f"{year}年", "deadline", f"{year}-12-31", year)


# A heading line that plans for this year by name (``建议全年经济社会发展预期目标``, ``今年主要目标任务``):
# the text's year (its date's, else the one it speaks in) dates what it heads, as ``2024年主要工作安排``
# does (guide: 今年 → the report's year); not ``今年以来`` (so far this year: the past).
THIS_YEAR_HEADING_RE = re.compile(r"今年|全年|本年度")


def _this_year_heading_phrase(heading: str, year: int | None) -> TimePhrase | None:
    if year is None or SO_FAR_THIS_YEAR in heading or THIS_YEAR_HEADING_RE.search(heading) is None:
        return None
    if not _looks_forward(heading):
        return None
    return TimePhrase(0, 0, f"{year}年", "deadline", f"{year}-12-31", year)


def _heading_of(node: OutlineNode) -> str:
    """The node's heading, else the start of its text when that reads as a heading run into
    the text with no separator (``2024年工作回顾2024年是…``: a review or forward-looking word
    follows a year), else ``""``."""
    if node.heading or not node.paragraphs:
        return node.heading
    start = node.paragraphs[0].text[:INLINE_HEADING_CHARS]
    return start if RUN_IN_YEAR_HEADING_RE.match(start) else ""


# A word each of REVIEW_HEADING_RE, FORWARD_HEADING_RE and HEADING_YEAR_RE needs: a heading
# without one names no tense (most short lines are table cells: ``400元/月``).
_TENSE_WORD_RE = re.compile("年|回顾|工作总结|主要成|安排|任务|目标|打算|计划|取向|部署|情况|统计公报")


def _heading_tense(heading: str, date: str | None) -> str | None:
    """``past`` for a review heading, ``present`` for one that looks forward, else None."""
    if _TENSE_WORD_RE.search(heading) is None:
        return None
    forward = _looks_forward(heading)
    if REVIEW_HEADING_RE.search(heading) and not forward:
        return "past"
    years = {int(y) for y in HEADING_YEAR_RE.findall(heading)}
    now = doc_year(date)
    if years and now is not None and not forward and max(years) < now:
        return "past"
    return "present" if forward or years else None


def _looks_forward(heading: str) -> bool:
    """A forward-looking word in ``heading``, not in ``今年以来`` nor before a results word
    (``目标任务完成情况`` reports on the targets; ``…执行情况和2025年计划安排`` looks forward too)."""
    heading = heading.replace(SO_FAR_THIS_YEAR, "")
    results = RESULTS_HEADING_RE.search(heading)
    return FORWARD_HEADING_RE.search(heading, results.end() if results else 0) is not None


class _Sections(msgspec.Struct, frozen=True):
    """What the report's section headings say about stretches of its text (clean offsets).

    ``past``: under a review heading, up to the next heading that looks forward;
    ``dated``: under a heading that names the current or coming year (``二、2025年工作安排``),
    up to the next heading that names a tense, with the phrase that dates it.
    """

    past: tuple[tuple[int, int], ...] = ()
    dated: tuple[tuple[int, int, TimePhrase], ...] = ()
    # The past stretches opened by a progress heading (``…执行情况``, ``…完成情况``): a progress
    # report may set the coming part of its year in them, and a sentence's own time phrase that
    # has yet to come is nearer than the heading (``2023年上半年`` in January:
    # tests/pipeline/targets/test_dated_lists_and_points.py).
    progress: tuple[tuple[int, int], ...] = ()
    # The year a text with no date of its own speaks in (its title's year, else ``_undated_year``):
    # the report's year, which its ``今年`` names (guide: 今年 → the report's year). None for a dated text.
    planned_year: int | None = None
    # The year a report's title names (``_report_title_phrase``): it dates the commitments that no
    # nearer phrase, goal section or heading dates.
    report: TimePhrase | None = None

    def in_progress_section(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.progress)

    def is_past(self, pos: int) -> bool:
        return any(a <= pos < b for a, b in self.past)

    def all_past(self, start: int, end: int) -> bool:
        """Every offset of ``[start, end)`` lies in one past stretch (so each is :meth:`is_past`)."""
        return any(a <= start and end <= b for a, b in self.past)

    def phrase_at(self, pos: int) -> TimePhrase | None:
        for a, b, phrase in self.dated:
            if a <= pos < b:
                return phrase
        return None


class _Heading(msgspec.Struct, frozen=True):
    """A heading that sets the tense of the text below it (a review section, a plan section)."""

    pos: int
    tense: str | None  # ``past``, ``present`` or None (a heading that names no tense)
    text: str
    from_outline: bool  # a top-level outline item (else a heading line or an inline marker)


def _sections(doc: Document) -> _Sections:
    """Read section headings from the outline's top level, from heading lines of their own
    and from top-level markers run into the text (a page whose body is one line).

    A review heading starts a past stretch; a forward-looking heading ends it, and so does
    the next top-level item when the stretch began at one (its sibling). A heading naming
    the current or coming year dates what follows up to the next heading of its kind.
    """
    heads: list[_Heading] = []
    for node in doc.outline:
        heading = _heading_of(node)
        heads.append(_Heading(node.start, _heading_tense(heading, doc.reference_date), heading, True))
    for para in _all_paragraphs(doc):
        text = para.text
        if len(text) <= HEADING_LINE_MAX and not _SENTENCE_PUNCT_RE.search(text):
            tense = _heading_tense(text, doc.reference_date)
            if tense is not None:
                heads.append(_Heading(para.start, tense, text, False))
            continue
        if _NUMERAL_COMMA_RE.search(text) is None or not _may_open_inline_heading(text):
            continue
        for sent in sentences(text):
            m = INLINE_HEADING_RE.match(sent.text)
            if m is None:
                continue
            heading = sent.text[m.end() : m.end() + INLINE_HEADING_CHARS]
            if not (RUN_IN_YEAR_HEADING_RE.match(heading) or REVIEW_HEADING_RE.search(heading)):
                continue  # ``一、2015年全省新建…`` is a list item, not a section heading
            tense = _heading_tense(heading, doc.reference_date)
            if tense is not None:
                heads.append(_Heading(para.start + sent.start, tense, heading, False))
    if doc.title and STATISTICS_BULLETIN in doc.title:
        return _Sections(((doc.span.start, doc.span.end),))  # a bulletin reports a year gone by
    first = next(_all_paragraphs(doc), None)  # a text with no header opens with its title line
    titles = (doc.title, doc.forwarded_title, first.text if first is not None else None)
    heads = [_progress_title_line(h, titles, doc.reference_date) for h in heads]
    report = _report_title_phrase(doc)
    undated = None
    if doc.reference_date is None:
        undated = report.year if report is not None else _undated_year(doc, heads)
    if not any(h.tense for h in heads):
        return _Sections(planned_year=undated, report=report)
    heads.sort(key=lambda h: h.pos)
    past: list[tuple[int, int]] = []
    # where a past stretch opens at a progress heading only (``一、计划执行情况``: see ``_Sections``)
    now = doc_year(doc.reference_date)
    progress_from = {
        h.pos
        for h in heads
        if h.tense == "past" and _progress_only(h.text) and not _reports_a_year_gone_by(h.text, now)
    }
    dated: list[tuple[int, int, TimePhrase]] = []
    past_from: _Heading | None = None
    dated_from: tuple[_Heading, TimePhrase] | None = None
    for h in heads:
        ends_past = h.tense == "present" or (
            h.tense is None and h.from_outline and past_from is not None and past_from.from_outline
        )
        if past_from is not None and ends_past:
            past.append((past_from.pos, h.pos))
            past_from = None
        if dated_from is not None and (h.tense is not None or (h.from_outline and dated_from[0].from_outline)):
            dated.append((dated_from[0].pos, h.pos, dated_from[1]))
            dated_from = None
        if h.tense == "past" and past_from is None:
            past_from = h
        phrase = _heading_year_phrase(h.text, doc.reference_date) if h.tense == "present" else None
        if phrase is None and h.tense == "present":
            phrase = _this_year_heading_phrase(h.text, now or undated)
        if phrase is not None:
            dated_from = (h, phrase)
    if past_from is not None:
        past.append((past_from.pos, doc.span.end))
    if dated_from is not None:
        dated.append((dated_from[0].pos, doc.span.end, dated_from[1]))
    progress = tuple((a, b) for a, b in past if a in progress_from)
    return _Sections(tuple(past), tuple(dated), progress, undated, report)


# A 政府工作报告 titled with its year (``2025年政府工作报告``, ``寻甸县2025年政府工作报告（节选）``,
# ``政府工作报告（2025）``): the year it plans for, as a ``2016年工作要点`` title names its year (guide: such an
# item → 2016-12-31; 今年 → the report's year). The web page's 发布日期 is no date of the report (guide:
# 成文日期, not 发布日期) and is not read here.
REPORT_TITLE_YEAR_RE = re.compile(
    r"((?:19|20)\d{2})年度?[^，。；（(《》]{0,12}?政府工作报告|政府工作报告[（(]((?:19|20)\d{2})年?[）)]"
)


def _report_title_phrase(doc: Document) -> TimePhrase | None:
    """The year a report's title names, as the phrase that dates its commitments, else None."""
    for title in (doc.forwarded_title, doc.title):
        m = REPORT_TITLE_YEAR_RE.search(title or "")
        if m:
            year = int(m.group(1) or m.group(2))
            return TimePhrase(m.start(), m.end(), f"{year}年政府工作报告", "deadline", f"{year}-12-31", year)
    return None


# ``回顾总结过去的2023年``, ``2023年工作回顾``: the text names a year as gone by.
GONE_BY_YEAR_RE = re.compile(r"过去的?((?:19|20)\d{2})年|((?:19|20)\d{2})年(?:工作)?回顾")


def _undated_year(doc: Document, heads: list[_Heading]) -> int | None:
    """The year a text with no date of its own speaks in, where the text decides it: the one
    year its forward-looking headings plan for (``三、2024年主要工作安排``), or the year after
    the one it calls gone by (``回顾总结过去的2023年``, ``2023年工作回顾``); None where these
    disagree or name nothing."""
    years = {
        int(y)
        for h in heads
        if h.tense == "present" and _looks_forward(h.text)
        for y in HEADING_YEAR_RE.findall(h.text)
    }
    planned: set[int] = set()  # the years a clause plans for (``2025年四川将…``)
    named: set[int] = set()  # every year the text names
    reported = False  # the text is (about) a report: it sets out the year it plans for
    for para in _all_paragraphs(doc):
        if "过去" in para.text or "回顾" in para.text:
            years.update(int(a or b) + 1 for a, b in GONE_BY_YEAR_RE.findall(para.text))
        reported = reported or REPORT_WORD in para.text
        if "年" in para.text:
            planned.update(int(y) for y in PLANNED_YEAR_RE.findall(para.text))
            named.update(int(y) for y in NAMED_YEAR_RE.findall(para.text))
    if reported:
        years |= planned
        if not years and len(named) == 1:
            # a page on a report that names one year and nothing else (``2023年，山东怎样干？政府工作报告对
            # 今年的重点工作作出部署安排``, ``建议全年经济社会发展预期目标``): its 今年 and 全年 are that year.
            # (Its bare years read as they do without it: no year before it is named to become the past.)
            years = named
    return years.pop() if len(years) == 1 else None


# Every year a text names (``2023年``, the ``2023年01月14日`` of a dateline).
NAMED_YEAR_RE = re.compile(r"(?=[12])((?:19|20)\d{2})年")


# A clause that opens with a year and plans for it within a few characters (``报告指出，2025年四川将持续
# 打造……``, ``2023年经济社会发展的主要预期目标是：``): in a text on a report with no date of its own, the
# year the report plans for, as ``三、2024年主要工作安排`` names it (``_undated_year``); the other years the
# page names are then the past (``2024年，四川……粮食产量726.8亿斤``: its results). Only with 报告 in the
# text: an undated plan may plan for several years one after another (``2024年将…；2025年将…``), and one
# such clause alone would make the years before it the past. 12 characters: a subject (``全省``,
# ``四川还``) or ``经济社会发展的`` between year and plan word.
REPORT_WORD = "报告"
PLANNED_YEAR_RE = re.compile(
    # (a year's first digit looked for first, then what precedes it: the engine skips other characters)
    r"(?=[12])(?<![^。！？；，])((?:19|20)\d{2})年[，]?[^，。；：]{0,12}?(?:将(?![军乐领士])|主要预期目标|预期目标|主要目标)"
)


TAB = "\t"
# The review words that are not a progress heading's (``回顾``, ``过去一年``…).
_REVIEW_ONLY_RE = re.compile(rf"回顾|工作总结|主要成[绩就]|过去[{_YEARS_CN}]*年|[{_YEARS_CN}]+年来")


def _reports_a_year_gone_by(heading: str, year_now: int | None) -> bool:
    """``一、2024年国民经济和社会发展计划执行情况`` in a report of January 2025: the heading names
    only years before the document's, so nothing under it is yet to come — its ``全年`` is 2024's."""
    years = {int(y) for y in HEADING_YEAR_RE.findall(heading)}
    return bool(years) and year_now is not None and max(years) < year_now


def _progress_only(heading: str) -> bool:
    """``heading`` looks back by a progress word alone (``计划执行情况``, not ``工作回顾``)."""
    return PROGRESS_HEADING_RE.search(heading) is not None and _REVIEW_ONLY_RE.search(heading) is None


def _dated_ahead(phrases: list[TimePhrase], q: Quantity) -> bool:
    """The nearest time phrase before ``q`` in its sentence sets a deadline (one yet to come)."""
    before = [p for p in phrases if p.end <= q.start and p.kind != "baseline"]
    return bool(before) and before[-1].kind in _DATED and before[-1].deadline is not None


def _progress_title_line(h: _Heading, titles: tuple[str | None, ...], date: str | None) -> _Heading:
    """A progress heading (``…执行情况``, ``…进展情况``) makes its section past (``一、2023年计划执行
    情况``), but not as the document's own title: that may title a progress table, whose target
    column restates the year's targets beside their progress
    (tests/pipeline/targets/test_past_forecasts_measures.py); there it has the tense of its other
    words (a text with no header: its first line). Nor does a table's header row with a progress
    column."""
    if h.from_outline or h.tense != "past" or PROGRESS_HEADING_RE.search(h.text) is None:
        return h
    if h.text not in titles and TAB not in h.text:
        return h  # (a tab row is a table's header row: ``序号\t工作事项\t具体目标要求\t进展情况``)
    return replace(h, tense=_heading_tense(PROGRESS_HEADING_RE.sub("", h.text), date))


def _may_open_inline_heading(text: str) -> bool:
    """A top-level marker that opens a sentence (at 0 or right after a sentence end) and is
    followed by heading words: the only place :func:`_sections` reads an inline heading, so a
    paragraph without one skips the sentence split."""
    for m in INLINE_HEADING_RE.finditer(text):
        at = m.start()
        if at and text[at - 1] not in SENTENCE_ENDS:
            continue
        heading = text[m.end() : m.end() + INLINE_HEADING_CHARS]
        if RUN_IN_YEAR_HEADING_RE.match(heading) or REVIEW_HEADING_RE.search(heading):
            return True
    return False


def _inline_tense(text: str, at: int, date: str | None) -> str | None:
    return _heading_tense(text[at : at + INLINE_HEADING_CHARS], date)


def _all_paragraphs(doc: Document) -> Iterator[Paragraph]:
    yield from doc.preamble
    for node in doc.nodes():
        yield from node.paragraphs
    yield from doc.closing


def _goal_phrase(node: OutlineNode, date: str | None) -> TimePhrase | None:
    """The single deadline a goal section's own text opens a sentence with.

    Two different deadlines (``到2018年底…… 到2020年……``) leave the items
    below undated (gold NOTES, 绵府发6 主要目标): returns ``_AMBIGUOUS``.
    """
    found: dict[str, TimePhrase] = {}
    for para in node.paragraphs:
        for sent in sentences(para.text):
            phrase = _opening_phrase(sent.text, date)
            if phrase is not None and phrase.deadline:
                found.setdefault(phrase.deadline, phrase)
    if len(found) > 1:
        return _AMBIGUOUS
    return next(iter(found.values()), None)


def _opening_phrase(text: str, date: str | None) -> TimePhrase | None:
    """A deadline phrase at the very start of ``text`` (``到2020年，……``), after a run-in heading
    or an attribution clause (``根据方案，``) if any."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    run_in = RUN_IN_RE.match(stripped) or ATTRIBUTION_LEAD_RE.match(stripped)
    if run_in:
        stripped = stripped[run_in.end() :]
        offset += run_in.end()
    for lead in ("力争", "争取", "计划", "预计"):
        if stripped.startswith(lead):
            offset += len(lead)
            break
    for phrase in find_time_phrases(text[offset : offset + 24], date):
        if phrase.start == 0 and phrase.kind in ("deadline", "point") and phrase.deadline:
            return phrase
        break
    return None


# How many items the list that follows names (``接续办好15件重点民生实事。具体包括：``, ``实施47项民生
# 实事，具体安排如下``): a summary of the list, not a quantity to reach (gold NOTES: ``等三张目录清单``).
LIST_COUNT_UNITS: tuple[str, ...] = ("件", "项")
LIST_INTRO_AFTER_RE = re.compile(r"^[^。；：，]{0,16}[。，；]?(?:具体|主要)?(?:包括|安排如下|如下)[：:。]?$")


def _counts_the_list_below(text: str, end: int, unit: str) -> bool:
    """The count ending at ``end`` is followed, before the paragraph ends, only by what it counts
    and a list intro (``具体包括：``, ``具体安排如下。``)."""
    return unit in LIST_COUNT_UNITS and LIST_INTRO_AFTER_RE.match(text[end:].rstrip()) is not None


# A list intro's colon: in the sentence the time phrase opens, or early in the next one (``具体包括：``).
LIST_COLON = "："
LIST_COLON_NEXT_MAX = 8


def _lead_scope(text: str, scope: _Scope, date: str | None) -> _Scope | None:
    """The scope of the paragraphs after ``text``, a list intro (it ends with a colon): its
    time phrase dates their targets (as a default: it vouches for no bare amount), unless a
    goal section above dates them already."""
    if scope.inherited is not None:
        return None
    phrase, _ = _list_lead(text, date)
    return scope._replace(default=phrase) if phrase is not None else None


def _list_lead(text: str, date: str | None, pieces: list[Piece] | None = None) -> tuple[TimePhrase | None, int]:
    """The deadline phrase opening the sentence that holds the paragraph's first colon (or the
    sentence before, when the colon comes early: ``具体包括：``), and where the list starts."""
    none = (None, len(text) + 1)
    colon = text.find(LIST_COLON)
    if colon == -1 or "年" not in text[:colon]:  # (every dated phrase names a 年: 今年, 2025年, 年底)
        return none
    if pieces is None:
        pieces = sentences(text)
    index = next((i for i, sent in enumerate(pieces) if sent.start <= colon <= sent.end), None)
    if index is None:
        return none
    sent = pieces[index]
    candidates = [sent]
    if colon - sent.start < LIST_COLON_NEXT_MAX and index > 0:
        candidates.append(pieces[index - 1])
    for piece in candidates:
        phrase = _opening_phrase(piece.text, date)
        if phrase is not None:
            return (phrase, colon + 1) if phrase.deadline else none
    return none


RUN_IN_MAX = 40  # a run-in heading (RUN_IN_RE: up to 12 characters and ：) and a year after it


def _opens_in_the_past(text: str, date: str | None) -> bool:
    """``text`` starts with a year before the document's (``2016年，……``), after a run-in heading."""
    stripped = text.lstrip()
    run_in = RUN_IN_RE.match(stripped)
    if run_in:
        stripped = stripped[run_in.end() :]
    if not (stripped[:2] in ("19", "20") and stripped[2:4].isdigit()):
        return False  # (a past phrase opens with a year written in digits, not ``1.`` of a list)
    for phrase in find_time_phrases(stripped[:24], date):
        return phrase.start == 0 and phrase.kind == "past"
    return False


def _paragraph_targets(
    para: Paragraph, scope: _Scope, doc: Document, clean: CleanText, first: bool
) -> Iterator[NumberDecision]:
    text = para.text  # (the callers skip a paragraph that cannot hold a target: ``_might_hold_target``)
    log = scope.log
    sections = scope.sections
    if log is None and sections is not None and sections.all_past(para.start, para.start + len(text)):
        if not sections.in_progress_section(para.start):
            return  # every reading would be set aside as ``review-section``: nothing to read
    number_cell = _ROW_NUMBER_CELL_RE.match(text)
    skip = number_cell.end() if number_cell else 0
    if skip:
        text = MASK * skip + text[skip:]  # a table row's 序号 cell is no part of any quantity's text
    # A document with no date of its own is read in the year its title plans for (``2021年…工作要点``):
    # ``2020年，全县…实现28.8亿元`` there is the past.
    date = doc.reference_date or (f"{scope.default.year}-01-01" if scope.default and scope.default.year else None)
    if date is None and sections is not None and sections.planned_year is not None:
        date = f"{sections.planned_year}-01-01"  # (``今年`` before ``三、2024年主要工作安排``: 2024)
    row_phrase = _row_deadline_phrase(text, date)
    body = 0
    if first and scope.heading and text.startswith(scope.heading):
        body = len(scope.heading)
    opening = _opening_phrase(text[body:], date)
    # ``2016年，……。全省实现地区生产总值3.12万亿，增长7.9%……``: a paragraph that opens with a
    # year gone by reports that year, every sentence of it (as ``到2020年，`` dates them all).
    looks_back = opening is None and "年" in text[body : body + RUN_IN_MAX] and _opens_in_the_past(text[body:], date)
    # ``今年，重庆将接续办好15件重点民生实事。具体包括：新开工改造…。建设100个口袋公园…。``: the time
    # phrase of a list intro dates the items after its colon, as a goal section's dates those below it
    pieces = _item_sentences(text, sentences(text))
    list_lead, list_from = (
        (None, len(text) + 1) if opening is not None or "：" not in text else _list_lead(text, date, pieces)
    )
    conditions_from = len(text) + 1
    if scope.conditions:
        conditions_from = 0
    else:
        intro = CONDITION_INTRO_RE.search(text) if "：" in text else None  # the intro ends with ：
        if intro:
            conditions_from = intro.end()
    # ``地区生产总值增长7%（预计，下同）``: every figure after the note is an estimate (a result or
    # a forecast, neither a target: guide)
    estimate = ESTIMATES_BELOW_RE.search(text) if SAME_BELOW in text else None
    estimates_from = estimate.start() if estimate else len(text) + 1
    governed = opening is not None or scope.inherited is not None
    # Statistics wording (``同比增长``, ``初步核算``) reports figures, unless a goal section, a
    # deadline or a year-named plan governs the paragraph (``_statistics_sentence``).
    may_be_statistics = not governed and scope.default is None
    after_statistics = False
    # The sentence before when it gave no reading: whether it sets parameters is only asked
    # when a ``其中`` sentence follows it (most sentences are not followed by one).
    previous_unread: str | None = None
    for sent in pieces:
        if sent.start >= conditions_from:
            if log is not None:
                log.reject(para.start + conditions_from, para.end, "condition-list")
            break
        # (A sentence that is the whole unmasked paragraph was tested above.)
        if (skip or len(sent.text) < len(text)) and not _might_hold_target(sent.text):
            previous_unread = None
            continue
        if previous_unread is not None and OF_WHICH_RE.match(sent.text) and _sets_parameters(previous_unread):
            # ``其中，……设施增加60万元运营经费``: it refines the parameter the sentence before sets
            if log is not None:
                log.reject(para.start + sent.start, para.start + sent.end, "refines-a-parameter")
            continue
        if log is None and _sentence_rejected(sent.text) is not None:
            previous_unread = sent.text  # ``_sentence_readings`` reads nothing here: skip its time phrases
            after_statistics = False
            continue
        phrases = [p for p in find_time_phrases(sent.text, date) if p.kind != "plan"]
        statistics = (
            _statistics_sentence(sent.text, after_statistics)
            if may_be_statistics and (after_statistics or _STATISTICS_CUE_RE.search(sent.text) is not None)
            else None
        )
        if statistics is not None and (
            any(p.deadline and p.kind in _DATED for p in phrases)
            or (scope.sections is not None and scope.sections.phrase_at(para.start + sent.start) is not None)
        ):
            statistics = None  # dated (``2019年，……比上年增长4.8%``): the year decides, not the wording
        after_statistics = statistics is not None
        if statistics is not None:
            if log is not None:
                log.reject(para.start + sent.start, para.start + sent.end, statistics)
            previous_unread = None
            continue
        readings = list(_sentence_readings(sent, phrases, governed, log, para.start + sent.start))
        previous_unread = None if readings else sent.text
        for reading in readings:
            q = reading.quantity
            at = para.start + sent.start + q.start
            if sent.start + q.start >= conditions_from:
                if log is not None:
                    log.reject(at, at + len(q.surface), "condition-list")
                continue
            if (
                scope.sections is not None
                and scope.sections.is_past(at)
                and not (scope.sections.in_progress_section(at) and _dated_ahead(phrases, q))
            ):
                if log is not None:
                    log.reject(at, at + len(q.surface), "review-section")
                continue
            if looks_back and not any(p.end <= q.start and p.kind != "baseline" for p in phrases):
                if log is not None:
                    log.reject(at, at + len(q.surface), "past-year-paragraph")
                continue
            if sent.start + q.start >= estimates_from:
                if log is not None:
                    log.reject(at, at + len(q.surface), "estimate-below")
                continue
            if q.unit in LIST_COUNT_UNITS and ("如下" in text or "包括" in text):
                if _counts_the_list_below(text, sent.start + q.end, q.unit):
                    if log is not None:
                        log.reject(at, at + len(q.surface), "count-of-listed-items")
                    continue
            enclosing = row_phrase or opening or scope.inherited or scope.default
            if list_lead is not None and sent.start + q.start >= list_from and enclosing is not scope.inherited:
                enclosing = list_lead
            if enclosing is None and scope.sections is not None:
                enclosing = scope.sections.phrase_at(at) or scope.sections.report
            deadline = _deadline_for(sent, q, phrases, enclosing, reading.recurring)
            source = deadline.text if deadline else None
            if deadline is not None and _yearly_within_years(sent.text, q, phrases, deadline, doc_year(date)):
                source = f"none (yearly-amount: 年度 within {deadline.text})"
                deadline = None
            start = max(para.start + sent.start + reading.text_start, para.start + skip)
            end = para.start + sent.start + reading.text_end
            if _nameless(reading.indicator):
                start = para.start + sent.start  # ``今年先发行1万亿元``: the sentence names the quantity
            target = Target(
                text=clean.text[start:end],
                indicator=_row_indicator(text, sent.start + q.start) or reading.indicator,
                kind=reading.verdict.kind,
                comparator=reading.verdict.comparator,
                value=reading.verdict.value,
                value_max=reading.verdict.value_max,
                unit=q.unit,
                deadline=deadline.deadline if deadline else None,
                span=clean.span(start, end),
                path=scope.path,
                deadline_source=source,
            )
            yield NumberDecision(at, at + len(q.surface), True, reading.verdict.rule, target)


# An outline item run into the one before on its line (``……11%左右。（省发改委负责）（二）公共财政收入
# 增长13%左右。``: a page that joins a list's items): the marker starts the next item's sentence, and
# the unit list that closes the item before belongs to neither quantity — no indicator nor target
# text spans a unit list or an outline marker. The item levels' markers only (not 第一章/第一条, which
# a sentence cites), after a sentence end or a closing bracket (where a unit list ends).
_ITEM_MARKER_ALT = outline_marker_alternation(
    frozenset((MarkerKind.PART, MarkerKind.CHAPTER, MarkerKind.SECTION, MarkerKind.ARTICLE))
)
RUN_ON_ITEM_RE = re.compile(rf"(?:^|(?<=[。！？!?）)]))(?:{_ITEM_MARKER_ALT})")
ITEM_MARKER_AT_RE = re.compile(rf"(?:{_ITEM_MARKER_ALT})")
_RUN_ON_CUE_RE = re.compile(r"[）)]|^[（(]")  # (a sentence with neither holds no run-on item nor leading list)
_OPENING_OF = {"）": "（", ")": "("}


def _item_sentences(text: str, pieces: list[Piece]) -> list[Piece]:
    """``pieces`` (the sentences of ``text``) cut where a run-on outline item starts (its marker is
    left out) and without a unit list that opens a sentence (it closes the item before)."""
    out: list[Piece] = []
    for piece in pieces:
        if _RUN_ON_CUE_RE.search(piece.text) is None and ITEM_MARKER_AT_RE.match(piece.text) is None:
            out.append(piece)
            continue
        begin = 0
        for m in RUN_ON_ITEM_RE.finditer(piece.text):
            if m.start() == 0:
                begin = m.end()
                continue
            end = m.start()
            opening = piece.text.rfind(_OPENING_OF[piece.text[end - 1]], begin, end)
            if opening != -1 and parse_units(piece.text[opening + 1 : end - 1]) is not None:
                end = opening  # the item before ends where its unit list starts
            out.append(_trimmed(piece, begin, end))
            begin = m.end()
        out.append(_trimmed(piece, begin, len(piece.text)))
    return [p for p in out if p.text]


def _trimmed(piece: Piece, begin: int, end: int) -> Piece:
    """``piece.text[begin:end]`` as a piece, without the unit lists and markers that open it."""
    text = piece.text[begin:end]
    while text[:1] in ("（", "("):
        lists = find_unit_lists(text)
        if lists and lists[0].start == 0:
            cut = lists[0].end
        else:
            marker = ITEM_MARKER_AT_RE.match(text)
            if marker is None:
                break
            cut = marker.end()
        begin += cut
        text = text[cut:]
    return Piece(piece.start + begin, piece.start + begin + len(text), text)


# A note that marks the figures from here on as estimates: ``（预计，下同）``, ``（预计数，下同）``.
SAME_BELOW = "下同"
ESTIMATES_BELOW_RE = re.compile(r"[（(]预计[^（）()]{0,4}下同[）)]")

# A sentence that opens with ``其中`` refines the quantity of the sentence before it.
OF_WHICH_RE = re.compile(r"^其中[，,]?")

# --- statistics wording (figures reported, not targets) ---------------------------------------
# Words statistics use to report a figure (a bulletin, a report on how the economy ran): a change
# over the same period of last year or since the start of the year, an estimate's method. A target
# sets a level and an aim (``力争……同比增长10%``); these alone report one.
STATISTICS_MARK_RE = re.compile(
    r"同比|上年同期|去年同期|比年初|较年初|初步统计|初步核算|初步测算|按可比价格|按可比口径"
)
# ``比上年增长0.4%``: a change over last year, which a goal states too (``比上年增加…`` in a
# report's plan: guide), so only with no bound on it either (``比上年增长8%以上`` aims).
LAST_YEAR_CHANGE_RE = re.compile(r"(?:比|较)(?:上年|去年)末?(?:增长|增加|下降|减少|提高|上升|回落|降低|净增)")
BOUND_WORD_RE = re.compile(r"以上|以内|左右|不低于|不少于|不超过|控制在")
# A breakdown of the figure before (``其中，第一产业增加值…``) or by a category (``分产业看，……``,
# ``按经济类型分，……``): the statistics go on.
BREAKDOWN_OPENING_RE = re.compile(r"^(?:其中|分[^，。；：]{1,6}看|按[^，。；：]{1,8}分)[，,：:]?")
# A bare change with its number (``增长8.3%``): after a statistics sentence, the figures go on.
BARE_CHANGE_RE = re.compile(r"(?:增长|下降|增加|减少|提高|回落)\d")
# Words that state an aim: with one the sentence commits, whatever else it says (brief: 力争/确保/
# 达到/目标; 达到 is left out, since statistics report levels reached with it: ``分别达到18687元``).
AIM_WORD_RE = re.compile(r"力争|确保|争取|目标|预期|拟|努力|计划")
# What a sentence needs before the statistics test is worth running: a first character of its words.
_STATISTICS_CUE_RE = re.compile(r"[同上去比较初按其分]")


def _statistics_sentence(text: str, after_statistics: bool) -> str | None:
    """The rule by which ``text`` reports statistics (``statistics-sentence``), or breaks down the
    figure of a statistics sentence before it (``statistics-breakdown``), else None."""
    if AIM_WORD_RE.search(text) is not None:
        return None
    if STATISTICS_MARK_RE.search(text) is not None:
        return "statistics-sentence"
    if LAST_YEAR_CHANGE_RE.search(text) is not None and BOUND_WORD_RE.search(text) is None:
        return "statistics-sentence"
    opening = BREAKDOWN_OPENING_RE.match(text)
    if opening is not None and (after_statistics or not text.startswith("其中")):
        return "statistics-breakdown"
    if after_statistics and BARE_CHANGE_RE.search(text) is not None and BOUND_WORD_RE.search(text) is None:
        return "statistics-continuation"  # ``全年肉类总产量9091吨，增长8.3%。`` after one
    return None


def _sets_parameters(text: str) -> bool:
    """``text`` sets a parameter: a per-facility standard or a subsidy, cap or norm word."""
    return (
        PER_UNIT_RE.search(text) is not None
        or _parameter_word(REJECT_CLAUSE_RE, text) is not None
        or _parameter_word(REJECT_SENTENCE_RE, text) is not None
    )


# A table row read as one tab-separated line: the cell before a quantity's cell names what
# it measures (``1.重点人群签约服务覆盖率\t2023年达到80%``) when it is a short name.
ROW_NAME_MAX = 40
_ROW_MARKER_RE = re.compile(r"^\d{1,3}[.．、]")
_DIGIT_RE = re.compile(r"\d")


# The 序号 cell that opens a table row read as a tab-separated line (``3\t完成…``).
_ROW_NUMBER_CELL_RE = re.compile(r"^\s*\d{1,3}[.．、]?\s*\t")


def _row_deadline_phrase(text: str, date: str | None) -> TimePhrase | None:
    """A 完成时限 cell of a tab row: a cell that is only a deadline (``2025年10月底前``), else None.

    The row is its targets' paragraph, so this is their enclosing time phrase (guide: the
    sentence, else the paragraph); a phrase inside a sentence of the row is nearer and wins.
    """
    if "\t" not in text:
        return None
    for cell in text.split("\t")[1:]:
        cell = "".join(cell.split())
        phrases = find_time_phrases(cell, date) if cell else []
        if len(phrases) == 1 and phrases[0].kind in _DATED and phrases[0].deadline:
            rest = cell[: phrases[0].start] + cell[phrases[0].end :]
            if len(rest) <= ROW_DEADLINE_EXTRA_CHARS:
                return phrases[0]
    return None


# A deadline cell may add a word or two to its phrase (``2025年底前完成``, ``2025年12月底前``).
ROW_DEADLINE_EXTRA_CHARS = 2


def _row_indicator(text: str, pos: int) -> str | None:
    """The name in the nearest cell before the one holding ``pos`` when ``text`` is a tab row,
    past cells that only hold a value (``较大事故起数\t80\t≤68\t下降15%以上``: a base-year
    column and the level between the name and the change)."""
    if "\t" not in text:
        return None
    cell_end = text.rfind("\t", 0, pos)
    while cell_end != -1:
        cell_start = text.rfind("\t", 0, cell_end) + 1
        # (the row's 序号 cell may be masked: ``_paragraph_targets``)
        name = _ROW_MARKER_RE.sub("", "".join(text[cell_start:cell_end].split()).strip(MASK))
        if name and _VALUE_CELL_RE.fullmatch(name):
            cell_end = cell_start - 1  # a value of another column: the name is further left
            continue
        if not name or len(name) > ROW_NAME_MAX or _DIGIT_RE.search(name) or _SENTENCE_PUNCT_RE.search(name):
            return None
        return name
    return None


# A cell holding only a value: digits, a percent or per-mille sign, a bound sign or a dash.
_VALUE_CELL_RE = re.compile(r"[\d.,%‰≤≥<>＜＞―—\-~～]+")


# An annex that restates a body target (guide: same quantity, number and year adds no second
# target): a later target with the same value and unit and either the same text (an annex
# repeating the body word for word) or the same deadline and an indicator sharing at least this
# share of characters with the earlier one's (character-bag F1, as the scorer pairs them).
# Calibrated on sibling items that are not restatements: ``每个区…至少1个区级综合养老服务中心``
# and ``每个街道、镇…至少1个街镇级综合养老服务中心`` overlap 0.72 and stay two targets.
RESTATEMENT_OVERLAP = 0.85
TARGET_WORD = "目标"  # ``…预期目标为5%左右`` names a target stated before


def _overlap(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def _restates(t: Target, earlier: list[Target]) -> bool:
    """``t`` repeats an earlier target of the same value and unit: the same text, or the same
    deadline and an indicator that is nearly the same, lies within the other's (an annex row
    names the quantity short: ``家庭医生人数`` for ``每万常住人口家庭医生数``), or is one the
    text itself calls a target (``经济增长预期目标为5%左右`` after ``国内生产总值增长5%左右``); or it
    names the same quantity and states no time of its own (a task heading that repeats a goal:
    ``推动大宗工业固体废物贮存处置总量趋零增长`` after the goal section's ``到2020年，……趋零增长``)."""
    names_target = TARGET_WORD in t.indicator
    return any(
        e.span != t.span  # (the numbers of one list, read from the same words, are several targets)
        and _restates_one(t, e, names_target)
        for e in earlier
    )


def _restates_one(t: Target, e: Target, names_target: bool) -> bool:
    if e.text == t.text:
        return True
    ours, theirs = _aggregate_named_alike(t.indicator), _aggregate_named_alike(e.indicator)
    if _contrasted(ours, theirs):
        return False
    return (
        # restated with no time of its own (``（一）新建公办幼儿园、中小学9所，其中：……`` under 实施步骤)
        (t.deadline is None and (theirs == ours or _overlap(theirs, ours) >= RESTATEMENT_OVERLAP))
        or (
            e.deadline == t.deadline
            and (names_target or _overlap(theirs, ours) >= RESTATEMENT_OVERLAP or _within(ours, theirs))
        )
    )


# Scopes a text sets side by side (``城镇居民人均可支配收入增长7%，农村居民人均可支配收入增长7%``): two
# indicators that differ by one of a pair name two quantities, however many characters they share
# (those two overlap 0.86, above RESTATEMENT_OVERLAP).
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (("城镇", "农村"), ("城市", "农村"), ("男", "女"), ("出口", "进口"))


def _contrasted(a: str, b: str) -> bool:
    return any(
        (x in a and y in b and x not in b and y not in a) or (y in a and x in b and y not in b and x not in a)
        for x, y in CONTRAST_PAIRS
    )


# The names one text gives its economy's output (``提出到2025年地区生产总值将达到3.5万亿元`` and, in the
# goal list, ``到2025年，国内生产总值达到3.5万亿元``; ``GDP``): one quantity, so a second mention of the
# same value, unit and deadline restates it (guide: an annex row restating a body target adds none; gold
# NOTES: ``经济增长预期目标为5%左右`` restates the GDP target). Compared as ``生产总值``.
AGGREGATE_OUTPUT = "生产总值"
AGGREGATE_OUTPUT_NAMES: tuple[str, ...] = ("国内生产总值", "地区生产总值", "GDP")


def _aggregate_named_alike(indicator: str) -> str:
    if AGGREGATE_OUTPUT not in indicator and "GDP" not in indicator:
        return indicator
    for name in AGGREGATE_OUTPUT_NAMES:
        indicator = indicator.replace(name, AGGREGATE_OUTPUT)
    return indicator


def _within(a: str, b: str) -> bool:
    """Every character of the shorter of ``a``/``b`` occurs in the longer (as a bag)."""
    short, long_ = sorted((a, b), key=len)
    return bool(short) and not (Counter(short) - Counter(long_))


# Every word by which ``_read_quantity`` can find a number committed without a context
# (comparators before and after it, falls, delivery and plan verbs, ``比/较`` of an increment
# over a base year), as plain literals: a clause holding none of them commits to no number.
_CUE_WORDS = {
    *COMPARATOR_BEFORE,
    *FALL_WORDS,
    *COMPARATOR_AFTER,
    *DELIVERY_VERBS,
    *(_LOOKBEHIND_RE.sub("", w) for w in PLAN_VERBS),
    "比",
    "较",
    DOUBLING_MARK,
}
COMMITMENT_CUE_RE = re.compile("|".join(re.escape(w) for w in sorted(_CUE_WORDS, key=len, reverse=True)))


# Text that can hold a target: a digit, ``零增长``, or a Chinese numeral right after a
# comparator (the only place one is read, see ``_read_quantity``). Paragraphs and sentences
# without one skip the analysis (time phrases, clauses, quantities): most have none.
# Cheapest tests first: one alternation of all of them is five times slower (the regex engine
# loses its literal-prefix scan).


# What every quantity a clause can yield contains when its Chinese numerals are not read
# (``find_quantities(…, chinese=False)``): a digit, ``百分之`` (a written-out percentage) or ``零增长``.
def _has_quantity_mark(text: str) -> bool:
    return (
        _DIGIT_RE.search(text) is not None
        # (``分之`` holds every ``百分之`` and every fraction word but the halves: one scan for both)
        or "分之" in text
        or "零增长" in text
        or DOUBLING_MARK in text
        or ("半" in text and HALF_WORD_RE.search(text) is not None)
    )


def _has_fraction_word(text: str) -> bool:
    """A share written as a word (``三分之一``, ``千分之五``, ``一半``, ``过半``; numbers.py)."""
    return FRACTION_WORD_RE.search(text) is not None


FRACTION_WORD_RE = re.compile("分之|" + "|".join(HALF_WORDS))
HALF_WORD_RE = re.compile("|".join(HALF_WORDS))


def _might_hold_target(text: str) -> bool:
    # ``\d`` alone and a substring test are faster than the ``\d|零增长`` alternation.
    return (
        _DIGIT_RE.search(text) is not None
        or "零增长" in text
        or DOUBLING_MARK in text
        or "分之" in text  # (a fraction word: FRACTION_WORD_RE without a regex; halves below)
        or ("半" in text and HALF_WORD_RE.search(text) is not None)
        or _chinese_quantity_possible(text)
    )


# What each Chinese-numeral pattern needs before it is worth running: a numeral character (the
# last element of CHINESE_AFTER_COMPARATOR_RE; one class, scanned fast, where the pattern's
# alternation of comparators is tried at every comparator-like character) and ``以上``/``左右``
# (how CHINESE_BOUNDED_RE ends).
_CN_NUMERAL_CHAR_RE = re.compile("[零〇一二两三四五六七八九十百千万]")


def _chinese_quantity_possible(text: str) -> bool:
    """CHINESE_AFTER_COMPARATOR_RE or CHINESE_BOUNDED_RE matches somewhere in ``text``."""
    if _CN_NUMERAL_CHAR_RE.search(text) is None:
        return False
    return (
        CHINESE_AFTER_COMPARATOR_RE.search(text) is not None
        or (("以上" in text or "左右" in text) and CHINESE_BOUNDED_RE.search(text) is not None)
        # (``_delivery_word_possible`` written out: a call per paragraph cost ~1% of the stage)
        or (
            ("建" in text or "至少" in text or "不少于" in text or "新增" in text)
            and _DELIVERED_COUNT_RE.search(text) is not None
            and CHINESE_DELIVERED_RE.search(text) is not None
        )
    )


# What CHINESE_DELIVERED_RE needs: one of its words (all hold 建 but 新增, 至少, 不少于) and a numeral
# right before a count unit (a two-character class pair, scanned fast; the pattern's look-ahead is
# tried at every position).
_DELIVERED_COUNT_RE = re.compile(f"[一二两三四五六七八九十][{''.join(CHINESE_COUNT_UNITS)}]")


def _delivery_word_possible(text: str) -> bool:
    return ("建" in text or "至少" in text or "不少于" in text or "新增" in text) and (
        _DELIVERED_COUNT_RE.search(text) is not None
    )


def _phrases_before(text: str, phrases: list[TimePhrase], pos: int) -> list[TimePhrase]:
    """The time phrases of ``text`` before ``pos`` that may date a quantity there: no baseline
    (``比2020年``), and none inside a bracketed note that closes before ``pos`` —
    ``一般公共预算支出（扣除2022年灾后重建支出）增长3%以上``: the note's year qualifies the note's
    words, neither dating the quantity nor putting it in the past."""
    before = [p for p in phrases if p.end <= pos and p.kind != "baseline"]
    if before and ("（" in text[:pos] or "(" in text[:pos]):
        notes = [(m.start(), m.end()) for m in _BRACKETED_RE.finditer(text, 0, pos)]
        before = [p for p in before if not any(a < p.start and p.end <= b for a, b in notes)]
    return before


# ``年度计划投资3亿元``: an amount a year (not ``2024年度``, ``本年度``: a named year is a time phrase).
YEARLY_RE = re.compile(r"(?<![\d年本〇零一二三四五六七八九十])年度")


def _yearly_within_years(
    text: str, q: Quantity, phrases: list[TimePhrase], deadline: TimePhrase, year_now: int | None
) -> bool:
    """``q`` is a yearly amount (``年度计划投资3亿元``) under a deadline years after the document's
    year (``到2025年`` or a ``（2023—2025年）`` plan in a document of 2023): an amount each year of
    the period, so recurring (guide: ``每年`` → null). Under the document's own year it is that
    year's (a 2024 plan's ``年度计划投资`` is due 2024-12-31)."""
    if year_now is None or deadline.year is None or deadline.year <= year_now:
        return False
    before = _phrases_before(text, phrases, q.start)
    since = before[-1].end if before else 0
    return YEARLY_RE.search(text, since, q.start) is not None


def _deadline_for(
    sent: Piece, q: Quantity, phrases: list[TimePhrase], enclosing: TimePhrase | None, clause_recurring: bool
) -> TimePhrase | None:
    """The nearest enclosing time phrase of ``q``: in its sentence, else ``enclosing``; none when
    the text since that phrase or ``q``'s clause (``clause_recurring``) states a recurring amount."""
    before = _phrases_before(sent.text, phrases, q.start)
    nearest = before[-1] if before else None
    region_start = nearest.end if nearest else 0
    if is_recurring(sent.text[region_start : q.start]) or clause_recurring:
        return None
    if nearest is not None:
        return nearest if nearest.deadline and nearest.kind in ("deadline", "point") else None
    after = [p for p in phrases if p.start >= q.end and p.kind == "deadline" and p.deadline]
    if after and "，" not in sent.text[q.end : after[0].start]:
        return after[0]
    return enclosing


def _sentence_readings(
    sent: Piece, phrases: list[TimePhrase], governed: bool, log: _Log | None = None, base: int = 0
) -> Iterator[_Reading]:
    """Targets of one sentence, left to right (offsets relative to the sentence).

    ``log`` collects the rejections, at clean offsets (``base`` is where the sentence starts).
    """
    # (Without a log the caller has set such a sentence aside already.)
    rejected = _sentence_rejected(sent.text) if log is not None else None
    if rejected is not None:
        log.reject(base, base + len(sent.text), rejected)
        return
    if log is not None:
        for p in phrases:
            log.reject(base + p.start, base + p.end, f"time-phrase:{p.kind}")
    masked = _mask(sent.text, phrases)
    pieces = clauses(sent.text)
    # Where the sentence's first budget or plan word starts: a clause after it has ``plan_before``.
    # (A plan word holds no clause mark, so one that starts before a clause ends before it.)
    plan = PLAN_RE.search(masked)
    plan_at = plan.start() if plan is not None else len(masked)
    sentence_has_target = False
    previous_indicator = ""
    cells = CELL_END in masked
    for index, piece in enumerate(pieces):
        clause = masked[piece.start : piece.end]
        if cells and piece.start and masked[piece.start - 1] == CELL_END:
            # a new table cell: the target of the cell before does not vouch for this one's
            # numbers (``已申报放心消费单位3493家，其中：无理由退货单位1099家`` is progress)
            sentence_has_target = False
        chinese = _chinese_quantity_possible(clause)
        if log is None and not chinese and not _has_quantity_mark(clause):
            continue  # nothing a quantity is read from (see ``_clause_readings``): no reading
        dated = governed or any(p.deadline and p.kind in _DATED and p.start < piece.end for p in phrases)
        lead = pieces[index - 1].start if index > 0 and _is_lead_in(pieces[index - 1], phrases) else None
        context = sentence_has_target or dated
        found = list(_clause_readings(masked, piece, phrases, context, lead, log, base, plan_at < piece.start, chinese))
        if found:
            sentence_has_target = True
        for reading in found:
            if previous_indicator and _nameless(reading.indicator):
                # ``到2025年不低于4.66人``: the clause leaves out the subject of the one before
                reading = reading._replace(indicator=previous_indicator)
            previous_indicator = reading.indicator
            yield reading


def _sentence_rejected(text: str) -> str | None:
    """The rule that sets a whole sentence aside (it sets subsidies or caps, or looks back), else None."""
    rejected = _parameter_word(REJECT_SENTENCE_RE, text)
    if rejected:
        return f"sentence-sets-parameters:{rejected.group()}"
    if RETROSPECTIVE_OPENING_RE.match(text):
        return "retrospective-sentence"
    if "已" in text[:6] and RESULTS_OPENING_RE.match(text):  # (an item marker is at most 5 characters)
        return "results-sentence"
    if ("算" in text or "预测" in text) and FORECAST_RE.search(text):  # (测算, 估算, 推算 end in 算)
        return "forecast-sentence"
    if "预计" in text and ESTIMATE_CLAUSE_RE.search(text):
        return "forecast-sentence"
    return None


_LEAD_IN_RE = re.compile(r"^除.{1,40}外$|^其中$")


def _is_lead_in(piece: Piece, phrases: list[TimePhrase]) -> bool:
    """A clause that only introduces the next one (``到2018年，`` ``除…外，``)."""
    for p in phrases:
        if p.start == piece.start and p.end >= piece.end and p.deadline:
            return True
    return _LEAD_IN_RE.match(piece.text) is not None


def _mask(text: str, phrases: list[TimePhrase]) -> str:
    """``text`` with time phrases blanked out, so their digits are not quantities."""
    if not phrases:
        return text
    chars = list(text)
    for p in phrases:
        if p.text == WHOLE_YEAR:
            continue  # (no digits to hide; the year's total is part of the name: 全年新签约社会投资项目数)
        chars[p.start : p.end] = MASK * (p.end - p.start)
    return "".join(chars)


def _in_the_past(text: str, phrases: list[TimePhrase], pos: int) -> bool:
    """The nearest time phrase before ``pos`` in its sentence ``text`` names a past year (``2015年，全市…``)."""
    before = _phrases_before(text, phrases, pos)
    return bool(before) and before[-1].kind == "past"


class _Accepted(NamedTuple):
    quantity: Quantity
    verdict: _Verdict


def _clause_readings(
    masked: str,
    piece: Piece,
    phrases: list[TimePhrase],
    context: bool,
    lead: int | None,
    log: _Log | None = None,
    base: int = 0,
    plan_before: bool = False,
    chinese: bool | None = None,
) -> Iterator[_Reading]:
    """Targets of one clause (offsets relative to the sentence).

    ``context``: a goal list or a deadline vouches for amounts with no verb.
    ``lead``: start of a lead-in clause (``到2018年，``) that the text keeps.
    ``plan_before``: an earlier clause of the sentence holds a budget or plan word (``PLAN_RE``).
    ``chinese``: whether a Chinese numeral can be read here, when the caller tested it.
    """
    clause = masked[piece.start : piece.end]
    at = base + piece.start
    if chinese is None:
        chinese = _chinese_quantity_possible(clause)
    if not chinese and log is None and not _has_quantity_mark(clause):
        return  # no quantity can be read here (most clauses of a sentence with a number)
    if log is None and not (context or plan_before) and COMMITMENT_CUE_RE.search(clause) is None:
        return  # nothing here can commit to a number: every one would be ``no-commitment-word``
    rejected = _parameter_word(REJECT_CLAUSE_RE, clause)
    if rejected:
        if log is not None:
            log.reject(at, at + len(clause), f"clause-sets-parameters:{rejected.group()}")
        return
    quantities = []
    for q in find_quantities(clause, chinese):
        if (
            q.unit not in NON_TARGET_UNITS
            or (q.unit in LIFETIME_UNITS and LIFETIME_BEFORE_RE.search(clause, 0, q.start))
            or (q.unit == SCORE_UNIT and SCORE_BEFORE_RE.search(clause, 0, q.start))
        ):
            quantities.append(q)
        elif log is not None:
            log.reject(at + q.start, at + q.end, f"non-target-unit:{q.unit}")
    zero = [_zero_growth(m) for m in ZERO_GROWTH_RE.finditer(clause)]
    if DOUBLING_MARK in clause:
        zero.extend(_doubling(m) for m in DOUBLING_RE.finditer(clause))
    items = sorted(quantities + zero, key=lambda q: q.start)
    accepted: list[_Accepted] = []
    previous_end = 0
    previous: _Verdict | None = None
    for q in items:
        region = clause[previous_end : q.start]
        verdict = _read_quantity(clause, q, region, previous, plan_before, named=log is not None)
        previous_end = q.end
        if (
            isinstance(verdict, _Verdict)
            and not context
            and CUMULATIVE_RE.search(clause, 0, q.start)
            and PLANNED_TOTAL_RE.search(clause, 0, q.start) is None
        ):
            verdict = "past-word:累计"  # a running total with no deadline or goal over it is the present
        if isinstance(verdict, _Verdict):
            if _in_the_past(masked, phrases, piece.start + q.start):
                verdict = "past-year-phrase"
            elif not (verdict.committed or context):
                verdict = "no-commitment-word"
        if isinstance(verdict, str):
            if log is not None:
                log.reject(at + q.start, at + q.end, verdict)
            previous = None
            continue
        previous = verdict
        accepted.append(_Accepted(q, verdict))
    for (seg_start, seg_end), group in _segments(clause, accepted):
        segment = clause[seg_start:seg_end]
        shifted = [_shift(a.quantity, -seg_start) for a in group]
        text_start = piece.start + seg_start
        if seg_start == 0 and lead is not None:
            text_start = lead
        for a, local in zip(group, shifted, strict=True):
            yield _Reading(
                _shift(a.quantity, piece.start),
                a.verdict,
                _indicator(segment, local, shifted, a.verdict.kind),
                text_start,
                piece.start + seg_end,
                is_recurring(piece.text),
            )


_BRACKET_RE = re.compile(r"[（(）)]")
# An indicator with fewer characters than this once its verbs and measure suffix are gone
# names no quantity (``先发行``, ``不低于数``): it takes the subject of the clause before, and
# the target's text starts at its sentence, which names the quantity. Two characters name one
# (``完成投资`` → 投资, ``年度计划投资``): 3 gave a 2025 report's investment amounts the subject of
# the project count before them.
NAMELESS_INDICATOR_CHARS = 2


def _nameless(indicator: str) -> bool:
    bare = _VERB_RE.sub("", PLAN_RE.sub("", indicator))  # (plan words first: 完成投资 names 投资)
    for suffix in (COUNT_SUFFIX, SHARE_SUFFIX, AREA_SUFFIX, LENGTH_SUFFIX):
        bare = bare.removesuffix(suffix)
    return len(bare) < NAMELESS_INDICATOR_CHARS


_PREDICATE_RE = re.compile(
    "|".join(sorted({*COMPARATOR_BEFORE, *FALL_WORDS, *DELIVERY_VERBS, "零增长", "翻"}, key=len, reverse=True))
)
# The predicates as verbs only: not inside the name of a measure (``覆盖率``, ``实现率``, ``覆盖面``),
# which names a quantity (``确保覆盖率达到90%—95%`` has its own subject).
_VERB_RE = re.compile(f"(?:{_PREDICATE_RE.pattern})(?![率面])")
_LIST_MARK_RE = re.compile(r"[、；，]")
_LIST_ITEM_RE = re.compile(r"[、（()）]")


def _segments(clause: str, accepted: list[_Accepted]) -> list[tuple[tuple[int, int], list[_Accepted]]]:
    """Group the clause's targets by the stretch of text each belongs to.

    Numbers sharing a subject (``覆盖率分别达100%、70%``) share the clause; a
    ``、`` followed by a new subject and predicate (``…600万亩次、化肥使用量
    实现零增长``) starts a new stretch, and so does a bracket holding its own
    clauses (``（……，确保化肥、农药用量零增长；……）``).
    """
    groups: list[tuple[tuple[int, int], list[_Accepted]]] = []
    base_of_last: tuple[int, int] | None = None
    for a in accepted:
        q = a.quantity
        base = _bracket_bounds(clause, q)
        if groups and base == base_of_last:
            (g_start, _g_end), members = groups[-1]
            region_start = members[-1].quantity.end
            cut = _new_subject_at(clause[region_start : q.start])
            if cut is None:
                members.append(a)
                continue
            boundary = region_start + cut
            groups[-1] = ((g_start, boundary - 1), members)
            groups.append(((boundary, base[1]), [a]))
        else:
            groups.append((base, [a]))
        base_of_last = base
    return [((start, _list_end(clause, members[-1].quantity.end, end)), members) for (start, end), members in groups]


def _list_end(clause: str, after: int, end: int) -> int:
    """Where a stretch ends when a ``、`` after its last number opens another item of a goal list
    (``总量趋零增长、主要农业废弃物全量利用、…水平全面提升``), else ``end``."""
    depth = 0
    for m in _LIST_ITEM_RE.finditer(clause, after, end):
        if m.group() in "（(":
            depth += 1
        elif m.group() in "）)":
            depth = max(depth - 1, 0)
        elif depth == 0 and _PREDICATE_RE.search(clause, m.end(), end):
            return m.start()
    return end


def _new_subject_at(region: str) -> int | None:
    """Offset after the ``、`` that opens a new subject-predicate in ``region``, else None."""
    verb = _PREDICATE_RE.search(region)
    if verb is None:
        return None
    marks = [m.end() for m in _LIST_MARK_RE.finditer(region, 0, verb.start())]
    return marks[-1] if marks else None


def _bracket_bounds(clause: str, q: Quantity) -> tuple[int, int]:
    """The clause, or the clause-like piece of the bracket holding ``q`` when the bracket has clauses."""
    depth = 0
    opened: list[int] = []
    for m in _BRACKET_RE.finditer(clause, 0, q.start):
        if m.group() in "（(":
            opened.append(m.end())
            depth += 1
        elif opened:
            opened.pop()
    if not opened:
        return 0, len(clause)
    inner_start = opened[-1]
    close = _BRACKET_RE.search(clause, q.end)
    inner_end = close.start() if close and close.group() in "）)" else len(clause)
    content = clause[inner_start:inner_end]
    if not _LIST_MARK_RE.search(content):
        return 0, len(clause)
    for sub in clauses(content):
        if inner_start + sub.start <= q.start < inner_start + sub.end + 1:
            return inner_start + sub.start, inner_start + sub.end
    return 0, len(clause)


def _shift(q: Quantity, by: int) -> Quantity:
    return Quantity(q.start + by, q.end + by, q.value, q.value_max, q.unit, q.magnitude, q.more, q.chinese, q.surface)


def _zero_growth(m: re.Match[str]) -> Quantity:
    return Quantity(m.start(), m.end(), 0.0, None, "%", "", False, True, m.group())


def _doubling(m: re.Match[str]) -> Quantity:
    n = m.group("n")
    times = 1 if n is None else int(n) if n.isdigit() else int(chinese_to_number(n) or 1)
    return Quantity(m.start(), m.end(), float((2**times - 1) * 100), None, "%", "", False, True, m.group())


class _Verdict(NamedTuple):
    """How one quantity reads: its comparator, kind and signed value, and whether
    the text itself commits to it (a comparator or delivery word) or only its
    context (a goal list, a deadline) could vouch for it. ``rule`` names what
    committed it (``comparator:达到``, ``delivery-verb``…), ``context`` when only
    the context can."""

    comparator: str
    kind: str
    value: float
    value_max: float | None
    committed: bool
    rule: str = "context"


_ZERO_GROWTH = _Verdict("=", "change", 0.0, None, True, "zero-growth")
_APPROXIMATE_WORDS = ("约", "大约")


def _after_own_bound(region: str) -> str:
    """``region`` without the bound of the number before it that opens it (``10%以上、10%以上``:
    the second 10% continues the list as the first does)."""
    bound = COMPARATOR_AFTER_RE.match(region)
    return region[bound.end() :] if bound else region


def _read_quantity(
    clause: str,
    q: Quantity,
    region: str,
    previous: _Verdict | None,
    plan_before: bool = False,
    named: bool = True,
) -> _Verdict | str:
    """The reading of ``q`` in ``clause``, or the name of the rule that says it is not a target.

    ``plan_before``: an earlier clause of the sentence sets a budget or plan
    (``赤字率拟按3%安排，赤字规模4.06万亿元``), so amounts with no comparator are settings.

    ``region`` is the text since the previous quantity, where its comparator
    word sits; ``previous`` is that quantity's reading, which a bare ``、``
    or ``和`` carries over (``分别达100%、70%``).

    ``named=False``: the caller only asks whether ``q`` is a target, not which rule rejects it,
    so the cheap word checks run before the ones on the text around it (same answer, most bare
    numbers rejected sooner).
    """
    before = clause[: q.start]
    after = clause[q.end :]
    if q.surface == "零增长":
        return _ZERO_GROWTH
    if DOUBLING_RE.fullmatch(q.surface):
        past = PAST_RE.search(clause, 0, q.start)
        if past is not None:
            return f"past-word:{past.group()}"  # ``已翻一番``: a result
        suffix = COMPARATOR_AFTER_RE.match(after)
        comparator = COMPARATOR_AFTER[suffix.group()] if suffix else "="  # ``翻一番以上``: at least
        return _Verdict(comparator, "change", q.value, None, True, "doubling")
    if named:
        implausible = _implausible(clause, q, before, after)
        if implausible is not None:
            return implausible
    word = _nearest_comparator(region)
    right_after = word is not None and word.end() >= len(region) - 1
    bounded = q.unit in COUNT_UNITS and q.value >= CHINESE_BOUNDED_MIN and COMPARATOR_AFTER_RE.match(after)
    if q.chinese and (not (right_after or bounded) or q.value == 1) and not _delivered_count(region, q):
        return "chinese-numeral-without-comparator"  # 十三五, 一带一路 are names
    if q.unit == "":
        if not (q.magnitude or right_after):
            return "bare-number"
        if not q.magnitude and after and not (COMPARATOR_AFTER_RE.match(after) or after[0] in "，。；、"):
            return "bare-number"
    if not named:
        implausible = _implausible(clause, q, before, after)
        if implausible is not None:
            return implausible
    comparator: str | None = None
    kind = "level"
    committed = False
    rule = "context"
    if word is not None:
        committed, rule = True, f"comparator:{word.group()}"
        if word.group("fall"):
            kind, comparator = "change", "="
        else:
            comparator = COMPARATOR_BEFORE[word.group("word")]
    elif previous is not None and CONJUNCTION_ONLY_RE.match(_after_own_bound(region)):
        comparator, kind, committed = previous.comparator, previous.kind, True
        if comparator == "between" and not q.is_range:
            comparator = None  # a single number after a range (``6.5%-7%、8%``) bounds nothing itself
        rule = "list-continuation"
    increment = q.unit != "%" and INCREMENT_BEFORE_RE.search(before) is not None
    if increment:
        kind, comparator, committed, rule = "change", None, True, "increment-over-base-year"
    suffix = COMPARATOR_AFTER_RE.match(after)
    if suffix is not None:
        if not committed:
            rule = f"comparator-after:{suffix.group()}"
        committed = True
        after_cmp = COMPARATOR_AFTER[suffix.group()]
        # ``下降3.4%以上``: the fall is at least 3.4, so the change is <= -3.4.
        comparator = {">=": "<=", "<=": ">="}.get(after_cmp, after_cmp) if kind == "change" else after_cmp
    if q.more and kind == "level":
        comparator = ">"  # ``5000多亿元``
    if (word is not None and word.group("word") in _APPROXIMATE_WORDS) or (
        suffix is not None and COMPARATOR_AFTER[suffix.group()] == APPROXIMATE and suffix.group() == "左右"
    ):
        comparator = APPROXIMATE  # 左右/约 outweigh any other word (guide)
    if (q.unit in POINT_UNITS or q.unit in LIFETIME_UNITS) and kind == "level" and RISE_BEFORE_RE.search(region):
        # ``覆盖率每年提升1～3个百分点``: a rise of a rate by points; ``人均预期寿命…提高1岁左右``: of a lifetime
        kind, increment = "change", True
        if comparator is None:
            comparator = "="
    if suffix is None and q.unit == "%" and kind == "level" and BARE_GROWTH_BEFORE_RE.search(region):
        comparator, committed, rule = APPROXIMATE, True, "bare-growth-rate"
    if q.is_range:
        comparator = "between"
    # The verb may follow the number: ``100%纳入…`` (guide: such statements are
    # targets) and the 将/把 construction (``将全市10家A级景区纳入…``).
    verb_after = q.unit == "%" or DISPOSAL_RE.search(before) is not None
    # An earlier clause's setting carries to amounts of money and rates only (``赤字率拟按3%安排，
    # 赤字规模4.06万亿元``); counts after it are amounts to deliver (``安排资金148亿元，实施民生实事28项``).
    plan = (plan_before and q.unit in (*MONEY_UNITS, "%")) or _set_by_a_plan_word(before, q)
    if plan or DELIVERY_RE.search(before) or (verb_after and DELIVERY_RE.search(after)):
        if not committed:
            rule = "plan-setting" if plan else "delivery-verb"
        committed = True
    elif verb_after and COMPARATOR_BEFORE_RE.search(after):
        if not committed:
            rule = "comparator-after-number"
        committed = True
    if comparator is None:
        comparator = "=" if (plan or increment) else ">="
    value, value_max = q.value, q.value_max
    if kind == "change" and not increment:
        # A fall of 40%-45% is a change between -45 and -40.
        value, value_max = (-q.value_max, -q.value) if q.value_max is not None else (-q.value, None)
    return _Verdict(comparator, kind, value, value_max, committed, rule)


# The items a list names before its 等 (``A、B和C等三张清单``): separated by 、 和 及 与 within the clause.
_LIST_SEPARATOR_RE = re.compile(r"[、和及与]")
_CLAUSE_START_RE = re.compile(r"[，；：。]")


def _counts_more_than_it_names(before: str, after: str, q: Quantity) -> bool:
    """``完成A采石场、B采石场等15座历史遗留矿山修复``: the count after 等 is more than the list
    names, so 等 is "and others" and the number counts what is to be done (read as any amount);
    one that equals the named items sums the list up (gold NOTES: ``等三张目录清单``), and one
    whose noun goes on with 的 describes a set (``等9个项目的总投资``)."""
    if not before.endswith("等") or q.unit not in COUNT_UNITS or "的" in after:
        return False
    starts = [m.end() for m in _CLAUSE_START_RE.finditer(before)]
    named = before[starts[-1] if starts else 0 : -1]
    return bool(named) and q.value > len(_LIST_SEPARATOR_RE.findall(named)) + 1


def _set_by_a_plan_word(before: str, q: Quantity) -> bool:
    """A budget or plan word before ``q`` in its clause sets it (guide: ``安排……5000亿元`` → ``=``),
    unless ``q`` is no sum or rate and a delivery verb stands between them: ``投入500万元完成……
    15座矿山修复``, ``安排资金1亿元建设学校5所`` — the count is an amount to deliver (``>=``)."""
    plans = list(PLAN_RE.finditer(before))
    if not plans:
        return False
    if q.unit not in (*MONEY_UNITS, "%") and SIZE_OVER_IN_RE.match(before, plans[-1].end()):
        return False  # ``总投资超10亿元产业项目5个``: the plan word names the projects' size class, sets no count
    return q.unit in (*MONEY_UNITS, "%") or DELIVERY_RE.search(before, plans[-1].end()) is None


def _delivered_count(region: str, q: Quantity) -> bool:
    """``至少建设一所``, ``建成十个``: a count in Chinese numerals to deliver."""
    if q.unit not in CHINESE_COUNT_UNITS:
        return False
    if CHINESE_FLOOR_BEFORE_RE.search(region):
        return True
    return q.value >= 2 and CHINESE_BUILT_BEFORE_RE.search(region) is not None


def _implausible(clause: str, q: Quantity, before: str, after: str) -> str | None:
    """The rule by which the text around ``q`` marks it as a name, a threshold, a note or
    the past, else None."""
    if REJECT_BEFORE_RE.search(before) and not _counts_more_than_it_names(before, after, q):
        return "ordinal-or-formula-before"
    if REJECT_AFTER_RE.match(after):
        return "name-or-code-after"
    if POLICY_RATE_AFTER_RE.match(after):
        return "policy-rate"
    if BY_METHOD_BEFORE_RE.search(before):
        return "calculation-method"
    if FROM_VALUE_BEFORE_RE.search(before) and FROM_VALUE_AFTER_RE.match(after):
        return "starting-value"
    if LISTED_COUNT_BEFORE_RE.search(before) or (INDICATOR_COUNT_AFTER_RE.match(after) and q.unit in COUNT_UNITS):
        return "count-of-listed-items"
    if q.unit == "%" and "指标" in before and INDICATOR_SHARE_BEFORE_RE.search(before):
        return "count-of-listed-items"
    if INCLUSIVE_NOTE_AFTER_RE.match(after):
        return "inclusive-threshold"
    if STANDARD_AFTER_RE.match(after):
        return "sets-a-standard"
    if q.unit in PERSON_UNITS and PROCEDURE_RE.search(clause):
        return "staffing-of-a-procedure"
    if q.unit == "" and (NAME_AFTER_BARE_RE.match(after) or q.is_range):
        return "bare-number-name"
    if _is_threshold(before, after, q.unit):
        return "threshold"
    if "%" in before and SHARE_BEFORE_RE.search(before):
        return "condition-of-a-share"
    if q.unit in MONEY_UNITS and after.startswith(SIZE_BOUND_WORDS) and SIZE_CLASS_AFTER_RE.match(after):
        return "threshold"  # ``集中开工1亿元以上重大项目741个``: the size class of the projects counted
    if q.unit in MONEY_UNITS and SIZE_OVER_BEFORE_RE.search(before) and SIZE_OVER_AFTER_RE.match(after):
        return "threshold"  # ``总投资超30亿元或3亿美元产业项目2个``: the size class of the projects counted
    if q.unit not in COUNT_UNITS and PER_UNIT_RE.search(before):
        return "per-unit-standard"
    if _QUOTES_RE.search(before):
        return "inside-quotes"  # inside “…” or 《…》: a name
    note = _NOTE_RE.search(before)
    if note and not _CLAUSE_MARK_RE.search(note.group()):
        return "bracketed-note"  # inside a short （…）: a definition or note (``（单体建筑面积2万平方米以上）``)
    past = PAST_RE.search(clause)
    return f"past-word:{past.group()}" if past else None


def _is_threshold(before: str, after: str, unit: str) -> bool:
    """``…以上的企业`` (a condition), ``…的基础上`` (the present), ``…以上的，`` (a conditional clause).

    A percentage before ``的`` is a share of what follows (``100%的行政村``,
    ``90%以上的医疗机构``), unless it measures something of those things
    (``增长50%以上的企业``, ``对…50%以上的…``).
    """
    if after.startswith("口") and unit in PERSON_UNITS:
        after = after[1:]  # ``30万人口以上的市县``: the unit read was the 人 of 人口
    m = THRESHOLD_AFTER_RE.match(_BRACKETED_RE.sub("", after))
    if m is None:
        return False
    rest = m.group("rest")
    if not rest or rest.startswith("基础"):
        return True
    if "目标" in rest and GOAL_AFTER_RE.match(rest):
        return False  # ``…增长10%以上的年度目标``: the number is the goal itself
    if unit == "%":
        return RATE_BEFORE_RE.search(before) is not None or before.startswith("对")
    return MEASURE_HEADS_RE.search(rest) is None


def _nearest_comparator(region: str) -> re.Match[str] | None:
    last = None
    for m in COMPARATOR_BEFORE_RE.finditer(region):
        last = m
    return last


# --- indicators --------------------------------------------------------------


def _indicator(clause: str, q: Quantity, items: list[Quantity], kind: str) -> str:
    """The measured quantity as a noun phrase from the clause (guide: scope kept, verbs dropped)."""
    if q.surface == "零增长" or DOUBLING_RE.fullmatch(q.surface):
        head = clause[: q.start]
        word = _nearest_comparator(head)
        return _tidy(head[: word.start()] if word and word.end() == len(head) else head)
    index = items.index(q)
    first = items[0]
    own = _list_item_subject(clause, items, index)
    # Subject: the text before the first number of the clause, minus the comparator word;
    # an item of a list of amounts (``…企业160家、专精特新中小企业10家``) names its own.
    head = clause[: first.start] if own is None else own
    word = _nearest_comparator(head)
    subject = head[: word.start()] + head[word.end() :] if word else head
    move = FROM_TO_RE.search(head)
    if move:
        subject = head[: move.start()]  # ``覆盖率由60%提高到80%``: the rate, not its start
    # Object right after the number (``90%以上重大专利到期药物…``, ``80%县（市、区）``).
    stop = items[index + 1].start if index + 1 < len(items) else len(clause)
    tail = clause[q.end : stop]
    if index + 1 < len(items) and _list_item_subject(clause, items, index + 1) is not None:
        tail = ""  # the text after the number is the next item's subject
    suffix = COMPARATOR_AFTER_RE.match(tail)
    if suffix:
        tail = tail[suffix.end() :]
    if tail[:1] in ("（", "("):
        tail = ""  # ``3.5万亿元（人民币，下同）``, ``50%（含）``: a note on the number, not what it measures
    tail = TAIL_STOP_RE.split(tail, maxsplit=1)[0]
    if q.unit in MONEY_UNITS and _VERB_RE.match(tail):
        tail = ""  # ``投入500万元完成…矿山修复``: what a sum is spent on is a new predicate, not what it measures
    tail = _TRAILING_CONJUNCTION_RE.sub("", tail).lstrip("的")
    if "目标" in tail and GOAL_AFTER_RE.match(tail):
        tail = ""  # ``…增长10%以上的年度目标``: the goal is no part of what is measured
    subject = _tidy(MODAL_WILL_RE.sub("", subject.replace(RESPECTIVELY, "")))
    parts = _coordinated(subject, len(items)) if len(items) > 1 and not tail and own is None else None
    if parts is not None:
        subject = parts[index]
    noun = _tidy(tail) if tail and not tail.startswith(("，", "。")) else ""
    phrase = (subject + noun) if noun else subject
    if not phrase:
        # (the comparator after the number is no name: ``2015年在315万人以内`` names nothing, and
        # the clause before lends its subject, ``_nameless``)
        rest = clause[q.end :]
        suffix = COMPARATOR_AFTER_RE.match(rest)
        phrase = _tidy(clause[: q.start] + (rest[suffix.end() :] if suffix else rest))
    if kind == "change":
        pass  # ``化学农药使用量减少10%``: the indicator is the quantity that falls
    elif phrase.endswith(GROWTH_ENDINGS):
        phrase += RATE_SUFFIX  # ``地区生产总值增长7%`` → 地区生产总值增长率
    elif q.unit in EVENT_UNITS:
        phrase += q.unit  # ``培训…10万人次`` → …人次
    elif not phrase.endswith(MEASURE_ENDINGS):
        if q.unit == "%":
            phrase += SHARE_SUFFIX
        elif q.unit in AREA_UNITS:
            phrase += AREA_SUFFIX
        elif q.unit in LENGTH_UNITS:
            phrase += LENGTH_SUFFIX
        elif q.unit in COUNT_UNITS:
            phrase += COUNT_SUFFIX
    return "".join(phrase.split())


def _list_item_subject(clause: str, items: list[Quantity], index: int) -> str | None:
    """The subject an item of a list of amounts names between ``、`` and its number, else None.

    ``培育高新技术企业160家、专精特新中小企业10家``: ``专精特新中小企业`` for the second; a bare
    ``、``/``和`` between numbers (``分别达100%、70%``) leaves the subject shared (None). After a sum,
    a verb and its object (``投资2亿元建设污水处理厂3座``) name the next number's quantity too.
    """
    if index == 0:
        return None
    region = clause[items[index - 1].end : items[index].start]
    suffix = COMPARATOR_AFTER_RE.match(region)
    if suffix:
        region = region[suffix.end() :]
    if not region.startswith(("、", "，")):
        if items[index - 1].unit in MONEY_UNITS and _VERB_RE.match(region):
            return region  # ``投资2亿元建设污水处理厂3座``: the sum's purpose is a predicate of its own
        return None
    region = region.lstrip("、，")
    return region if _tidy(_PREDICATE_RE.sub("", region)) else None


def _tidy(text: str) -> str:
    text = "".join(text.replace(MASK, "").split()).strip("，、；：。" + BULLETS)
    previous = None
    while previous != text:
        previous = text
        text = INDICATOR_LEAD_RE.sub("", text)
        text = INDICATOR_TRAIL_RE.sub("", text)
        text = text.strip("，、；：。")
    return text


# Words that fuse a pair of scopes, each read in the order the pair is named (``城乡居民人均可支配收入
# 分别增长8%和10%``: 城镇 8%, 农村 10%; ``进出口分别增长`` likewise).
FUSED_PAIRS = {"城乡": ("城镇", "农村"), "进出口": ("进口", "出口"), "中小学": ("中学", "小学")}
_FUSED_PAIR_RE = re.compile("|".join(FUSED_PAIRS))


def _fused_pair(subject: str) -> list[str] | None:
    """``城乡居民收入`` for two numbers: ``城镇居民收入``, ``农村居民收入``; None without such a word."""
    m = _FUSED_PAIR_RE.search(subject)
    if m is None:
        return None
    return [subject[: m.start()] + part + subject[m.end() :] for part in FUSED_PAIRS[m.group()]]


def _coordinated(subject: str, n: int) -> list[str] | None:
    """Split ``花生种植、收获机械化率`` into ``花生种植机械化率``, ``花生收获机械化率``.

    One coordinated pair of items, each as long as the left one when it is
    short (``县、乡级…``, ``城市和农村…``), else two characters (most Chinese
    words are); the text before is a shared prefix, after a shared suffix.
    """
    if n != 2:
        return None
    m = COORDINATION_RE.search(subject)
    if m is None:
        return _fused_pair(subject)
    left, right = subject[: m.start()], subject[m.end() :]
    if not left or not right:
        return None
    if left.endswith(MEASURE_ENDINGS) and len(right) > 2:
        return [left, right]  # ``城镇调查失业率、居民消费价格涨幅``: two whole measures, nothing shared
    k = len(left) if len(left) <= 2 else 2
    if len(right) <= k:
        return None
    prefix = left[: len(left) - k]
    return [prefix + left[-k:] + right[k:], prefix + right[:k] + right[k:]]
