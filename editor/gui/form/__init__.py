"""The front-matter form: Hugo's fields, the date field, the URL warning, translations."""
