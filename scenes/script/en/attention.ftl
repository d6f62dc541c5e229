# Concept 11: attention tells the two meanings of one word apart (scenes/attention.py).
# $word is the word both sentences share; the words quoted come from the sentences.

# $same_position: "yes" if the word stands at the same place in both sentences.
two-sentences =
    Words take their meaning from the words around them, so how does a network manage that? Here are two sentences that share a word: "{ $word }".
    In both, it starts from the same row of the embedding matrix; { $same_position ->
        [yes] even its position is the same
       *[no] only its position differs
    }.
    So at first, the network has no way to tell which "{ $word }" is meant.

# One head at work on the first sentence: $layer and $head (from 1), $dims its vectors' length.
query-key =
    Let's watch one attention head at work, head { $head } of layer { $layer }.
    We picked it for a reason.
    Of all the heads, it is the one in which "{ $word }" looks hardest at the other content words, those that say what kind of "{ $word }" this is.
    From the vector of "{ $word }", the head computes a query, a list of { $dims } numbers, with a matrix it learned in training: think of it as a question, what tells me what I mean here?
    From every word's vector, another learned matrix computes a key, { $dims } numbers that say what this word has to offer.

# $best: the content word whose key answers the query best, with $score.
scores =
    To see how well each key answers the question, take its dot product with the query, the same multiply and add you saw for two words.
    Then divide by the square root of { $dims }, which keeps these scores in a range where the next step works well.
    The content word that scores highest is "{ $best }", at { NUMBER($score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $weight: the share of attention "$word" gives $best.
softmax =
    Scores can be any size, positive or negative, so the softmax turns them into shares: raise e to the power of each score, then divide by their total, so that every share is positive and together they add up to one.
    These shares are the row of "{ $word }" in the attention pattern, and "{ $best }" gets { NUMBER($weight, minimumFractionDigits: 2, maximumFractionDigits: 2) } of it.

values =
    Each word also has a value, a third list of { $dims } numbers, made by a third learned matrix: what the word passes on to those who attend to it.
    Weight each word's value by its share, and add them up.
    The sum is what this head adds to "{ $word }": the layer turns it back into a vector as long as the word's own and adds it on, so "{ $word }" moves towards the meaning of the words it attended to.

# $total: $layers times $heads.
heads-layers =
    That was one head asking one question.
    MiniLM runs { $heads } heads side by side in every layer, each with its own queries, keys and values, and stacks { $layers } such layers: { $total } heads in all.
    Each layer's output is the next layer's input, so a word can gather its context step by step.

# $skipped: "yes" if heads that only look one token back were left out of the choice.
attention-pattern =
    Here is the whole pattern of head { $head } in layer { $layer }, for both sentences.
    Each row is one word looking at the others, and the bigger a square, the more of its attention goes there; each row adds up to one.
    The row of "{ $word }" is the one we just computed, framed in yellow{ $skipped ->
        [yes] ; heads that only ever look one word back were left out of the choice
       *[no] {""}
    }.

# Per sentence: $first_has "no" if it has no other content word; else the one the word
# looks at most, $first_context, with $first_share of its attention (likewise $second_...).
context =
    Now let's draw the row of "{ $word }" as arrows flowing into it: the wider the arrow, the larger the share. { $first_has ->
        [no] The first sentence has no other content word to look at.
       *[yes] In the first sentence, the content word it looks at most is "{ $first_context }", with { NUMBER($first_share, minimumFractionDigits: 2, maximumFractionDigits: 2) } of its attention.
    } { $second_has ->
        [no] The second sentence has no other content word to look at.
       *[yes] In the second, it is "{ $second_context }", with { NUMBER($second_share, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    }

vectors-input =
    Now let's follow the two "{ $word }" vectors up through the layers.
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
    Here you see both "{ $word }" vectors after every layer, flattened onto one plane fitted to them.
    They start at the same point, where only the word and its position count.
    Layer by layer, each takes in its own sentence, and after layer { $last } they have drifted apart.{ $probes ->
        [yes] {" "}The grey dots are the words of either meaning, on their own.
       *[no] {""}
    }

# $nearer: "both" (the first is nearer to $first_near, the second to $second_near),
# "first" or "second" (nearer to every probe word), or "neither". The clearest probe
# word, $clearest: $high for the $high_sentence ("first" or "second"), $low for the other.
probe-words =
    To see which meaning each "{ $word }" took on, we compare it with words of either meaning, each encoded on its own.
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

close =
    So that is attention: every word asks a question, every word offers an answer, and each word takes in what answers it best.
    Layer after layer, the vector of "{ $word }" stops being a dictionary entry and becomes this word in this sentence.
    It is all arithmetic you have now seen: weighted sums, a softmax, and parameters found by gradient descent, the same as in our little digit network, only far more of it.

# Lists of words: "a, b and c".
list-comma = {", "}
list-and = {" and "}

## On screen

work-header = one head at work: layer { $layer }, head { $head }
work-query = query of "{ $word }"
work-keys = keys
work-values = values
work-scores = scores
work-weights = weights
work-output =
    what the
    head adds
work-note = { $source }; score: query · key ÷ √{ $dims }; weights: softmax of the scores; each column shows a few of its { $dims } numbers
heads-header = { $heads } heads, all at work
layer-name = layer { $layer }
close-1 = every word asks: a query
close-2 = every word answers: a key and a value
close-3 = each takes in what answers it best

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
