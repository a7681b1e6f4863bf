"""The open post's translations on multilingual sites: the form's "Translations: de, fr" links and New Translation…."""

from __future__ import annotations

from PySide6.QtCore import QObject

from editor.core.errors import PostError
from editor.gui.feature_context import FeatureContext


class Translations(QObject):
    """Keeps the form's translation links and the New Translation action in step with the open
    post and the post list (which knows every post's language and translation key)."""

    def __init__(self, ctx: FeatureContext) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        ctx.form.translationActivated.connect(ctx.commands.open_post)
        ctx.actions.new_translation.triggered.connect(self.new_translation)
        ctx.post_model.scanFinished.connect(self.update)
        for signal in (ctx.document.loaded, ctx.document.closed, ctx.document.saved):
            signal.connect(self.update)
        self.update()

    def _site(self):
        return self.ctx.document.site or self.ctx.commands.site

    def _path(self) -> str | None:
        doc = self.ctx.document
        return doc.path if doc.is_open and doc.path else None

    def missing(self) -> list[str]:
        """The site's languages the open post has no version in yet."""
        site, path = self._site(), self._path()
        if site is None or path is None or not site.multilingual:
            return []
        here = site.page_language(path)
        if here is None:
            return []
        have = self.ctx.post_model.translations(path)
        return [lang.code for lang in site.languages if lang.code != here.code and lang.code not in have]

    def update(self, *_args) -> None:
        path = self._path()
        self.ctx.form.set_translations(self.ctx.post_model.translations(path) if path else {})
        self.ctx.actions.new_translation.setEnabled(bool(self.missing()))

    def new_translation(self) -> str | None:
        """Create the open post in another language (from the archetype, where Hugo links it) and open it."""
        codes = self.missing()
        if not codes:
            return None
        lang = self.ctx.prompts.translation_language(codes)
        if not lang or lang not in codes or not self.ctx.commands.maybe_save():
            return None
        from editor.core.hugo.translations import new_translation
        try:
            path = str(new_translation(self._site(), self._path(), lang))
        except (PostError, OSError) as exc:
            self.ctx.commands.show_error(str(exc))
            return None
        self.ctx.commands.open_post(path)
        self.ctx.commands.reload_list()
        return path


def install_translations(ctx: FeatureContext) -> Translations:
    return Translations(ctx)
