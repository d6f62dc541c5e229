# The chain rule along one path (scenes/chain_rule.py): one output weight of the untrained
# network, the story's digit, and the three slopes between the weight and the cost.

## Narration

# $output: the output neuron, the digit's label.
path =
    How much, really, does one single weight matter to the cost of this digit? Take a weight, into the output for { $output }. Nudge it, and you nudge that neuron's weighted sum, z; that nudges its activation, a; and that nudges the cost, C. Three links, one after another.

# $lit: the activation feeding the weight; $sign: "minus" if the cost's slope is negative;
# $activation: the network's (sigmoid, relu, tanh).
links =
    The first link is simple: z changes by exactly the activation feeding the weight, here { NUMBER($lit, minimumFractionDigits: 3, maximumFractionDigits: 3) }.
    The second is the slope of the { activation-name } at z: how much a moves when z moves.
    The third is the cost's slope: twice the difference between what the neuron says and what it should say{ $sign ->
        [minus] , negative here, because it says too little.
       *[plus] , positive here, because it says too much.
    }

# $product: dC/dw, as backprop computes it too.
product =
    Multiply the three, and you have how fast the cost changes with this weight: { NUMBER($product, minimumFractionDigits: 3, maximumFractionDigits: 3) }. That is the chain rule, and it is, exactly, the number backpropagation gives for this weight.

# $lit: the activation of the quietest neuron feeding the same output.
together =
    Now take a weight from the quietest neuron of that layer, lit at only { NUMBER($lit, minimumFractionDigits: 3, maximumFractionDigits: 3) }. The first link is that activation, so its nudge is next to nothing. This, then, is the reason behind what backpropagation showed us. A weight moves only as much as the neuron feeding it fires.
    Every weight gets its nudge this way, for every digit, at every step. Our network has thousands of weights; today's language models have billions. How much computing does that take?

## On screen

weight-name = the weight from neuron { NUMBER($neuron, useGrouping: 0) } of hidden layer { $layer } to output { $output }
backprop-entry = the same as backpropagation's entry for this weight
silent-name = from neuron { NUMBER($neuron, useGrouping: 0) }:
