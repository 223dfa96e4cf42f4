"""Render the icon (resources/icon.svg) to the PNG sizes of the hicolor theme and a Windows .ico.

    python packaging/render_icons.py OUT_DIR

writes OUT_DIR/NxN.png for each size and OUT_DIR/dutymatrix.ico, with Qt's own SVG renderer
(PySide6, already a dependency), offscreen.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 22, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).parents[1] / "resources" / "icon.svg"


def render(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # the image plugins (ico) need one
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        sys.exit(f"{SVG}: not a valid SVG")
    out.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        if not image.save(str(out / f"{size}x{size}.png")):
            sys.exit(f"{out}: cannot write {size}x{size}.png")
        if size == 256 and not image.save(str(out / "dutymatrix.ico")):
            sys.exit(f"{out}: cannot write dutymatrix.ico")
    app.quit()


if __name__ == "__main__":
    render(Path(sys.argv[1]))
