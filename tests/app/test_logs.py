"""A bug is shown once and written with its traceback to the log file; a user error is only shown."""
import logging

from app import logs
from app.main import main
from models.paths import log_path


def test_a_bug_goes_to_the_log_with_its_traceback(tmp_path, monkeypatch, capsys, data_home):
    def broken(store, args):
        raise RuntimeError("boom in list")

    monkeypatch.setattr("app.commands.listing.cmd_list", broken)
    assert main(["--db", str(tmp_path / "s.sqlite"), "list"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "内部错误（RuntimeError: boom in list）" in err and str(log_path()) in err
    assert log_path().is_relative_to(data_home)
    text = log_path().read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "RuntimeError: boom in list" in text


def test_a_user_error_is_shown_not_logged(tmp_path, capsys):
    assert main(["--db", str(tmp_path / "s.sqlite"), "show", "99"]) == 1
    assert "没有清单“99”" in capsys.readouterr().err
    assert not log_path().exists()


def test_the_log_rotates_in_the_data_folder(data_home):
    path = logs.setup_logging()
    assert logs.setup_logging() == path == data_home / "logs" / "dutymatrix.log"
    (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "dutymatrix_log", False)]
    assert handler.maxBytes == 1_000_000 and handler.backupCount == 3
    logging.getLogger("importers").warning("a damaged file")
    handler.flush()
    assert "WARNING importers: a damaged file" in path.read_text(encoding="utf-8")


def test_a_library_warning_goes_to_the_log_file_not_the_terminal(tmp_path, data_home):
    """What `dutymatrix` does at start: a warning (openpyxl's, say) is written to the log only."""
    import subprocess
    import sys
    probe = ("import warnings, logging; from app.logs import keep_logs_off_the_terminal; keep_logs_off_the_terminal();"
             "warnings.warn('Data Validation extension is not supported');"
             "logging.getLogger('importers').warning('x.xlsx：无法读取')")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert out.returncode == 0 and out.stderr == "", out.stderr
    text = (data_home / "logs" / "dutymatrix.log").read_text(encoding="utf-8")
    assert "Data Validation extension" in text and "x.xlsx：无法读取" in text
