# Concept 3: weights and biases, and how many there are (scenes/parameters.py).

network =
    When we say a network learns, what is it that changes? Not the neurons, and not the lines between them.
    Everything it does comes down to two kinds of numbers: a weight on every line, and a bias on every neuron after the input layer.

# $neuron: the neuron the digit excites most, in the first hidden layer, or in the
# output layer ($hidden is "no") of a network without hidden layers.
one-neuron =
    Take one neuron, number { NUMBER($neuron, useGrouping: 0) } of { $hidden ->
        [no] the output layer
       *[yes] the first hidden layer
    }: the one this digit excites most. Every line coming into it carries a weight.

weight-map =
    You have seen this kind of picture before: one weight for each pixel, drawn where its pixel is.
    This time, think of each one as a number the network is free to change.
    That is what a weight is, and its colour only tells you its sign.

weighted-sum =
    In symbols, the weighted sum is each input activation times its weight, all added up.
    The bias is the neuron's own extra number, added at the end: here { NUMBER($bias, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    For this digit the total, z, is { NUMBER($z, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# The beat is named after the activation (sigmoid, relu, tanh).
activation =
    { $activation ->
        [relu] ReLU keeps z where it is positive and makes it zero where it is not
        [tanh] Tanh squashes z into a number from minus one to one
       *[sigmoid] The sigmoid function squashes z into a number from zero to one
    }: the neuron's activation, a, is { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

matrix-form =
    Every neuron of the layer does the same, and all of it fits in one line.
    W is a matrix of { $rows } rows, one per neuron, each holding { $cols } weights.
    It multiplies the input activations, we add the biases, and { activation-read } gives the next layer's activations.

# The sums themselves are on screen (weights-line, biases-line), not said.
count =
    Now let's count them.
    One weight for every pair of neurons in neighbouring layers: that is { $weights } weights.
    Then one bias for every neuron after the input, { $biases } more.
    Together, { $total } parameters.

knobs =
    Think of them as knobs and dials, each one a setting you could turn a little one way or the other.
    Here are a few of them, each turned as far as its value.

function =
    Step back, and the whole network is just one function. It takes { $inputs } numbers in, the pixels, and gives { $outputs } numbers out, one for each digit.
    What happens in between is set entirely by those dials. Turn them one way, and the same digit gives different outputs.

untrained-edges =
    Here are all { $edges } weights at once, one line each.
    Before training, they are just random numbers.

trained-edges =
    Training moves every one of them, to these.
    So when we say the network learns, we mean just this: it finds good values for all of its weights and biases.
    But what makes one setting of the dials good, and another bad? Before a network can get better, we need a way to measure how wrong it is. That measure is called the cost, and it is next.

## On screen

weight-map-title = { $weights } weights into neuron { NUMBER($neuron, useGrouping: 0) }
positive = positive
negative = negative
# The matrix form's shapes: W is $rows by $cols, the activations a⁽⁰⁾ and the biases.
w-shape = W: { $rows } × { $cols } weights
a-shape = a⁽⁰⁾: { $cols } activations
b-shape = b: { $biases } biases
# The count, as sums: $terms is "784 × 16 + 16 × 10", "16 + 10".
weights-line = weights:  { $terms } = { $weights }
biases-line = biases:  { $terms } = { $biases }
total-line = { $total } parameters
all-weights = all { $edges } weights
function-in = { $inputs } numbers in
function-out = { $outputs } numbers out
function-knobs = { $total } parameters
dials-note = { $dials } of the trained network's parameters, spread through all of them, each turned by its value
trained = trained network
