# Concept 7: a real training run (scenes/learning.py).
# A share is written as $share percent (9.5 %); a cost comes with its own places.

# $history: "shipped", "own" (the network's own training run) or "stand-in" (one of
# the same shape, trained here).
start =
    So, what does it look like when a network learns?
    { $history ->
        [own] Here is how your network learned, from its own training run.
        [stand-in] Your network came without its training history, so one of the same shape was trained here for this scene.
       *[shipped] We saved the real training run that made our network, epoch by epoch.
    } Before training, every weight and bias is random.
    Averaged over all the training digits, its cost is { $cost }, and it gets { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % of the digits it never trains on right, about what blind guessing gets.

neuron =
    To see what changes inside, let's follow one neuron of the first hidden layer.
    Here are its weights, one for each pixel: blue for a positive weight, and red for a negative one.
    For now, they are just noise.
    On the right goes what training changes, and nothing has changed yet.

# $guess: the untrained network's strongest output, at $top; $label the digit's label.
digit =
    And let's follow one digit that the network never trains on, this one.
    The untrained network's strongest output is the one for { $guess }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }{ $right ->
        [yes] , and that happens to be right
       *[no] : wrong, however sure it looks
    }.

train =
    Now, let's train it.
    Each step takes { $batch } training digits, averages their gradients, and moves every weight and bias a little way downhill: the step you just saw, listening to a handful of digits at once.
    The network runs through all its training digits { $epochs } times, step after step.
    You can watch the cost fall, the accuracy rise, the neuron's weights take shape, and the digit's outputs change.

# $early: "yes" if most of the fall came in the first epoch.
curves =
    By the end, the cost is down to { $last }{ $early ->
        [yes] , and most of that fall came in the very first pass: the early steps do the rough work, and the rest is polishing
       *[no] {""}
    }.
    And on digits it never saw in training, the network is now right { NUMBER($last_share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % of the time.
    That is the number to trust, because no step ever got to tune the network to those digits.

# $unchanged weights never moved; $uninked pixels have no ink in any training digit
# ($same: "yes" if those are the same weights).
weights =
    The neuron's weights still look noisy: they began as noise, and { $unchanged } of them never moved at all{ $same ->
        [yes] , since no training digit has ink in their pixels
       *[no] , { $uninked } of them because no training digit has ink in their pixels
    }.
    But now, look at what training changed, on the right: a pattern of strokes.
    Ink on its blue pixels now excites this neuron, and ink on its red ones quiets it.
    It is not the clean edge, or the loop, that you might have hoped for. But it is what this neuron really learned.

# $first_right: the first epoch after which the network says $label (0: from the start;
# -1: never); after $epochs it says $guess at $top.
guess =
    And the digit we followed: what happened to it, in the end? { $first_right ->
        [-1] Even after every pass, the network still says { $guess }, at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [0] The network got it right from the start, and by the end it says so at { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [1] After the first pass the network already gets it right, and by the end it is sure: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
       *[other] After { $first_right } passes the network gets it right, and by the end it is sure: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    } Nobody ever wrote down what that digit looks like: small steps down the gradient found it.

# Pure noise into the trained network. Its largest output on the noise is for $guess, at
# $top ($sure: "yes" if that is past one half).
noise =
    So, our network does well on digits it never saw. Does that mean it knows what a digit is?
    Feed it pure noise, pixels no one would call a digit, and see what it answers.
    { $sure ->
        [yes] It answers { $guess }, and it is sure of it: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }. It has only ever seen digits, and its ten outputs have no way to say none of these.
       *[no] You might expect it to pick a digit anyway, and sound sure about it. This one does not: its largest output is for { $guess }, at only { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }, and every output stays low. That is as close as these ten outputs can come to saying none of these, and nobody ever taught it even that; it has only ever seen digits.
    }

# $steps: how many steps the whole run took.
bridge =
    We left one thing out. Every one of those { $steps } steps needed the gradient, a small nudge for every weight and bias, for every digit in its batch.
    How does the network work out all of those nudges, and fast? That is backpropagation, and it comes next.

## On screen

noise-rule = pure noise: every pixel a random brightness, seed { NUMBER($seed, useGrouping: 0) }

recipe = seed { NUMBER($seed, useGrouping: 0) }, { $epochs } epochs, step size { NUMBER($eta, minimumFractionDigits: 1) }
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
