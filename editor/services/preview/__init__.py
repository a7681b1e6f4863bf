"""Rendering the previews: the instant preview, its controller and renderer, the site server."""
