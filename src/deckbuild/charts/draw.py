"""Draw a resolved chart with matplotlib's object API (no pyplot, no global figure state).

``figure(chart, theme, width_pt, height_pt)`` returns a ``matplotlib.figure.Figure`` for every
``ChartKind``. Tick labels are created when the figure is drawn, so save it inside
``style.rc_context(theme, width_pt)`` (the functions in ``charts.export`` do).

The chart title is not drawn: the deck and the report show it themselves. The unit (or
``y_title``) sits above the value axis as a small label; data labels replace the value axis
where they make it redundant.
"""

from __future__ import annotations

from collections.abc import Callable

import deckbuild.charts.matplotlib_setup  # noqa: F401  (before matplotlib)

from matplotlib.figure import Figure

from deckbuild.charts import draw_bars, draw_other, style
from deckbuild.charts.canvas import Ctx, legend
from deckbuild.model.deck import Chart, ChartKind
from deckbuild.model.theme import Theme

# The drawing of each chart kind.
DRAWERS: dict[ChartKind, Callable[[Ctx], None]] = {
    ChartKind.COLUMN: draw_bars.column,
    ChartKind.BAR: draw_bars.bar,
    ChartKind.RANGE: draw_bars.range_,
    ChartKind.MAGNITUDE: draw_bars.magnitude,
    ChartKind.SCORECARD: draw_bars.scorecard,
    ChartKind.COMBO: draw_bars.combo,
    ChartKind.LINE: draw_other.line,
    ChartKind.AREA: draw_other.area,
    ChartKind.PIE: draw_other.pie,
    ChartKind.DONUT: draw_other.pie,
    ChartKind.SCATTER: draw_other.scatter,
}


def figure(chart: Chart, theme: Theme, width_pt: float, height_pt: float) -> Figure:
    """The chart drawn at ``width_pt`` × ``height_pt`` points, constrained layout, no title."""
    with style.rc_context(theme, width_pt):
        fig = Figure(figsize=(width_pt / 72, height_pt / 72), dpi=72, layout="constrained")
        ax = fig.add_subplot()
        ctx = Ctx(chart, theme, fig, ax, width_pt, height_pt, style.font_size(theme, width_pt))
        if not chart.series or not any(s.values for s in chart.series):
            ax.set_axis_off()
            ax.text(0.5, 0.5, "—", ha="center", va="center", transform=ax.transAxes, color=theme.colors.muted)
            return fig
        DRAWERS[chart.kind](ctx)
        legend(ctx)
        # Constrained layout takes a pass to settle where texts reach outside the axes (a pie's
        # labels): laid out once here, the drawing a save makes is the settled one (one pass
        # only, the donut's labels ran 23 pt off both sides of the report's figure).
        fig.draw_without_rendering()
    return fig
