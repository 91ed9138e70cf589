"""`course site --out DIR`: the course as a static web site, built and viewed offline.

Sphinx with MyST-NB renders the lessons and the exercises from their stored
outputs (nothing is executed). Formulas are typeset by MathJax 3 served from
the site itself (the files come from the `sphinx-mathjax-offline` wheel), so
neither the build nor a reader's browser needs the network. The home page's
lesson table is the README's (one source of truth).

Everything is built from copies in a temporary folder: figures are resized and
recompressed there (so that no lesson page weighs over 1 MB) and given alt
text there; the repository's notebooks are never modified.
"""
from __future__ import annotations

import ast
import base64
import dataclasses
import html.parser
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PAGE_LIMIT_BYTES = 1024 * 1024
MAX_IMAGE_WIDTH = 1000
RECOMPRESS_ABOVE_BYTES = 100 * 1024
MATHJAX_PARTS = ("tex-chtml.js", "input", "output/chtml", "ui", "a11y", "adaptors", "sre")
TEX_SYMBOLS = {"cdot": "·", "times": "×", "partial": "∂", "nabla": "∇", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
               "approx": "≈", "sum": "Σ", "to": "→", "leftarrow": "←", "infty": "∞", "in": "∈", "mathbb": "", "mathbf": "",
               "text": "", "frac": "fraction", "sqrt": "square root of", "log": "log", "exp": "exp", "max": "max", "min": "min"}
SITE_TITLE = "Deep learning, hands-on and offline"
LESSON_ROW = re.compile(
    r"^\|\s*(?P<number>\d\d)\s*\|\s*\[(?P<title>[^\]]+)\]\((?P<path>lessons/[^)]+\.ipynb)\)\s*\|"
    r"(?P<teaches>.*)\|\s*(?P<runtime>[^|]+?)\s*\|\s*$")
CONF_PY = '''# Written by course_instructor/site.py for one build; never edited by hand.
project = {title!r}
html_title = {title!r}
extensions = ["myst_nb", "sphinx.ext.mathjax"]
exclude_patterns = ["_build", "**.ipynb_checkpoints"]
# Lessons are rendered with the outputs they are committed with; nothing runs.
nb_execution_mode = "off"
nb_merge_streams = True
myst_enable_extensions = ["dollarmath", "amsmath"]
myst_dmath_double_inline = True
myst_heading_anchors = 3
# MathJax 3 from the site itself, not a CDN.
mathjax_path = "mathjax/tex-chtml.js"
html_static_path = ["_static"]
html_theme = "furo"
html_show_sphinx = False
html_copy_source = False
html_show_sourcelink = False
html_last_updated_fmt = None
'''


@dataclasses.dataclass(frozen=True)
class LessonRow:
    """One row of the README's lesson table."""

    number: str
    title: str
    path: str
    teaches: str
    runtime: str


@dataclasses.dataclass(frozen=True)
class SiteReport:
    """What `build_site` wrote.

    Attributes:
        out: The site's folder.
        seconds: Wall time of the whole build.
        page_bytes: Each page (path relative to `out`) with its weight: HTML plus the images it shows.
        figures: Figures shown by the lesson pages.
        warnings: Sphinx's warnings, one a line (empty when there were none).
    """

    out: Path
    seconds: float
    page_bytes: dict
    figures: int
    warnings: tuple

    def lesson_pages(self) -> dict:
        """The lesson pages' weights, by path."""
        return {page: size for page, size in self.page_bytes.items() if page.startswith("lessons/")}


def read_lesson_table(readme: Path) -> list[LessonRow]:
    """Read the lesson table of the README's "## Lessons" section.

    Args:
        readme: Path to README.md.

    Returns:
        The rows in the table's order.

    Raises:
        ValueError: If the README has no such table.
    """
    text = readme.read_text(encoding="utf-8")
    section = text.split("\n## Lessons", 1)[-1].split("\n## ", 1)[0] if "\n## Lessons" in text else ""
    rows = [LessonRow(match["number"], match["title"].strip(), match["path"], match["teaches"].strip(), match["runtime"])
            for match in map(LESSON_ROW.match, section.splitlines()) if match]
    if not rows:
        raise ValueError(f"expected a lesson table (| NN | [title](lessons/NN_topic.ipynb) | what it teaches | runtime |) "
                         f"under '## Lessons' in {readme}, received none")
    return rows


def shrink_png(data: bytes, max_width: int = MAX_IMAGE_WIDTH, recompress_above: int = RECOMPRESS_ABOVE_BYTES) -> bytes:
    """Resize a PNG to at most `max_width` pixels wide and, when it is still large, store it with a 256-colour palette.

    Args:
        data: The PNG file's bytes.
        max_width: Widest image kept, in pixels (the aspect ratio is kept).
        recompress_above: Size in bytes above which the image is quantized to a palette.

    Returns:
        The new PNG's bytes (always when it was resized, so the width limit holds), or `data` itself when it
        was narrow enough and a palette did not make it smaller.
    """
    from PIL import Image  # noqa: PLC0415

    image = Image.open(io.BytesIO(data))
    image.load()
    resized = image.width > max_width
    if resized:
        image = image.resize((max_width, round(image.height * max_width / image.width)), Image.Resampling.LANCZOS)
    result = _png_bytes(image) if resized else data
    if len(result) > recompress_above:
        rgba = image.convert("RGBA")
        quantized = _png_bytes(rgba.quantize(colors=256, method=Image.Quantize.FASTOCTREE))
        result = min(result, quantized, key=len)
    return result if len(result) < len(data) or resized else data


def _png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")  # zlib's default level: optimize=True takes 4x longer for 1% smaller figures
    return buffer.getvalue()


def _tex_symbol(match) -> str:
    """``\\eta`` -> "η", ``\\cdot`` -> "·"; an unknown command keeps its name without the backslash."""
    name = match[1]
    if name in TEX_SYMBOLS:
        return TEX_SYMBOLS[name]
    try:
        return unicodedata.lookup(f"GREEK {'CAPITAL' if name[0].isupper() else 'SMALL'} LETTER {name.replace('lambda', 'lamda').upper()}")
    except KeyError:
        return name


def plain_text(markdown: str) -> str:
    """Markdown prose as plain text for alt text: links as their text, no emphasis, code or math marks, TeX symbols as characters."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"^#+\s*", "", text, flags=re.MULTILINE)
    text = re.sub(r"\*\*(.+?)\*\*|(?<![\w^])\*(\S[^*]*?)\*(?!\w)", lambda match: match[1] or match[2], text)
    text = re.sub(r"[`$]|\\[()\[\]{}]", "", text)
    text = re.sub(r"\\([A-Za-z]+)", _tex_symbol, text)
    return re.sub(r"\s+", " ", text).strip()


def _last_paragraph(markdown: str, limit: int = 300) -> str:
    paragraphs = [part for part in re.split(r"\n\s*\n", markdown) if part.strip() and not part.lstrip().startswith("#")]
    text = plain_text(paragraphs[-1]) if paragraphs else ""
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return text


def plot_titles(source: str) -> list[str]:
    """The titles a cell's code gives its plots (`title=...`, `set_title(...)`, `suptitle(...)`).

    An f-string's values become "…" (one with fewer than two words of its own is left out). A cell that is
    not plain Python gives none.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    titles = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "attr", getattr(node.func, "id", ""))
        arguments = [keyword.value for keyword in node.keywords if keyword.arg == "title"]
        if name in {"set_title", "suptitle", "title"} and node.args:
            arguments.append(node.args[0])
        titles.extend(text for text in map(_literal_text, arguments) if text)
    return list(dict.fromkeys(titles))


def _literal_text(node) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        constant = " ".join(part.value for part in node.values if isinstance(part, ast.Constant))
        if len(re.findall(r"[A-Za-z]{2,}", constant)) >= 2:  # enough words to say something without its values
            return "".join(part.value if isinstance(part, ast.Constant) else "…" for part in node.values)
    return ""


def figure_alt(heading: str, figure_number: int, source: str, prose: str) -> str:
    """Alt text of a figure: where it is, the titles its code gives it, and the prose just before it.

    Args:
        heading: The page's title, e.g. "Lesson 07: Gradient descent".
        figure_number: 1 for the page's first figure cell, and so on.
        source: The code cell that draws it.
        prose: The markdown cell just before that code cell ("" if none).

    Returns:
        A non-empty description.
    """
    titles = plot_titles(source)
    parts = [f"Figure {figure_number} of {heading}"]
    if titles:
        parts.append("plot titled " + "; ".join(f"“{title}”" for title in titles))
    context = _last_paragraph(prose)
    if context:
        parts.append(f"about: {context}")
    return ", ".join(parts)


def prepare_notebook(source: Path, target: Path) -> int:
    """Copy a notebook for the build: figures resized and recompressed, each figure cell given alt text.

    Args:
        source: The repository's notebook (only read).
        target: Where the build's copy goes.

    Returns:
        The number of figures (PNG outputs) in it.

    Raises:
        ValueError: If `source` is not a notebook (no JSON object with cells).
    """
    try:
        notebook = json.loads(source.read_text(encoding="utf-8"))
        cells = notebook["cells"]
    except (ValueError, KeyError, TypeError) as error:
        raise ValueError(f"expected a Jupyter notebook at {source}, received something else ({error})") from None
    heading = next((plain_text("".join(cell["source"]).splitlines()[0]) for cell in cells
                    if cell["cell_type"] == "markdown" and "".join(cell["source"]).strip()), source.stem)
    prose, figures, figure_cells = "", 0, 0
    for cell in cells:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            prose = text
            continue
        images = [output["data"] for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
        if not images:
            continue
        figure_cells += 1
        for data in images:
            png = shrink_png(base64.b64decode(data["image/png"]))
            data["image/png"] = base64.b64encode(png).decode("ascii")
            figures += 1
        alt = figure_alt(heading, figure_cells, text, prose)
        cell.setdefault("metadata", {}).setdefault("mystnb", {}).setdefault("image", {})["alt"] = alt
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    return figures


def _readme_intro(readme: Path) -> str:
    """The README's first paragraph after its title."""
    body = readme.read_text(encoding="utf-8").split("\n## ", 1)[0]
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", body) if part.strip() and not part.startswith("#")]
    return paragraphs[0] if paragraphs else ""


def home_page(rows: list[LessonRow], exercises: dict, intro: str) -> str:
    """The home page's MyST source: the README's intro and lesson table, and the course-order navigation.

    Args:
        rows: The README's lesson table.
        exercises: Lesson number -> exercise notebook path relative to the site's source (e.g. "exercises/00_welcome.ipynb").
        intro: A paragraph shown above the table.

    Returns:
        Markdown text for index.md.
    """
    lines = [f"# {SITE_TITLE}", "", intro, "",
             "Read every lesson here with its stored outputs and plots; to run them, and to check your exercises, "
             "set up the course on your computer as its README says.", "",
             "| # | lesson | what it teaches | CPU runtime | exercise |", "|---|---|---|---|---|"]
    for row in rows:
        exercise = f"[exercise {row.number}]({exercises[row.number]})" if row.number in exercises else ""
        lines.append(f"| {row.number} | [{row.title}]({row.path}) | {row.teaches} | {row.runtime} | {exercise} |")
    lines += ["", "```{toctree}", ":caption: The course, in order", ":maxdepth: 1", ":hidden:", ""]
    for row in rows:
        lines.append(row.path.removesuffix(".ipynb"))
        if row.number in exercises:
            lines.append(exercises[row.number].removesuffix(".ipynb"))
    lines += ["```", ""]
    return "\n".join(lines)


def copy_mathjax(static: Path) -> Path:
    """Copy the parts of MathJax 3 that TeX input with HTML output needs into `static`/mathjax.

    Returns:
        The folder written.

    Raises:
        RuntimeError: If the `sphinx-mathjax-offline` package (which ships MathJax) is not installed.
    """
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or spec.origin is None:
        raise RuntimeError("expected the package sphinx-mathjax-offline (MathJax 3 for offline use) to be installed; "
                           "received none: pip install -r requirements.txt")
    source = Path(spec.origin).parent / "static" / "mathjax"
    target = static / "mathjax"
    for part in MATHJAX_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, target / part)
        else:
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / part, target / part)
    return target


class _ImageSources(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources = []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.sources.append(dict(attrs).get("src") or "")


def page_weights(site: Path) -> dict:
    """Weigh every page of a built site: its HTML plus each local image it shows (each counted once).

    Args:
        site: The site's folder.

    Returns:
        Page path relative to `site` (with "/" separators) -> bytes.
    """
    weights = {}
    for page in sorted(site.rglob("*.html")):
        parser = _ImageSources()
        parser.feed(page.read_text(encoding="utf-8"))
        images = {(page.parent / source.split("#")[0].split("?")[0]).resolve() for source in parser.sources
                  if source and not source.startswith(("data:", "http:", "https:"))}
        weights[page.relative_to(site).as_posix()] = page.stat().st_size + sum(path.stat().st_size for path in images if path.is_file())
    return weights


def _check_out(out: Path) -> None:
    """Refuse an `out` that is a file, or a non-empty folder that is not a site built before."""
    if out.exists() and not out.is_dir():
        raise ValueError(f"expected a folder for the site, received the file {out}")
    if out.is_dir() and any(out.iterdir()) and not (out / ".buildinfo").is_file():
        raise ValueError(f"expected a new or empty folder, or a site built before, received {out}, "
                         f"which holds {sum(1 for _ in out.iterdir())} other entries")


def write_sources(source: Path, repo: Path) -> int:
    """Write the Sphinx project (copies of the notebooks, home page, conf.py, MathJax) into `source`.

    Returns:
        The number of figures in the lessons.

    Raises:
        ValueError: If a lesson is missing from the README's table, or the table names a lesson that does not exist.
    """
    rows = read_lesson_table(repo / "README.md")
    listed = {row.path for row in rows}
    lessons = {f"lessons/{path.name}" for path in (repo / "lessons").glob("*.ipynb")}
    if lessons != listed:
        raise ValueError(f"expected the README's lesson table to list exactly the notebooks in lessons/; "
                         f"not listed: {sorted(lessons - listed)}, listed but missing: {sorted(listed - lessons)}")
    figures = sum(prepare_notebook(repo / row.path, source / row.path) for row in rows)
    exercises = {}
    for path in sorted((repo / "exercises").glob("*.ipynb")):
        prepare_notebook(path, source / "exercises" / path.name)
        exercises[path.name[:2]] = f"exercises/{path.name}"
    (source / "index.md").write_text(home_page(rows, exercises, _readme_intro(repo / "README.md")), encoding="utf-8")
    (source / "conf.py").write_text(CONF_PY.format(title=SITE_TITLE), encoding="utf-8")
    copy_mathjax(source / "_static")
    return figures


def build_site(out: Path, *, repo: Path = REPO) -> SiteReport:
    """Build the course's static site into `out`, offline, from copies of the repository's notebooks.

    Args:
        out: A new or empty folder, or a site built before (which is replaced).
        repo: The course's folder (README.md, lessons/, exercises/); only read.

    Returns:
        What was written, with each page's weight.

    Raises:
        ValueError: If `out` is unusable, or the lessons and the README's table disagree.
        RuntimeError: If Sphinx fails.
    """
    out = Path(out)
    _check_out(out)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="course-site-") as temporary:
        source, build = Path(temporary) / "source", Path(temporary) / "build"
        figures = write_sources(source, Path(repo))
        warnings_file = Path(temporary) / "warnings.txt"
        command = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-d", str(build / "doctrees"),
                   "-w", str(warnings_file), str(source), str(build / "html")]
        finished = subprocess.run(command, capture_output=True, text=True, check=False)
        warnings = tuple(line for line in warnings_file.read_text(encoding="utf-8").splitlines() if line.strip()) \
            if warnings_file.exists() else ()
        if finished.returncode != 0:
            raise RuntimeError(f"Sphinx failed with exit code {finished.returncode}:\n{finished.stderr[-3000:]}")
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(build / "html", out)
    return SiteReport(out=out, seconds=time.perf_counter() - start, page_bytes=page_weights(out), figures=figures,
                      warnings=warnings)


def summary(report: SiteReport) -> str:
    """A few lines for the terminal: pages, the heaviest lesson page, time, how to view the site."""
    lessons = report.lesson_pages()
    heaviest = max(lessons, key=lessons.get) if lessons else None
    lines = [f"site in {report.out}: {len(report.page_bytes)} pages ({len(lessons)} lessons with {report.figures} figures), "
             f"built in {report.seconds:.0f} s"]
    if heaviest:
        over = [page for page, size in lessons.items() if size > PAGE_LIMIT_BYTES]
        lines.append(f"heaviest lesson page: {heaviest}, {lessons[heaviest] / 1024:.0f} KB with its images"
                     + (f"; over 1 MB: {', '.join(over)}" if over else " (every lesson page under 1 MB)"))
    if report.warnings:
        lines.append(f"{len(report.warnings)} Sphinx warning(s):")
        lines += [f"  {line}" for line in report.warnings]
    lines.append(f"view it: python -m http.server -d {report.out} (then open http://127.0.0.1:8000/)")
    return "\n".join(lines)
