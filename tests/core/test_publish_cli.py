"""`publish` and `sync` on real repositories: only content is committed, every failure is one line and loses nothing."""

from __future__ import annotations

import os
import stat

import pytest

from editor.cli import main
from tests.gitsites import (POST, git, git_isolated, identify, other_author_pushes, site_repo,  # noqa: F401
                            snapshot)

pytestmark = pytest.mark.usefixtures("git_isolated")


def cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_publishes_changed_posts_and_bundle_files_but_never_the_config(tmp_path, capsys):
    root, bare, _ = site_repo(tmp_path)
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="Edited."))
    (root / "content/posts/gamma.md").write_text(POST.format(title='"Gamma: new"', n=5, body="New post."))
    (root / "content/posts/bundle/cover.png").write_bytes(b"\x89PNG\0changed")
    (root / "hugo.toml").write_text("baseURL = 'https://changed.example/'\n")
    git(root, "add", "hugo.toml")   # even staged, the configuration is not swept into the commit
    code, out, err = cli(capsys, "publish", str(root))
    assert code == 0, err
    assert out.splitlines()[0].startswith("[main ")
    assert out.splitlines()[0].endswith("] Publish: Alpha, Bundle, Gamma: new")
    assert "  modified  content/posts/alpha.md" in out and "  new       content/posts/gamma.md" in out
    assert "  modified  content/posts/bundle/cover.png" in out
    assert "left out (not under the content folder): hugo.toml" in out
    committed = git(root, "show", "--name-only", "--format=%s", "HEAD").split()
    assert "hugo.toml" not in committed and "content/posts/gamma.md" in committed
    assert git(root, "status", "--porcelain=v1").splitlines() == ["M  hugo.toml"]   # still staged, untouched
    assert git(root, "log", "-1", "--format=%B", "HEAD").strip() == "Publish: Alpha, Bundle, Gamma: new"
    # Nothing left to publish: exit 0 with a message, the configuration still mentioned.
    code, out, err = cli(capsys, "publish", str(root))
    assert code == 0 and out.startswith("nothing to publish") and "hugo.toml" in out and not err
    # The remote did not move (no --push).
    assert git(bare, "rev-parse", "main") != git(root, "rev-parse", "HEAD")


def test_push_message_and_post_arguments(tmp_path, capsys):
    root, bare, _ = site_repo(tmp_path)
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="Edited."))
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="Edited too."))
    code, out, err = cli(capsys, "publish", str(root), "-m", "Just alpha", "--push",
                         str(root / "content/posts/alpha.md"))
    assert code == 0, err
    assert "content/posts/alpha.md" in out and "beta.md" not in out and "pushed to origin/main" in out
    assert git(bare, "rev-parse", "main") == git(root, "rev-parse", "HEAD")
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "Just alpha"
    assert " M content/posts/beta.md" in git(root, "status", "--porcelain=v1")
    # A bundle folder names the bundle; a path outside the content folder is refused.
    (root / "content/posts/bundle/index.md").write_text(POST.format(title="Bundle", n=3, body="New text"))
    code, out, err = cli(capsys, "publish", str(root), "--dry-run", str(root / "content/posts/bundle"))
    assert code == 0 and "would commit on main: Publish: Bundle" in out and "beta" not in out
    code, out, err = cli(capsys, "publish", str(root), str(root / "hugo.toml"))
    assert code == 2 and "not a post under the site's content folder" in one_line(err)


def test_dry_run_changes_nothing(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/new.md").write_text(POST.format(title="New one", n=4, body="x"))
    before = snapshot(root)
    code, out, err = cli(capsys, "publish", str(root), "--dry-run", "--push")
    assert code == 0, err
    assert out.splitlines() == ["would commit on main: Publish: New one", "  new       content/posts/new.md",
                                "would push to origin/main"]
    assert snapshot(root) == before


def test_push_rejected_when_the_remote_moved_keeps_the_local_commit(tmp_path, capsys):
    root, bare, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/other.md", POST.format(title="Other", n=6, body="theirs"))
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="mine"))
    code, out, err = cli(capsys, "publish", str(root), "--push")
    assert code == 1
    assert "the remote has new commits: pull first" in one_line(err)
    assert out.startswith("[main ")   # the commit was made and reported
    assert git(root, "log", "-1", "--format=%s").strip() == "Publish: Alpha"
    assert git(bare, "log", "-1", "--format=%s", "main").strip() == "other author"
    # sync replays the local commit on top; then the push goes through.
    code, out, err = cli(capsys, "sync", str(root))
    assert code == 0, err
    assert "updated from origin/main" in out and "1 local commit(s) not pushed" in out
    assert (root / "content/posts/other.md").is_file()
    code, out, err = cli(capsys, "publish", str(root), "--push", "--dry-run")
    assert code == 0 and out.splitlines() == ["nothing to publish: no post changed",
                                              "would push 1 earlier commit(s) to origin/main"]
    code, out, err = cli(capsys, "publish", str(root), "--push")   # nothing new, the kept commit goes out
    assert code == 0 and out.splitlines() == ["nothing to publish: no post changed",
                                              "pushed 1 earlier commit(s) to origin/main"]
    assert git(bare, "log", "-2", "--format=%s", "main").splitlines() == ["Publish: Alpha", "other author"]


def test_sync_replays_local_commits_past_unrelated_uncommitted_changes(tmp_path, capsys):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/beta.md", POST.format(title="Beta", n=2, body="theirs"))
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="mine"))
    assert cli(capsys, "publish", str(root))[0] == 0
    (root / "hugo.toml").write_text("baseURL = 'https://local.example/'\n")   # never published, kept
    code, out, err = cli(capsys, "sync", str(root))
    assert code == 0, err
    assert "local commits replayed on top" in out and "1 local commit(s) not pushed yet" in out
    assert git(root, "log", "--format=%s", "-3").splitlines() == ["Publish: Alpha", "other author", "initial"]
    assert "local.example" in (root / "hugo.toml").read_text()
    assert "theirs" in (root / "content/posts/beta.md").read_text()
    assert git(root, "stash", "list") == ""


def test_no_upstream_detached_head_and_not_a_repository(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path, remote=False)
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="x"))
    before = snapshot(root)
    code, _, err = cli(capsys, "publish", str(root), "--push")
    assert code == 2 and one_line(err).endswith("the branch main has no upstream: set one with git push -u origin main")
    code, _, err = cli(capsys, "sync", str(root))
    assert code == 2 and "has no upstream" in one_line(err)
    assert snapshot(root) == before
    git(root, "checkout", "-q", "--detach")
    code, _, err = cli(capsys, "publish", str(root))
    assert code == 2 and "HEAD is detached" in one_line(err)
    code, _, err = cli(capsys, "sync", str(root))
    assert code == 2 and "HEAD is detached" in one_line(err)
    plain = tmp_path / "plain"
    (plain / "content/posts").mkdir(parents=True)
    (plain / "content/posts/a.md").write_text(POST.format(title="A", n=1, body="x"))
    code, _, err = cli(capsys, "publish", str(plain))
    assert code == 2 and "is not in a git repository" in one_line(err)
    code, _, err = cli(capsys, "sync", str(plain))
    assert code == 2 and "is not in a git repository" in one_line(err)


@pytest.mark.parametrize("operation", ["merge", "rebase"])
def test_merge_or_rebase_in_progress_is_refused(tmp_path, capsys, operation):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/alpha.md", POST.format(title="Alpha", n=1, body="theirs"))
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="mine"))
    git(root, "commit", "-q", "-am", "mine")
    git(root, "fetch", "-q")
    git(root, operation, "origin/main", check=False)   # stops on the conflict
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="another change"))
    before = snapshot(root)
    code, _, err = cli(capsys, "publish", str(root))
    expected = "a merge is in progress" if operation == "merge" else "a rebase is in progress"
    assert code == 2 and expected in one_line(err)
    code, _, err = cli(capsys, "sync", str(root))
    assert code == 2 and expected in one_line(err)
    assert snapshot(root) == before


def test_failing_hook_shows_its_last_line_and_changes_nothing(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path)
    hook = root / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'checking posts...'\necho 'spell check failed: teh' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="teh"))
    (root / "content/posts/new.md").write_text(POST.format(title="New", n=2, body="x"))
    before = snapshot(root)
    code, out, err = cli(capsys, "publish", str(root))
    assert code == 2 and one_line(err).endswith("the commit was refused: spell check failed: teh")
    assert snapshot(root) == before   # HEAD, index (no new file staged) and work tree as they were


def test_a_post_that_does_not_parse_is_refused_and_named(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/alpha.md").write_text("---\ntitle: [unclosed\n---\nbody\n")
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="fine"))
    before = snapshot(root)
    code, _, err = cli(capsys, "publish", str(root))
    line = one_line(err)
    assert code == 2 and "content/posts/alpha.md:" in line and "not published" in line
    assert snapshot(root) == before
    # The other post can still be published by name.
    code, out, err = cli(capsys, "publish", str(root), str(root / "content/posts/beta.md"))
    assert code == 0 and "content/posts/beta.md" in out


def test_sync_fast_forwards_and_reports_up_to_date(tmp_path, capsys):
    root, _, other = site_repo(tmp_path)
    code, out, _ = cli(capsys, "sync", str(root))
    assert code == 0 and out.strip() == "already up to date with origin/main"
    other_author_pushes(other, "content/posts/beta.md", POST.format(title="Beta", n=2, body="theirs"))
    (root / "hugo.toml").write_text("baseURL = 'https://local.example/'\n")   # unrelated local change survives
    code, out, err = cli(capsys, "sync", str(root))
    assert code == 0, err
    assert out.startswith("updated from origin/main (") and "content/posts/beta.md" in out
    assert "theirs" in (root / "content/posts/beta.md").read_text()
    assert "local.example" in (root / "hugo.toml").read_text()
    assert git(root, "rev-parse", "HEAD") == git(other, "rev-parse", "HEAD")


def test_sync_conflict_names_the_files_and_leaves_the_repository_as_it_was(tmp_path, capsys):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/alpha.md", POST.format(title="Alpha", n=1, body="theirs"))
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="mine"))
    assert cli(capsys, "publish", str(root))[0] == 0
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="unpublished"))
    before = snapshot(root)
    code, out, err = cli(capsys, "sync", str(root))
    assert code == 1
    line = one_line(err)
    assert "content/posts/alpha.md" in line and "nothing was changed" in line
    assert snapshot(root) == before
    assert not os.path.exists(root / ".git/rebase-merge") and not os.path.exists(root / ".git/MERGE_HEAD")


def test_sync_refuses_to_overwrite_unpublished_changes(tmp_path, capsys):
    root, _, other = site_repo(tmp_path)
    other_author_pushes(other, "content/posts/alpha.md", POST.format(title="Alpha", n=1, body="theirs"))
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="mine, not published"))
    before = snapshot(root)
    code, _, err = cli(capsys, "sync", str(root))
    assert code == 1 and "content/posts/alpha.md" in one_line(err)
    assert snapshot(root) == before
    assert "mine, not published" in (root / "content/posts/alpha.md").read_text()


def test_bare_content_folder_as_its_own_repository(tmp_path, capsys):
    """The bundled content/ turned into a repository: a first commit on an unborn branch."""
    content = tmp_path / "content"
    (content / "posts").mkdir(parents=True)
    (content / "posts/first.md").write_text(POST.format(title="First", n=1, body="x"))
    git(content, "init", "-q")
    identify(content)
    code, out, err = cli(capsys, "publish", str(content))
    assert code == 0, err
    assert out.splitlines()[0].endswith("] Publish: First") and "  new       posts/first.md" in out
    assert git(content, "ls-files").split() == ["posts/first.md"]


def test_a_long_list_of_left_out_files_stays_one_line(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path)
    for i in range(12):
        (root / f"public-{i:02}.html").write_text("generated")
    (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="x"))
    code, out, _ = cli(capsys, "publish", str(root), "--dry-run")
    assert code == 0
    assert out.splitlines()[-1] == ("left out (not under the content folder): public-00.html, public-01.html, "
                                    "public-02.html, public-03.html, public-04.html, public-05.html, "
                                    "public-06.html, public-07.html and 4 more")


def test_a_post_added_then_deleted_before_any_commit_is_skipped(tmp_path, capsys):
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/ghost.md").write_text(POST.format(title="Ghost", n=1, body="x"))
    git(root, "add", "content/posts/ghost.md")
    (root / "content/posts/ghost.md").unlink()
    (root / "content/posts/beta.md").write_text(POST.format(title="Beta", n=2, body="y"))
    code, out, err = cli(capsys, "publish", str(root))
    assert code == 0, err
    assert git(root, "show", "--name-only", "--format=", "HEAD").split() == ["content/posts/beta.md"]


def test_push_never_prompts_but_the_authors_credential_helper_is_asked(tmp_path, capsys, monkeypatch):
    """A remote that wants a password: the author's credential helper is asked, no askpass program
    or terminal prompt ever is, and the failure is one line."""
    import http.server
    import threading

    class Unauthorised(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="blog"')
            self.send_header("Content-Length", "0")
            self.end_headers()

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Unauthorised)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        root, _, _ = site_repo(tmp_path)
        git(root, "remote", "set-url", "origin", f"http://127.0.0.1:{server.server_port}/blog.git")
        asked = tmp_path / "askpass-was-run"
        askpass = tmp_path / "askpass.sh"
        askpass.write_text(f"#!/bin/sh\ntouch '{asked}'\necho secret\n")
        askpass.chmod(0o755)
        monkeypatch.setenv("GIT_ASKPASS", str(askpass))     # the author's environment has one…
        monkeypatch.setenv("SSH_ASKPASS", str(askpass))
        helper_log = tmp_path / "helper-was-asked"
        git(root, "config", "credential.helper", f"!f() {{ echo \"$1\" >> '{helper_log}'; }}; f")
        (root / "content/posts/alpha.md").write_text(POST.format(title="Alpha", n=1, body="x"))
        code, out, err = cli(capsys, "publish", str(root), "--push")
    finally:
        server.shutdown()
    assert code == 1 and out.startswith("[main ")
    line = one_line(err)
    assert line.startswith("hugo-post-editor publish: push to origin/main failed: ") and "commit is kept" in line
    assert "get" in helper_log.read_text().split()   # the author's helper applies
    assert not asked.exists()                         # …but nothing prompts


def test_a_post_hugo_would_refuse_is_not_published(tmp_path, capsys):
    """Duplicate keys parse for a lenient reader, but Hugo refuses to build: the list says error, so does publish."""
    root, _, _ = site_repo(tmp_path)
    (root / "content/posts/beta.md").write_text("---\ntitle: Beta\ntags: [a]\ndraft: false\ntags: [b]\n---\nx\n")
    before = snapshot(root)
    code, _, err = cli(capsys, "publish", str(root))
    line = one_line(err)
    assert code == 2 and "content/posts/beta.md:5:" in line and "tags" in line and "not published" in line
    assert snapshot(root) == before
