# Concept 11: attention tells the two meanings of one word apart (scenes/attention.py).
# $word is the word both sentences share; the words quoted come from the sentences.

# $same_position: "yes" if the word stands at the same place in both sentences.
two-sentences =
    Two sentences share a word: "{ $word }".
    In both, it starts from the same row of the embedding matrix; { $same_position ->
        [yes] even its position is the same
       *[no] only its position differs
    }.
    So at first, the network has no way to tell which "{ $word }" is meant.

attention-pattern =
    Attention is how each word looks at the others, and takes in what it needs.
    This is one attention head, layer { $layer }, head { $head }: each row is a word looking, and the bigger a square, the more of its attention goes there.
    Each row adds up to one.

# $skipped: "yes" if heads that only look one token back were left out.
head-choice =
    The network has { $layers } layers of { $heads } heads each.
    This is the head in which "{ $word }" pays the most attention to the other content words of both sentences{ $skipped ->
        [yes] , leaving out heads that only ever look one token back
       *[no] {""}
    }.

# Per sentence: $first_has "no" if it has no other content word; else the one the word
# looks at most, $first_context, with $first_share of its attention (likewise $second_...).
context =
    Now draw the "{ $word }" row as arrows flowing into it: the wider the arrow, the larger the share. { $first_has ->
        [no] The first sentence has no other content word to look at.
       *[yes] In the first sentence, the content word it looks at most is "{ $first_context }", with { NUMBER($first_share, minimumFractionDigits: 2, maximumFractionDigits: 2) } of its attention.
    } { $second_has ->
        [no] The second sentence has no other content word to look at.
       *[yes] In the second, it is "{ $second_context }", with { NUMBER($second_share, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    }

vectors-input =
    Now follow the two "{ $word }" vectors up through the layers.
    At the input, their cosine is { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }, where one would mean the very same direction.

# $apart: "yes" if the last cosine is below the first.
vectors-parting =
    Layer by layer, attention mixes each one's own context into it, and the two vectors change.
    After the last layer, the cosine is { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }: { $apart ->
        [yes] they have moved apart
       *[no] they have not moved apart
    }.

# $probes: "yes" if probe words are drawn as grey dots.
paths-in-a-plane =
    Here are both "{ $word }" vectors after every layer, flattened onto one plane fitted to them.
    They start at the same point, where only the word and its position count.
    Layer by layer, each takes in its own sentence, and after layer { $last } they have drifted apart.{ $probes ->
        [yes] {" "}The grey dots are the words of either meaning, on their own.
       *[no] {""}
    }

# $nearer: "both" (the first is nearer to $first_near, the second to $second_near),
# "first" or "second" (nearer to every probe word), or "neither". The clearest probe
# word, $clearest: $high for the $high_sentence ("first" or "second"), $low for the other.
probe-words =
    To see which meaning each "{ $word }" took on, compare it with words of either meaning, each encoded on its own.
    After the last layer, { $nearer ->
        [both] the first is nearer to { $first_near }, and the second to { $second_near }
        [first] the first is nearer to every one of them
        [second] the second is nearer to every one of them
       *[neither] neither is nearer to any of them
    }.
    The clearest is { $clearest }: { NUMBER($high, minimumFractionDigits: 2, maximumFractionDigits: 2) } for the { $high_sentence ->
        [first] first
       *[second] second
    } against { NUMBER($low, minimumFractionDigits: 2, maximumFractionDigits: 2) } for the { $high_sentence ->
        [first] second
       *[second] first
    }.

# Lists of words: "a, b and c".
list-comma = {", "}
list-and = {" and "}

## On screen

head-header = layer { $layer }, head { $head }
# Which head is shown: of $layers x $heads heads of $source.
head-rule = of the { $layers } x { $heads } heads of { $source }, the one where "{ $word }" attends most to the other content words,
head-rule-sum =
    { $skipped ->
        [no] summed over both sentences
       *[yes] summed over both sentences; skipping heads that only look one token back ({ $heads })
    }
# One skipped head, in head-rule-sum's list.
skipped-head = layer { $layer } head { $head }
context-header = "{ $word }" takes in its context
context-note = layer { $layer }, head { $head }; under each word, its share of "{ $word }"'s attention
vectors-header = the two "{ $word }" vectors, layer by layer
stage-input = input: word + position
stage-layer = after layer { $layer }
bars-title = cosine of the two "{ $word }" vectors
bars-axis = layer
bars-input = input
vectors-note = { $source }: each column shows the first { $first } and last { $last } of its { $dims } numbers
plane-note =
    plane: PCA of the unit-length "{ $word }" vectors after every layer of both sentences{ $probes ->
        [yes] ,
              and the probe words', each encoded alone, after the last
       *[no] {""}
    }
plane-kept = it keeps { NUMBER($kept, style: "percent", maximumFractionDigits: 0) } of their variance
plane-input = input
plane-layer = layer { $layer }
probe-header = which "{ $word }"?
probe-subtitle = cosine after layer { $last } (the last)
probe-note = each probe word is encoded alone ("[CLS] word [SEP]"); its layer-{ $last } vector is compared with "{ $word }"'s layer-{ $last } vector
# $cosines: each probe word with its two cosines at the input, "bank 0.31 / 0.28, ...".
probe-input = at the input: { $cosines }
