"""Hugo's rules: fields, dates, status, URLs, site config, languages, refs, word counts, and the real binary."""
