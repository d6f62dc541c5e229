# Concept 2: why layers, the network lighting up layer by layer, and what its first
# hidden layer really weighs (scenes/network.py).

# The hope, drawn as a cartoon and said to be one (the real weights come at the end).
why-layers =
    Why would a network need layers between the pixels and the answer at all?
    Here is the hope: that the first layer learns to notice little edges, short strokes of ink at one place and angle.
    That the next layer puts edges together into bigger pieces, like a loop at the top, or a long line down the side.
    And that the last layer sees which pieces are there, a loop over a line, and says which digit that makes.
    Keep in mind that this is only a hope, a picture of how it might work. Later we will look at what a real trained network does.

# $inputs and $outputs are the first and last layers' sizes; { hidden-layers } (story.ftl)
# says the layers between.
layers =
    So here is our whole network. On the left, the { $inputs } input neurons, lit by our digit.
    Then { hidden-layers }, and an output layer of { $outputs }, one for each digit.

# $train_digits: how many digits the network was trained on, or "unknown".
weights =
    Every neuron is joined to every neuron of the next layer, and each of these lines carries a weight: blue when it is positive, red when it is negative. { $train_digits ->
        [unknown] Training chose these weights.
       *[other] We did not pick them by hand: training on { $train_digits } handwritten digits chose them.
    }

# A network with no hidden layer (784-10).
input =
    Now feed the digit in: each input neuron lights up with its pixel's brightness.
    With no hidden layer, the weights take these activations straight to the output.

# $lit of the first hidden layer's $size neurons are more than half lit.
first-hidden-layer =
    Now feed the digit in, and each input neuron lights up with its pixel's brightness.
    Through the weights, these activations decide how brightly each neuron of the first hidden layer lights up.
    For this digit, { $lit } of its { $size } neurons are more than half lit.

# Each hidden layer after the first.
next-hidden-layer =
    That layer, in turn, decides the next one, in just the same way.
    In this layer, { $lit } of its { $size } neurons are more than half lit.

# $label is "none" for a digit without a label.
output =
    Last comes the output layer, with one neuron for each digit.
    The brightest is the { $prediction }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }, and the next is the { $runner_up }, at only { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    So the network says { $prediction }.{ $label ->
        [none] {""}
       *[other] {" "}And { $right ->
            [yes] it is right
           *[no] it is wrong
        }: this digit is labelled { $label }.
    }

# $shown of the $neurons neurons of $layer (a layer name: "hidden layer 1").
weight-maps =
    But does it work the way we hoped? We can look.
    Each neuron of { $layer } has one weight for every pixel, so we can draw its weights as a picture over the pixel grid: blue where a lit pixel pushes the neuron up, red where it pulls it down.
    Here they are, { $shown ->
        [one] {""}
       *[other] the { $shown } neurons
    } as training left them.

not-edges =
    Do these look like the clean little edges we hoped for? Honestly, not really.
    A few have a blob of blue where ink often is, and most look like noise with a faint shape in it.
    Training did not set out to find edges. It found whatever weights made the answers right, and they work together in ways that are hard to read one at a time.

# One neuron ($layer, a layer name) on our digit: the sum of its positive pixel-times-weight
# terms, $push, and of its negative ones, $pull (as a positive number).
push-pull =
    So let's watch a single one of these neurons, the one in the yellow square, as it reads our digit.
    Multiply each pixel by its weight. Where ink lands on blue, the product is positive, and where it lands on red, negative.
    Add up the positive products, and the ink pushes the neuron up by about { NUMBER($push, maximumFractionDigits: 0) }.
    The negative ones pull it back down by about { NUMBER($pull, maximumFractionDigits: 0) }, and where the two meet is the weighted sum.

# $threshold: minus the neuron's bias; $total: the weighted sum; $lit: "yes" if it passes.
threshold =
    Then comes the bias. It works like a threshold: this neuron { $activation ->
        [sigmoid] is more than half lit
       *[other] turns on
    } only when the weighted sum passes { NUMBER($threshold, minimumFractionDigits: 2, maximumFractionDigits: 2) }. { $lit ->
        [yes] Our digit gets it past that line, so the neuron lights up.
       *[no] Our digit leaves it short of that line, so the neuron stays dark.
    }

next =
    Every neuron in the network does exactly this, with its own weights and its own bias.
    So how many of these numbers are there, and what would it take to set all of them well? That is our next question.

## On screen

hope-title = the hope
hope-pixels = pixels
hope-edges = edges
hope-loops-and-lines = loops and lines
hope-digit = digit
maps-title = the weights into each neuron of { $layer }
maps-note = each map scaled to its own largest weight
panel-digit = our digit
panel-weights = its weights
panel-products = pixel × weight
push-label = pushes up
pull-label = pulls down
sum-label = weighted sum
threshold-label = threshold
