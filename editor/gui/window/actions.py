"""Every QAction of the window in one place: object name, text, shortcut, icon and tooltip."""

from __future__ import annotations

import re

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QStyle

StdKey = QKeySequence.StandardKey

# name -> (text, shortcut (standard key or string), theme icon, status tip)
SPECS: dict[str, tuple[str, object, str, str]] = {
    "actionOpen": ("&Open…", StdKey.Open, "document-open", "Open a post, a content folder or a Hugo site"),
    "actionOpenFolder": ("Open &Folder or Site…", "Ctrl+Shift+O", "folder-open", "Open a content folder or site root"),
    "actionNewPost": ("&New Post…", StdKey.New, "document-new", "Create a new post in the open site"),
    "actionNewTranslation": ("New &Translation…", "", "document-new",
                             "Create this post in another of the site's languages, from the archetype"),
    "actionSave": ("&Save", StdKey.Save, "document-save", "Save the post (only changed lines are written)"),
    "actionSaveAs": ("Save &As…", StdKey.SaveAs, "document-save-as", "Save the post under another name"),
    "actionExport": ("&Export to Site…", "Ctrl+E", "document-send", "Copy the post into a Hugo site's content folder"),
    "actionRevert": ("&Revert", "Ctrl+Shift+R", "document-revert", "Drop unsaved changes and read the file again"),
    "actionClose": ("&Close Post", StdKey.Close, "document-close", "Close the post"),
    "actionQuit": ("&Quit", StdKey.Quit, "application-exit", "Quit Hugo Post Editor"),
    "actionUndo": ("&Undo", StdKey.Undo, "edit-undo", "Undo the last edit in the editor"),
    "actionRedo": ("&Redo", StdKey.Redo, "edit-redo", "Redo"),
    # The clipboard on the Edit menu too, so it can be found; they act on the focused field
    # (gui/window/edit_actions.py).
    "actionCut": ("Cu&t", StdKey.Cut, "edit-cut", "Cut the selection"),
    "actionCopy": ("&Copy", StdKey.Copy, "edit-copy", "Copy the selection"),
    "actionPaste": ("&Paste", StdKey.Paste, "edit-paste", "Paste (images go into the post's bundle)"),
    "actionSelectAll": ("Select &All", StdKey.SelectAll, "edit-select-all", "Select all of the focused field"),
    "actionGenerateSlug": ("&Generate Slug from Title", "Ctrl+Shift+G", "view-refresh",
                           "Set a Hugo-safe slug made from the title"),
    "actionToggleDraft": ("Toggle &Draft", "Ctrl+Shift+D", "", "Mark the post as draft or not"),
    "actionReloadList": ("Re&load Post List", StdKey.Refresh, "view-refresh", "Scan the content folder again"),
    "actionAbout": ("&About", "", "help-about", "About Hugo Post Editor"),
    # Never lose a word: crash recovery.
    "actionRestoreRecovery": ("Restore &Recovered Changes", "", "document-revert",
                              "Put back the unsaved text recovered after the editor closed unexpectedly"),
    # Writer's tools: find/replace, formatting, spelling, focus, mojibake, preferences.
    "actionFind": ("&Find…", StdKey.Find, "edit-find", "Find in the post's body"),
    "actionReplace": ("Find and &Replace…", "Ctrl+H", "edit-find-replace", "Find and replace in the post's body"),
    "actionFindNext": ("Find &Next", StdKey.FindNext, "go-down", "Next match"),
    "actionFindPrevious": ("Find Pre&vious", StdKey.FindPrevious, "go-up", "Previous match"),
    "actionBold": ("&Bold", StdKey.Bold, "format-text-bold", "**Bold** the selection"),
    "actionItalic": ("&Italic", StdKey.Italic, "format-text-italic", "*Italicise* the selection"),
    "actionCode": ("&Code", "Ctrl+`", "", "`Code` span around the selection"),
    "actionLink": ("&Link", "Ctrl+K", "insert-link", "Link the selection (URL from the clipboard)"),
    "actionHeading1": ("Heading &1", "Ctrl+1", "", "Make the line a level-1 heading"),
    "actionHeading2": ("Heading &2", "Ctrl+2", "", "Make the line a level-2 heading"),
    "actionHeading3": ("Heading &3", "Ctrl+3", "", "Make the line a level-3 heading"),
    "actionParagraph": ("&Paragraph", "Ctrl+0", "", "Make the line plain text again"),
    "actionBulletList": ("Bullet Li&st", "Ctrl+Shift+8", "format-list-unordered", "Make the lines a bullet list"),
    "actionNumberedList": ("&Numbered List", "Ctrl+Shift+7", "format-list-ordered", "Make the lines a numbered list"),
    "actionQuote": ("&Quote", "Ctrl+Shift+9", "format-indent-more", "Make the lines a blockquote"),
    "actionSpellCheck": ("Check &Spelling", "F7", "tools-check-spelling", "Underline misspelled words"),
    "actionFixMojibake": ("Fix &Mojibake…", "", "tools-check-spelling",
                          "Repair UTF-8 text that was read as Windows-1252"),
    "actionFocusMode": ("&Focus Mode", "F11", "view-fullscreen", "Hide everything but the text"),
    "actionTypewriter": ("&Typewriter Scrolling", "", "", "Keep the line being typed in the middle"),
    "actionSitePreview": ("S&ite Preview", "Ctrl+Shift+P", "internet-web-browser",
                          "Show the page as the real hugo server renders it, from the unsaved text"),
    # Keyboard-only authoring: move between the panes (gui/window/panes.py).
    "actionNextPane": ("Ne&xt Pane", ("Ctrl+Tab", "F6"), "", "Move the keyboard focus to the next pane"),
    "actionPreviousPane": ("Pre&vious Pane", ("Ctrl+Shift+Tab", "Shift+F6"), "",
                           "Move the keyboard focus to the previous pane"),
    "actionFocusPostList": ("Go to Post &List", "Alt+1", "", "Put the keyboard focus in the post list"),
    "actionFocusForm": ("Go to &Front Matter", "Alt+2", "", "Put the keyboard focus in the front-matter form"),
    "actionFocusEditor": ("Go to &Editor", "Alt+3", "", "Put the keyboard focus in the Markdown editor"),
    "actionFocusPreview": ("Go to Pre&view", "Alt+4", "", "Put the keyboard focus in the preview"),
    "actionPreferences": ("&Preferences…", StdKey.Preferences, "preferences-system",
                          "Font, width, theme, spelling, images"),
    # Publish with git.
    "actionPublish": ("&Publish…", "Ctrl+Shift+U", "document-send", "Commit the changed posts with git and push them"),
    "actionSync": ("&Update from Remote", "", "view-refresh", "Fetch the site's repository and fast-forward to it"),
}

SP = QStyle.StandardPixmap
# Used when the desktop has no icon theme (offscreen, bare X servers).
FALLBACK_ICONS = {"actionOpen": SP.SP_DialogOpenButton, "actionOpenFolder": SP.SP_DirOpenIcon,
                  "actionNewPost": SP.SP_FileIcon, "actionSave": SP.SP_DialogSaveButton,
                  "actionExport": SP.SP_ArrowForward, "actionRevert": SP.SP_BrowserReload,
                  "actionClose": SP.SP_DialogCloseButton, "actionReloadList": SP.SP_BrowserReload}


class Actions(QObject):
    """The window's actions; `actions.save` is the QAction named `actionSave`, and so on."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.all: dict[str, QAction] = {}
        for name, (text, shortcut, icon, tip) in SPECS.items():
            action = QAction(text, parent)
            action.setObjectName(name)
            if isinstance(shortcut, StdKey):
                action.setShortcuts(QKeySequence.keyBindings(shortcut))
            elif isinstance(shortcut, tuple):
                action.setShortcuts([QKeySequence(k) for k in shortcut])
            elif shortcut:
                action.setShortcut(QKeySequence(shortcut))
            if icon and QIcon.hasThemeIcon(icon):
                action.setIcon(QIcon.fromTheme(icon))
            elif name in FALLBACK_ICONS and QApplication.instance() is not None:
                action.setIcon(QApplication.style().standardIcon(FALLBACK_ICONS[name]))
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setStatusTip(tip)
            action.setToolTip(f"{tip} ({keys})" if keys else tip)
            self.all[name] = action
            setattr(self, snake_name(name), action)   # actionSaveAs -> self.save_as
        self._drop_clashing_standard_keys()
        self.toggle_draft.setCheckable(True)
        for checkable in (self.spell_check, self.focus_mode, self.typewriter, self.site_preview):
            checkable.setCheckable(True)
        if not self.preferences.shortcut().toString():   # no standard key on some desktops
            self.preferences.setShortcut(QKeySequence("Ctrl+,"))

    def _drop_clashing_standard_keys(self) -> None:
        """A standard key may bring several bindings (Find Previous: Shift+F3 and Ctrl+Shift+G); one that
        another action was given on purpose would make both ambiguous, so the standard one gives way."""
        chosen = {QKeySequence(k).toString() for s in SPECS.values() if not isinstance(s[1], StdKey)
                  for k in ((s[1],) if isinstance(s[1], str) else s[1]) if k}
        for name, (_text, shortcut, _icon, _tip) in SPECS.items():
            if isinstance(shortcut, StdKey):
                action = self.all[name]
                action.setShortcuts([k for k in action.shortcuts() if k.toString() not in chosen])

    def __getitem__(self, name: str) -> QAction:
        return self.all[name]


def snake_name(name: str) -> str:
    return re.sub(r"(?<!^)([A-Z])", r"_\1", name.removeprefix("action")).lower()
