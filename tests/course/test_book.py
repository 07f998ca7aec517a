"""The book site (`make book`): it builds with warnings as errors, and reads offline in headless Chromium.

The site is built once per session by tools/book.py (what `make book` runs) into a temp folder,
from the same cached notebook runs as tests/test_notebooks.py: the English edition in en/, the Chinese
one (notebooks/zh/) in zh/, with the same page names and a language switch between them.
Then it is served from 127.0.0.1 and
every request outside that server is blocked and recorded: a page that needs a CDN fails.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urljoin, urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.needs import AXE_JS, axe_core, require_chromium
from tools import book
from tools.browser import chromium
from tools.notebook_run import NOTEBOOKS, course_notebooks

pytestmark = pytest.mark.book

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts" / "book"
SEED_LOSS = "1.0155949508195155"
RAW_MATH = ("$", "\\frac", "\\(", "\\)", "\\[", "\\]", "\\begin{")
PAGES = [p.stem for p in course_notebooks()]
ZH_PAGES = [p.stem for p in course_notebooks(NOTEBOOKS / "zh")]
# per edition: its notebooks, the unsolved line's words, the snapshot note, a search and the page it finds
EDITIONS = {
    "en": {
        "notebooks": course_notebooks(),
        "todo": ": not solved yet",
        "note": "make lab",
        "snapshot": "Computed in this page",
        "search": "label smoothing",
        "done": "Search finished",
    },
    "zh": {
        "notebooks": course_notebooks(NOTEBOOKS / "zh"),
        "todo": ": 尚未完成",
        "note": "make lab",
        "snapshot": "在本页中计算",
        "search": "标签平滑",
        "done": "搜索完成",
    },
}
LANGUAGES = [lang for lang, edition in EDITIONS.items() if edition["notebooks"]]


@pytest.fixture(scope="module")
def site() -> Path:
    """The built site: <site>/index.html and <site>/en/*.html."""
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_nb")
    if shutil.which("npm") is None and not (ROOT / "docs/book/node_modules/mathjax").exists():
        message = "the book needs npm to install MathJax: apt-get install npm (.ci/run does)"
        pytest.fail(message) if os.environ.get("CI") == "true" else pytest.skip(message)
    # not under pytest's temp folder: a parallel pytest run may prune that while this one reads it
    out = ROOT / "build" / "book" / "test-site"
    result = subprocess.run(
        [sys.executable, "-m", "tools.book", "--out", str(out)], capture_output=True, text=True, cwd=ROOT
    )
    print(result.stdout[-3000:])
    assert result.returncode == 0, f"make book failed:\n{result.stdout[-5000:]}\n{result.stderr[-5000:]}"
    return out


# --- the build ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_one_page_per_notebook_in_course_order_plus_landing_and_glossary(site, lang):
    folder, pages = site / lang, [p.stem for p in EDITIONS[lang]["notebooks"]]
    for page in [*pages, "index", "glossary", "search"]:
        assert (folder / f"{page}.html").exists(), f"no page {lang}/{page}.html"
    assert f"{lang}/index.html" in [a["href"] for a in links(site / "index.html")], "the front page"
    order = [a.get("href") for a in links(folder / "index.html") if "toctree-l1" in a.get("li_class", "")]
    listed = [h.removesuffix(".html") for h in order if h.removesuffix(".html") in pages]
    # the side bar and the page's own list, each in course order
    assert list(dict.fromkeys(listed)) == pages, f"{lang}: the landing page lists the notebooks in order"


def test_the_chinese_edition_has_every_english_page():
    assert ZH_PAGES == PAGES, "notebooks/zh/ keeps the English file names, one for one"


def test_the_chinese_pages_are_chinese(site):
    for page in ["index", "glossary", *ZH_PAGES]:
        html = (site / "zh" / f"{page}.html").read_text(encoding="utf-8")
        assert '<html lang="zh-CN"' in html, f"zh/{page}.html does not declare zh-CN"
        assert len(re.findall(r"[\u4e00-\u9fff]", page_text(site / "zh" / f"{page}.html"))) > 100, page
        assert "env: XENTLIB_LANG" not in html, f"zh/{page}.html shows the language cell's echo"
    landing = page_text(site / "zh" / "index.html")
    assert "学习路线" in landing and "make lab" in landing and "zh/00_playground.ipynb" in landing
    glossary = page_text(site / "zh" / "glossary.html")
    assert "术语表" in glossary.split("Glossary")[0], "the Chinese heading first"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_previous_and_next_follow_the_course_order(site, lang):
    sequence = ["index", *[p.stem for p in EDITIONS[lang]["notebooks"]], "glossary"]
    for before, page, after in zip(sequence, sequence[1:], sequence[2:] + [None], strict=False):
        anchors = links(site / lang / f"{page}.html")
        prev = [a["href"] for a in anchors if "left-prev" in a.get("class", "")]
        nxt = [a["href"] for a in anchors if "right-next" in a.get("class", "")]
        assert prev == [f"{before}.html"], f"{page}: previous is {prev}, expected {before}"
        assert nxt == ([f"{after}.html"] if after else []), f"{page}: next is {nxt}, expected {after}"


def test_warnings_fail_the_build(tmp_path):
    """A broken cross-reference or a missing image is an error, not a warning, with the book's settings."""
    from sphinx.cmd.build import build_main

    for broken in ("[see](no_such_notebook.ipynb)", "![a plot](no_such_plot.png)"):
        src = tmp_path / f"src{len(broken)}"
        src.mkdir()
        (src / "index.md").write_text(f"# A page\n\n{broken}\n")
        status = build_main(book.sphinx_args(src, tmp_path / "out", tmp_path / "doctrees"))
        assert status != 0, f"{broken} did not fail the build"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_solutions_are_not_published_and_exercises_show_unsolved(site, lang):
    assert not [p for p in site.rglob("*") if "solutions" in p.parts], "a solutions folder was published"
    texts = {p.stem: page_text(p) for p in (site / lang).glob("*.html")}
    everything = " ".join(texts.values())
    for solution in NOTEBOOKS.glob("**/solutions/*.py"):
        body = " ".join(solution.read_text(encoding="utf-8").split())
        assert body not in everything, f"the solution {solution.name} appears on a page"
    for path in EDITIONS[lang]["notebooks"]:
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            exercise = cell.get("metadata", {}).get("exercise")
            if exercise:
                assert f"⏳ {exercise}{EDITIONS[lang]['todo']}" in texts[path.stem], (
                    f"{lang}/{path.stem}: exercise {exercise} is not shown unsolved"
                )


def test_internal_links_resolve(site):
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page in sorted(site.rglob("*.html")):
        for a in links(page):
            href = a.get("href", "")
            if not href or urlparse(href).scheme or href.startswith(("//", "mailto:", "javascript:")):
                continue
            target, fragment = urldefrag(href)
            path = (page.parent / unquote(target)).resolve() if target else page
            if path.is_dir():
                path = path / "index.html"
            if not path.exists():
                broken.append(f"{page.relative_to(site)}: {href} (no such file)")
            elif fragment and path.suffix == ".html":
                if path not in ids_cache:
                    ids_cache[path] = element_ids(path)
                if unquote(fragment) not in ids_cache[path]:
                    broken.append(f"{page.relative_to(site)}: {href} (no id {fragment!r})")
    assert not broken, "broken links:\n" + "\n".join(broken)
    assert (site / "zh").is_dir() == bool(ZH_PAGES), "the check covers both editions"


def test_each_page_links_to_its_counterpart_in_the_other_language(site):
    """en/<page>.html <-> zh/<page>.html: the switch names the other language and the link comes back."""
    if not ZH_PAGES:
        pytest.skip("no Chinese edition (notebooks/zh/) yet")
    missing = []
    for lang, other, label in (("en", "zh", "中文"), ("zh", "en", "English")):
        for page in sorted((site / lang).glob("*.html")):
            switch = [a for a in links(page) if "xentlib-language-switch" in a.get("class", "")]
            expected = f"../{other}/{page.name}"
            if [a["href"] for a in switch] != [expected]:
                found = [a["href"] for a in switch]
                missing.append(f"{lang}/{page.name}: switch {found}, expected {expected}")
                continue
            back = site / other / page.name
            assert back.exists(), f"{lang}/{page.name} links to {expected}, which does not exist"
            assert switch[0].get("hreflang") in ("en", "zh-CN") and label in _switch_text(page), page
            assert [a["href"] for a in links(back) if "xentlib-language-switch" in a.get("class", "")] == [
                f"../{lang}/{page.name}"
            ], f"{other}/{page.name} does not link back to {lang}/{page.name}"
    assert not missing, "\n".join(missing)


def _switch_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    at = html.index("xentlib-language-switch")
    return re.sub(r"<[^>]+>", "", html[at : html.index("</a>", at)])


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser(site, tmp_path_factory):
    """(context, base url, outside requests list) with a static server on 127.0.0.1 and the rest blocked."""
    executable = require_chromium()
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith(base):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        with chromium(tmp_path_factory.mktemp("profile"), executable) as context:
            context.route("**/*", only_local)
            yield context, base, outside
    finally:
        server.shutdown()
        server.server_close()


def start_page(context, url: str, page=None):
    """Start opening url; return (page, problems): failed requests, HTTP errors, console and page errors."""
    page = page or context.new_page()
    problems: list[str] = []
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url} {r.failure}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"HTTP {r.status}: {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.goto(url, wait_until="commit")
    return page, problems


def settle(page) -> None:
    """Wait as a reader would: the page loaded, the network quiet, MathJax done."""
    page.wait_for_load_state("load")
    page.wait_for_load_state("networkidle")
    page.evaluate(MATHJAX_DONE_JS)


def open_page(context, url: str):
    """Open url and wait until it has settled; return (page, problems)."""
    page, problems = start_page(context, url)
    settle(page)
    return page, problems


TABS = 4  # pages opened at once by the offline check
MATHJAX_DONE_JS = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
}"""

# Text a reader sees outside code: raw TeX left there means MathJax did not render it.
PAGE_STATE_JS = r"""() => {
  const main = document.querySelector('main') || document.body;
  const clone = main.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, mjx-container, .highlight').forEach(e => e.remove());
  const maths = [...main.querySelectorAll('.math')];
  const images = [...document.images].map(
    i => ({src: i.getAttribute('src'), alt: i.alt || '', ok: i.complete && i.naturalWidth > 0}));
  return {
    prose: clone.textContent,
    maths: maths.length,
    unrendered: maths.filter(m => !m.querySelector('mjx-container')).map(m => m.textContent.slice(0, 80)),
    images,
    plots: images.filter(i => /_images\/|^data:image\//.test(i.src || '')).length,
    unlabelled: images.filter(i => (i.src || '').startsWith('data:image/') && i.alt.length < 40).length,
    snapshots: [...document.querySelectorAll('.xentlib-snapshot')].map(e => e.innerText),
  };
}"""


# The rooms a reader brings, measured on the same visit: the OS's dark setting (no choice made in the
# page), a phone's width, and then printing. Contrast is WCAG's, text against the backgrounds behind it.
PHONE = {"width": 390, "height": 844}
PRINT_WIDTH = {"width": 794, "height": 1123}  # A4 at 96 px per inch
SHOWN_IN_ROOMS = ("en/06_pytorch_modules.html", "zh/00_playground.html")
ROOMS_JS = r"""() => {
  const rgba = (s) => {
    const m = s.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[\s,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = rgba(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const luminance = ([r, g, b]) => {
    const f = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const low = [], seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    const style = getComputedStyle(el), box = el.getBoundingClientRect();
    const hidden = style.visibility === "hidden" || Number(style.opacity) === 0;
    if (box.width === 0 || box.height === 0 || hidden) continue;
    if (el.closest("mjx-assistive-mml, .visually-hidden, .xent-visually-hidden, script, style")) continue;
    const bg = background(el), fg = over(rgba(style.color), bg), r = ratio(fg, bg);
    const text = walker.currentNode.textContent.trim().slice(0, 40);
    if (r < 4.5) low.push(`${r.toFixed(2)}:1 "${text}" (${el.tagName.toLowerCase()}.${el.className})`);
  }
  const frames = [...document.querySelectorAll(".xentlib-snapshot [style*='background']")].slice(0, 1);
  return {
    theme: document.documentElement.dataset.theme,
    page_luminance: luminance(background(document.querySelector("main") || document.body)),
    low,
    snapshot_luminance: frames.map((f) => luminance(background(f))),
    sideways: document.scrollingElement.scrollWidth - window.innerWidth,
  };
}"""
PRINT_JS = r"""() => [...document.querySelectorAll("pre")]
  .filter((p) => p.getBoundingClientRect().width > 0 && p.scrollWidth > p.clientWidth + 1)
  .map((p) => `${p.scrollWidth - p.clientWidth} px: ${p.textContent.trim().slice(0, 50)}`)"""


@pytest.fixture(scope="module")
def visited(browser, site):
    """{page path: (PAGE_STATE_JS's state, problems, rooms)} for every page of the site, each opened once
    (a few at a time, as tabs: their waits for a quiet network overlap), as a reader with the OS in dark
    mode on a phone opens it; then the same page printed (rooms["print"]: code lines cut at the margin)."""
    context, base, _ = browser
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts)
    found = {}
    for batch in range(0, len(pages), TABS):
        opened = []
        for name in pages[batch : batch + TABS]:
            page = context.new_page()
            page.set_viewport_size(PHONE)
            page.emulate_media(color_scheme="dark")
            opened.append((name, *start_page(context, urljoin(base, name), page)))
        for name, page, problems in opened:
            settle(page)
            # measure the colours the page settles on, not a theme's transition from light to dark
            page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
            rooms = page.evaluate(ROOMS_JS)
            if name in SHOWN_IN_ROOMS:  # looked at by a person: dark mode on a phone
                ARTIFACTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(ARTIFACTS / f"phone-dark-{name.replace('/', '-')}.png"))
                if page.locator(".xentlib-snapshot").count():
                    shot = ARTIFACTS / f"phone-dark-snapshot-{name.replace('/', '-')}.png"
                    page.locator(".xentlib-snapshot").first.screenshot(path=str(shot))
            page.set_viewport_size(PRINT_WIDTH)
            page.emulate_media(media="print")
            rooms["print"] = page.evaluate(PRINT_JS)
            found[name] = (page.evaluate(PAGE_STATE_JS), problems, rooms)
            page.close()
    return found


def test_every_page_loads_offline_with_math_and_images(browser, visited):
    _, _, outside = browser
    pages = sorted(visited)
    report, plots, maths = [], 0, 0
    for name in pages:
        state, problems, _ = visited[name]
        problems = list(problems)
        raw = [token for token in RAW_MATH if token in state["prose"]]
        broken_images = [i["src"] for i in state["images"] if not i["ok"]]
        problems += [f"raw TeX {raw}"] if raw else []
        problems += [f"unrendered math: {state['unrendered'][:3]}"] if state["unrendered"] else []
        problems += [f"images that did not load: {broken_images}"] if broken_images else []
        problems += [f"{state['unlabelled']} plot(s) without alt text"] if state["unlabelled"] else []
        report += [f"{name}: {p}" for p in problems]
        plots, maths = plots + state["plots"], maths + state["maths"]
    assert not outside, f"requests outside the site (blocked): {sorted(set(outside))}"
    assert not report, "\n".join(report)
    assert plots >= 5 and maths >= 20, f"only {plots} plots and {maths} formulas found: is the book complete?"
    assert all(any(p.startswith(f"{lang}/") for p in pages) for lang in LANGUAGES), "every edition was read"


SOFTMAX_LIVE = """[data-xent-live*='"kind": "softmax"']"""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorers_move_in_the_page_without_a_kernel(browser, lang):
    """A reader of the book, offline (outside requests blocked), presses the right arrow on the playground's
    first logit, then on label smoothing, and picks another true class: each time the loss the page shows
    is xentlib's for the state its controls show."""
    import numpy as np

    from xentlib.explorers.html import loss_text
    from xentlib.explorers.state import loss_state

    context, base, outside = browser
    page, problems = open_page(context, urljoin(base, f"{lang}/00_playground.html"))
    frame = page.locator(f".xent-snapshot.xent-page-live:not({SOFTMAX_LIVE})").first
    frame.wait_for(timeout=10_000)
    data = json.loads(frame.get_attribute("data-xent-live"))
    z, y, eps = np.array(data["logits"]), list(data["labels"]), data["smoothing"]

    def shown_is_xentlib():
        expected = loss_text(loss_state(z, y, eps, data["reduction"]).loss)
        shown = frame.locator(".xent-loss-value").inner_text()
        assert float(shown) == pytest.approx(float(expected), rel=1e-15), (shown, expected)

    frame.get_by_label(data["logit_names"][0][0], exact=True).press(
        "ArrowRight"
    )  # Playwright focuses it first
    z[0, 0] = round(z[0, 0] + 0.1, 6)
    shown_is_xentlib()
    frame.get_by_label(data["words"]["label_smoothing"], exact=True).press("ArrowRight")
    eps = 0.1
    shown_is_xentlib()
    frame.get_by_label(data["menu_names"][1], exact=True).select_option(index=0)
    y[1] = 0
    shown_is_xentlib()
    assert data["words"]["true_marker"] in frame.locator(".xent-sample[data-sample='1']").inner_text()

    # the softmax explorer: a logit, then the scale until exp overflows (End): softmax_naive turns nan
    from xentlib.explorers.state import softmax_state

    softmax = page.locator(f".xent-snapshot.xent-page-live{SOFTMAX_LIVE}").first
    live = json.loads(softmax.get_attribute("data-xent-live"))
    logits = np.array(live["logits"])
    softmax.get_by_label(live["logit_names"][0], exact=True).press("ArrowRight")
    logits[0] = round(logits[0] + 0.1, 6)
    softmax.get_by_label(live["words"]["scale"], exact=True).select_option(index=len(live["scales"]) - 1)
    expected = softmax_state(logits, live["temperature"], live["scales"][-1])
    shown = [float(v) for v in softmax.get_attribute("data-xent-probabilities").split()]
    np.testing.assert_allclose(shown, expected.probabilities, rtol=1e-9, atol=1e-300)
    assert "nan" in softmax.locator(".xent-probabilities").inner_text(), (
        "softmax_naive should overflow to nan"
    )
    assert not problems and not outside, (problems, outside)
    page.close()


def live_frame(page, kind: str):
    frame = page.locator(f""".xent-snapshot.xent-page-live[data-xent-live*='"kind": "{kind}"']""").first
    frame.wait_for(timeout=10_000)
    return frame, json.loads(frame.get_attribute("data-xent-live"))


def shown_keys(frame) -> dict[str, float]:
    return {
        el.get_attribute("data-xent-key"): float(el.inner_text())
        for el in frame.locator("[data-xent-key]").all()
    }


def assert_keys(frame, values: dict) -> None:
    shown = shown_keys(frame)
    for key, value in values.items():
        assert shown[key] == pytest.approx(float(value), rel=1e-12, abs=1e-15), (key, shown[key], value)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_newer_explorers_move_in_the_book_without_a_kernel(browser, lang):
    """A reader of the book, offline: on page 08 the right arrow on the true class's logit, then another true
    class; on page 09 PageUp on the steps (ten steps of training, in the page) and another learning rate;
    on page 10 the model's weight of the true class down to 0 (Home) and bits. Each time the numbers the
    page shows are xentlib's for the state its controls show."""
    import numpy as np

    from xentlib.datasets import make_blobs
    from xentlib.explorers.gradient import gradient_state
    from xentlib.explorers.information import information_state
    from xentlib.explorers.training import Run, plane, training_state

    context, base, outside = browser
    page, problems = open_page(context, urljoin(base, f"{lang}/08_gradients.html"))
    frame, data = live_frame(page, "gradient")
    z, label = np.array(data["logits"]), data["label"]
    frame.get_by_label(data["logit_names"][label], exact=True).press("ArrowRight")
    z[label] = round(z[label] + 0.1, 6)
    s = gradient_state(z, label, data["smoothing"], data["bounds"])
    assert_keys(frame, {"loss": s.loss, "push": s.push[label], "norm": np.linalg.norm(s.gradient)})
    frame.get_by_label(data["words"]["true_class"], exact=True).select_option(index=3)
    s = gradient_state(z, 3, data["smoothing"], data["bounds"])
    assert_keys(frame, {"loss": s.loss, "push": s.push[3]})
    frame.screenshot(path=str(ARTIFACTS / f"book-live-gradient-{lang}.png"))
    page.close()

    page, more = open_page(context, urljoin(base, f"{lang}/09_training_a_classifier.html"))
    problems += more
    frame, data = live_frame(page, "training")
    x, y = make_blobs(n_per_class=100, num_classes=3, seed=0)
    np.testing.assert_array_equal(np.array(data["data"]["x"]), x)
    frame.get_by_label(data["words"]["steps"], exact=True).press("PageUp")
    run = Run(x, y, data["learning_rate"], data["init_scale"], data["smoothing"])
    s = training_state(run, 10, plane(x))
    assert_keys(frame, {"loss": s.losses[-1], "accuracy": s.accuracy})
    frame.get_by_label(data["words"]["learning_rate"], exact=True).select_option(label="5")
    s = training_state(Run(x, y, 5.0, data["init_scale"], data["smoothing"]), 10, plane(x))
    assert_keys(frame, {"loss": s.losses[-1], "accuracy": s.accuracy})
    frame.screenshot(path=str(ARTIFACTS / f"book-live-training-{lang}.png"))
    page.close()

    page, more = open_page(context, urljoin(base, f"{lang}/10_beyond.html"))
    problems += more
    frame, data = live_frame(page, "information")
    frame.get_by_label(data["model_names"][1], exact=True).press("Home")
    model = list(data["model"])
    model[1] = 0.0
    s = information_state(data["target"], model, "nats")
    assert s.kl == np.inf and shown_keys(frame)["kl"] == np.inf, "p_1 = 0 where q_1 > 0: KL is infinite"
    assert_keys(frame, {"entropy": s.entropy})
    frame.get_by_label(data["words"]["units"], exact=True).select_option(label="bits")
    s = information_state(data["target"], model, "bits")
    assert_keys(frame, {"entropy": s.entropy, "reverse_kl": s.reverse_kl})
    frame.screenshot(path=str(ARTIFACTS / f"book-live-information-{lang}.png"))
    said = frame.locator(".xent-live-region[aria-live=polite]").inner_text()
    assert "H(q, p)" in said and "inf" in said, f"a screen reader hears {said!r} after the move"
    page.add_script_tag(path=str(axe_core()))
    violations = frame.evaluate(AXE_JS)
    assert violations == [], f"axe-core on the live explorer: {violations}"
    assert not problems and not outside, (problems, outside)
    page.close()


def test_dark_mode_follows_the_os_and_every_text_is_readable(visited):
    """A reader whose OS is dark and who never touched the theme switch: every page is dark, every text
    (the snapshot and its note included) at least 4.5:1, and the snapshot is dark too, not a white panel."""
    report = []
    for name, (_, _, rooms) in sorted(visited.items()):
        if rooms["page_luminance"] > 0.2:  # the theme's data-theme="dark", or the front door's own CSS
            report.append(f"{name}: the page ignored the OS's dark setting (data-theme={rooms['theme']})")
        report += [f"{name}: {low}" for low in rooms["low"][:5]]
        report += [
            f"{name}: the snapshot is light ({lum:.2f})" for lum in rooms["snapshot_luminance"] if lum > 0.2
        ]
    assert not report, "\n".join(report)
    assert any(rooms["snapshot_luminance"] for _, _, rooms in visited.values()), "no snapshot was measured"


def test_no_page_scrolls_sideways_on_a_phone(visited):
    """At 390 px (a phone held upright) no page is wider than the screen: wide code and tables scroll
    inside their own box."""
    wide = {name: rooms["sideways"] for name, (_, _, rooms) in visited.items() if rooms["sideways"] > 0}
    assert not wide, f"pages wider than 390 px, by this many px: {wide}"


def test_printing_wraps_code_instead_of_cutting_it(visited):
    """Printed (or saved as PDF) on A4, no code block is cut at the margin."""
    cut = {name: rooms["print"][:3] for name, (_, _, rooms) in visited.items() if rooms["print"]}
    assert not cut, f"code cut at the printed margin: {cut}"


def test_notebook_pages_have_launch_buttons_at_the_release(site):
    """Every notebook page offers Binder and Colab at the release tag, the same links as the READMEs."""
    from tools import launch

    for lang in LANGUAGES:
        folder = "notebooks" if lang == "en" else "notebooks/zh"
        for path in EDITIONS[lang]["notebooks"]:
            html = (site / lang / f"{path.stem}.html").read_text(encoding="utf-8")
            target = f"{folder}/{path.name}"
            for url in (launch.colab_url(target), launch.binder_url(target)):
                assert f'href="{url}"' in html.replace("&amp;", "&"), f"{lang}/{path.stem}: no link {url}"


def test_the_language_switch_is_visible_and_goes_to_the_other_edition(browser):
    """On a wide screen and a phone the switch shows in the page's header; a click opens the same page."""
    if not ZH_PAGES:
        pytest.skip("no Chinese edition (notebooks/zh/) yet")
    context, base, _ = browser
    page, problems = open_page(context, urljoin(base, "index.html"))  # the front door offers both
    for lang in ("en", "zh"):
        assert page.locator(f'a[href="{lang}/index.html"]').is_visible(), f"the front page offers no {lang}"
    page.close()
    for width in (1280, 400):
        for lang, other in (("en", "zh"), ("zh", "en")):
            page, more = open_page(context, urljoin(base, f"{lang}/{PAGES[1]}.html"))
            page.set_viewport_size({"width": width, "height": 800})
            switch = page.locator("a.xentlib-language-switch")
            assert switch.count() == 1 and switch.is_visible(), f"{lang}, {width}px: no visible switch"
            switch.click()
            page.wait_for_load_state("load")
            assert page.url == urljoin(base, f"{other}/{PAGES[1]}.html"), page.url
            page.close()
            problems += more
    assert not problems, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_playground_and_notebook_01_screenshots(browser, lang):
    context, base, _ = browser
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name in (PAGES[0], next(p for p in PAGES if p.startswith("01_"))):
        page, problems = open_page(context, urljoin(base, f"{lang}/{name}.html"))
        page.screenshot(path=str(ARTIFACTS / f"{lang}-{name}.png"), full_page=False)
        page.close()
        assert not problems, problems


@pytest.mark.parametrize("lang", LANGUAGES)
def test_explorers_show_a_snapshot_and_a_run_it_live_note(visited, site, lang):
    """Each explorer's output is its static snapshot, labelled; the playground's shows the seed loss
    (in Chinese words in the Chinese edition: its first cell sets the language)."""
    edition = EDITIONS[lang]
    playground = next(p for p in PAGES if "playground" in p)
    for path in edition["notebooks"]:
        name = path.stem
        html = (site / lang / f"{name}.html").read_text(encoding="utf-8")
        assert "vnd.jupyter.widget" not in html, f"{lang}/{name}: a widget view or state left on the page"
        texts = visited[f"{lang}/{name}.html"][0]["snapshots"]
        if "Explorer(" in path.read_text(encoding="utf-8"):
            assert texts, f"{lang}/{name} shows an explorer, its page no snapshot of it"
        assert all(edition["note"] in t for t in texts), f"{lang}/{name}: a snapshot without its note"
        assert all(len(t.split(edition["snapshot"])[0].strip()) > 0 for t in texts), (
            f"{lang}/{name}: an explorer output shows the note but no snapshot of the explorer"
        )
        if name == playground:
            assert texts, f"the {lang} playground page shows no explorer snapshot"
            seed = [t.split(edition["snapshot"])[0] for t in texts if SEED_LOSS in t]
            assert seed, f"the {lang} playground's snapshot does not show {SEED_LOSS}"
            if lang == "zh":
                assert "损失" in seed[0] and "本页" in seed[0], f"not a Chinese explorer: {seed[0][:300]}"
                prose = re.sub(r"[\w.]+\([^)]*\)", "", seed[0])  # code shown as code: cross_entropy(...)
                prose = re.sub(
                    r"^(mean|sum|none)$", "", prose, flags=re.M
                )  # the reduction menu: torch's strings
                words = re.findall(r"\b(?:loss|Loss|sample|class|label|mean)\b", prose)
                assert not words, f"English words {words} in the Chinese snapshot: {seed[0][:300]}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_finds_label_smoothing(browser, lang):
    context, base, _ = browser
    query = EDITIONS[lang]["search"]
    page, problems = open_page(context, urljoin(base, f"{lang}/search.html?q={query.replace(' ', '+')}"))
    done = EDITIONS[lang]["done"]  # Sphinx's own words in the page's language
    page.wait_for_function(f"() => document.body.innerText.includes({done!r})", timeout=30_000)
    hrefs = page.eval_on_selector_all("#search-results li a", "els => els.map(e => e.getAttribute('href'))")
    modules = next(p for p in PAGES if p.endswith("_pytorch_modules"))
    assert any(h.startswith(f"{modules}.html") for h in hrefs), f"{lang}, {query!r}: results {hrefs}"
    # the results quote the pages' text: formulas in it are typeset too (docs/book/_static/book.js)
    try:
        page.wait_for_function(f"() => !({RAW_TEX_IN_RESULTS_JS})()", timeout=20_000)
    except PlaywrightTimeout:
        pytest.fail(f"raw TeX left in the search results: {page.evaluate(RAW_TEX_IN_RESULTS_JS)}")
    finally:
        page.close()
    assert not problems, problems


RAW_TEX_IN_RESULTS_JS = r"""() => {
  const results = document.getElementById('search-results').cloneNode(true);
  results.querySelectorAll('mjx-container, pre, code').forEach(e => e.remove());
  const text = results.textContent;
  const at = Math.max(...['$', '\\frac', '\\(', '\\['].map(token => text.indexOf(token)));
  return at < 0 ? null : text.slice(Math.max(0, at - 80), at + 80);
}"""


# --- helpers --------------------------------------------------------------------------------------


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class _Links(HTMLParser):
    """Every <a> (its attributes and the class of the <li> around it) and every id on a page."""

    def __init__(self):
        super().__init__()
        self.anchors, self.ids, self.li_class, self.text, self.skip = [], set(), "", [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag == "li":
            self.li_class = attrs.get("class") or ""
        if tag == "a":
            self.anchors.append({**{k: v or "" for k, v in attrs.items()}, "li_class": self.li_class})
        if tag in ("script", "style"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.text.append(data)


@functools.cache
def _parsed(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def links(path: Path) -> list[dict]:
    return _parsed(path).anchors


def element_ids(path: Path) -> set[str]:
    return _parsed(path).ids


def page_text(path: Path) -> str:
    """A page's visible text, whitespace collapsed (code included)."""
    return " ".join(re.sub(r"\s+", " ", "".join(_parsed(path).text)).split())
