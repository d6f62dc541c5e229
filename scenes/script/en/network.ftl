# Concept 2: the network, activations propagating layer by layer (scenes/network.py).

# $inputs and $outputs are the first and last layers' sizes; { hidden-layers } (story.ftl)
# says the layers between.
layers =
    Here is the whole network. On the left, the { $inputs } input neurons of our digit.
    Then { hidden-layers }, and an output layer of { $outputs }, one for each digit.

# $train_digits: how many digits the network was trained on, or "unknown".
weights =
    Every neuron is joined to every neuron of the next layer, and each line has a weight:
    blue for positive, red for negative. { $train_digits ->
        [unknown] Training chose these weights.
       *[other] Training on { $train_digits } handwritten digits chose these weights.
    }

# A network with no hidden layer (784-10).
input =
    Now feed the digit in: each input neuron lights up with its pixel's brightness.
    With no hidden layer, the weights take these activations straight to the output.

# $lit of the first hidden layer's $size neurons are more than half lit.
first-hidden-layer =
    Now feed the digit in: each input neuron lights up with its pixel's brightness.
    Through the weights, these activations decide the first hidden layer.
    For this digit, { $lit } of its { $size } neurons are more than half lit.

# Each hidden layer after the first.
next-hidden-layer =
    That layer, in turn, decides the next one.
    Here { $lit } of its { $size } neurons are more than half lit.

# $label is "none" for a digit without a label.
output =
    Last, the output layer: { $outputs } numbers, one for each digit.
    The brightest is { $prediction }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }, and the next is { $runner_up }, at only { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    So the network says { $prediction }.{ $label ->
        [none] {""}
       *[other] {" "}And { $right ->
            [yes] it is right
           *[no] it is wrong
        }: this digit is labelled { $label }.
    }
