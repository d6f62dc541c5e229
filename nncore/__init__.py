"""nncore: the numbers behind every nnexplain scene. Never imports manim."""
