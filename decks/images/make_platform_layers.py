"""Draw decks/images/platform-layers.png: "landlord vs tenant" platform layers.

Left: the platform owners (Apple, Google, Microsoft) hold every layer, from the
operating system up to system-level AI and their apps. Right: Meta's apps and
Meta AI sit on iOS and Android, which Meta rents and does not control.
Labels are bilingual (English / 简体中文) so one image serves both editions.

Run from the repository root:  .venv/bin/python decks/images/make_platform_layers.py
Output: 1600 x 900 px PNG.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
FONT = ROOT / "src" / "deckbuild" / "fonts" / "NotoSansSC-Regular.ttf"
OUT = HERE / "platform-layers.png"

# Colours of the default deckbuild theme.
PRIMARY = "#1B2A41"
ACCENT = "#D55E00"
BLUE = "#0072B2"
MUTED = "#5F6B7A"
SURFACE = "#F2F4F7"
LINE = "#D9DDE3"


def box(ax, x, y, w, h, face, edge=None, hatch=None, dashed=False, lw=2.0):
    patch = FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0,rounding_size=0.12",
                           facecolor=face, edgecolor=edge or face, linewidth=lw,
                           linestyle=(0, (6, 4)) if dashed else "solid", hatch=hatch)
    ax.add_patch(patch)


def text(ax, x, y, s, size, color=PRIMARY, **kw):
    ax.text(x, y, s, fontsize=size, color=color, ha="center", va="center", fontproperties=FP, **kw)


font_manager.fontManager.addfont(str(FONT))
FP = font_manager.FontProperties(fname=str(FONT))

fig = plt.figure(figsize=(16, 9), dpi=100)
ax = fig.add_axes((0, 0, 1, 1))
ax.set_xlim(0, 16)
ax.set_ylim(0, 9)
ax.axis("off")
fig.patch.set_facecolor("white")

# Column headings.
text(ax, 4.1, 8.25, "Landlord  房东", 30)
text(ax, 4.1, 7.6, "Apple · Google · Microsoft", 17, MUTED)
text(ax, 11.9, 8.25, "Tenant  房客", 30, ACCENT)
text(ax, 11.9, 7.6, "Meta", 17, MUTED)
ax.plot([8, 8], [1.0, 8.5], color=LINE, linewidth=2)

L, R, W = 1.0, 8.8, 6.2  # left edges and width of the two stacks

# --- Landlord: owns all three layers -------------------------------------------
box(ax, L, 5.2, W, 1.6, BLUE)
text(ax, L + W / 2, 6.22, "Apps  应用", 22, "white")
text(ax, L + W / 2, 5.65, "AI pushed to users by default  默认推送 AI", 15, "white")
box(ax, L, 3.3, W, 1.6, BLUE)
text(ax, L + W / 2, 4.32, "System-level AI  系统级 AI", 22, "white")
text(ax, L + W / 2, 3.75, "Cross-app memory, full user data  跨应用记忆与全量数据", 15, "white")
box(ax, L, 1.4, W, 1.6, PRIMARY)
text(ax, L + W / 2, 2.42, "Operating system  操作系统", 22, "white")
text(ax, L + W / 2, 1.85, "Owned  自有", 15, "white")

# --- Tenant: owns only the top layer -------------------------------------------
box(ax, R, 5.2, W, 1.6, ACCENT)
text(ax, R + W / 2, 6.22, "Facebook · Instagram · WhatsApp", 20, "white")
text(ax, R + W / 2, 5.65, "+ Meta AI", 17, "white")
box(ax, R, 3.3, W, 1.6, "white", edge=ACCENT, dashed=True)
text(ax, R + W / 2, 4.32, "No system-level access  无系统级权限", 20, ACCENT)
text(ax, R + W / 2, 3.75, "Memory and personalisation stop at the app  记忆止于单个应用", 14, ACCENT)
box(ax, R, 1.4, W, 1.6, SURFACE, edge=MUTED, hatch="//", lw=1.5)
text(ax, R + W / 2, 2.42, "iOS · Android", 22, PRIMARY,
     bbox=dict(boxstyle="round,pad=0.25", facecolor=SURFACE, edgecolor="none"))
text(ax, R + W / 2, 1.85, "Rented: someone else's rules  租用：规则由他人定", 15, PRIMARY,
     bbox=dict(boxstyle="round,pad=0.2", facecolor=SURFACE, edgecolor="none"))

fig.savefig(OUT, dpi=100, facecolor="white")
print(f"wrote {OUT.relative_to(ROOT)}")
