# Concept 7: a real training run (scenes/learning.py).
# A share is written as $share percent (9.5 %); a cost comes with its own places.

# $history: "shipped", "own" (the network's own training run) or "stand-in" (one of
# the same shape, trained here).
start =
    { $history ->
        [own] Here is how your network learned, from its own training run.
        [stand-in] Your network came without its training history, so one of the same shape was trained here for this scene.
       *[shipped] Here is how the shipped network learned.
    } Before training, every weight and bias is random.
    The average cost over the { $train_digits } training digits is { $cost }, and it gets { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % of the { $test_digits } held-out digits right: guessing gets about one in ten.

neuron =
    Follow one neuron of the first hidden layer, number { NUMBER($neuron, useGrouping: 0) }.
    Here are its { $inputs } weights, one per pixel: blue where a weight is positive, red where it is negative.
    For now they are noise.
    On the right goes what training changes: nothing yet.

# $guess: the untrained network's strongest output, at $top; $label the digit's label.
digit =
    And follow one held-out digit, a { $label }.
    The untrained network's strongest output is the one for { $guess }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }{ $right ->
        [yes] {""}
       *[no] : wrong
    }.

train =
    Now train: { $epochs } times through the { $train_digits } training digits, in { $steps } steps of { $batch } digits each, every step a small move down the cost's gradient, with a step size of { NUMBER($eta, minimumFractionDigits: 1) }.
    Watch the cost fall, the accuracy rise, the neuron's weights take shape, and the digit's outputs change.

# $early: "yes" if most of the fall came in the first epoch.
curves =
    The cost fell from { $first } to { $last }{ $early ->
        [yes] , most of it in the very first epoch
       *[no] {""}
    }.
    The share of held-out digits it gets right rose from { NUMBER($first_share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % to { NUMBER($last_share, minimumFractionDigits: 1, maximumFractionDigits: 1) } %.

# $unchanged weights never moved; $uninked pixels have no ink in any training digit
# ($same: "yes" if those are the same weights).
weights =
    The neuron's weights still look noisy: they began as noise, and { $unchanged } of them never moved at all{ $same ->
        [yes] , since no training digit has ink in their pixels
       *[no] , { $uninked } of them because no training digit has ink in their pixels
    }.
    What training changed, on the right, is a pattern of strokes: ink on its blue pixels excites this neuron, ink on its red ones quiets it.

# $first_right: the first epoch after which the network says $label (0: from the start;
# -1: never); after $epochs it says $guess at $top. $steps small steps in all.
guess =
    And the { $label }? { $first_right ->
        [-1] Even after { $epochs } epochs it says { $guess }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [0] The network says { $label } from the start, and after { $epochs } it says { $guess } at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [1] After the first epoch the network already says { $label }, and after { $epochs } it says { $guess } at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
       *[other] After { $first_right } epochs the network already says { $label }, and after { $epochs } it says { $guess } at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    } Nobody wrote down what a { $label } looks like: { $steps } small steps down the gradient found it.
    How each step's gradient is computed is backpropagation.

# Pure noise into the trained network. $share: its held-out accuracy in percent; its largest
# output on the noise is for $guess, at $top ($sure: "yes" if that is past one half).
noise =
    So the network gets { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % of the digits it never saw right. Does that mean it knows what a digit is? Feed it pure noise, pixels no one would call a digit.
    { $sure ->
        [yes] It answers { $guess }, and it is sure of it: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }. It has only ever seen digits, and its ten outputs have no way to say none of these.
       *[no] Its largest output is for { $guess }, at only { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }: every output stays low. That is as close as these ten outputs can come to saying none of these, and nobody ever taught it to; it has only ever seen digits.
    }

## On screen

noise-rule = pure noise: every pixel a random brightness, seed { NUMBER($seed, useGrouping: 0) }

recipe = seed { NUMBER($seed, useGrouping: 0) }, { $epochs } epochs, eta { NUMBER($eta, minimumFractionDigits: 1) }
history-shipped = snapshots of the training run that made the shipped network: { recipe }
history-own = snapshots of this network's own training run: { recipe }
history-stand-in = this network came without its training history:
stand-in = a { $shape } { $activation } of the same shape, trained here for this scene: { recipe }
neuron-rule = neuron { NUMBER($neuron, useGrouping: 0) }: the first-layer neuron whose { $inputs } weights moved most in training
digit-rule = MNIST digit { NUMBER($digit, useGrouping: 0) }: the first held-out digit the untrained network gets wrong and the trained one right
share = { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } %
cost-axis = average cost
accuracy-axis = held-out right
# The readouts beside the curves, the epoch counter and the digit's guess.
cost-readout = cost
accuracy-readout = % right
epoch = epoch
of-epochs = of { $epochs }
guess-readout = guess:
guess-at = at
neuron-title = neuron { NUMBER($neuron, useGrouping: 0) } of hidden layer { $layer }
its-weights = its weights
changed = what training changed
