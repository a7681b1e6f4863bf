"""Command-line entry point: parses the subcommand and hands it to its module in editor.commands."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from editor import __version__

# name -> (module in editor.commands, one-line help). Modules are imported lazily so that
# `hugo-post-editor show` never loads Qt.
COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "print a post's Hugo view (title, dates, status, URL…)"),
    "set": ("set_", "edit front-matter keys with a minimal diff"),
    "check": ("check", "lint posts or folders: path:line:col: error|warning: message"),
    "render": ("render", "print the instant-preview HTML of a post's body"),
    "list": ("list_", "list a site's posts (table or JSON)"),
    "new": ("new", "create a post from the site's archetypes"),
    "export": ("export", "copy a post into a Hugo site (its content folder), keeping its URL"),
    "publish": ("publish", "commit the changed posts (only them) with git; --push to push"),
    "sync": ("sync", "fetch and fast-forward the site's repository (nothing changes on conflict)"),
    "install-desktop": ("install_desktop", "install a desktop menu entry and icon"),
    "doctor": ("doctor", "check Qt, WebEngine, system libraries, Hugo (and a site's needs), git"),
}

EPILOG = """exit codes:
  0  success
  1  the command ran and found problems (check: errors; export: target exists and differs;
     publish: committed but the push failed; sync: the update would conflict; doctor: a check failed)
  2  usage error, or a file could not be read or parsed (message on stderr)
  3  Qt, a system library it needs, or another optional part is missing
"""


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser (it lists the subcommands without importing them)."""
    parser = argparse.ArgumentParser(
        prog="hugo-post-editor",
        usage="hugo-post-editor [--verbose] [--gpu] [PATH] | hugo-post-editor COMMAND [options]",
        description="Write Hugo posts: lossless front matter, Hugo-faithful preview. "
        "Without a command, opens the window on PATH (a post, content folder or site).",
        epilog="commands:\n" + "\n".join(f"  {name:<16}{help_text}" for name, (_, help_text)
                                          in COMMANDS.items())
        + "\n\nRun 'hugo-post-editor COMMAND --help' for a command's options.\n\n" + EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--verbose", action="store_true",
                        help="the window: show Qt's and Chromium's own diagnostics on stderr")
    parser.add_argument("--gpu", action="store_true",
                        help="the window: draw the previews with the GPU (the CPU by default: less memory)")
    return parser


def command_parser(name: str):
    """The parser of one subcommand and its module (imported only now, so `show` never loads Qt)."""
    module_name, help_text = COMMANDS[name]
    module = importlib.import_module(f"editor.commands.{module_name}")
    parser = argparse.ArgumentParser(prog=f"hugo-post-editor {name}", description=help_text,
                                     epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    module.add_parser(parser)
    return parser, module


def main(argv: list[str] | None = None) -> int:
    from editor.commands.terminal import protect
    protect()   # a post's title must not drive the author's terminal
    argv = sys.argv[1:] if argv is None else argv
    for flag, var in (("--verbose", "HPE_VERBOSE"), ("--gpu", "HPE_GPU")):
        if flag in argv and argv[0] not in COMMANDS:
            # The window: show Qt's and Chromium's own diagnostics (quiet by default); draw the
            # previews with the GPU (the CPU by default: editor/gui/__init__.py).
            argv = [a for a in argv if a != flag]
            os.environ[var] = "1"
    if argv and argv[0] in COMMANDS:
        parser, module = command_parser(argv[0])
        args = parser.parse_args(argv[1:])
        try:
            return int(module.run(args) or 0)
        except BrokenPipeError:
            return 0
        except KeyboardInterrupt:
            return 130
    if argv and argv[0].startswith("-"):
        build_parser().parse_args(argv)  # --help / --version exit here
        return 2
    if len(argv) > 1:
        print(f"hugo-post-editor: unknown command {argv[0]!r} (see --help)", file=sys.stderr)
        return 2
    if argv and not os.path.lexists(argv[0]):
        # Decided before Qt loads: a typo must not need (or crash for lack of) a display.
        print(f"hugo-post-editor: {argv[0]!r} is neither a command nor an existing file or folder "
              "(see --help)", file=sys.stderr)
        return 2
    from editor.commands import window

    return window.run_window(argv[0] if argv else None)
