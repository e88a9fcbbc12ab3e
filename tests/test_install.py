"""parley installed as a user installs it: a fresh venv with the pip it comes with, no upgrade."""

from __future__ import annotations

import shutil
import subprocess
import venv
from pathlib import Path

from tests.paths import REPO

PAGE = """<html><head><title>Envoys meet in Geneva | Example News</title>
<meta property="og:site_name" content="Example News"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Envoys meet in Geneva</h1>
<p>Negotiators from Ukraine and Russia met in Geneva on Tuesday to discuss a ceasefire, officials said.</p>
<p>The talks, the third round this year, ended without agreement on the future of occupied territory.</p>
</article><footer>Copyright Example News</footer></body></html>
"""


def test_a_plain_pip_install_in_a_fresh_venv_indexes_html(tmp_path: Path) -> None:
    """The venv's own pip (23.2 on Python 3.11) must resolve every dependency HTML needs."""
    source, env = tmp_path / "source", tmp_path / "venv"
    source.mkdir()  # a copy: setuptools writes build/ into the tree it builds from
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    for name in ("indexer", "tui"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    venv.EnvBuilder(with_pip=True).create(env)
    python = env / "bin" / "python"
    subprocess.run([python, "-m", "pip", "install", "--quiet", str(source)], check=True, timeout=900)
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "geneva.html").write_text(PAGE, "utf-8")
    index = ["--index", str(tmp_path / "index")]
    built = subprocess.run([env / "bin" / "parley", "index", str(tmp_path / "articles"), *index],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0 and "skipped 0" in built.stdout, built.stdout + built.stderr
    found = subprocess.run([env / "bin" / "parley", "search", "ceasefire Geneva", "--format", "json", *index],
                           capture_output=True, text=True, timeout=300)
    assert found.returncode == 0, found.stderr
    assert '"Envoys meet in Geneva"' in found.stdout
