"""Strip metadata from JPEG and PNG images without decoding them. Pure: stdlib only.

Photos pasted into statements carry EXIF GPS coordinates (the shelter's location), camera
serial numbers and author names (data-protection.md §5.1 "EXIF/GPS inside embedded photos").
Both formats are rebuilt from an allow-list of segments/chunks, so metadata kinds we never
heard of are dropped too; any other format is refused rather than passed through.
"""

import struct
import zlib


class UnsupportedImage(ValueError):
    """The image is not a JPEG or PNG we can clean, or is malformed."""


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Chunks needed to render the image; everything else (tEXt, zTXt, iTXt, eXIf, tIME, iCCP with
# its profile name, vendor chunks) is dropped.
_PNG_KEEP = frozenset(
    {b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs"}
)
# JPEG markers without a length field.
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
_APP0, _APP14, _COM = 0xE0, 0xEE, 0xFE


def strip_png(data: bytes) -> bytes:
    if not data.startswith(_PNG_SIGNATURE):
        raise UnsupportedImage("not a PNG file")
    out = bytearray(_PNG_SIGNATURE)
    position = len(_PNG_SIGNATURE)
    while position < len(data):
        if position + 8 > len(data):
            raise UnsupportedImage("truncated PNG chunk header")
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise UnsupportedImage("truncated PNG chunk")
        if kind in _PNG_KEEP:
            chunk = data[position:end]
            crc = zlib.crc32(chunk[4 : 8 + length]) & 0xFFFFFFFF
            if struct.unpack(">I", chunk[-4:])[0] != crc:
                raise UnsupportedImage("PNG chunk with a bad checksum")
            out += chunk
        position = end
        if kind == b"IEND":
            # Bytes after IEND are invisible to viewers and a known hiding place: dropped.
            return bytes(out)
    raise UnsupportedImage("PNG without IEND")


def strip_jpeg(data: bytes) -> bytes:
    if not data.startswith(b"\xff\xd8"):
        raise UnsupportedImage("not a JPEG file")
    out = bytearray(b"\xff\xd8")
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise UnsupportedImage("malformed JPEG marker")
        marker = data[position + 1] if position + 1 < len(data) else -1
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in _JPEG_STANDALONE:
            out += data[position : position + 2]
            position += 2
            continue
        if marker == 0xD9:
            out += b"\xff\xd9"
            return bytes(out)
        if position + 4 > len(data):
            raise UnsupportedImage("truncated JPEG segment")
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise UnsupportedImage("truncated JPEG segment")
        segment = data[position:end]
        if marker == 0xDA:
            # Start of scan: entropy-coded data up to EOI follows; copied as is, but anything
            # after EOI (appended files, a second image) is dropped.
            eoi = data.rfind(b"\xff\xd9")
            if eoi < end:
                raise UnsupportedImage("JPEG without end of image")
            out += data[position : eoi + 2]
            return bytes(out)
        # APP1 (EXIF, XMP), APP2 (ICC, FlashPix), APP3-APP15 (vendor) and COM go; APP0 (JFIF
        # density) stays, and APP14 "Adobe" stays because CMYK decoding depends on it.
        is_app = 0xE0 <= marker <= 0xEF
        keep_app = (marker == _APP0 and segment[4:9] == b"JFIF\x00") or (
            marker == _APP14 and segment[4:9] == b"Adobe"
        )
        if (not is_app and marker != _COM) or keep_app:
            out += segment
        position = end
    raise UnsupportedImage("JPEG without end of image")


def strip_image_metadata(data: bytes) -> bytes:
    """Return the image without metadata; raise ``UnsupportedImage`` for other formats."""
    if data.startswith(_PNG_SIGNATURE):
        return strip_png(data)
    if data.startswith(b"\xff\xd8"):
        return strip_jpeg(data)
    raise UnsupportedImage("only JPEG and PNG images can be cleaned of metadata")
