"""Bounce Back's MkDocs hooks, plus the `bin/new` (`hooks.new`) and `bin/package` (`hooks.bundle`) commands.

MkDocs loads each hook file by path (see `hooks:` in mkdocs.yml); this file
only lets the command-line helpers run with `python -m`.
"""
