"""The content index of a site: every post's Hugo view, read in worker processes and cached in sqlite."""
