# Concept 6: the negative gradient, what its sign and its size say, and one step downhill
# (scenes/gradient.py).

example =
    On the landscape, you saw the gradient as one arrow pointing downhill.
    With every weight and every bias at once, that arrow becomes a long list of numbers.
    So, what is each of those numbers telling you?
    Let's find out on one real example: the untrained network, with a handwritten { $label } going through it.

cost =
    It has learned nothing yet, so its answers are poor, and its cost for this digit is { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    To bring that cost down, which weights and biases should change, and by how much?

gradient =
    The negative gradient answers both questions at once.
    It is a list with one number for every weight, and one for every bias in the network: as many numbers as there are dials, and only a few of them fit on the screen.

edges =
    Each entry belongs to one weight, so to one edge of the network.
    Follow its arrow, and you find the edge it wants to nudge.

# $first: the sign of the shown entry with the largest value; $second: of the one with the
# smallest ("positive", "negative" or "zero").
sign =
    Look at the signs first.
    { $first ->
        [positive] This entry is positive: the cost falls if you turn its weight up.
        [negative] Even the largest entry shown is negative: the cost falls if you turn its weight down.
       *[zero] This entry is zero: the cost does not care which way its weight moves.
    } { $second ->
        [negative] This one is negative: the cost falls if you turn its weight down.
        [positive] Even the smallest entry shown is positive: turn its weight up too.
       *[zero] This one is zero: its weight can stay where it is.
    } So, the sign of each entry says which way its weight should move.

# $entry: the largest entry, in size, of all the weights'.
matters =
    Now look at the sizes.
    This entry, { NUMBER($entry, minimumFractionDigits: 2, maximumFractionDigits: 2) }, is the biggest of all the weights' entries.
    A small change to its weight moves the cost more than the same change to any other weight: for this digit, it is the weight that matters most.

# $entry: the smallest drawn entry; $zero is "yes" when it shows as 0.000.
who-cares =
    And this one is { $zero ->
        [yes] so small that it shows as zero
       *[no] only { NUMBER($entry, minimumFractionDigits: 3, maximumFractionDigits: 3) }
    }.
    You could change this weight a lot, and still, the cost would hardly move.
    Who cares about that one?

# $zeros of the $weights weights have an entry of exactly zero ($ink: "yes" if they are
# exactly the weights leaving pixels without ink); $few are at least a tenth of the largest.
sizes =
    And most of the weights, it turns out, are like that one.
    For this digit, { $zeros } of the weights' entries are exactly zero{ $ink ->
        [yes] : those weights leave pixels with no ink, and a pixel with no ink passes nothing along them, so turning them changes nothing
       *[no] , so turning those weights changes nothing for this digit
    }.
    Only { $few } entries are even a tenth as big as the biggest one.
    On the network, each edge now glows as brightly as its entry is big: a few bright ones, and many faint.
    Those few bright edges are where a change matters most.

step =
    Now take one step downhill: move every weight and bias by its entry, times a step size of { NUMBER($eta, minimumFractionDigits: 1) }.
    The weights that matter most move the most, and the ones whose entry is zero stay exactly where they are.

lower-cost =
    Feed the same digit through again, and the cost { $dropped ->
        [yes] drops
       *[no] goes
    } from { NUMBER($before, minimumFractionDigits: 2, maximumFractionDigits: 2) } to { NUMBER($after, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    But that step only listened to one digit.
    To learn, the network averages these lists over many digits, and takes step after step after step.
    What does that look like, from the inside? Let's watch a real network learn.

## On screen

# After the formula -∇C(W).
gradient-title = : { $entries } numbers
cost-line = cost of this digit: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
# $sign: "positive", "negative" or "zero".
sign-caption = { $sign ->
        [positive] positive: turn its weight up
        [negative] negative: turn its weight down
       *[zero] zero: leave its weight
    }
matters-caption = matters most
who-cares-caption = hardly matters
zeros-caption = exactly zero: { $zeros } weights
lit-caption = the brighter, the bigger its entry
after-line = after one step: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
# A weight in plain words: from a pixel or a neuron, to a neuron or an output.
# $source_layer and $target_layer are layer names ("hidden layer 2").
weight-name =
    from { $source_position ->
        [input] pixel { $source }
       *[other] neuron { $source } of { $source_layer }
    } to { $target_position ->
        [output] output { $target }
       *[other] neuron { $target } of { $target_layer }
    }
# $rule says which neurons of the wide layers are drawn.
shown-note = { $rule }, and the largest entry's ends
