"""Problems Hugo is silent about, by file and line: front matter, body, mojibake, and sites this Hugo cannot build."""
