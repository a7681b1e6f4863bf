"""The window's flows around its questions: open a file or folder, a new post, export to a site, about."""

from __future__ import annotations

from pathlib import Path

from editor.gui.feature_context import FeatureContext
from editor.gui.dialogs.prompts import APP_NAME, CANCEL, DISCARD, SAVE
from editor.services.posts.new_post import create_post, planned_path

__all__ = ["APP_NAME", "CANCEL", "DISCARD", "SAVE", "WindowFlows"]


class WindowFlows:
    """Owned by the main window (`window.flows`); every question goes through the context's prompts."""

    def __init__(self, ctx: FeatureContext) -> None:
        self.ctx = ctx
        self.cmd = ctx.commands

    def choose_file(self) -> None:
        path = self.ctx.prompts.open_file(self.cmd.folder or "")
        if path:
            self.cmd.open_path(path)

    def choose_folder(self) -> None:
        path = self.ctx.prompts.open_folder(self.cmd.folder or "")
        if path:
            self.cmd.open_path(path)

    def _new_post_choice(self, folder: str) -> tuple[str, str, bool, str] | None:
        """Ask for (section, title, leaf bundle?, language) of a new post; languages on multilingual sites only."""
        site = self.cmd.site
        langs = [lang.code for lang in site.languages] if site is not None and site.multilingual else []
        if langs and site.default_language in langs:   # the default language first
            langs.insert(0, langs.pop(langs.index(site.default_language)))
        return self.ctx.prompts.new_post(folder, self.ctx.post_model.sections(),
                                     lambda section, title, bundle, lang="":
                                     planned_path(folder, section, title, bundle, lang, site), langs)

    def new_post(self) -> str | None:
        folder = self.cmd.folder
        if not folder:
            folder = self.ctx.prompts.new_post_folder()
            if not folder:
                return None
        choice = self._new_post_choice(folder)
        if choice is None or not self.cmd.maybe_save():
            return None
        section, title, *rest = choice
        try:
            path = create_post(folder, section, title, site=self.cmd.site, bundle=bool(rest and rest[0]),
                               lang=rest[1] if len(rest) > 1 else "")
        except ValueError as exc:
            self.cmd.show_error(str(exc))
            return None
        self.cmd.open_post(path)
        self.cmd.reload_list()
        self.ctx.form.title_edit.setFocus()      # the first words go into the title
        self.ctx.form.title_edit.selectAll()
        return path

    def _export_choice(self):
        """Ask where to export; returns an ExportChoice or None."""
        section, slug, images = self.ctx.document.export_defaults()
        # The last site exported to; else the author chooses (never the folder the post is in).
        folder = self.ctx.settings.export_folder() or ""
        return self.ctx.prompts.export(folder, section, slug, images, self.ctx.document.export_preview)

    def export_post(self) -> str | None:
        if not self.ctx.document.is_open:
            return None
        choice = self._export_choice()
        if choice is None:
            return None
        plan = self.ctx.document.plan_export(choice.folder, choice.section, choice.slug, choice.bundle)
        if plan is None:
            return None
        if plan.conflicts and not self.ctx.prompts.overwrite_export(plan.conflicts):
            return None
        written = self.ctx.document.export(plan, force=bool(plan.conflicts))
        if written:
            self.ctx.settings.set_export_folder(choice.folder)
            note = ""
            if plan.copied:
                note = f"; copied {len(plan.copied)} file(s): " + ", ".join(
                    str(d.relative_to(Path(written).parent)) for d in plan.copied)
            if plan.skipped:
                # A skipped link that led out of the post's folder is a warning the author must see.
                self.cmd.show_error("Exported, but not everything was copied:\n" + "\n".join(plan.warnings()))
            self.ctx.status(f"Exported to {written}{note}", 8000)
        return written

    def about(self) -> None:
        self.ctx.prompts.about()

