"""Conversations with the author: questions (prompts), the flows around them, the dialogs."""
