"""MiniLM: loading the model, then ``encode`` of the transformer scenes' default sentences.

Each sample is a fresh single-threaded process (:mod:`bench.isolated`), because
the load is a once-per-process cost: every scene process pays the first
``load_model`` call (90 MB of float32 weights and the vocabulary), and later
calls hit its cache. ``encode`` is timed after a warm-up call per sentence.
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits

from bench import isolated
from bench.timing import median, per_call, timed
from nncore.transformer import encode, load_model
from scenes.inputs import DEFAULT_CONTRAST, DEFAULT_SENTENCE

SENTENCES = (DEFAULT_SENTENCE, DEFAULT_CONTRAST)
CALLS = 10  # encodes per sample: one takes milliseconds


def measure(repeat: int) -> dict:
    """Seconds to load the model, and milliseconds per ``encode`` of each sentence."""
    samples = [isolated.run_isolated(__name__) for _ in range(repeat)]
    load_s = [s["load_seconds"] for s in samples]
    encode_s = {
        sentence: [s["encode_seconds"][sentence] for s in samples] for sentence in SENTENCES
    }
    return {
        "threads": isolated.THREADS,
        "load_seconds": median(load_s),
        "sentences": [
            {
                "sentence": sentence,
                "tokens": samples[0]["tokens"][sentence],
                "encode_ms": 1000 * median(encode_s[sentence]),
            }
            for sentence in SENTENCES
        ],
        "samples": {"load_seconds": load_s, "encode_seconds": encode_s},
    }


def _sample() -> dict:
    """One process's load time and seconds per ``encode`` of each sentence."""
    # The environment already gives BLAS one thread at load; this holds every BLAS the
    # process has (numpy's, scipy's) to it, as torch.set_num_threads did for torch.
    with threadpool_limits(isolated.THREADS):
        load_seconds, _ = timed(load_model)
        tokens = {s: len(encode(s).tokens) for s in SENTENCES}  # also the warm-up
        encode_seconds = {s: per_call(lambda s=s: encode(s), CALLS) for s in SENTENCES}
    return {"load_seconds": load_seconds, "tokens": tokens, "encode_seconds": encode_seconds}


if __name__ == "__main__":
    isolated.child_main(_sample)
