"""Gazetteers of general Chinese administrative vocabulary: organ and school-type suffixes, generic
modifiers, surnames. Nothing here names a particular school, person or document of any corpus.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files


def word_list(name: str) -> tuple[str, ...]:
    """A word list of ``extractor/rules/data`` (one word per line, ``#`` comments)."""
    text = files("extractor.rules.data").joinpath(name).read_text("utf-8")
    return tuple(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def org_name_suffixes() -> tuple[str, ...]:
    """Every word that ends an organization's name (``data/org_suffixes.txt``), longest first."""
    return tuple(sorted(set(word_list("org_suffixes.txt")), key=len, reverse=True))

# Document types (文种), longest first so 实施意见 wins over 意见.
DOC_TYPES = ("实施意见", "实施方案", "工作方案", "指导意见", "通知", "通报", "意见", "方案", "办法", "决定", "复函", "函",
             "报告", "请示", "批复", "规定", "细则", "要点", "计划", "汇编", "公告", "通告", "纪要", "命令", "议案",
             "决议", "公报", "条例", "规划", "纲要", "指南", "说明", "答复", "通令", "令", "总结")

# Words that end an organization's name: one list (data/org_suffixes.txt) for every grammar that needs it.
ORG_SUFFIXES = org_name_suffixes()


@lru_cache(maxsize=1)
def org_suffix_alternation() -> str:
    """``ORG_SUFFIXES`` as one regular-expression alternation, longest first."""
    return "|".join(map(re.escape, ORG_SUFFIXES))


def name_endings(*extra: str) -> str:
    """One regular-expression alternation of every organization and school ending (and ``extra`` words),
    longest first: the end of a unit, a signature name or an addressee."""
    return _name_endings(tuple(sorted(extra)))


@lru_cache(maxsize=8)
def _name_endings(extra: tuple[str, ...]) -> str:
    return "|".join(map(re.escape, sorted({*ORG_SUFFIXES, *SCHOOL_SUFFIXES, *extra}, key=len, reverse=True)))


# A quantified category (各县特殊教育学校, 诸多学校), not a name (诸X中学, a place opening with 诸, is one).
QUANTIFIED = re.compile(r"^(?:[各每全该本]|诸(?:多|位|所|校))")

# Core department names that are organs wherever they appear (a place or level may precede them).
ORGAN_CORES = ("教育部", "财政部", "国务院", "国务院办公厅", "发展改革委", "国家发展改革委", "税务总局", "国家税务总局",
               "人力资源社会保障部", "人力资源和社会保障局", "人力资源和社会保障厅", "人力资源社会保障厅",
               "教育厅", "教育局", "教育委员会", "财政厅", "财政局", "发展和改革局", "发展和改革委员会",
               "自然资源和规划局", "自然资源厅", "文化广电和旅游局", "文化和旅游局", "文化和旅游厅", "卫生健康局", "卫生健康委员会", "住房和城乡建设局", "住房城乡建设厅", "交通运输厅", "卫生健康委",
               "民政厅", "民政局", "科技厅", "水利厅", "商务厅", "审计厅", "统计局", "医保局", "国资委", "农业农村厅",
               "农业农村部", "乡村振兴局", "国家乡村振兴局", "扶贫开发办", "扶贫办", "人民政府", "人民政府办公厅",
               "人民政府办公室", "教育局办公室", "教育厅办公室", "妇联", "残联", "总工会", "团委", "工商联",
               "电教站", "电教仪器站", "教研室", "教科所", "教育科学研究所", "督导室", "宣传部", "组织部", "统战部",
               "编办", "党委", "政府")

# Admin-level words that may open an organ name instead of a place name.
LEVEL_PREFIXES = ("自治区", "省", "市", "县", "区", "乡", "镇", "国家", "中共", "中央", "全国")

# School-type suffixes, longest first (a name ends with one of these).
SCHOOL_SUFFIXES = ("九年一贯制学校", "十二年一贯制学校", "特殊教育学校", "职业技术教育中心", "职业教育中心", "職業教育中心",
                   "职教中心", "职业技术学院", "高等专科学校", "职业技术学校",
                   "中等职业学校", "中等专业学校", "职业高级中学", "完全中学", "高级中学", "初级中学", "实验中学",
                   "实验小学", "中心小学", "完全小学", "实验学校", "民族中学", "师范学院", "师范大学", "专科学校",
                   "职业学校", "技工学校", "附属中学", "附属小学", "附属幼儿园", "中心幼儿园", "幼儿园", "保育院",
                   "教学点", "中心校", "中学校", "小学校", "大学", "学院", "中学", "小学", "学校", "高中", "初中", "完小", "附中", "附小",
                   "分园", "分校", "校区", "小学部", "中学部", "初中部", "高中部", "普高部", "幼儿部")

# Words that make a school phrase a category, with or without a place: 农村学校, 柳州市农村学校.
SCHOOL_CATEGORY_WORDS = frozenset(
    "农村 城区 城镇 乡镇 乡村 村级 县城 边境地区 民族地区 贫困地区 普通高中 高中学校 初中学校 市区 城市 项目 义务教育 普通 薄弱 优质 结对 受援 支援 帮扶 托管 受助 被帮扶 牵头 "
    "民办 公办 寄宿制 寄宿 小规模 新优质 示范 示范性 特色 所有 有关 相关 所在 创建 试点 重点 每所 一所 多所 "
    "其他 其它 同类 周边 当地 全市 全县 全区 全省 全国 广大 部分 一批 这些 中小 中小学 各级 各类 局属 直属 部属 省属 市属 县属 区属 "
    "高质量 家门口 新建 改扩建 偏远 贫困 边远 困难 山区 民族地区 边境 县域 区域 城乡 校外 校内 "
    "对口 对方 双方 两所 兄弟 合作 联盟 集团 集团化 共同体 上述 以上 下列 这所 那所 此类 一般 完全 高级 初级 "
    "附属 高等 中等 职业 义务 学前 基础 普惠性 普惠 星级 等级 标准化 现代化 智慧 数字 平安 绿色 文明 和谐 "
    "典型 现代 全部 规范 迎检 直管 本级 初中 高中 小学 中学 中小学 大中小学 攀岩 街道 每个 很多 优秀 先进 名校 品牌 "
    "考点 参赛 承办 申报 入选 获奖 抽查 大部分 少数 个别 属 清廉 廉洁 一流 双一流 书香".split())

# Words that are a school *type*: generic alone, specific after a place (X市特殊教育学校).
SCHOOL_TYPE_WORDS = frozenset("特殊教育 特教 实验 中心 民族 第一 第二 第三 机关 直属机关".split())

# Tokens that cannot be inside a school name: they end the name on its left.
SCHOOL_LEFT_STOPS = frozenset(
    "的 和 与 及 或 由 在 对 到 向 为 是 等 从 把 将 被 让 使 给 以 于 至 了 也 还 并 且 即 如 像 比 同 跟 "
    "帮扶 结对 托管 支援 受援 指导 组织 推荐 选派 派驻 帮助 依托 其中 包括 以及 如下 名单 建设 创建 打造 成为 "
    "学习 借鉴 参加 开展 举办 设立 开设 就读 入读 进入 到达 前往 赴 来自 毕业 担任 现任 原 共 有 新增 "
    "评为 获评 荣获 命名 认定 确定 遴选 申报 报送 覆盖 实现 推进 加强 提高 提升 落实 负责 统筹 安排 包含 届 "
    # verbs of a visit or a meeting about a school (讨论某中学来访…, 走访某小学)
    "讨论 走访 考察 观摩 慰问 接待 欢迎 访问 调研 商讨 吸纳 期间 做好 走进".split())

# What 每 counts in a quota per unit (每所学校…1名, 每个县推荐…): the goal reader and the target scorer's feature.
PER_UNIT_WORDS = ("所", "个", "校", "园", "名", "位", "人", "县", "区", "乡", "镇", "村", "班", "组", "单位", "学校", "幼儿园",
                  "部门")

# People and posts: never a responsible unit (班主任负责…, 教官, 校长), though a column may list them.
ROLE_WORDS = ("班主任", "教官", "校长", "副校长", "老师", "教师", "同学", "学生", "家长", "书记", "主任", "组长", "负责人",
              "委员", "干事", "辅导员", "教练", "队长", "班长", "值周", "各位")

# Common Chinese surnames (single and double), for contact-person names.
SURNAMES = frozenset(
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 "
    "丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 "
    "覃 武 戴 莫 孔 向 汤 常 温 康 施 文 牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 "
    "尚 符 舒 阮 柯 纪 梅 童 凌 毕 单 季 裴 霍 涂 成 苗 谷 盛 曲 翁 冉 骆 蓝 路 游 辛 靳 管 柴 蒙 鲍 华 喻 祁 蒲 房 滕 屈 饶 解 牟 艾 尤 阳 时 "
    "穆 农 司 卓 古 吉 缪 简 车 项 连 芦 麦 褚 娄 窦 戚 岑 景 党 宫 费 卜 冷 晏 席 卫 米 柏 宗 瞿 桂 全 佟 应 臧 闵 苟 邬 边 卞 姬 师 和 仇 栾 "
    "隋 商 刁 沙 荣 巫 寇 桑 郎 甄 丛 仲 虞 敖 巩 明 佘 池 查 麻 苑 迟 邝 官 封 谈 匡 鞠 惠 荆 乐 冀 郁 胥 南 班 储 原 栗 燕 楚 鄢 劳 谌 奚 "
    "皮 粟 冼 蔺 楼 盘 满 闻 位 厉 伊 仝 区 郜 海 阚 花 权 强 帅 屠 豆 朴 盖 练 廉 禹 井 祖 漆 巴 丰 支 卿 国 狄 平 计 索 宣 晋 相 初 门 云 "
    "容 敬 来 扈 晁 芮 都 普 阙 浦 戈 伏 鹿 薄 邸 雍 辜 羊 阿 乌 母 裘 亓 修 邰 赫 杭 况 那 宿 鲜 印 逯 隆 茹 诸 战 慕 危 玉 银 亢 嵇 公 哈 "
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木 西门 南宫 "
    # traditional forms (notices mirrored on 繁體 sites)
    "劉 陳 楊 黃 趙 吳 孫 馬 鄭 羅 謝 許 韓 馮 鄧 蕭 葉 蘇 呂 盧 鍾 譚 陸 範 賈 韋 鄒 龍 賀 顧 龔 萬 錢 嚴 "
    "湯 溫 戴 莊 聶 翟 殷 詹 歐 關 蘭 焦 俞 塗 藍 遊 靳 鮑 華 饒 艾 時 穆 農 車 項 連 蘆 麥 婁 竇 費 衛 "
    "歐陽 諸葛 東方 司馬 上官".split())

# Verbs and adverbs of policy prose that never begin a school name (they end it on the left).
POLICY_VERBS = frozenset(
    "彰显 展现 体现 提高 全面提高 促进 加强 推动 推进 总结 全面总结 助力 利用 优化 持续优化 激发 全面激发 引导 构建 打造 形成 建立 完善 健全 实施 "
    "深化 探索 创新 树立 聚焦 围绕 满足 支持 保障 强化 规范 明确 解决 整合 评估 推行 助推 配合 紧扣 挖掘 实现 扩大 "
    "调整 合理调整 新建 改建 扩建 建成 先后建成 重建 完成 引进 布局 承担 督促 指导 帮助 带动 辐射 示范 依托 通过 "
    "全面 进一步 切实 积极 认真 努力 着力 大力 不断 逐步 全力 重点 主动 及时 定期 深入 扎实 有效 充分 率先 "
    "意在 旨在 根据 按照 依据 针对 对照 结合 为了 为 确保 确定 没有 减少 增加 新增 出台 发挥 提升 改善 加快 "
    "牵手 携手 对接 结对 帮扶 托管 支援 对口帮扶 结对帮扶 托管帮扶 领办 主帮 协帮 整体托管 "
    "亲自 负责 分别 成立 拥有 增强 具有 设有 共有 现有 体现 制定 制订 编制 研制 修订 要求 报读 就读 入读 转入 录取 招收 接收 合并 撤并 撤销 迎检 抽查 检查 考核 中的".split())
