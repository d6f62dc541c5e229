"""The ``nnexplain`` app: runs the scenes and assembles what they make.

It chooses inputs and render settings, renders each chapter in its own manim
process, and joins the results into the lecture and its page. It holds no
numerics (``nncore``) and draws nothing (``scenes``).
"""
