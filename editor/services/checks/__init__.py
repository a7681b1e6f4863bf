"""The writer's checks off the UI thread: spelling (and its word list), live lint."""
