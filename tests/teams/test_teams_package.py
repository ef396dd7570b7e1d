"""The Teams app package: a manifest valid against schema v1.22, real icons, the app ID filled in."""

import json
import struct
import zipfile
import zlib
from pathlib import Path

import jsonschema
import pytest

from plugin.cli import main
from plugin.teams import icons
from plugin.teams.package import MANIFEST_DIR, PackageError, manifest, write_package

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "tests/schemas/teams-manifest-v1.22.schema.json").read_text())
APP_ID = "6A2C0F6B-1D0E-4C8F-9E64-3A1D2B7C9E01"


def pixels(data: bytes) -> list[tuple[int, int, int, int]]:
    width, height = icons.png_size(data)
    offset, idat = 8, b""
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            idat += data[offset + 8 : offset + 8 + length]
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    found = []
    for y in range(height):
        row = raw[y * stride : (y + 1) * stride]
        assert row[0] == 0
        found += [tuple(row[1 + x * 4 : 5 + x * 4]) for x in range(width)]
    return found


def test_the_committed_manifest_is_valid_v1_22():
    committed = json.loads((MANIFEST_DIR / "manifest.json").read_text())
    jsonschema.Draft4Validator(SCHEMA).validate(committed)
    assert committed["manifestVersion"] == "1.22"
    assert committed["$schema"].endswith("/teams/v1.22/MicrosoftTeams.schema.json")
    [bot] = committed["bots"]
    assert bot["scopes"] == ["personal", "team", "groupChat"]
    [commands] = bot["commandLists"]
    assert [c["title"] for c in commands["commands"]] == ["handoff", "questions", "help"]
    assert committed["icons"] == {"color": "color.png", "outline": "outline.png"}


def test_the_filled_manifest_is_valid_and_names_the_bot():
    filled = manifest(APP_ID)
    jsonschema.Draft4Validator(SCHEMA).validate(filled)
    assert filled["id"] == APP_ID.lower() == filled["bots"][0]["botId"]


def test_the_icons_are_the_generated_ones_in_the_right_sizes():
    color = (MANIFEST_DIR / "color.png").read_bytes()
    outline = (MANIFEST_DIR / "outline.png").read_bytes()
    assert color == icons.color_icon() and outline == icons.outline_icon()
    assert icons.png_size(color) == (192, 192)
    assert icons.png_size(outline) == (32, 32)
    assert all(a == 255 for *_, a in pixels(color))
    outline_pixels = pixels(outline)
    assert all((r, g, b) == (255, 255, 255) for r, g, b, _ in outline_pixels)
    assert any(a == 0 for *_, a in outline_pixels) and any(a == 255 for *_, a in outline_pixels)


def test_the_package_holds_the_manifest_and_icons_at_its_root(tmp_path):
    out = write_package(APP_ID, tmp_path / "app.zip")
    with zipfile.ZipFile(out) as package:
        assert sorted(package.namelist()) == ["color.png", "manifest.json", "outline.png"]
        assert json.loads(package.read("manifest.json"))["id"] == APP_ID.lower()
        assert package.read("outline.png") == (MANIFEST_DIR / "outline.png").read_bytes()


def test_the_cli_writes_the_package(tmp_path, capsys):
    out = tmp_path / "teams.zip"
    assert main(["teams-package", "--app-id", APP_ID, "--out", str(out)]) == 0
    assert zipfile.is_zipfile(out)
    assert str(out) in capsys.readouterr().out


@pytest.mark.parametrize("app_id", ["1234", "not-a-guid", "", f"{APP_ID}0"])
def test_an_app_id_that_is_not_a_guid_is_refused(app_id, tmp_path, capsys):
    assert main(["teams-package", "--app-id", app_id, "--out", str(tmp_path / "x.zip")]) == 2
    assert "--app-id must be the bot's Microsoft App ID, a GUID" in capsys.readouterr().err
    assert not (tmp_path / "x.zip").exists()
    with pytest.raises(PackageError):
        manifest(app_id)
