"""A video writer that converts a held frame to the video's pixel format once, not per frame.

While the narration goes on over a still picture, manim renders the frame once and
hands it to the encoder with a repeat count; manim 0.22's segment encoder then
builds a new RGBA ``VideoFrame`` for every repeat, and the codec converts each one
to YUV again. At 1080p that conversion is about 9 ms of CPU a frame, as much as
x264 spends encoding it: a narrated scene, which holds its picture for most of its
length, pays it thousands of times. Here a repeated frame is converted once and
the same YUV frame is encoded at each time stamp: the same pixels, the same packets.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
from manim.scene.scene_file_writer import SceneFileWriter
from manim.scene.video_segment_encoder import VideoSegmentEncoder
from manim.typing import RGBAPixelArray


class HeldFrameEncoder(VideoSegmentEncoder):
    """manim's segment encoder, converting a frame written with ``repeat > 1`` only once."""

    def write_frame(self, pixels: RGBAPixelArray, *, repeat: int = 1) -> None:
        if repeat == 1:
            super().write_frame(pixels, repeat=repeat)
            return
        self._validate_frame(pixels, repeat)
        rate = self.spec.frame_rate
        try:
            frame = av.VideoFrame.from_ndarray(pixels, format="rgba").reformat(
                format=self.spec.pixel_format
            )
            frame.time_base = Fraction(rate.denominator, rate.numerator)
            for _ in range(repeat):
                # The codec takes its own reference at each send: the next time stamp
                # does not change the frame already sent.
                frame.pts = self._next_pts
                self._next_pts += 1
                for packet in self._stream.encode(frame):
                    self._container.mux(packet)
        except BaseException as error:
            raise self._operation_error("encode", error) from error


class HeldFrameFileWriter(SceneFileWriter):
    """manim's file writer, with :class:`HeldFrameEncoder` for every video segment."""

    def _create_segment_encoder(self, target: Path) -> VideoSegmentEncoder:
        if self.video_encoder is None:
            return super()._create_segment_encoder(target)  # raises manim's own error
        return HeldFrameEncoder(target=target, spec=self.video_encoder)
