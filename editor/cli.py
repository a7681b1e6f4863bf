"""Command-line entry point: parses the subcommand and hands it to its module in editor.commands."""

from __future__ import annotations

import argparse
import importlib
import sys

# name -> (module in editor.commands, one-line help). Modules are imported lazily so that
# `hugo-post-editor show` never loads Qt.
COMMANDS: dict[str, tuple[str, str]] = {
    "show": ("show", "print a post's Hugo view (title, dates, status, URL…)"),
    "set": ("set_", "edit front-matter keys with a minimal diff"),
    "check": ("check", "lint posts or folders: path:line:col: error|warning: message"),
    "render": ("render", "print the instant-preview HTML of a post's body"),
    "list": ("list_", "list a site's posts (table or JSON)"),
    "new": ("new", "create a post from the site's archetypes"),
    "export": ("export", "copy a post into a Hugo content folder"),
    "install-desktop": ("install_desktop", "install a desktop menu entry and icon"),
}

EPILOG = """exit codes:
  0  success
  1  the command ran and found problems (check: errors; export: target exists and differs)
  2  usage error, or a file could not be read or parsed (message on stderr)
  3  Qt or another optional part is missing
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hugo-post-editor",
        description="Write Hugo posts: lossless front matter, Hugo-faithful preview. "
        "Without a subcommand, opens the window on PATH (a post, content folder or site).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"editor.commands.{module_name}")
        p = sub.add_parser(name, help=help_text, description=help_text,
                           formatter_class=argparse.RawDescriptionHelpFormatter)
        module.add_parser(p)
        p.set_defaults(_module=module)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # No subcommand (or only a path): open the window.
    if not argv or (argv[0] not in COMMANDS and not argv[0].startswith("-")):
        from editor.commands import window

        return window.run_window(argv[0] if argv else None)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from editor.commands import window

        return window.run_window(None)
    try:
        return int(args._module.run(args) or 0)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
