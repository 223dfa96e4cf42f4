"""After an export: Open and Show in folder."""
import pytest
from PySide6.QtGui import QDesktopServices

from models.demo import demo_plan
from widgets import export_done
from widgets.export_done import ExportDone, offer_open
from widgets.pdf_export import export_pdf


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toLocalFile()) or True)
    monkeypatch.setattr(export_done.sys, "platform", "linux")
    return urls


def test_open_and_show_in_folder(qtbot, tmp_path, opened):
    path = tmp_path / "清单.pdf"
    path.write_bytes(b"%PDF-1.4")
    box = offer_open(None, [path], "字体替代：…")
    qtbot.addWidget(box)
    assert "清单.pdf" in box.text() and str(tmp_path) in box.informativeText()
    box.open_button.click()
    box = ExportDone([path])
    qtbot.addWidget(box)
    box.folder_button.click()
    assert opened == [str(path), str(tmp_path)]


def test_several_files_offer_the_folder_only(qtbot, tmp_path):
    box = ExportDone([tmp_path / "a.xlsx", tmp_path / "b.xlsx"])
    qtbot.addWidget(box)
    assert box.open_button is None and "2 个文件" in box.text()


def test_gui_pdf_export_offers_to_open(qtbot, tmp_path):
    result = export_pdf(None, demo_plan(), appendix_only=True, path=tmp_path / "附件.pdf")
    assert result is not None and result.path.exists() and result.notice_pages == 0
    boxes = [box for box in export_done._shown if box.paths == [result.path]]
    assert len(boxes) == 1 and boxes[0].isVisible()
    boxes[0].close_button.click()
    assert boxes[0] not in export_done._shown
