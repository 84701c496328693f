"""Readable anchors for exchanges: #a864d1bf rather than #a864d1bf-5c1e-4f0e-….

The short id is the first 8 hex digits of the block's id, which Wagtail keeps across
revisions, so it is as stable as the full id. The full id stays on the page as a second
anchor, so links shared before short ids existed still land on their answer.
"""

SHORT_ID_LENGTH = 8


def short_anchor(block_id: str) -> str:
    return block_id.replace("-", "")[:SHORT_ID_LENGTH]
