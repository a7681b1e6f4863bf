"""Publishing with git from the window: the Publish dialog and the flow around it."""
