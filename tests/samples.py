"""A model deck that uses every slide kind, built directly (no YAML), for renderer tests."""

from __future__ import annotations

from pathlib import Path

from deckbuild.model.deck import (
    Bullet,
    BulletsContent,
    Chart,
    ChartContent,
    ChartKind,
    ClosingContent,
    Column,
    ColumnsContent,
    Deck,
    DiagramContent,
    ImageContent,
    NumberFormat,
    QuoteContent,
    Rich,
    SectionContent,
    Series,
    Slide,
    SlideKind,
    Source,
    Span,
    Stat,
    StatsContent,
    Table,
    TableContent,
    TitleContent,
)
from deckbuild.model.diagram import Arrangement, Diagram, DiagramItem, Stack, Tone

R = Rich.of
SRC = Source("src", 1, "Meta 的高风险豪赌", "科技评论", "2025-08-01", "https://example.com/a?x=1&y=<2>")

CAPEX = Chart(
    name="capex", kind=ChartKind.COLUMN, title="2025 年资本支出指引",
    categories=("2023", "2024", "2025 低", "2025 高"),
    series=(Series("资本支出", (28.1, 39.2, 66.0, 72.0)),),
    unit="十亿美元", number_format=NumberFormat(0, "", ""),
    alt_text="柱状图,2025 年资本支出:660–720 亿美元", highlight="2025 高",
    sources=(SRC,), digest="0" * 64,
)


def sample_deck(image: Path | None = None) -> Deck:
    slides = [
        Slide(SlideKind.TITLE, 1, R("Meta 的超级智能豪赌"), TitleContent("分析组", "2025 年 8 月 1 日"),
              subtitle=R("高风险、高回报"), notes=("开场。",)),
        Slide(SlideKind.SECTION, 2, R("从元宇宙到超级智能"), SectionContent(1), notes=("第一部分。",)),
        Slide(SlideKind.BULLETS, 3, R("算力军备竞赛是转向的代价"), BulletsContent((
            Bullet(Rich((Span("资本支出 "), Span("660–720 亿美元", bold=True), Span(",大部分投向 AI 基础设施。")))),
            Bullet(R("自研芯片与超大规模数据中心"),
                   (Bullet(R("普罗米修斯"), (Bullet(R("千兆瓦级")),)), Bullet(R("海伯利安")))),
            Bullet(R("文字 <b>不是</b> 标记 & 也不是 <font> 标签")),
        )), notes=("强调数字。", "第二段备注。"),
              report=(R("Meta 把资本支出的大部分投向 AI 基础设施。"), R("第二段:钱堆不出奇迹。")),
              sources=(SRC,)),
        Slide(SlideKind.COLUMNS, 4, R("开放与封闭"), ColumnsContent(
            Column(R("开放权重"), (Bullet(R("Llama 免费")), Bullet(R("商品化互补品")))),
            Column(R("封闭"), (Bullet(R("Behemoth 可能封闭")),))), notes=("对比。",)),
        Slide(SlideKind.CHART, 5, R("资本支出几乎翻倍"), ChartContent(CAPEX, R("来源:公司指引")),
              notes=("图表。",), sources=(SRC,)),
        Slide(SlideKind.TABLE, 6, R("四大战略记分卡"), TableContent(Table(
            (R("战略"), R("进展"), R("评价")),
            tuple((R(f"战略 {i}"), R("广告 ROAS 提升 12%,视频观看时长同比增长 20% 以上"), R("胜"))
                  for i in range(1, 5)))), notes=("表格。",)),
        Slide(SlideKind.QUOTE, 7, R("对手毫不留情"), QuoteContent(R("这就是一场自欺欺人的戏。"), "竞争对手高管"),
              notes=("引语。",)),
        Slide(SlideKind.STATS, 8, R("广告是唯一的大胜"), StatsContent((
            Stat("+7%", R("点击率")), Stat("−6.5%", R("单次链接点击成本")), Stat("+12%", R("ROAS")))),
              notes=("数字。",), sources=(SRC,)),
    ]
    if image is not None:
        slides.append(Slide(SlideKind.IMAGE, 9, R("Ray-Ban Meta 眼镜"), ImageContent(image, "一副智能眼镜"),
                            notes=("图片。",)))
    slides.append(Slide(SlideKind.DIAGRAM, len(slides) + 1, R("没有操作系统，只能当房客"), DiagramContent(
        Diagram(Arrangement.LAYERS, (
            Stack((DiagramItem(R("应用"), R("默认推送 AI")), DiagramItem(R("操作系统"), R("自有"))), R("房东")),
            Stack((DiagramItem(R("Facebook · Instagram"), tone=Tone.HIGHLIGHT),
                   DiagramItem(R("无系统级权限"), tone=Tone.ABSENT), DiagramItem(R("iOS · Android"), tone=Tone.MUTED)),
                  R("房客"), R("Meta")))),
        "示意图：房东自有每一层，房客租用操作系统"), notes=("示意图。",), sources=(SRC,)))
    slides.append(Slide(SlideKind.CLOSING, len(slides) + 1, R("豪赌尚未开牌"), ClosingContent((
        Bullet(R("团队、平台、信任")), Bullet(R("开放与控制")))), notes=("结束。",)))
    return Deck(name="sample", title="Meta 的超级智能豪赌", language="zh-CN", slides=tuple(slides),
                subtitle="高风险、高回报", author="分析组", date="2025 年 8 月 1 日", sources=(SRC,),
                summary=(R("Meta 正在把未来押在个人超级智能上。"),))


def long_table_deck() -> Deck:
    """The sample deck with a 90-row table as its third slide: a table that spans pages."""
    from dataclasses import replace

    rows = tuple((R(f"第 {i} 行"), R("广告 ROAS 提升 12%,视频观看时长同比增长 20% 以上"), R(f"{i}.5%"))
                 for i in range(1, 91))
    slide = Slide(SlideKind.TABLE, 3, R("长表格"), TableContent(Table((R("行名"), R("说明文字"), R("数值")), rows)))
    deck = sample_deck()
    return replace(deck, slides=deck.slides[:2] + (slide,) + deck.slides[2:])
