# Concept 10: tokens become vectors, and similar words get nearby ones (scenes/embeddings.py).
# The years are said in words: the written narration says them the same way.

tokens =
    Start with a sentence.
    The model cuts it into tokens, whole words or pieces of words, and adds a marker at each end: { $tokens } tokens in all.

one-at-a-time =
    Before twenty seventeen, a language network read the tokens one at a time, in order, each step waiting for the one before.
    At every step, one token became a list of numbers, its embedding.

# $starts: the first numbers of the example token's vector, comma-separated.
all-at-once =
    A transformer, from twenty seventeen on, takes them all at once: every token becomes its vector in the same step.
    Each vector is that token's row of a table the model learned, { $dims } numbers long.
    This one begins { $starts }.

map =
    These vectors are not arbitrary: words with related meanings get vectors that point in similar directions.
    Here are { $words } words, flattened from { $dims } dimensions onto the page.

# $first and $second are seed words; $first_near lists the first's nearest words but its
# last, $first_last (likewise $second_...); $others the other seeds, joined by and-join.
nearest =
    Take { $first }: measured by the cosine between vectors, its nearest words are { $first_near } and { $first_last }.
    Near { $second } are { $second_near } and { $second_last }.
    And { $others } have neighbourhoods of their own.
and-join = {" and "}

# The analogy: from $a to $c, the same step from $b.
analogy-step =
    Directions carry meaning too.
    Here is the step from { $a } to { $c }.
    Now take the same step, starting from { $b }.

analogy =
    Where do you land?
    Leaving out the three words we started from, the nearest word is { $answer }, at a cosine of { NUMBER($score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Next comes { $runner_up }, at { NUMBER($runner_score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

## On screen

tokens-note = { $tokens } tokens (WordPiece)
before-header = before { NUMBER($year, useGrouping: 0) }: one word at a time
step = step { $step } of { $total }
after-header = transformers ({ NUMBER($year, useGrouping: 0) }): all words at once
paper = Vaswani et al., { NUMBER($year, useGrouping: 0) }
dims-count =
    { $dims }
    numbers
rows-note = { $source }: each token's row of the embedding matrix,
shown-note = first { $first } and last { $last } of its { $dims } numbers; blue ≥ { $zero }, red < { $zero }
map-header = similar words, nearby vectors
# $plane: the PCA's dimensions (2).
map-note = { $plane }D PCA of these { $words } words' { $dims }-number embeddings ({ $source })
nearest-title = nearest by cosine
analogy-note = { $plane }D PCA of these four words' embeddings; the cosines are in all { $dims } dimensions
# The nearest word to the analogy's point, and the next, with their cosines.
analogy-answer = { $answer }   cosine { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
analogy-next = next: { $answer }   cosine { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
