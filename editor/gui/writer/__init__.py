"""The Markdown editor and the writer's tools on it: formatting, find, outline, spelling, problems."""
