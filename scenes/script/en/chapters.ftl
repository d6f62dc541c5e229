# The lecture's chapters (nnexplain/chapters.py), one message per chapter's name: its
# title, what a viewer reads on its title card, in the index, the slides, the handout and
# the video's chapter marks; and its concept (-concept), what the chapter explains,
# whatever network is drawn.
# The input layer's concept is given $side, the side of an MNIST image in pixels, and
# $pixels, their number (nncore.data.SIDE); any concept may use them.

input-layer = The input layer
input-layer-concept = a real { $side }x{ $side } digit becomes { $pixels } input neurons

hidden-layers = Hidden layers
hidden-layers-concept =
    why layers: the hoped-for edges, the real first-layer weights, one neuron's pushes,
    pulls and threshold

parameters = Weights and biases
parameters-concept =
    weights and biases: a' = activation(W a + b), every knob counted, the network as one
    function

cost-untrained = The cost of a wrong answer
cost-untrained-concept = the quadratic cost of an untrained network's wrong output, term by term

cost-trained = The cost, trained
cost-trained-concept =
    the same cost for the trained network, then averaged over every training digit

landscape = Rolling downhill
landscape-concept =
    the average cost as a landscape: a real slice through one weight, a ball rolling down
    it, a step too long, two weights, mini-batches against the full gradient

gradient = The negative gradient
gradient-concept =
    the negative gradient: its sign says which way, its size which weights matter

learning = The network learns
learning-concept =
    a real training run: the cost falls, a neuron and a digit's guess take shape

backprop = Backpropagation
backprop-concept = backpropagation: three ways to raise an output, propagated backwards

chain-rule = The chain rule
chain-rule-concept =
    the chain rule along one weight's path: three real slopes whose product is
    backpropagation's entry

compute-scale = The scale of training
compute-scale-concept =
    from our parameters to a large language model's, then LLM training compute on a time
    ladder

embeddings = Words as vectors
embeddings-concept =
    tokens become MiniLM's real vectors; the dot product measures how they align

attention = Attention
attention-concept =
    one head at work (query, keys, softmax, values), then "model" in two sentences
