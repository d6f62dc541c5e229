"""Make the README's gallery: one small PNG per scene from a rendered lecture.

Usage::

    .venv/bin/nnexplain render --out media
    .venv/bin/python scripts/make_gallery.py media

It takes each chapter's last key-moment still (the scene's culmination) and
writes it 480 px wide to ``media/gallery/NN-name.png``, the only media in git.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image

GALLERY = Path(__file__).resolve().parents[1] / "media" / "gallery"
WIDTH = 480


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rendered", type=Path, help="the --out folder of nnexplain render")
    args = parser.parse_args()
    GALLERY.mkdir(parents=True, exist_ok=True)
    for chapter in sorted(p for p in args.rendered.iterdir() if (p / "stills").is_dir()):
        still = sorted((chapter / "stills").glob("*.png"))[-1]
        image = Image.open(still).convert("RGB")
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
        target = GALLERY / f"{chapter.name}.png"
        image.quantize(colors=128).save(target, optimize=True)
        print(f"{target.relative_to(GALLERY.parents[1])}  <- {still}")


if __name__ == "__main__":
    main()
