# Concepts 4 and 5: the cost of one digit, untrained and trained (scenes/cost.py).
# Numbers the scene writes with as many places as its table shows come formatted
# already (to be written with NUMBER() options of your own, if you like).

## CostUntrained

# $init: "standard" (every weight and bias random) or "scaled" (biases zero).
untrained =
    Before a network can get better, it needs to know how wrong it is, and by how much. So how could we measure that?
    Let's take a handwritten { $label }, and a network that has learned nothing yet. { $init ->
        [standard] Every one of its weights and biases is a random number.
       *[scaled] Its weights are random numbers, and its biases are zero.
    }

feed-forward =
    Feed the digit in. Its pixels light up the first layer, that layer lights up the next, and so on, to the { $outputs } outputs, one for each digit.

# $answer: the brightest output's digit, at $top; $label: the digit it should be.
outputs =
    Here are its outputs, a. The brightest is the { $answer }'s, at { $top }. { $right ->
        [yes] It happens to be the right one, but only by luck.
       *[no] So its answer is { $answer }, not { $label }.
    }

desired-output = What we wanted is y: one for the { $label }, and zero for every other digit.

terms =
    For each output, take the difference between what it gave and what we wanted, and square it.
    The further off, the bigger the term: the biggest here is the { $worst }'s, { $term }.

cost =
    Add them all up, and you get the cost of this one example: { $cost }.
    The more wrong the network is, the bigger this number, and a perfect answer would cost nothing at all.
    So what happens to this number once a network has learned? That is what we look at next.

## CostTrained

before =
    This is where we left off: a network with random weights, and a cost of { $cost } on this { $label }.

# $train_digits: "elsewhere" for a network trained elsewhere; $percent of $test_digits
# held-out digits right.
trained =
    Now swap in the weights of a trained network. { $train_digits ->
        [elsewhere] It was trained elsewhere, and of the { $test_digits } held-out digits here it gets { NUMBER($percent, minimumFractionDigits: 1, maximumFractionDigits: 1) } percent right.
       *[other] It learned from { $train_digits } handwritten digits, and it gets { NUMBER($percent, minimumFractionDigits: 1, maximumFractionDigits: 1) } percent of { $test_digits } digits it has never seen right.
    }

same-digit = Feed it the same digit, layer by layer.

# $right: "yes" if the brightest output is the label's. $shrinks: "yes" if every term shrank.
trained-terms =
    { $right ->
        [yes] Now the { $label }'s output is { $top }, close to the one we wanted, and no other output is above { $others }.
       *[no] Its brightest output is the { $answer }'s, at { $top }, not the { $label }'s: even a trained network gets some digits wrong.
    }{ $shrinks ->
        [yes] {" "}Square the differences again, and every term shrinks.
       *[no] {""}
    }

trained-cost = Add them up: the trained network's cost on this digit is { $cost }.

both-costs = Side by side: { $before } before training, { $after } after.

small-cost =
    A small cost means the output is close to what we wanted.
    Training is the search for weights that make the cost small, on average over all { $train_digits ->
        [elsewhere] its
       *[other] { $train_digits }
    } training digits.

# $digits training digits; the untrained network's average cost over them, $before, and
# the trained network's, $after.
average =
    But one digit is only one digit, and a network could be lucky or unlucky on any single one.
    To judge the whole network, we average its cost over every one of its training digits.
    The untrained network's average cost is about { $before }. The trained network's is about { $after }: it is not perfect, but it is far better, and on almost every digit.

# $total: how many weights and biases the network has.
cost-function =
    So the cost is itself a function, and a very big one.
    It takes { $total } numbers in, every weight and every bias, and it gives one number out: how badly the network does, on average, over the training digits.
    Learning means finding the weights and biases that make that one number small. But how do you search for a low point when there are so many dials to turn? Next, we will think of it as rolling downhill.

## On screen

untrained-note = untrained network, seed { NUMBER($seed, useGrouping: 0) }: { init-words }
digit-note = { $source }, desired output: { $label }
# Beside the network's shape, for outputs that are not a sigmoid's.
output-note =
    { $shape }: not a sigmoid, outputs can be { $activation ->
        [relu] above
       *[tanh] below
    } { $bound }
untrained-panel = untrained, seed { NUMBER($seed, useGrouping: 0) }
trained-panel = trained
one-digit-header = this digit
average-header = average over all { $digits } training digits
function-in = { $total } weights and biases in
function-out = one number out: the average cost
function-example = for the trained network's values:
