# Concept 8: backpropagation, for one example (scenes/backprop.py).

example =
    Gradient descent needs a nudge for every weight, but how, exactly, do we find them? Let's ask one example: this handwritten digit, which should make the network say { $desired }.
    It goes through a network that is not yet trained: its weights are still random.

# $target: the output that should go up; $worst: the wrong output the network is surest of.
output-nudges =
    What does this one example want?
    Output { $target } should go up to one, and every other output down to zero.
    Output { $target } is at { NUMBER($a_target, minimumFractionDigits: 2, maximumFractionDigits: 2) }, and output { $worst } at { NUMBER($a_worst, minimumFractionDigits: 2, maximumFractionDigits: 2) }: the further off an output is, the bigger its nudge.

# $sign: "negative", "positive" or "zero" (a flat activation, as ReLU's when off).
delta =
    Let's focus on output { $target }.
    Backprop puts its wish into one number, delta: twice the error, times the slope of { slope-of }.
    Here delta is { NUMBER($delta, minimumFractionDigits: 2, maximumFractionDigits: 2) }, { $sign ->
        [negative] negative because raising this output lowers the cost
        [positive] positive: here raising this output would not lower the cost
       *[zero] zero, because the activation is flat here: this output cannot move
    }.

# $before: "input" if the layer before the output is the input (784-10).
bias =
    So, there are { $before ->
        [input] two ways, since the layer before is the input
       *[hidden] three ways
    } to raise it. First, increase its bias.

# $change: how much the weight from the brightest neuron should grow.
weights =
    Second, change its weights, each change proportional to the activation feeding it.
    The link from the brightest { $before ->
        [input] pixel
       *[hidden] neuron
    } should grow by { NUMBER($change, minimumFractionDigits: 2, maximumFractionDigits: 2) }, while a link from a dark one hardly moves at all.
    Neurons that fire together, wire together: the links grow most between neurons that are active at the same time.

activations =
    Third, change the activations of the layer before, each by its weight: raise those whose weight is positive, shown in blue, and lower those whose weight is negative, shown in red.
    We can't set them directly, but this output can wish for it.

# $layer: which hidden layer (1 the first).
summed =
    But this output is not the only one with wishes: each of the others wants changes to this layer of its own.
    Add all their wishes up, and you have what this one example asks of the { ordinal } hidden layer.

# Named through-sigmoid for the shipped network, through-<activation> for others.
through-slope =
    Backprop's delta for this layer is that sum, times the slope of each neuron's { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] sigmoid
    }. { $activation ->
        [relu] That slope is one for a neuron that is on and zero for one that is off, so the arrows of the neurons that are off vanish, and the others stay as they are.
        [tanh] That slope is never more than one, so no arrow grows, and neurons that are nearly fully on or fully off hardly move at all.
       *[sigmoid] That slope is never more than a quarter, so every arrow shrinks, and neurons that are nearly fully on or fully off hardly move at all.
    }

one-layer-back =
    Now take the same step one layer back: these deltas ask the { ordinal } hidden layer for changes of their own.
    Then again, layer by layer, until every weight and every bias has its nudge.
    That, for one example, is backpropagation.

at-the-input =
    One layer further back is the input itself: its pixels are given, not learned, so nothing more is asked.
    Each weight's nudge is the delta of the neuron it feeds, times the activation feeding it.
    That, for one example, is backpropagation.

# $one: the story digit's wish for the weight; $avg: the mini-batch's average wish;
# $agree: "yes" if both have the same sign.
mini-batch =
    So far, every nudge came from a single digit, but training never trusts just one.
    Follow one weight, the link from the brightest neuron: this digit alone wants it to change by { NUMBER($one, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Here are the first { $batch } digits our training run drew, a mini-batch, each with its own wish for the same weight.
    Training takes their average, { NUMBER($avg, minimumFractionDigits: 2, maximumFractionDigits: 2) }{ $agree ->
        [yes] , the same way as our digit, but with the whole batch's say.
       *[no] , the other way: the batch outvotes our digit.
    } Every weight and bias gets such an average, and together, they are one step downhill.
    But why is each wish what it is? For one weight, we can follow the chain of causes link by link.

slope-of =
    { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] the sigmoid
    }
ordinal =
    { $layer ->
        [1] first
        [2] second
        [3] third
        [4] fourth
        [5] fifth
        [6] sixth
       *[7] seventh
    }

## On screen

# $state: "shipped" for the shipped network; else $shape is its shape.
untrained-state =
    { $state ->
        [shipped] not trained yet, so its nudges are large
       *[other] { $shape }, not trained yet
    }
input-rule = input layer: its { $shown } brightest pixels for this digit are drawn
output-values = output { $output }:  a = { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) },  y = { NUMBER($y, maximumFractionDigits: 0) }
# $delta comes written with a real minus sign.
delta-value = output { $output }:  δ = { $delta }
# The three ways to raise an output, in its formulas.
increase = increase
change = change
same-step = the same step, one layer back
arrow-scale = arrow lengths are scaled layer by layer
input-is-before = the layer before is the input
together-value = lit at { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) }:  Δw = { $change }
batch-weight =
    { $layer ->
        [0] the weight from pixel { NUMBER($neuron, useGrouping: 0) } to output { $output }
       *[other] the weight from neuron { NUMBER($neuron, useGrouping: 0) } of hidden layer { $layer } to output { $output }
    }
one-digit =
    this digit
    alone: { $change }
batch-average =
    their average:
    { $change }
