# Concept 3: weights and biases, and how many there are (scenes/parameters.py).

network =
    What this network does comes down to two kinds of numbers.
    There is a weight on every line, and a bias on every neuron after the input layer.

# $neuron: the neuron the digit excites most, in the first hidden layer, or in the
# output layer ($hidden is "no") of a network without hidden layers.
one-neuron =
    Take one neuron, number { NUMBER($neuron, useGrouping: 0) } of { $hidden ->
        [no] the output layer
       *[yes] the first hidden layer
    }: the one this digit excites most. Every line coming into it carries a weight.

weight-map =
    It has { $weights } of them, one for each pixel, so we can draw them as a { $side } by { $side } image, each weight where its pixel is.
    Blue weights are positive: a bright pixel there pushes the neuron up.
    Red ones are negative, and push it down.

weighted-sum =
    The neuron multiplies each input activation by its weight and adds it all up.
    Then it adds one more number of its own, the bias: here { NUMBER($bias, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
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
    It multiplies the { $cols } input activations, we add the { $biases } biases, and { activation-read } gives the next layer's activations.

# $products reads the weights' sum, e.g. "784 times 16, plus 16 times 10" (from
# count-product and count-weights-plus), $bias_terms the biases', "16 plus 10".
count =
    Now count them. Weights: { $products }. That is { $weights }.
    Biases: { $bias_terms }, which makes { $biases }.
    Together, { $total } parameters.
count-product = { $n_in } times { $n_out }
count-weights-plus = {", plus "}
count-biases-plus = {" plus "}

untrained-edges =
    Here are all { $edges } weights at once, one line each.
    Before training, they are just random numbers.

trained-edges =
    Training moves every one of them, to these.
    When we say the network learns, we mean it finds good values for all { $total } weights and biases.

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
trained = trained network
