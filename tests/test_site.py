"""`course site`: the course as a static site, built once and opened in a real browser (headless Chromium).

The site is built once for this file (by the `course` command, into a temporary folder), served by
`http.server` on 127.0.0.1 and visited page by page with Playwright driving Debian's `chromium`. Any
request that would leave 127.0.0.1 is recorded and blocked. Screenshots of the home page and of a lesson
are saved in a folder this file prints.
"""
from __future__ import annotations

import functools
import hashlib
import html.parser
import http.server
import io
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from course_instructor import site as course_site

from .conftest import REPO, missing_system_tool
SCREENSHOT_LESSON = "lessons/07_gradient_descent.html"
# Scroll so that a plot ends at the bottom of the window with typeset formulas above it, so the screenshot shows both.
SCROLL_TO_FORMULA_AND_PLOT = """() => {
    const box = node => node.getBoundingClientRect();
    const maths = Array.from(document.querySelectorAll('article .math')).map(node => box(node).top + window.scrollY);
    const window_top = image => box(image).bottom + window.scrollY + 20 - window.innerHeight;
    const image = Array.from(document.querySelectorAll('article img')).find(
        image => maths.filter(math => math > window_top(image) + 40 && math < box(image).top + window.scrollY).length >= 2);
    window.scrollTo({top: image ? window_top(image) : 0, behavior: 'instant'});  // the theme scrolls smoothly otherwise
}"""
# The one link that leaves the site: Furo's credit line in every footer (a reader offline just cannot follow it).
THEME_CREDIT = {"https://github.com/pradyunsg/furo"}
RAW_MATH = re.compile(r"\$[^$\n]+\$|\\\(|\\\[|\\begin\{")


def _chromium() -> str:
    """The Chromium binary: $COURSE_CHROMIUM, else Debian's `chromium` on PATH."""
    found = os.environ.get("COURSE_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        missing_system_tool("expected Debian's chromium for the browser test (apt-get install -y chromium), received none on PATH")
    return found


def _tree_digest(*folders: Path) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(REPO).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _figures(notebook: Path) -> int:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return sum("image/png" in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """Build the site once with `course site --out`, checking that the repository is left as it was."""
    out = tmp_path_factory.mktemp("site") / "site"
    watched = [REPO / "lessons", REPO / "exercises", REPO / "README.md"]
    before = _tree_digest(*watched[:2]) + hashlib.sha256(watched[2].read_bytes()).hexdigest()
    finished = subprocess.run([sys.executable, "-m", "course_utils", "site", "--out", str(out)], capture_output=True, text=True,
                              cwd=REPO, check=False, timeout=600)
    print(finished.stdout)
    assert finished.returncode == 0, finished.stderr
    after = _tree_digest(*watched[:2]) + hashlib.sha256(watched[2].read_bytes()).hexdigest()
    return {"out": out, "stdout": finished.stdout, "repo_unchanged": before == after}


@pytest.fixture(scope="session")
def served(built):
    """The built site on http://127.0.0.1:PORT/ (a thread of this process), shut down after the session."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            if not isinstance(sys.exc_info()[1], ConnectionError):  # the browser may drop a connection it no longer needs
                super().handle_error(request, client_address)

    server = Server(("127.0.0.1", 0), functools.partial(Quiet, directory=str(built["out"])))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_the_site_is_built_from_copies_with_a_page_for_every_lesson_and_exercise(built):
    out = built["out"]
    assert built["repo_unchanged"], "building the site changed lessons/, exercises/ or README.md"
    assert "Sphinx warning" not in built["stdout"], built["stdout"]
    rows = course_site.read_lesson_table(REPO / "README.md")
    assert [row.path for row in rows] == sorted(f"lessons/{path.name}" for path in (REPO / "lessons").glob("*.ipynb"))
    for row in rows:
        assert (out / row.path.replace(".ipynb", ".html")).is_file(), row.path
    for exercise in (REPO / "exercises").glob("*.ipynb"):
        assert (out / "exercises" / exercise.with_suffix(".html").name).is_file(), exercise.name
    home = _Text.of(out / "index.html")
    for row in rows:  # the README's table, row by row: title, what it teaches (its first words), runtime
        assert row.title in home and row.runtime in home, row.number
        shown = home.replace("`", "").replace("\u2019", "'")  # Sphinx's smart quotes print an apostrophe as \u2019
        assert course_site.plain_text(row.teaches)[:30].replace("`", "") in shown, row.number


def test_no_lesson_page_is_over_a_megabyte_and_every_figure_has_alt_text(built):
    out = built["out"]
    weights = course_site.page_weights(out)
    lessons = {page: size for page, size in weights.items() if page.startswith("lessons/")}
    assert len(lessons) == len(list((REPO / "lessons").glob("*.ipynb")))
    heaviest = max(lessons, key=lessons.get)
    print(f"heaviest lesson page: {heaviest}, {lessons[heaviest] / 1024:.0f} KB (HTML + images)")
    assert lessons[heaviest] <= course_site.PAGE_LIMIT_BYTES, {page: f"{size / 1024:.0f} KB" for page, size in lessons.items()}
    for page in lessons:
        images = _Images.of(out / page)
        assert len(images) == _figures(REPO / page.replace(".html", ".ipynb")), page
        assert all(alt.strip() for _, alt in images), f"{page}: an image without alt text"
        assert weights[page] > (out / page).stat().st_size + 1024 * len(images) > 0, f"{page}: its images were not weighed"


def test_exercise_pages_hold_no_solution(built):
    out = built["out"]
    for solution in sorted((REPO / "solutions").glob("*.ipynb")):
        exercise_source = (REPO / "exercises" / solution.name).read_text(encoding="utf-8")
        page = _Text.of(out / "exercises" / solution.with_suffix(".html").name)
        assert "NotImplementedError" in page and "BEGIN SOLUTION" not in page, solution.name
        cells = json.loads(solution.read_text(encoding="utf-8"))["cells"]
        answers = [line.strip() for cell in cells for block in re.findall(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", "".join(cell["source"]), re.S)
                   for line in block.splitlines()]
        secret = [line for line in answers if len(line) > 12 and json.dumps(line)[1:-1] not in exercise_source]
        assert secret, f"{solution.name}: no solution line to look for"
        assert not [line for line in secret if line in page], solution.name


def test_every_page_works_offline_in_headless_chromium(built, served, tmp_path_factory):
    chromium = _chromium()
    try:
        from playwright.sync_api import sync_playwright  # noqa: PLC0415
    except ImportError:
        missing_system_tool("expected the playwright package (pip install -r requirements.txt), received none")
    out = built["out"]
    pages = sorted(path.relative_to(out).as_posix() for path in out.rglob("*.html"))
    shots = tmp_path_factory.mktemp("screenshots")
    problems, left, visited, links = [], [], {}, set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.route("**/*", functools.partial(_only_local, left=left))
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and problems.append(f"{page.url}: console: {message.text}"))
        page.on("pageerror", lambda error: problems.append(f"{page.url}: page error: {error}"))
        page.on("requestfailed", lambda request: problems.append(f"{page.url}: failed: {request.url} ({request.failure})"))
        page.on("response", lambda response: response.status >= 400 and problems.append(f"{page.url}: {response.status} {response.url}"))
        for name in pages:
            visited[name] = _visit(page, served + name)
            links.update(visited[name]["links"])
            if name == "index.html":
                page.screenshot(path=shots / "home.png")
            if name == SCREENSHOT_LESSON:
                page.evaluate(SCROLL_TO_FORMULA_AND_PLOT)
                page.screenshot(path=shots / "lesson.png")
        page.goto(served + "search.html?q=backpropagation", wait_until="load")
        page.wait_for_selector("#search-results li", timeout=20_000)
        found = page.eval_on_selector_all("#search-results li a", "links => links.map(a => a.getAttribute('href'))")
        browser.close()
    print(f"screenshots of the home page and {SCREENSHOT_LESSON}: {shots}")
    assert not left, f"requests that would have left 127.0.0.1: {left[:10]}"
    assert not problems, problems[:10]
    assert any("06_backpropagation" in href for href in found), found
    for name in pages:
        if name.startswith("lessons/"):
            _check_lesson(name, visited[name])
    _check_links(links, served, visited)


def _only_local(route, request, left):
    """Let requests to 127.0.0.1 (and data: URLs) through; record and block every other."""
    host = urllib.parse.urlsplit(request.url).hostname
    if request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
        route.continue_()
    else:
        left.append(request.url)
        route.abort()


def _visit(page, url: str) -> dict:
    """Load a page, wait for MathJax to typeset, and read what the checks need."""
    page.goto(url, wait_until="load")
    page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise ? MathJax.startup.promise.then(() => 1) : 0")
    page.evaluate("() => document.fonts.ready.then(() => 1)")  # MathJax's fonts, before the next page aborts them
    return page.evaluate("""() => {
        const article = document.querySelector('article') || document.body;
        const maths = Array.from(article.querySelectorAll('.math'));
        const clone = article.cloneNode(true);
        clone.querySelectorAll('pre, mjx-container, script, style, .highlight').forEach(node => node.remove());
        return {
            images: Array.from(article.querySelectorAll('img')).map(image =>
                ({src: image.currentSrc, width: image.naturalWidth, height: image.naturalHeight, alt: image.alt})),
            maths: maths.length,
            typeset: maths.filter(node => node.querySelector('mjx-container')).length,
            mathErrors: article.querySelectorAll('mjx-merror').length,
            text: clone.textContent,
            links: Array.from(document.querySelectorAll('a[href]')).map(link => link.href),
            ids: Array.from(document.querySelectorAll('[id]')).map(node => node.id),
        };
    }""")


def _check_lesson(name: str, seen: dict) -> None:
    notebook = REPO / name.replace(".html", ".ipynb")
    assert len(seen["images"]) == _figures(notebook) > 0, name
    blank = [image["src"] for image in seen["images"] if not (image["width"] > 0 and image["height"] > 0)]
    assert not blank, f"{name}: images that did not load: {blank}"
    has_math = "$" in "".join("".join(cell["source"]) for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
                              if cell["cell_type"] == "markdown")
    if has_math:
        assert seen["maths"] > 0 and seen["typeset"] == seen["maths"], f"{name}: {seen['typeset']} of {seen['maths']} formulas typeset"
    assert seen["mathErrors"] == 0, f"{name}: MathJax could not typeset {seen['mathErrors']} formula(s)"
    raw = RAW_MATH.findall(seen["text"])
    assert not raw, f"{name}: raw TeX left in the page's text: {raw[:5]}"


def _check_links(links: set, served: str, visited: dict) -> None:
    outside = sorted(link for link in links if not link.startswith(served))
    assert set(outside) <= THEME_CREDIT, f"links that leave the site: {outside[:10]}"
    statuses = {}
    for link in sorted(links - set(outside)):
        target, _, fragment = link.partition("#")
        if target not in statuses:
            statuses[target] = _status(target)
        assert statuses[target] == 200, f"{link}: HTTP {statuses[target]}"
        page = target[len(served):] or "index.html"
        if fragment and page in visited:
            assert urllib.parse.unquote(fragment) in visited[page]["ids"], f"{link}: no element with id {fragment!r}"


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


class _Text(html.parser.HTMLParser):
    """A page's text, as a reader sees it (tags dropped, entities decoded)."""

    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    @classmethod
    def of(cls, path: Path) -> str:
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return "".join(parser.parts)


class _Images(html.parser.HTMLParser):
    """A page's images as (src, alt)."""

    def __init__(self):
        super().__init__()
        self.images = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            attributes = dict(attrs)
            self.images.append((attributes.get("src", ""), attributes.get("alt") or ""))

    @classmethod
    def of(cls, path: Path) -> list:
        parser = cls()
        parser.feed(path.read_text(encoding="utf-8"))
        return parser.images


def test_the_home_page_table_is_the_readmes(tmp_path):
    rows = course_site.read_lesson_table(REPO / "README.md")
    assert [row.number for row in rows] == [f"{number:02d}" for number in range(len(rows))]
    assert all(row.title and row.teaches and row.runtime.endswith(" s") for row in rows)
    (tmp_path / "README.md").write_text("# A course\n\n## Lessons\n\nNone yet.\n", encoding="utf-8")
    with pytest.raises(ValueError, match="expected a lesson table"):
        course_site.read_lesson_table(tmp_path / "README.md")


def test_a_wide_figure_is_resized_a_heavy_one_recompressed_and_a_small_one_kept():
    from PIL import Image  # noqa: PLC0415

    def png(width, height):
        """A smooth picture in many colours (PNG compresses it poorly)."""
        channels = (Image.linear_gradient("L").resize((width, height)), Image.radial_gradient("L").resize((width, height)),
                    Image.new("L", (width, height), 128))
        buffer = io.BytesIO()
        Image.merge("RGB", channels).save(buffer, format="PNG")
        return buffer.getvalue()

    wide = png(1500, 900)
    smaller = course_site.shrink_png(wide)
    assert Image.open(io.BytesIO(smaller)).size == (1000, 600) and len(smaller) < len(wide)
    recompressed = course_site.shrink_png(wide, recompress_above=10_000)
    assert Image.open(io.BytesIO(recompressed)).mode == "P" and len(recompressed) < len(smaller)
    small = png(200, 100)
    assert course_site.shrink_png(small) == small


def test_alt_text_says_where_the_figure_is_what_its_code_titles_it_and_what_the_prose_says():
    prose = "## Momentum\n\nThe **paths** at $\\eta = 0.03$, drawn by `plot_loss_surface`:"
    source = 'fig, ax = plt.subplots()\n_ = ax.set_title("loss surface")\n_ = plot(ax=ax, title=f"{rule}: {n} updates")\n'
    alt = course_site.figure_alt("Lesson 07: Gradient descent", 2, source, prose)
    assert alt == ("Figure 2 of Lesson 07: Gradient descent, plot titled “loss surface”, "
                   "about: The paths at η = 0.03, drawn by plot_loss_surface:")
    assert course_site.plot_titles('%matplotlib inline\nax.set_title("x")') == []
    assert course_site.plot_titles('ax.set_title(f"{a}: {b} steps to a fine minimum")') == ["…: … steps to a fine minimum"]


def test_course_site_refuses_a_folder_that_is_not_a_site(tmp_path, capsys):
    from course_utils.cli import main  # noqa: PLC0415

    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["site", "--out", str(tmp_path)]) == 2
    assert "expected a new or empty folder, or a site built before" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
    with pytest.raises(ValueError, match="expected a Jupyter notebook"):
        course_site.prepare_notebook(tmp_path / "notes.txt", tmp_path / "copy.ipynb")


def test_a_missing_chromium_fails_in_ci_and_skips_elsewhere(monkeypatch):
    monkeypatch.delenv("COURSE_CHROMIUM", raising=False)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: .ci/run installs it"):
        _chromium()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="expected Debian's chromium"):
        _chromium()
