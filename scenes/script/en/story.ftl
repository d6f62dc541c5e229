# Words several scenes share (scenes/story.py): the network they are told about,
# its activation, and the small notes that say where the numbers on screen come from.
# A scene's own file may use any of these, e.g. { hidden-layers }: a message used
# inside another gets the same variables.

## The network in words

# The hidden layers of the network: $hidden_count of them; $hidden_first the first's
# width, $hidden_same "yes" if all are as wide; else $hidden_widths all but the last's
# widths, comma-separated, and $hidden_last the last's.
hidden-layers =
    { $hidden_count ->
        [0] no hidden layer at all
        [1] one hidden layer of { $hidden_first } neurons
       *[other] { hidden-count } hidden layers{ $hidden_same ->
            [yes] {" "}of { $hidden_first } neurons each
           *[no] , of { $hidden_widths } and { $hidden_last } neurons
        }
    }

hidden-count =
    { $hidden_count ->
        [2] two
        [3] three
        [4] four
        [5] five
        [6] six
        [7] seven
        [8] eight
        [9] nine
       *[other] { $hidden_count }
    }

# What the diagram labels layer $layer of $layers (input, hidden layer 2, output).
layer-name =
    { $position ->
        [input] input
        [output] output
       *[hidden] hidden layer { $layer }
    }

## The activation: its name, how its symbol is read, and what it does to z

activation-name =
    { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] sigmoid
    }
activation-read =
    { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] sigma
    }

## Notes in a corner of the screen

# $shape is the layer sizes, dashed: 784-32-10.
network-note = { $shape }, { activation-name } in every layer
trained-note =
    { $train_digits ->
        [elsewhere] network trained elsewhere: { NUMBER($accuracy, style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1) } right on { $test_digits } held-out digits here
       *[other] trained network: { $train_digits } MNIST digits, { NUMBER($accuracy, style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1) } right on { $test_digits } held-out digits
    }
untrained-note = untrained network, seed { NUMBER($seed, useGrouping: 0) }
# How the untrained network's numbers were drawn; $law is the distribution, N(0, 1).
init-words =
    { $init ->
        [standard] every weight and bias drawn from { $law }
       *[scaled] weights drawn from { $law }, biases { $bias }
    }
digit-note = { $source }, desired output { $label }
# A digit named for a reader: $index is its number in our MNIST sample, or "none" for
# your own image, $file.
digit-name =
    { $index ->
        [none] your image, { $file }
       *[other] an MNIST digit (no. { NUMBER($index, useGrouping: 0) } of our sample)
    }
# Which neurons a layer wider than $shown shows.
shown-rule = layers over { $shown } neurons: the { $shown } most active for this digit are drawn
