"""The public library API: load/loads/dumps/save posts losslessly, Hugo's rules, the instant renderer.

Plain Python: this package never imports Qt.
"""

from editor.core.errors import PostError
from editor.core.io import dumps, load, loads, save
from editor.core.post import Post
from editor.core.render import RenderConfig, render_html
from editor.core.site import Site, find_site, load_site

__all__ = ["PostError", "Post", "load", "loads", "dumps", "save", "render_html", "RenderConfig",
           "Site", "find_site", "load_site"]
