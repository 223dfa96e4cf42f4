"""Line breaks for document titles (GB/T 9704 7.3.1).

A title longer than a line is split into balanced lines (trapezoid, diamond or
rectangle, never much longer and shorter lines mixed) of at most 20 characters
(2号 in the 156 mm text block), with breaks at phrase boundaries — before 关于,
around 《》, before 的通知 — and never inside a word.  Without a full word
segmenter, "word" means a common term of official titles from the lexicon
below; unknown stretches may be broken only at a high cost, so they are avoided
whenever a better break exists.
"""
from __future__ import annotations

import math

from exporters.cjk_text import NO_LINE_END, NO_LINE_START, is_word_char
from exporters.docx_style import text_width

# Common words of official titles; a break never falls inside one of them.
_LEXICON = sorted(set("""
关于 印发 转发 通知 通报 意见 方案 办法 规定 清单 目标 责任 任务 工作 要点 实施 细则 优化 营商 环境
城市 城管 管理 行政 执法 人民 政府 办公室 办公厅 委员会 市场 监管 区域 会议 部署 处理 办理 推进 加快
加强 进一步 深化 改革 全面 重点 分工 年度 考核 评价 发展 经济 社会 建设 服务 政务 公共 资源 交易
中心 集团 公司 有限 安全 生产 质量 高质量 提升 行动 计划 专项 整治 治理 监督 检查 落实 贯彻 指标
体系 机制 制度 规划 纲要 振兴 乡村 农业 农村 教育 卫生 健康 文化 旅游 交通 运输 生态 保护 创新
科技 产业 项目 投资 招商 民营 企业 平台 数字 信息 放管服 一网通办 攻坚 三年 五年 十四五 专班 领导
小组 成员 单位 职责 分解 督查 督办 事项 台账 主要 关键 重大 持续 巩固 拓展 成果 有效 衔接 开展
组织 政策 措施 若干 支持 促进 推动 保障 应急 防控 防范 风险 化解 民生 实事 住房 城乡 住建 自然
资源 水务 燃气 供水 供气 用水 用气 用电 电力 获得 许可 审批 登记 开办 纳税 信贷 合同 破产 办事
便利 便利度 效能 效率 标准 标准化 规范 规范化 信用 诚信 法治 依法 治理 综合 联合 一体化 智慧
""".split()), key=len, reverse=True)
_MAX_WORD = max(map(len, _LEXICON))

_SUFFIXES = set("省市县区镇乡局厅委府院会室部处办")
_HEADS = ("工作方案", "实施方案", "方案", "清单", "意见", "办法", "规定", "要点", "计划", "细则", "规划")
_NOTICE_ENDS = ("的通知", "的通报", "的意见", "的批复", "的报告", "的函", "的决定")
_FORBIDDEN = 1000.0
_UNKNOWN = 6.0


def _word_spans(text: str) -> list[tuple[int, int]]:
    """Forward maximum matching against the lexicon: spans (start, end) of known words."""
    spans = []
    i = 0
    while i < len(text):
        for length in range(min(_MAX_WORD, len(text) - i), 1, -1):
            if text[i:i + length] in _LEXICON:
                spans.append((i, i + length))
                i += length
                break
        else:
            i += 1
    return spans


def break_costs(text: str) -> list[float]:
    """Cost of a line break before each position 1..len-1 (index i: before text[i])."""
    n = len(text)
    costs = [_UNKNOWN] * (n + 1)
    inside = [False] * (n + 1)
    known = [False] * (n + 1)
    for start, end in _word_spans(text):
        for k in range(start + 1, end):
            inside[k] = True
        known[start] = known[end] = True
    for i in range(1, n):
        prev, cur = text[i - 1], text[i]
        rest = text[i:]
        if cur in NO_LINE_START or prev in NO_LINE_END or (is_word_char(prev) and is_word_char(cur)):
            cost = _FORBIDDEN
        elif prev.isdigit() and cur in "年月日号期届次":
            cost = _FORBIDDEN
        elif inside[i]:
            cost = _FORBIDDEN
        elif rest.startswith("关于") or cur == "《" or prev == "》":
            cost = 0.0
        elif any(rest == end for end in _NOTICE_ENDS):
            cost = 0.5
        elif prev in "、，；":
            cost = 1.0
        elif prev == "年" and i >= 2 and text[i - 2].isdigit():
            cost = 1.5
        elif prev in _SUFFIXES:
            cost = 1.5
        elif prev in "的和与及等" or any(rest.startswith(h) for h in _HEADS):
            cost = 2.0
        elif known[i]:
            cost = 3.0
        elif is_word_char(prev) != is_word_char(cur):
            cost = 3.0
        else:
            cost = _UNKNOWN
        costs[i] = cost
    return costs


def split_title(text: str, max_units: float = 20.0) -> list[str]:
    """Balanced lines of at most ``max_units`` characters (ASCII counts ½), broken at phrase boundaries."""
    text = text.strip()
    total = text_width(text)
    if total <= max_units:
        return [text]
    costs = break_costs(text)
    n = len(text)
    prefix = [0.0]
    for ch in text:
        prefix.append(prefix[-1] + text_width(ch))
    best: tuple[float, list[str]] | None = None
    k_min = math.ceil(total / max_units)
    for k in range(k_min, k_min + 2):
        mean = total / k
        # dp[j][i]: best score of j lines covering text[:i]
        inf = float("inf")
        dp = [[inf] * (n + 1) for _ in range(k + 1)]
        back = [[0] * (n + 1) for _ in range(k + 1)]
        dp[0][0] = 0.0
        for j in range(1, k + 1):
            for i in range(1, n + 1):
                if j == k and i != n:
                    continue
                for s in range(i - 1, -1, -1):
                    width = prefix[i] - prefix[s]
                    if width > max_units:
                        break
                    if dp[j - 1][s] == inf or (s == 0) != (j == 1):
                        continue
                    score = dp[j - 1][s] + (width - mean) ** 2 + (4 * costs[s] if s else 0.0)
                    if score < dp[j][i]:
                        dp[j][i], back[j][i] = score, s
        if dp[k][n] == inf:
            continue
        score = dp[k][n] + 15.0 * (k - k_min)
        if best is None or score < best[0]:
            cuts, i = [], n
            for j in range(k, 0, -1):
                cuts.append(i)
                i = back[j][i]
            cuts.append(0)
            cuts.reverse()
            best = (score, [text[a:b] for a, b in zip(cuts, cuts[1:])])
    if best is None:  # a single unbreakable run: cut at the width limit
        lines, line = [], ""
        for ch in text:
            if text_width(line + ch) > max_units:
                lines.append(line)
                line = ""
            line += ch
        return lines + [line]
    return best[1]
