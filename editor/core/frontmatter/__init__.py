"""Front matter: split a post's text, parse and edit YAML/TOML/JSON in place, read it fast for the index."""
