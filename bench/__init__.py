"""``python -m bench``: how fast nnexplain renders and computes, measured against floors.

Every rendering cost is compared with a floor measured in the same run (an empty
scene of the same length, a lighter edge layout), because absolute seconds on a
shared machine mean little; each measurement is repeated and the median kept. The
report starts with what the seconds depend on besides the code (:mod:`bench.machine`),
so that runs on two machines can be compared.

Parts, one module each:

- :mod:`bench.machine`: processor, numpy's BLAS, manim, cairo, FFmpeg, the load average
- :mod:`bench.chapters`: every lecture chapter against an empty scene of as many frames
- :mod:`bench.edges`: the 12,960 real edges as Lines, as one image, and the 672-edge diagram
- :mod:`bench.numerics`: nncore's vectorised backprop against torch autograd
- :mod:`bench.transformer`: MiniLM's load time and ``encode`` of the default sentences
- :mod:`bench.lecture`: ``nnexplain render`` of the whole lecture (narrated), the join
  of its chapter videos alone, and ``nnexplain render --preview``
- :mod:`bench.narration`: piper speaking every beat of that lecture, alone
"""
