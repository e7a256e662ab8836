"""Writing files whole or not at all.

Every file chainmap writes (account files, edits, pages, briefs, spreadsheets, synthetic
accounts) goes through :func:`replacing`: the new content is written beside the target and
renamed over it only once it is on disk, so a crash, a full disk or Ctrl-C leaves the old
file or the new one, never half of one. A path that cannot be written is a
:class:`~chainmap.errors.UsageError` naming the path and the reason.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import UsageError
from .i18n import Text, check_lang

__all__ = ["replacing", "write_text", "CANNOT_WRITE"]

CANNOT_WRITE = Text("cannot write {path}: {reason}", "无法写入 {path}：{reason}")


@contextmanager
def replacing(path: str | os.PathLike, *, lang: str | None = None) -> Iterator[Path]:
    """A fresh path beside ``path`` to write to; when the block ends normally it becomes ``path``.

    An existing file keeps its permissions; a new one gets the usual ones (the umask's).

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with replacing(target) as temporary:
    ...     _ = temporary.write_text("whole")
    >>> target.read_text(), sorted(p.name for p in target.parent.iterdir())
    ('whole', ['a.txt'])
    """
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    try:
        mode = target.stat().st_mode & 0o7777 if target.exists() else None
        # Created here, with the umask's permissions, so a writer that opens it again keeps them.
        temporary.open("x").close()
        yield temporary
        with open(temporary, "rb") as written:
            # On disk before the rename, so a power cut cannot leave an empty file behind.
            os.fsync(written.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        os.replace(temporary, target)
    except OSError as error:
        raise UsageError(CANNOT_WRITE(check_lang(lang), path=target, reason=error.strerror or error)) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_text(path: str | os.PathLike, text: str, *, lang: str | None = None) -> None:
    """Write ``text`` to ``path`` as UTF-8, whole or not at all (see :func:`replacing`).

    Line ends are written as given, so a file read with Windows line ends keeps them.
    """
    with replacing(path, lang=lang) as temporary, open(temporary, "w", encoding="utf-8", newline="") as out:
        out.write(text)
