# Concept 10: tokens become vectors, and similar words get nearby ones (scenes/embeddings.py).
# The years are said in words: the written narration says them the same way.

tokens =
    A network like ours only multiplies and adds numbers, so how could it ever read a sentence?
    The first step is to turn words into numbers, and here is how a real language model does it.
    It cuts the sentence into tokens, whole words or pieces of words, and adds a marker at each end: { $tokens } tokens in all.

one-at-a-time =
    Before twenty seventeen, a language network read the tokens one at a time, in order, each step waiting for the one before.
    At every step, one token became a list of numbers, its embedding.

# $starts: the first numbers of the example token's vector, comma-separated.
all-at-once =
    A transformer, from twenty seventeen on, takes them all at once: every token becomes its vector in the same step.
    Each vector is that token's row of a table the model learned, { $dims } numbers long.
    This one begins { $starts }.

# Two vectors compared: $a and $b, related words, over all $dims entries.
dot-product =
    But how can a list of numbers carry a meaning?
    Let's compare two of them, the vectors for { $a } and { $b }.
    Multiply them entry by entry: where both point the same way the product is positive, where they disagree it is negative.
    Add up all the products, every last one of them, and you get a single number: the dot product.

# $c: a word unrelated to $a; $dot their dot product.
dot-unrelated =
    Now put { $c } in place of { $b }.
    Its entries agree with those of { $a } about as often as they disagree, so the products mostly cancel, and the sum is only { NUMBER($dot, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $high: the cosine of $a and $b, $low of $a and $c.
cosine =
    A dot product also grows when the vectors are long.
    To ask only about direction, divide it by both lengths: that is the cosine of the angle between them.
    It is one when two vectors point exactly the same way, and zero when they are at right angles.
    For { $a } and { $b } it is { NUMBER($high, minimumFractionDigits: 2, maximumFractionDigits: 2) }; for { $a } and { $c }, { NUMBER($low, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

map =
    Measured this way, the vectors are far from arbitrary: words with related meanings get vectors that point in similar directions.
    Here are { $words } words, flattened from { $dims } dimensions onto the page, so that you can see the neighbourhoods.

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
    Nobody told the model about royalty or gender: the direction came out of training, the way our digit network found its own weights.

to-attention =
    There is a catch.
    Each of these vectors belongs to a token on its own, so a word gets the very same vector whatever sentence it sits in.
    Yet you read "model" differently in a fashion magazine and in a computer science paper.
    So how does a word pick up its meaning from the words around it?
    That is the job of attention, and it is built on the dot product you have just seen.

## On screen

dot-header = do two vectors point the same way?
# $dot: the sum of all $dims products of $a's and $b's entries.
dot-sum = { $a } · { $b } = sum of all { $dims } products = { NUMBER($dot, minimumFractionDigits: 2, maximumFractionDigits: 2) }
dot-note = { $source }; each column shows a few of its { $dims } numbers; blue positive, red negative
cosine-rule = cosine = dot product ÷ (length × length)
cosine-line = { $a } and { $b }: { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
to-attention-question = one vector per word, whatever the sentence?

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
