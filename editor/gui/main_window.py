"""The main window: post list dock | front-matter form | Markdown editor | preview, wired to the services."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFrame, QMainWindow, QMenu, QScrollArea,
                               QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from editor.gui.window.actions import Actions
from editor.gui.writer.body_link import BodyLink
from editor.gui.form.document_form import DocumentForm
from editor.gui.window.edit_actions import install_edit_actions
from editor.gui.window.empty_state import EmptyState
from editor.gui.feature_context import FeatureContext, PaneLayout
from editor.gui.form.front_matter_form import FrontMatterForm
from editor.gui.writer.markdown_editor import MarkdownEditor
from editor.gui.window.menus import EDIT, FILE, HELP, VIEW, Menus
from editor.gui.window.message_bar import MessageBar
from editor.gui.window.panes import install_panes
from editor.gui.post_list import PostBrowser
from editor.gui.preview.glue import PreviewGlue
from editor.gui.preview.view import PreviewView
from editor.gui.dialogs.prompts import DialogPrompts, Prompts
from editor.gui.publishing.flow import install_publishing
from editor.gui.safety.wiring import install_safety
from editor.gui.preview.site_pane import install_site_preview
from editor.gui.form.translations import install_translations
from editor.gui.form.url_warning import UrlWarning
from editor.gui.window.commands import Commands
from editor.gui.dialogs.flows import APP_NAME, WindowFlows
from editor.gui.window.layout import FitWidth, WindowLayout
from editor.services import resources
from editor.services.document.document import Document
from editor.services.posts.model import PostListModel
from editor.services.preview.service import PreviewService, RenderFn
from editor.services.preview.controller import PreviewController
from editor.services.settings import Settings


class MainWindow(QMainWindow):
    """Layout and wiring only: editing goes through Document, rendering through PreviewService."""

    def __init__(self, render: RenderFn | None = None, settings: Settings | None = None,
                 prompts: Prompts | None = None) -> None:
        super().__init__()
        self.prompts: Prompts = prompts if prompts is not None else DialogPrompts(self)
        if isinstance(self.prompts, DialogPrompts) and self.prompts.parent is None:
            self.prompts.parent = self
        self.setObjectName("mainWindow")
        self.setAccessibleName(APP_NAME)
        self.setWindowIcon(QIcon(str(resources.icon_path())))
        self.settings = settings or Settings()
        self.document = Document(self, confirm_overwrite=self.prompts.overwrite_outside)
        self.preview_service = PreviewService(render, parent=self)
        self.post_model = PostListModel(self)

        self.actions = Actions(self)
        self._build_panes()
        self.body_link = BodyLink(self.editor, self.document, self)   # before any other listener of `loaded`
        self._build_menus()
        # open, save, revert, close; the folder and site; the session and recent list
        self.commands = Commands(self.document, self.settings, self.prompts, self.post_model, self.post_browser,
                                 self.post_dock, self.form, self.message_bar, self)
        self.context = FeatureContext(self.document, self.editor, self.form, self.actions, self.settings,
                                      self.prompts, self.menus, self.commands, self.message_bar, self.post_model,
                                      self.post_browser, self, self.preview, self.preview_service,
                                      PaneLayout(self.post_dock, self.form_scroll, self.splitter))
        self.flows = WindowFlows(self.context)   # open, new post, export, about: the flows around questions
        self.document_form = DocumentForm(self.context)   # the open post's values, status and URL in the form
        self._connect()
        self.url_warning = UrlWarning.attach(self.form, self.document, self.post_model)
        self.translations = install_translations(self.context)
        self.preview_glue = PreviewGlue(self.preview_service, self.preview, self.editor, self.settings, self)
        self._install_writer_tools()
        install_edit_actions(self.context)
        self.preview_controller = PreviewController(self.document, self.preview_service, self)
        self.preview_controller.cleared.connect(
            lambda: self.preview.show_html("", '<p class="placeholder">Open a post to see its preview.</p>', ""))
        self.site_preview = install_site_preview(self.context, lambda: self.preview_glue.remote_content)
        self.panes = install_panes(self.context, self.site_preview.made_view)
        self.safety = install_safety(self.context)   # never lose a word: recovery, outside changes, repair
        self.publishing = install_publishing(self.context)   # git states, Publish…, Update from Remote
        self.preview.follow_palette(self.palette())
        self.window_layout = WindowLayout(self)
        self.window_layout.restore()
        self._set_tab_order()
        self.preview.loadFinished.connect(lambda _ok: self._set_tab_order())
        self.site_preview.viewCreated.connect(self._site_view_created)
        self._show_document()
        self.preview_controller.refresh()

    # ------------------------------------------------------------------ layout
    def _build_panes(self) -> None:
        self.form = FrontMatterForm()
        self.form_scroll = QScrollArea()
        self.form_scroll.setObjectName("formScroll")
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setMinimumWidth(250)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # not a stop of its own: its fields are
        self.form.installEventFilter(FitWidth(self.form_scroll))
        self.editor = MarkdownEditor()
        self.preview = PreviewView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for w in (self.form_scroll, self.editor, self.preview):
            self.splitter.addWidget(w)
        self.editor.setMinimumWidth(180)
        self.preview.setMinimumWidth(180)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 1)
        self.splitter.setSizes([320, 520, 520])
        self.message_bar = MessageBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.setSpacing(4)
        layout.addWidget(self.message_bar)
        # With no post open, the panes give way to a page that says so and offers the next step.
        self.empty_state = EmptyState(self.actions)
        self.central_stack = QStackedWidget()
        self.central_stack.setObjectName("centralStack")
        self.central_stack.addWidget(self.splitter)
        self.central_stack.addWidget(self.empty_state)
        layout.addWidget(self.central_stack, 1)
        self.setCentralWidget(central)

        self.post_browser = PostBrowser(self.post_model)
        self.post_list = self.post_browser.view
        self.post_dock = QDockWidget("Posts", self)
        self.post_dock.setObjectName("postDock")
        self.post_dock.setAccessibleName("Posts")
        self.post_dock.setWidget(self.post_browser)
        self.post_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                   | QDockWidget.DockWidgetFeature.DockWidgetClosable
                                   | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.post_dock)
        self.resizeDocks([self.post_dock], [self.post_list.wanted_width() + 16], Qt.Orientation.Horizontal)

    def _build_menus(self) -> None:
        a = self.actions
        self.menus = Menus(self.menuBar())
        file_menu = self.menus[FILE]
        self.recent_menu = QMenu("Open &Recent", self)
        self.recent_menu.setObjectName("menuOpenRecent")
        self.recent_menu.aboutToShow.connect(lambda: self.commands.fill_recent_menu(self.recent_menu))
        for action in (a.new_post, a.new_translation, a.open, self.recent_menu, a.open_folder, None, a.save,
                       a.save_as, a.export, a.revert, None, a.close, a.quit):
            if action is None:
                file_menu.addSeparator()
            elif isinstance(action, QMenu):
                file_menu.addMenu(action)
            else:
                file_menu.addAction(action)
        edit_menu = self.menus[EDIT]
        for action in (a.undo, a.redo, None, a.cut, a.copy, a.paste, a.select_all, None, a.find, a.replace,
                       a.find_next, a.find_previous, None, a.generate_slug, a.toggle_draft):
            edit_menu.addSeparator() if action is None else edit_menu.addAction(action)
        view_menu = self.menus[VIEW]
        toggle = self.post_dock.toggleViewAction()
        toggle.setObjectName("actionShowPostList")
        toggle.setShortcut(QKeySequence("Ctrl+Shift+L"))
        view_menu.addAction(toggle)
        view_menu.addAction(a.reload_list)
        view_menu.addSeparator()
        for action in (a.focus_post_list, a.focus_form, a.focus_editor, a.focus_preview, a.next_pane,
                       a.previous_pane):
            view_menu.addAction(action)
        self.menus[HELP].addAction(a.about)
        tools = self.addToolBar("Main")
        tools.setObjectName("mainToolBar")
        tools.setIconSize(QSize(20, 20))
        tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (a.new_post, a.open, a.save, a.export, a.revert, None, a.toggle_draft):
            tools.addSeparator() if action is None else tools.addAction(action)

    def _connect(self) -> None:
        a, doc, cmd = self.actions, self.document, self.commands
        a.open.triggered.connect(self.flows.choose_file)
        a.open_folder.triggered.connect(self.flows.choose_folder)
        a.new_post.triggered.connect(self.flows.new_post)
        a.save.triggered.connect(cmd.save)
        a.save_as.triggered.connect(cmd.save_as)
        a.export.triggered.connect(self.flows.export_post)
        a.revert.triggered.connect(cmd.revert)
        a.close.triggered.connect(cmd.close_post)
        a.quit.triggered.connect(self.close)
        a.generate_slug.triggered.connect(cmd.generate_slug)
        a.toggle_draft.triggered.connect(lambda on: self.form.set_draft(on))
        a.reload_list.triggered.connect(cmd.reload_list)
        a.about.triggered.connect(self.flows.about)
        self.empty_state.openRequested.connect(cmd.open_path)
        self.form.fieldEdited.connect(doc.set_field)
        self.form.slugRequested.connect(cmd.generate_slug)
        self.form.draft_check.toggled.connect(a.toggle_draft.setChecked)
        doc.loaded.connect(self._show_document)
        doc.rawOpened.connect(self._show_empty_state)
        self.form.title_edit.returnPressed.connect(self.editor.setFocus)   # Enter in the title: start writing
        doc.closed.connect(self._show_document)
        doc.dirtyChanged.connect(self._update_title)
        doc.saved.connect(self._update_title)   # Save As: the new file's name
        doc.fieldsChanged.connect(self.document_form.fields_changed)
        doc.failed.connect(cmd.show_error)
        self.preview_service.failed.connect(lambda msg: self.statusBar().showMessage(msg, 5000))
        self.preview.externalLink.connect(cmd.open_external)
        self.post_list.postActivated.connect(cmd.open_post)
        self.splitter.splitterMoved.connect(lambda *_: self.window_layout.save())

    def _install_writer_tools(self) -> None:
        """The writer's tools, each wired by its own module so the window stays a list of installs."""
        from editor.gui.writer import (find_replace, focus_mode, formatting, image_drop, outline, problems_panel, spell,
                                       status_bar)
        from editor.gui.dialogs import preferences
        formatting.install_formatting(self.context)
        self.find_bar = find_replace.install_find_replace(self.context)
        self.outline_dock = outline.install_outline(self.context)
        self.writer_status = status_bar.install_status_bar(self.context)
        self.spell = spell.install_spell(self.context)
        self.problems_dock = problems_panel.install_problems(self.context)
        self.focus_mode = focus_mode.install_focus_mode(self.context, (self.form_scroll, self.preview))
        self.images = image_drop.install_images(self.context)
        self.preferences = preferences.install_preferences(self.context, self.spell,
                                                           self.preview_glue.set_remote_content)

    def _set_tab_order(self) -> None:
        """One Tab cycle in reading order: post list → form → editor (Ctrl+Tab leaves it) → preview → docks."""
        b, f = self.post_browser, self.form
        chain: list[QWidget] = [b.search, *b.status_buttons.values(), b.tag_filter, self.post_list,
                                f.draft_check, f.title_edit, f.slug_edit, f.slug_button, self.url_warning.fix_button,
                                *(d.edit for d in f.dates.values()), f.tags_edit, f.categories_edit,
                                f.description_edit, f.other_toggle, f.other_fields, self.editor, self.preview]
        for name in ("outlineTree", "problemsList"):
            extra = self.findChild(QWidget, name)
            if extra is not None:
                chain.append(extra)
        for view in (self.preview, self.site_preview.made_view()):
            if view is None:
                continue
            if view is not self.preview:
                chain.insert(chain.index(self.preview) + 1, view)
            proxy = view.focusProxy()   # the page's inner widget, made when the page first loads
            if proxy is not None:
                chain.insert(chain.index(view) + 1, proxy)
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def _site_view_created(self) -> None:
        self.site_preview.view.loadFinished.connect(lambda _ok: self._set_tab_order())
        self._set_tab_order()

    # ------------------------------------------------------------------ showing the document
    def _show_document(self) -> None:
        doc = self.document
        is_open = doc.is_open
        for w in (self.form, self.editor):
            w.setEnabled(is_open)
        for name in POST_ACTIONS:
            self.actions[name].setEnabled(is_open)
        self._show_empty_state()
        self.document_form.show()   # the editor has the body already (BodyLink)
        self._update_title()
        self.post_list.select_path(doc.path)

    def _show_empty_state(self) -> None:
        """The panes while a post (or a file being repaired) is open; else the empty state."""
        has_text = self.document.is_open or self.document.raw is not None
        if not has_text:
            self.empty_state.set_recent(self.settings.recent())
        focus = self.focusWidget()
        was_empty = self.central_stack.currentWidget() is self.empty_state
        had_focus = focus is None or self.central_stack.currentWidget().isAncestorOf(focus)
        self.central_stack.setCurrentWidget(self.splitter if has_text else self.empty_state)
        if had_focus and not has_text:
            self.empty_state.buttons["emptyNewPost"].setFocus()
        elif has_text and was_empty and had_focus:
            self.editor.setFocus()   # the post the author asked for: start writing (not the next widget Qt picks)

    def _update_title(self, *_args) -> None:
        name = Path(self.document.path).name if self.document.path else "No post"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.document.dirty)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            QTimer.singleShot(0, self._focus_start)

    def _focus_start(self) -> None:
        """Start where the author writes: the editor, else the empty state's first button."""
        focus = self.focusWidget()
        if focus is not None and focus is not self and (self.form.isAncestorOf(focus) or focus is self.editor):
            return   # already placed (a new post's title)
        if self.editor.isEnabled() and self.editor.isVisible():
            self.editor.setFocus()
        elif self.empty_state.isVisible():
            self.empty_state.buttons["emptyNewPost"].setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self.preview.follow_palette(self.palette())
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.commands.maybe_save():
            event.ignore()
            return
        self.window_layout.save()
        self.commands.remember_session()
        self.settings.sync()
        self.preview_service.shutdown()
        self.site_preview.shutdown()
        event.accept()


# Disabled while no post is open (the empty state offers what makes sense then).
POST_ACTIONS = ("actionSave", "actionSaveAs", "actionExport", "actionRevert", "actionClose",
                "actionGenerateSlug", "actionToggleDraft", "actionSitePreview", "actionFind", "actionReplace",
                "actionFindNext", "actionFindPrevious", "actionBold", "actionItalic", "actionCode", "actionLink",
                "actionHeading1", "actionHeading2", "actionHeading3", "actionParagraph", "actionBulletList",
                "actionNumberedList", "actionQuote", "actionFixMojibake", "actionFocusMode",
                "actionFocusForm", "actionFocusEditor", "actionFocusPreview")

