"""Subcommands of the command line, one module each (each defines `add_parser(sub)` and `run(args)`)."""
