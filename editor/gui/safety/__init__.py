"""Never lose a word, in the window: recovery, outside changes, raw-text repair, save conflicts, and their bars."""
