"""``nnexplain check OUT``: can a viewer read it, hear it, and trust every number in it?

Each check reads a rendered folder (its sidecars, subtitles, videos and slides) and
returns :class:`Finding` records; :mod:`nnexplain.check.command` prints them per scene.
"""
