# Concept 6: the negative gradient, and one step downhill (scenes/gradient.py).

example = Back to the untrained network, and one handwritten { $label } going through it.

cost =
    Its cost on this example is { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    To bring that down, which weights and biases should change, and by how much?

gradient =
    The negative gradient of the cost answers that.
    It is a list of { $entries } numbers, one for every weight and bias in the network.

edges =
    Each entry belongs to one weight, one edge of the network.
    Its sign says whether to turn that weight up or down, and its size says how much that matters.

# $entry: the largest entry, in size, of all the weights'.
matters =
    This one, { NUMBER($entry, minimumFractionDigits: 3, maximumFractionDigits: 3) }, is the biggest in size of all the weights' entries: this weight matters a lot for this example.
    Its sign says: turn it { $turn ->
        [down] down
       *[up] up
    }.

# $entry: the smallest drawn entry; $zero is "yes" when it shows as 0.000.
who-cares =
    And this one is { $zero ->
        [yes] so small that it shows as zero
       *[no] only { NUMBER($entry, minimumFractionDigits: 3, maximumFractionDigits: 3) }
    }. Nudging its weight hardly changes the cost. Who cares?

step =
    Now take one step downhill: add to every weight and bias its entry, times a step size of { NUMBER($eta, minimumFractionDigits: 1) }.

lower-cost =
    Feed the same digit through again, and the cost { $dropped ->
        [yes] drops
       *[no] goes
    } from { NUMBER($before, minimumFractionDigits: 2, maximumFractionDigits: 2) } to { NUMBER($after, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Do that over and over, for many examples, and the network learns.

## On screen

# After the formula -∇C(W).
gradient-title = : { $entries } numbers
cost-line = cost of this digit: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
matters-caption = this weight matters a lot
who-cares-caption = who cares
after-line = after one step: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
# $rule says which neurons of the wide layers are drawn.
shown-note = { $rule }, and the largest entry's ends
