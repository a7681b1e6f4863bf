"""One Problem type: its JSON form is what index entries cache and `list --json` prints, key order included."""

from editor.core.hugo.collisions import slug_problem, url_collisions
from editor.core.lint.problem import Problem


def test_json_keys_keep_their_order_and_omit_what_is_unset():
    plain = Problem("a.md", 2, 3, "error", "bad date")
    assert list(plain.to_json()) == ["path", "line", "column", "severity", "message"]
    slug = slug_problem("Hello World", "a.md", 4)
    assert list(slug.to_json()) == ["path", "line", "column", "severity", "code", "message", "fix"]
    shared = url_collisions([("a.md", "/x/", 1), ("b.md", "/x/", None)])["a.md"][0]
    assert list(shared.to_json()) == ["path", "line", "column", "severity", "code", "message"]


def test_json_reads_back_as_the_same_problem():
    for p in (Problem("a.md", 2, 3, "warning", "m"), slug_problem("Hello World", "a.md", 4)):
        assert Problem.from_json(p.to_json()) == p
    assert str(Problem("a.md", 2, 3, "warning", "m")) == "a.md:2:3: warning: m"
