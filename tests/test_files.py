"""Files are written whole or not at all, with the usual permissions."""

import os
import stat

import pytest

from chainmap.errors import UsageError
from chainmap.files import replacing, write_text


def test_a_new_file_gets_the_permissions_of_the_umask(tmp_path):
    old = os.umask(0o022)
    try:
        write_text(tmp_path / "a.yaml", "id: a\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "a.yaml").st_mode) == 0o644


def test_a_file_written_again_keeps_its_permissions(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    path.chmod(0o600)
    write_text(path, "new\n")
    assert (path.read_text(), stat.S_IMODE(os.stat(path).st_mode)) == ("new\n", 0o600)


def test_a_failure_half_way_leaves_the_old_file_and_nothing_beside_it(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    with pytest.raises(KeyboardInterrupt), replacing(path) as temporary:
        temporary.write_text("half")
        raise KeyboardInterrupt
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.yaml"]


def test_line_ends_are_written_as_given(tmp_path):
    write_text(tmp_path / "a.yaml", "id: a\r\nname: A\r\n")
    assert (tmp_path / "a.yaml").read_bytes() == b"id: a\r\nname: A\r\n"


@pytest.mark.parametrize("lang, message", [("en", "cannot write {}: No such file or directory"), ("zh", "无法写入 {}：No such file or directory")])
def test_a_missing_folder_is_named_in_the_language_asked_for(tmp_path, lang, message):
    path = tmp_path / "missing" / "a.yaml"
    with pytest.raises(UsageError) as error:
        write_text(path, "x", lang=lang)
    assert str(error.value) == message.format(path)
