"""The chart and map libraries are committed files, pinned, licensed and checked; nothing is fetched at run time."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "kb" / "static" / "vendor"


def test_the_vendored_files_match_their_pinned_hashes():
    checked = subprocess.run(["bash", str(VENDOR / "fetch.sh"), "--check"], capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "vendored files match MANIFEST" in checked.stdout


def test_every_vendored_package_carries_its_licence_and_is_in_the_manifest():
    manifest = [line.split() for line in (VENDOR / "MANIFEST").read_text().splitlines() if line and not line.startswith("#")]
    packages = {f"{name}-{version}" for name, version, *_ in manifest}
    assert packages == {path.name for path in VENDOR.iterdir() if path.is_dir()}
    for package in packages:
        assert (VENDOR / package / "LICENSE").is_file(), package


def test_no_template_loads_a_script_style_or_font_from_another_site():
    remote = re.compile(r"""<(script|link)[^>]+(src|href)=["']https?://""", re.I)
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "templates").rglob("*.html") if remote.search(path.read_text())]
    assert offenders == []
