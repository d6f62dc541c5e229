"""``python -m bench``: how fast nnexplain renders and computes, measured against floors.

Every rendering cost is compared with a floor measured in the same run (an empty
scene of the same length, a lighter edge layout), because absolute seconds on a
shared machine mean little; each measurement is repeated and the median kept.

Parts, one module each:

- :mod:`bench.chapters`: every lecture chapter against an empty scene of as many frames
- :mod:`bench.edges`: the 12,960 real edges as Lines, as one image, and the 672-edge diagram
- :mod:`bench.numerics`: nncore's vectorised backprop against torch autograd
- :mod:`bench.transformer`: MiniLM's load time and ``encode`` of the default sentences
- :mod:`bench.lecture`: the wall time of ``nnexplain render`` for the whole lecture
"""
