# Concept 1: a real handwritten digit becomes the input layer (scenes/input_layer.py).
# Each message is one beat's narration, named as the beat; { $name } is a number the
# scene recorded from nncore, and NUMBER() says how it is written.

digit =
    { $label ->
        [none] Here is your handwritten digit. You read it at a glance, without a thought, but how could a machine ever do the same?
       *[other] Here is a handwritten { $label }, one of the real MNIST digits. You read it at a glance, without a thought, but how could a machine ever do the same?
    } To a computer, it is only a grid of { $side } by { $side } small squares, called pixels.

pixel-values =
    Each pixel holds one number, its brightness, from zero for black to one for white.
    This one, in the middle of a stroke, is { NUMBER($first, minimumFractionDigits: 2, maximumFractionDigits: 2) }; this one, on the edge of a stroke, is { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }; and this one, near the middle but off the ink, is { NUMBER($third, minimumFractionDigits: 0, maximumFractionDigits: 2) }.

input-neurons =
    Now cut the grid apart, row by row, and stack the pixels in one long column.
    Every pixel becomes one neuron, and the number it holds is that neuron's activation, how brightly it is lit: this one, for example, is lit at { NUMBER($lit, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

neuron-count =
    That makes { $total } pixels, so the first layer of our network has one neuron for each of them.
    Everything the network will ever know about your digit is in this column of brightnesses.

what-next =
    But a column of brightnesses is not yet an answer.
    Somewhere between these numbers and the name of a digit, the network has to notice strokes, loops and lines, and put them together.
    How could it do that? That is what the layers in the middle are for, and it is where we go next.

## On screen

digit-note =
    { $label ->
        [none] { $source }
       *[other] { $source }, labelled { $label }
    }
