"""Several courses on one address: a copy that keeps the course's own storage id is told so.

Learners' answers live in the browser under `extra.course.id`, per web address (origin). Two
copies on one origin (`<owner>.github.io/a/` and `/b/`) with the same id share answers, and
*Clear everything* in one wipes the other. The build cannot see the other copy, so a center's
config that inherits the course's id without writing one is told so (an INFO line, since most
copies have an address of their own), naming the line to add; writing the same id keeps what
learners saved (issue 25, item 7).
"""

from __future__ import annotations

import logging

from tests.conftest import build_site
from tests.variants import write_variant


def test_a_centers_copy_that_inherits_the_course_id_is_told_to_write_its_own(tmp_path, caplog):
    config = write_variant(tmp_path / "cfg", {"site_name": "Riverside Bounce Back"}, course_id=None)
    with caplog.at_level(logging.INFO):
        assert build_site(config, tmp_path / "site") == [], "a copy on its own address still builds"
    warnings = [r.getMessage() for r in caplog.records if "extra.course.id" in r.getMessage()]
    assert len(warnings) == 1, [r.getMessage() for r in caplog.records]
    message = warnings[0]
    assert f"{config}:1: extra.course.id is not set here" in message, message
    assert "'bounce-back'" in message and "share" in message and "Clear" in message
    assert "id: bounce-back" in message, "how to keep what learners already saved"


def test_writing_an_id_in_the_centers_file_is_enough(tmp_path):
    """The same id written out (learners keep their answers) or a new one: no warning."""
    for course_id in ("bounce-back", "riverside-bounce-back"):
        config = write_variant(tmp_path / course_id, {}, course_id=course_id)
        assert build_site(config, tmp_path / course_id / "site") == []
