"""The HTML map in a real headless Chromium: offline, drawn, safe, with a working legend, search and filters.

Debian's ``chromium`` is driven by Playwright's Python API; no browser is ever
downloaded. Without a Chromium these tests skip and say why.
"""

import shutil
from pathlib import Path

import pytest

import chainmap

from .test_view import HOSTILE, IMG, ORG, SCRIPT

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed: pip install -e '.[dev]'")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip("no Chromium on this machine (as root: apt-get install chromium)", allow_module_level=True)

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
DRAWN = "window.chainmapView && window.chainmapView.drawnAt !== null"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            viewport={"width": 1280, "height": 800},
        )
        yield context
        context.close()


class Opened:
    """A page opened in Chromium, with everything it tried to load, every error and every dialog."""

    def __init__(self, browser, path: Path):
        self.url = path.as_uri()
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page()
        self.page.route("**/*", self._route)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function(DRAWN, timeout=60_000)

    def _route(self, route):
        url = route.request.url
        if url == self.url or url.startswith("data:"):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def hover(self, node: str) -> str:
        """Move the mouse onto ``node`` and return the tooltip's text."""
        self.js("id => chainmapView.network.focus(id, {scale: 1.5, animation: false})", node)
        x, y = self.js(
            """id => {
                const at = chainmapView.network.canvasToDOM(chainmapView.network.getPosition(id));
                const box = document.getElementById('mynetwork').getBoundingClientRect();
                return [box.left + at.x, box.top + at.y];
            }""",
            node,
        )
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y)
        self.page.wait_for_selector("#tooltip:not([hidden])")
        return self.page.inner_text("#tooltip")

    def hidden(self) -> set[str]:
        return set(self.js("chainmapView.nodes.getIds({filter: n => n.hidden})"))


@pytest.fixture
def open_page(browser, tmp_path):
    opened = []

    def open_page(text: str, name: str = "map.html", **options) -> Opened:
        path = chainmap.view(chainmap.loads(text), **options).save(tmp_path / name)
        page = Opened(browser, path)
        opened.append(page)
        return page

    yield open_page
    for page in opened:
        page.page.close()


def test_the_page_loads_offline_without_errors_and_draws_the_map(open_page):
    opened = open_page(ORG)
    assert opened.blocked == [] and opened.errors == [] and opened.dialogs == []
    inked = opened.js(
        """() => {
            const canvas = document.querySelector('#mynetwork canvas');
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < pixels.length; i += 4) {
                if (pixels[i + 3] > 0 && (pixels[i] < 230 || pixels[i + 1] < 230 || pixels[i + 2] < 230)) inked++;
            }
            return inked;
        }"""
    )
    assert inked > 2_000
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / "view.png"))
    assert (ARTIFACTS / "view.png").stat().st_size > 10_000


def test_hostile_names_run_nothing_and_show_as_text(open_page):
    opened = open_page(HOSTILE)
    assert opened.js("document.title") == f"{SCRIPT} — decision-chain map"
    assert SCRIPT in opened.hover("person:s") and IMG in opened.page.inner_text("#tooltip")
    assert IMG in opened.hover("person:i")
    assert SCRIPT in opened.hover("department:empty")
    assert IMG in opened.hover("team:t")
    assert opened.dialogs == [] and opened.errors == [] and opened.blocked == []
    assert opened.js("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert opened.js("document.scripts.length") == 4
    assert opened.page.inner_text("#filter-department option[value='department:evil']") == IMG


def test_the_legend_explains_colours_borders_marks_and_ties(open_page):
    legend = open_page(ORG).page.inner_text("#legend")
    for label in ("supporter", "opponent", "alliance", "decider", "champion candidate", "reports to", "dotted line to", "leans to rival", "untouched"):
        assert label in legend


def test_typing_a_name_selects_that_person(open_page):
    opened = open_page(ORG)
    opened.page.fill("#search", "qian")
    assert opened.js("chainmapView.network.getSelectedNodes()") == ["person:qian"]
    assert opened.page.inner_text("#found") == "1 found"
    opened.page.fill("#search", "nobody like this")
    assert opened.js("chainmapView.network.getSelectedNodes()") == []
    assert opened.page.inner_text("#found") == "nothing found"


def test_filters_hide_everyone_else(open_page):
    opened = open_page(ORG)
    everyone = set(opened.js("chainmapView.nodes.getIds()"))
    opened.page.select_option("#filter-department", "department:it")
    assert everyone - opened.hidden() == {"person:ma", "person:xu"}
    opened.page.select_option("#filter-attitude", "supporter")
    opened.page.select_option("#filter-role", "user")
    assert everyone - opened.hidden() == {"person:xu"}
    opened.page.click("#reset")
    opened.page.select_option("#filter-attitude", "opponent")
    assert everyone - opened.hidden() == {"person:qian"}
    opened.page.select_option("#filter-attitude", "")
    opened.page.select_option("#filter-role", "decision_maker")
    assert everyone - opened.hidden() == {"person:zhou"}
    assert opened.errors == []


def test_a_focused_page_selects_its_person(open_page):
    opened = open_page(ORG, focus="xu")
    assert opened.js("chainmapView.network.getSelectedNodes()") == ["person:xu"]
    assert "Focused on Xu Tao" in opened.page.inner_text("#banner")


def test_the_chinese_page_speaks_chinese(open_page):
    opened = open_page(ORG, lang="zh")
    assert "职务: IT head" in opened.hover("person:ma")
    assert "汇报给" in opened.page.inner_text("#legend")
