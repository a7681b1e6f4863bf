"""Files on disk: posts read and written atomically, private app files, recovery journal, export, images."""
