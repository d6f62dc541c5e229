"""Make the README's gallery: one small PNG per scene from a rendered lecture.

Usage::

    .venv/bin/nnexplain render --out media
    .venv/bin/python scripts/make_gallery.py media

It takes each chapter's still of the beat that shows its idea best (``BEATS``; a chapter
not listed gives its last still) and writes it 480 px wide to
``media/gallery/NN-name.png``, the only media in git.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from PIL import Image

GALLERY = Path(__file__).resolve().parents[1] / "media" / "gallery"
WIDTH = 480
# The beat whose still shows each chapter's idea (stills are named NN-beat.png).
BEATS = {
    "input-layer": "input-neurons", "hidden-layers": "push-pull", "parameters": "function",
    "cost-untrained": "terms", "cost-trained": "average", "landscape": "stumble",
    "gradient": "sign", "learning": "noise", "backprop": "mini-batch", "chain-rule": "product",
    "compute-scale": "llama3-1-405b", "embeddings": "dot-product", "attention": "values",
}  # fmt: skip


def still_of(chapter: Path) -> Path:
    """The still of ``chapter``'s beat in BEATS (its folder is NN-name), else its last."""
    stills = sorted((chapter / "stills").glob("*.png"))
    beat = BEATS.get(chapter.name.split("-", 1)[1])
    return next((p for p in stills if p.stem.split("-", 1)[1] == beat), stills[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rendered", type=Path, help="the --out folder of nnexplain render")
    args = parser.parse_args()
    GALLERY.mkdir(parents=True, exist_ok=True)
    for chapter in sorted(p for p in args.rendered.iterdir() if (p / "stills").is_dir()):
        still = still_of(chapter)
        image = Image.open(still).convert("RGB")
        image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.LANCZOS)
        target = GALLERY / f"{chapter.name}.png"
        image.quantize(colors=128).save(target, optimize=True)
        print(f"{target.relative_to(GALLERY.parents[1])}  <- {still}")


if __name__ == "__main__":
    main()
