"""The build's steps, one concern each; `coursemodel.plugin` runs them in order.

Each module keeps MkDocs' event signatures (`on_files(files, *, config)`, …) so a
step reads like a hook, but nothing registers them: only the plugin calls them.
"""
