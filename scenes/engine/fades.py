"""Fades and recolourings that change a mobject's colours in place instead of copying it.

manim's :class:`~manim.FadeIn` and :class:`~manim.FadeOut` are Transforms: each
deep-copies the whole mobject two or three times when it begins (a faded copy
and a target copy) and then interpolates every point and colour of every part on
every frame. For a screenful of text that is most of a scene's animation time.
A fade needs none of it: the parts keep their points and colours, and only their
alpha values (and, with ``shift``, their positions) change. These two do exactly
that and leave every frame as manim's would: at progress ``a`` a part's opacity
is ``a`` times its own and it sits ``(1 - a) * shift`` short of its place.

Only ``shift`` and ``lag_ratio`` of manim's fade options are supported.

Drawn by :class:`~scenes.engine.camera.LeanCamera` (every ExplainerScene's), a fade without a
``lag_ratio`` changes no part at all: it puts its parts in one
:class:`~scenes.engine.camera.Layer`, drawn once and painted at the fade's opacity and offset
on every frame, the group composited as one picture.

:class:`Recolor` does the same for ``mob.animate.set_color(...)``, which copies the
mobject twice and interpolates its points, though only its colours change, and
:class:`Restyle` for a :class:`~manim.ReplacementTransform` into a mobject drawn at
the same points in other colours and widths (a network given other weights).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import numpy as np
from manim import (
    Animation,
    AnimationGroup,
    Group,
    ImageMobject,
    Mobject,
    ReplacementTransform,
    Scene,
    VMobject,
)
from manim.typing import Vector3DLike
from manim.utils.iterables import stretch_array_to_length

from scenes.engine.camera import LAYER, CrossFade, Layer, LeanCamera


class _OpacityFade(Animation):
    """Scale every part's opacities by how visible it is, from its own values kept at begin.

    Parameters
    ----------
    mobjects
        What to fade, grouped as manim's fades group them; every part of their
        families must be a VMobject or an ImageMobject.
    shift
        Where the mobject moves while it fades (in: it arrives from ``-shift``;
        out: it leaves towards ``+shift``).
    """

    def __init__(
        self, *mobjects: Mobject, shift: Vector3DLike | None = None, **kwargs: Any
    ) -> None:
        self.shift_vector = None if shift is None else np.asarray(shift, dtype=float)
        self._layer: Layer | None = None
        self._lean = False
        super().__init__(mobjects[0] if len(mobjects) == 1 else Group(*mobjects), **kwargs)

    def _setup_scene(self, scene: Scene) -> None:
        super()._setup_scene(scene)
        self._lean = _layers_drawn(self, scene)

    def visibility(self, alpha: float) -> float:
        """How visible a part is at its own progress ``alpha`` (0 hidden, 1 as it was)."""
        raise NotImplementedError

    def begin(self) -> None:
        parts = self.mobject.family_members_with_points()
        for part in parts:
            if not isinstance(part, VMobject | ImageMobject):
                raise TypeError(f"cannot fade a {type(part).__name__} by its opacities")
        self._parts = parts
        self._moves = self.shift_vector is not None and np.any(self.shift_vector)
        one_opacity = self.lag_ratio == 0 and all(
            isinstance(p, VMobject) and p.get_background_image() is None for p in parts
        )
        if self._lean and one_opacity and not _updated(self.mobject):
            self._layer = Layer()
            for part in parts:
                setattr(part, LAYER, self._layer)
            self._own, self._points = [], []
        else:
            # Each part's own colours, kept once: every frame scales these, never the last's.
            self._own = [_opacities(part) for part in parts]
            self._points = [part.points.copy() for part in parts] if self._moves else []
        super().begin()

    def create_starting_mobject(self) -> Mobject:
        # Nothing is copied: the parts' own values were kept in begin.
        return self.mobject

    def get_all_mobjects(self) -> tuple[Mobject]:
        return (self.mobject,)

    def interpolate_mobject(self, alpha: float) -> None:
        n = len(self._parts)
        # Fading in, a part arrives from -shift; fading out, it leaves towards +shift.
        towards = -1.0 if self.is_introducer() else 1.0
        if self._layer is not None:
            shown = self.visibility(self.get_sub_alpha(alpha, 0, 1))
            self._layer.opacity = shown
            if self._moves:
                self._layer.offset = towards * (1.0 - shown) * self.shift_vector
            return
        for i, part in enumerate(self._parts):
            shown = self.visibility(self.get_sub_alpha(alpha, i, n))
            _set_opacities(part, self._own[i], shown)
            if self._moves:
                part.points = self._points[i] + towards * (1.0 - shown) * self.shift_vector

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        if self._layer is not None:
            for part in self._parts:
                part.__dict__.pop(LAYER, None)
            self._layer = None

    def _restore(self) -> None:
        """Every part as it was before the fade: its own opacities, at its own place."""
        for i, own in enumerate(self._own):  # none in a layer: its parts never changed
            _set_opacities(self._parts[i], own, 1.0)
            if self._moves:
                self._parts[i].points = self._points[i]


def _layers_drawn(animation: Animation, scene: Scene) -> bool:
    """Whether ``scene``'s camera draws layers, and nothing else in this play moves
    ``animation``'s parts (a layer is drawn once)."""
    lean = isinstance(getattr(scene.renderer, "camera", None), LeanCamera)
    return lean and not _changed_elsewhere(animation, scene.animations or [])


def _updated(mobject: Mobject) -> bool:
    return any(m.updaters for m in mobject.get_family())


def _changed_elsewhere(fade: Animation, animations: Iterable[Animation]) -> bool:
    """Whether an animation other than ``fade`` among ``animations`` reaches its parts."""
    mine = {id(m) for m in fade.mobject.get_family()}
    for animation in animations:
        if animation is fade:
            continue
        if isinstance(animation, AnimationGroup):
            if _changed_elsewhere(fade, animation.animations):
                return True
        elif any(id(m) in mine for m in animation.mobject.get_family()):
            return True
    return False


class OpacityFadeIn(_OpacityFade):
    """:class:`~manim.FadeIn` without copies: the parts' opacities rise from 0 to their own.

    Examples
    --------
    ::

        self.play(OpacityFadeIn(columns, shift=0.3 * DOWN), run_time=1.2)
    """

    def __init__(self, *mobjects: Mobject, **kwargs: Any) -> None:
        super().__init__(*mobjects, introducer=True, **kwargs)

    def visibility(self, alpha: float) -> float:
        return alpha


class OpacityFadeOut(_OpacityFade):
    """:class:`~manim.FadeOut` without copies; afterwards the mobject is as it was, off screen.

    Like manim's, it restores the faded mobject once it is removed, so that it can be
    shown again later.
    """

    def __init__(self, *mobjects: Mobject, **kwargs: Any) -> None:
        super().__init__(*mobjects, remover=True, **kwargs)

    def visibility(self, alpha: float) -> float:
        return 1.0 - alpha

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        self._restore()


class Recolor(Animation):
    """Move every part's colours and stroke widths to those ``change`` gives it, and nothing else.

    The frames are those of ``mobject.animate.<change>``, for a change that only sets
    colours, opacities or widths (``set_color``, ``set_fill``, ``set_stroke`` ...).

    Parameters
    ----------
    mobject
        A VMobject, or a group of them.
    change
        Called once on ``mobject`` at begin to learn the colours it ends with.

    Examples
    --------
    ::

        self.play(Recolor(cluster, lambda m: m.set_color(HIGHLIGHT)))

    Drawn by :class:`~scenes.engine.camera.LeanCamera`, without a ``lag_ratio``, it changes no
    part until it ends: the frames cross-fade a picture of the first look into one of
    the last (:class:`~scenes.engine.camera.CrossFade`).
    """

    def __init__(self, mobject: Mobject, change: Callable[[Mobject], object], **kwargs: Any):
        self.change = change
        self._cross_fade: CrossFade | None = None
        self._lean = False
        super().__init__(mobject, **kwargs)

    def _setup_scene(self, scene: Scene) -> None:
        super()._setup_scene(scene)
        self._lean = _layers_drawn(self, scene)

    def begin(self) -> None:
        parts = self.mobject.family_members_with_points()
        for part in parts:
            if not isinstance(part, VMobject):
                raise TypeError(f"cannot recolour a {type(part).__name__} in place")
        self._parts = parts
        self._start = [_style(part) for part in parts]
        self.change(self.mobject)
        self._end = [_style(part) for part in parts]
        for start, end in zip(self._start, self._end, strict=True):
            for k, (a, b) in enumerate(zip(start[:3], end[:3], strict=True)):
                if len(a) != len(b):  # one colour against a gradient: as manim's interpolation
                    n = max(len(a), len(b))
                    start[k], end[k] = stretch_array_to_length(a, n), stretch_array_to_length(b, n)
        simple = self.lag_ratio == 0 and all(p.get_background_image() is None for p in parts)
        if self._lean and simple and not _updated(self.mobject):
            self._cross_fade = CrossFade(self._show)
            self._show(0)
            for part in parts:
                setattr(part, LAYER, self._cross_fade)
        super().begin()

    def _show(self, k: int) -> None:
        """Every part in its first (0) or last (1) look."""
        for part, look in zip(self._parts, self._end if k else self._start, strict=True):
            (
                part.fill_rgbas,
                part.stroke_rgbas,
                part.background_stroke_rgbas,
                part.stroke_width,
                part.background_stroke_width,
            ) = (np.array(v, copy=True) if isinstance(v, np.ndarray) else v for v in look)

    def create_starting_mobject(self) -> Mobject:
        return self.mobject  # the start and end colours were kept in begin

    def get_all_mobjects(self) -> tuple[Mobject]:
        return (self.mobject,)

    def interpolate_mobject(self, alpha: float) -> None:
        if self._cross_fade is not None:
            self._cross_fade.progress = self.get_sub_alpha(alpha, 0, 1)
            return
        n = len(self._parts)
        for i, part in enumerate(self._parts):
            t = self.get_sub_alpha(alpha, i, n)
            start, end = self._start[i], self._end[i]
            (
                part.fill_rgbas,
                part.stroke_rgbas,
                part.background_stroke_rgbas,
                part.stroke_width,
                part.background_stroke_width,
            ) = (a + t * (b - a) for a, b in zip(start, end, strict=True))

    def clean_up_from_scene(self, scene: Scene) -> None:
        if self._cross_fade is not None:
            self._show(1)
            for part in self._parts:
                part.__dict__.pop(LAYER, None)
            self._cross_fade = None
        super().clean_up_from_scene(scene)


class Restyle(Recolor):
    """:class:`~manim.ReplacementTransform` into ``target`` when only styles differ.

    ``target`` must have the same parts at the same points (the same network
    diagram with other weights); only colours and stroke widths move, and no
    point is copied or interpolated. At the end ``target`` takes ``mobject``'s
    place in the scene, at the same depth.
    Use :func:`replacement` where the two may differ in shape.
    """

    def __init__(self, mobject: VMobject, target: VMobject, **kwargs: Any) -> None:
        if not same_points(mobject, target):
            raise ValueError("Restyle needs a target with the same parts at the same points")
        self.target = target
        super().__init__(mobject, styled_as(target), **kwargs)

    def clean_up_from_scene(self, scene: Scene) -> None:
        super().clean_up_from_scene(scene)
        scene.replace(self.mobject, self.target)


def styled_as(target: VMobject) -> Callable[[VMobject], None]:
    """A change for :class:`Recolor`: every part takes the colours and widths of ``target``'s.

    The two must have as many parts (see :func:`same_points`).
    """

    def change(mobject: VMobject) -> None:
        parts = mobject.family_members_with_points()
        for part, its in zip(parts, target.family_members_with_points(), strict=True):
            part.fill_rgbas, part.stroke_rgbas, part.background_stroke_rgbas = _opacities(its)
            part.stroke_width = its.stroke_width
            part.background_stroke_width = its.background_stroke_width

    return change


def same_points(a: Mobject, b: Mobject) -> bool:
    """Whether ``a`` and ``b`` have the same parts, each at the same points."""
    parts_a, parts_b = a.family_members_with_points(), b.family_members_with_points()
    return len(parts_a) == len(parts_b) and all(
        type(p) is type(q) and np.array_equal(p.points, q.points) for p, q in zip(parts_a, parts_b)
    )


def replacement(mobject: VMobject, target: VMobject, **kwargs: Any) -> Animation:
    """:class:`Restyle` where it can, else manim's :class:`~manim.ReplacementTransform`."""
    if same_points(mobject, target):
        return Restyle(mobject, target, **kwargs)
    return ReplacementTransform(mobject, target, **kwargs)


def _style(part: VMobject) -> list:
    """Copies of what a recolouring changes: the colour arrays, then the two stroke widths."""
    return [*_opacities(part), part.stroke_width, part.background_stroke_width]


def _opacities(part: Mobject) -> tuple[np.ndarray, ...]:
    """Copies of the colour arrays a fade or a recolouring changes."""
    if isinstance(part, ImageMobject):
        return (part.pixel_array.copy(),)
    return (part.fill_rgbas.copy(), part.stroke_rgbas.copy(), part.background_stroke_rgbas.copy())


def _set_opacities(part: Mobject, own: tuple[np.ndarray, ...], shown: float) -> None:
    """Give ``part`` its own colours with every alpha times ``shown``."""
    if isinstance(part, ImageMobject):
        (pixels,) = own
        faded = pixels.copy()
        faded[..., 3] = np.round(pixels[..., 3] * shown).astype(pixels.dtype)
        part.pixel_array = faded
        return
    scaled = []
    for rgbas in own:
        rgbas = rgbas.copy()
        rgbas[:, 3] *= shown
        scaled.append(rgbas)
    part.fill_rgbas, part.stroke_rgbas, part.background_stroke_rgbas = scaled
