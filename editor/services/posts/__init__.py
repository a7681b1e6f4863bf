"""The post list: its table model, rows from the content index, the content watch, new post files."""
