"""Git for publishing: repository facts, committing and pushing changed posts, updating, diffs against HEAD."""
