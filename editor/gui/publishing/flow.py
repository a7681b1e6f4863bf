"""Wires publishing into the window: Git menu, post-list git states, the Publish flow, Update from Remote."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar

from editor.core.git import publish as core_publish
from editor.core.git.repo import GitError
from editor.gui.feature_context import FeatureContext
from editor.gui.window.menus import GIT
from editor.services.git_service import GitService


class PublishFlow(QObject):
    """The one question, `prompts.publish(plan, unsaved, save_first)`, is the Publish dialog (tests
    script a PublishChoice or None, so no test waits on a modal dialog)."""

    def __init__(self, ctx: FeatureContext) -> None:
        super().__init__(ctx.parent)
        self.ctx = ctx
        self.service = GitService(self)
        self.publish_action = ctx.actions.publish
        self.sync_action = ctx.actions.sync
        self._build()
        self.publish_action.triggered.connect(self.publish)
        self.sync_action.triggered.connect(self.sync)
        self.service.statesChanged.connect(self._states)
        self.service.busyChanged.connect(self._busy)
        self.service.progress.connect(self._progress)
        self.service.published.connect(self._published)
        self.service.synced.connect(self._synced)
        self.service.pushedEarlier.connect(self._pushed_earlier)
        self.service.failed.connect(self._failed)
        ctx.post_model.scanFinished.connect(self._list_read)

    def _build(self) -> None:
        self.menu = self.ctx.menus[GIT]
        self.menu.addAction(self.publish_action)
        self.menu.addAction(self.sync_action)
        self.progress = QProgressBar()
        self.progress.setObjectName("gitProgress")
        self.progress.setAccessibleName("Git operation in progress")
        self.progress.setRange(0, 0)   # busy: git does not say how far it is
        self.progress.setMaximumWidth(120)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("gitProgressText")
        self.progress_label.setAccessibleName("Git operation")
        status = self.ctx.parent.statusBar()
        status.addPermanentWidget(self.progress_label)
        status.addPermanentWidget(self.progress)
        self.progress.hide()
        self.progress_label.hide()

    # ------------------------------------------------------------------ states in the post list
    def _list_read(self, _count: int) -> None:
        """The list was read again (a save, a change on disk, another site): states follow."""
        if self.service.site is not self.ctx.commands.site:
            self.service.site = self.ctx.commands.site
        self.service.refresh_states()

    def _states(self, states) -> None:
        self.ctx.post_model.set_git_states(states)
        self.ctx.post_browser.set_git(states is not None)

    # ------------------------------------------------------------------ publish
    def publish(self) -> None:
        if self.service.busy:
            self.ctx.commands.show_error("A git operation is still running: wait for it to finish.")
            return
        self.service.site = self.ctx.commands.site
        try:
            plan = self.service.plan()
            core_publish.check_repo(plan)   # a merge or rebase half-way, a detached HEAD: before any question
        except GitError as exc:
            self.ctx.commands.show_error(f"Cannot publish: {exc}")
            return
        doc = self.ctx.document
        unsaved = doc.path if doc.dirty else None
        if not plan.items and not unsaved:   # with unsaved changes the dialog still offers to save first
            waiting = core_publish.unpushed(plan.repo)
            if waiting:   # a commit kept after a rejected push (then Update from Remote): send it now
                self.service.push_earlier(plan, waiting)
                return
            note = f" (not committed: {core_publish.describe(plan.left_out)})" if plan.left_out else ""
            self.ctx.message_bar.show_message(f"Nothing to publish: no post changed{note}.", "info")
            return
        choice = self.ctx.prompts.publish(plan, unsaved, self._save_and_plan)
        if not choice or not choice.keys:
            return
        try:
            plan = self.service.plan()   # what is on disk now (the author may have saved meanwhile)
        except GitError as exc:
            self.ctx.commands.show_error(f"Cannot publish: {exc}")
            return
        plan.items = [it for it in plan.items if it.key in set(choice.keys)]
        if not plan.items:
            self.ctx.commands.show_error("Nothing to publish: the chosen posts have no changes any more.")
            return
        self.service.publish(plan, choice.message, choice.push)

    def _save_and_plan(self):
        if not self.ctx.commands.save():
            return None
        try:
            return self.service.plan()
        except GitError as exc:
            self.ctx.commands.show_error(str(exc))
            return None

    def _published(self, result) -> None:
        files = len(result.files)
        text = f"Published {result.commit} on {result.branch}: {result.message.splitlines()[0]} ({files} file(s))"
        if result.pushed:
            text += f"; pushed to {result.pushed}"
        if result.left_out:
            text += f". Not committed: {core_publish.describe(result.left_out)}"
        self.ctx.message_bar.show_message(text, "info")
        self.ctx.status(text, 8000)

    def _pushed_earlier(self, where: str, count: int) -> None:
        self.ctx.message_bar.show_message(f"Nothing new to publish; pushed {count} earlier commit(s) to {where}.",
                                        "info")

    # ------------------------------------------------------------------ sync
    def sync(self) -> None:
        if self.ctx.document.dirty:
            self.ctx.commands.show_error("Save or revert the open post before updating from the remote: "
                              "the update may change it on disk.")
            return
        if self.service.busy:
            self.ctx.commands.show_error("A git operation is still running: wait for it to finish.")
            return
        if self.ctx.commands.site is None:
            self.ctx.commands.show_error("Open a site first: Update from Remote updates the site's repository.")
            return
        self.service.site = self.ctx.commands.site
        self.service.sync()

    def _synced(self, result) -> None:
        self.ctx.message_bar.show_message(result.summary()[0].upper() + result.summary()[1:] + ".", "info")
        # Changed posts: the list re-reads them; the open post reloads through the document's watcher.
        self.ctx.post_model.refresh()

    # ------------------------------------------------------------------ progress and errors
    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress_label.setVisible(busy)
        self.publish_action.setEnabled(not busy)
        self.sync_action.setEnabled(not busy)
        if not busy:
            self.progress_label.clear()

    def _progress(self, text: str) -> None:
        self.progress_label.setText(text)

    def _failed(self, what: str, message: str) -> None:
        prefix = {"publish": "Not published", "push": "Push failed", "sync": "Not updated"}.get(what, "Git")
        self.ctx.commands.show_error(f"{prefix}: {message}")


def install_publishing(ctx: FeatureContext) -> PublishFlow:
    return PublishFlow(ctx)
