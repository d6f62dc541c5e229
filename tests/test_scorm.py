"""The SCORM 1.2 package: its manifest, and its page reporting to a stub LMS in real chromium.

The stub is what an LMS does: a page with ``window.API`` that records every call, and an
iframe on the package's launch page, both served over HTTP from one origin (an LMS serves
the unzipped package from its own). The lecture is made to end quickly by seeking near its
end and playing it muted.
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from test_slides import AUTOPLAY, CHROMIUM, chromium

KIT_CLI = Path(__file__).parent / "fixtures" / "kit_cli.py"
NS = {"cp": "http://www.imsproject.org/xsd/imscp_rootv1p1p2",
      "adlcp": "http://www.adlnet.org/xsd/adlcp_rootv1p2"}  # fmt: skip
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

LMS = """<!doctype html><html><head><meta charset="utf-8"><title>stub LMS</title><script>
window.calls = [];
const record = name => (...args) => { calls.push([name, ...args]); return 'true'; };
window.API = {
  LMSInitialize: record('LMSInitialize'), LMSFinish: record('LMSFinish'),
  LMSGetValue: n => (calls.push(['LMSGetValue', n]), ''), LMSSetValue: record('LMSSetValue'),
  LMSCommit: record('LMSCommit'), LMSGetLastError: () => '0', LMSGetErrorString: () => '',
  LMSGetDiagnostic: () => '',
};
</script></head><body><iframe id="sco" src="package/lecture.html" width="640" height="400">
</iframe></body></html>"""

ENDING = """(() => {
  const v = document.getElementById('sco').contentDocument.getElementById('lecture');
  v.muted = true; v.currentTime = Math.max(0, v.duration - 0.3); v.play();
})()"""


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scorm") / "out"
    done = subprocess.run(
        [sys.executable, str(KIT_CLI), "render", "tiny-circle", "tiny-square", "--out", str(out),
         "--voice", "espeak", "--format", "mp4,handout,scorm"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out / "lecture-scorm.zip"


def test_the_manifest_is_at_the_root_lists_every_file_and_launches_the_lecture(package):
    with zipfile.ZipFile(package) as z:
        names = z.namelist()
        manifest = ElementTree.fromstring(z.read("imsmanifest.xml"))
    assert manifest.findtext("cp:metadata/cp:schemaversion", namespaces=NS) == "1.2"
    (resource,) = manifest.findall("cp:resources/cp:resource", NS)
    assert resource.get(f"{{{NS['adlcp']}}}scormtype") == "sco"
    assert resource.get("href") == "lecture.html"
    listed = [f.get("href") for f in resource.findall("cp:file", NS)]
    assert sorted(listed) == sorted(n for n in names if n != "imsmanifest.xml")
    assert {"lecture.html", "lecture.mp4", "lecture.vtt", "handout.pdf", "transcript.txt"} <= set(
        listed
    )


@pytest.fixture
def lms(package: Path, tmp_path: Path) -> Iterator[str]:
    """The stub LMS and the unzipped package, served over HTTP: the stub page's URL."""
    with zipfile.ZipFile(package) as z:
        z.extractall(tmp_path / "site" / "package")
    (tmp_path / "site" / "lms.html").write_text(LMS)
    quiet = type("Quiet", (http.server.SimpleHTTPRequestHandler,), {"log_message": print_nothing})
    handler = functools.partial(quiet, directory=str(tmp_path / "site"))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/lms.html"
        finally:
            server.shutdown()
            thread.join()


def print_nothing(*_: object) -> None:
    pass


@needs_chromium
def test_the_lecture_reports_completion_to_the_lms_once_played_to_its_end(lms, tmp_path):
    with chromium(tmp_path / "profile", AUTOPLAY) as page:
        page.call("Page.enable")
        page.call("Page.navigate", url=lms)
        page.until(lambda: page.js("window.calls && window.calls.length") == 1, 20)
        assert page.js("calls") == [["LMSInitialize", ""]]  # on load; nothing done yet
        lecture = "document.getElementById('sco').contentDocument?.getElementById('lecture')"
        page.until(lambda: page.js(f"{lecture}?.textTracks[0]?.cues?.length ?? 0") > 0, 10)
        page.until(lambda: page.js(f"{lecture}?.readyState ?? 0") >= 1, 10)  # its length known
        page.js(ENDING)
        page.until(lambda: len(page.js("calls")) >= 4, 20)
        assert page.js("calls") == [
            ["LMSInitialize", ""],
            ["LMSSetValue", "cmi.core.lesson_status", "completed"],
            ["LMSCommit", ""],
            ["LMSFinish", ""],
        ]


@needs_chromium
def test_without_an_lms_the_page_plays_from_disk_with_no_error(package, tmp_path):
    with zipfile.ZipFile(package) as z:
        z.extractall(tmp_path / "package")
    with chromium(tmp_path / "profile", AUTOPLAY) as page:
        page.call("Runtime.enable")
        page.call("Page.enable")
        page.call("Page.navigate", url=(tmp_path / "package" / "lecture.html").as_uri())
        video = "document.getElementById('lecture')"
        page.until(lambda: page.js(f"{video}?.readyState ?? 0") >= 1, 20)  # loaded, not yet
        page.js(f"{video}.muted = true; {video}.currentTime = {video}.duration - 0.3; "
                f"{video}.play()")  # fmt: skip
        page.until(lambda: page.js(f"{video}.ended"), 20)
        assert page.js(f"{video}.textTracks[0].cues.length") > 0
        thrown = [e for e in page.events if e.get("method") == "Runtime.exceptionThrown"]
        assert thrown == []
