"""``python -m nnexplain``: the same as the ``nnexplain`` command."""

import sys

from nnexplain.cli import main

sys.exit(main())
