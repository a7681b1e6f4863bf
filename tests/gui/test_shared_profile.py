"""Both previews use one off-the-record profile without an HTTP cache (one browser context, one renderer)."""
from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineProfile

from tests.gui.helpers import copy_seed, make_window


def test_instant_and_site_preview_share_one_profile(qtbot, tmp_path):
    window = make_window(qtbot, copy_seed(tmp_path))
    instant = window.preview.page().profile()
    site = window.site_preview.page.profile()
    assert instant is site
    assert instant.isOffTheRecord()
    assert instant.httpCacheType() == QWebEngineProfile.HttpCacheType.NoCache
