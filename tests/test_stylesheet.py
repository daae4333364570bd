"""The stylesheets' colours are custom properties: raw colour codes live only in app.css's
:root blocks (light, and dark under prefers-color-scheme), so dark mode covers every colour."""

import re
from pathlib import Path

CSS = Path(__file__).resolve().parent.parent / "static" / "css"
RAW_COLOUR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(?:rgba?|hsla?)\(")
ROOT_BLOCK = re.compile(r":root\s*\{[^}]*\}")


def test_no_raw_colour_outside_the_design_tokens():
    for sheet in CSS.glob("*.css"):
        outside = ROOT_BLOCK.sub("", sheet.read_text())
        found = [line.strip() for line in outside.splitlines() if RAW_COLOUR.search(line)]
        assert found == [], f"{sheet.name}: {found}"


def test_the_dark_scheme_redefines_every_colour_token():
    text = (CSS / "app.css").read_text()
    light, dark = ROOT_BLOCK.findall(text)[:2]
    colour = re.compile(r"(--[\w-]+):\s*(?:#|rgb)")
    assert set(colour.findall(light)) <= set(re.findall(r"(--[\w-]+):", dark))
    assert "prefers-color-scheme: dark" in text
