"""Paste or drop an image: ask to make the post a bundle if needed, save it there, insert ![alt](name)."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage

from editor.gui.feature_context import FeatureContext
from editor.gui.dialogs.preferences import DEFAULT_IMAGE_WIDTH
from editor.services.document import images as image_service


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


class ImageInserter:
    """The window's side of image paste/drop; moving the post into a bundle is asked through its prompts."""

    def __init__(self, ctx: FeatureContext) -> None:
        self.ctx = ctx
        ctx.editor.imagePasted.connect(self.paste_image)
        ctx.editor.imageFilesDropped.connect(self.drop_files)

    def _ensure_bundle(self) -> str | None:
        doc = self.ctx.document
        if not doc.is_open or not doc.path:
            self.ctx.commands.show_error("Save the post first: images go into its folder.")
            return None
        if not image_service.needs_bundle(doc.path):
            return doc.path
        from editor.core.files.images import bundle_path
        if not self.ctx.prompts.make_bundle(doc.path, str(bundle_path(doc.path))):
            return None
        try:
            path = image_service.convert_to_bundle(doc)
        except image_service.ImageError as exc:
            self.ctx.commands.show_error(str(exc))
            return None
        self.ctx.commands.reload_list()
        return path

    def paste_image(self, image: QImage) -> str | None:
        return self._insert([(png_bytes(image), "image.png")])

    def drop_files(self, paths: list[str]) -> str | None:
        try:
            items = [(image_service.read_image_file(p), p) for p in paths]
        except image_service.ImageError as exc:
            self.ctx.commands.show_error(str(exc))
            return None
        return self._insert(items)

    def _insert(self, items: list[tuple[bytes, str]]) -> str | None:
        post_path = self._ensure_bundle()
        if post_path is None:
            return None
        width = self.ctx.settings.value("images/maxWidth", DEFAULT_IMAGE_WIDTH, int)
        links = []
        for data, hint in items:
            try:
                name, alt = image_service.add_image(post_path, data, hint, width)
            except (image_service.ImageError, OSError) as exc:
                self.ctx.commands.show_error(str(exc))
                continue
            links.append(f"![{alt}]({name})")
        if not links:
            return None
        text = "\n".join(links)
        cursor = self.ctx.editor.textCursor()
        cursor.insertText(text)
        self.ctx.editor.setTextCursor(cursor)
        return text


def install_images(ctx: FeatureContext) -> ImageInserter:
    return ImageInserter(ctx)
