# Concept 1: a real handwritten digit becomes the input layer (scenes/input_layer.py).
# Each message is one beat's narration, named as the beat; { $name } is a number the
# scene recorded from nncore, and NUMBER() says how it is written.

digit =
    { $label ->
        [none] Here is your handwritten digit.
       *[other] Here is a handwritten { $label }, one of the real MNIST digits.
    } To a computer it is a grid of { $side } by { $side } pixels.

pixel-values =
    Each pixel holds one number, its brightness, from zero for black to one for white.
    This one is { NUMBER($first, minimumFractionDigits: 2, maximumFractionDigits: 2) }, this one { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }, and this one { NUMBER($third, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

input-neurons =
    Now cut the grid apart. Every pixel becomes one neuron, and the number it holds is that neuron's activation: this one is lit at { NUMBER($lit, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

neuron-count = { $side } times { $side } is { $total }. So the first layer of the network has { $total } neurons, one for each pixel.

## On screen

digit-note =
    { $label ->
        [none] { $source }
       *[other] { $source }, labelled { $label }
    }
