"""The open post: Document, its safety part, the crash journal, the file watch, form fields, images into its bundle."""
