"""The Teams app package: manifests/teams/ with the bot's app ID filled in, zipped for upload."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from plugin.config import GUID

MANIFEST_DIR = Path(__file__).resolve().parents[2] / "manifests" / "teams"
ICONS = ("color.png", "outline.png")
PLACEHOLDER_APP_ID = "00000000-0000-0000-0000-000000000000"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


class PackageError(ValueError):
    """The package cannot be built as asked; the message says why."""


def manifest(app_id: str, manifest_dir: Path = MANIFEST_DIR) -> dict:
    """The manifest with the app ID as the app's ID and the bot's."""
    if not GUID.match(app_id or ""):
        raise PackageError(
            "--app-id must be the bot's Microsoft App ID, a GUID like "
            f"{PLACEHOLDER_APP_ID}; got {app_id!r}"
        )
    path = manifest_dir / "manifest.json"
    if not path.is_file():
        raise PackageError(f"no Teams manifest at {path}")
    filled = json.loads(path.read_text())
    filled["id"] = app_id.lower()
    for bot in filled.get("bots") or []:
        bot["botId"] = app_id.lower()
    return filled


def write_package(app_id: str, out_path: str | Path, manifest_dir: Path = MANIFEST_DIR) -> Path:
    """Write the zip Teams accepts: manifest.json and the two icons at its root."""
    filled = manifest(app_id, manifest_dir)
    out = Path(out_path)
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as package:
        entry = zipfile.ZipInfo("manifest.json", ZIP_DATE)
        package.writestr(entry, json.dumps(filled, indent=2) + "\n", zipfile.ZIP_DEFLATED)
        for name in ICONS:
            icon = manifest_dir / name
            if not icon.is_file():
                raise PackageError(f"no {name} in {manifest_dir}")
            package.writestr(
                zipfile.ZipInfo(name, ZIP_DATE), icon.read_bytes(), zipfile.ZIP_DEFLATED
            )
    return out
