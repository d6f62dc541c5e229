# Gradient descent on a real landscape (scenes/landscape.py): a slice of the average cost
# through one real weight of the untrained network, a ball rolling down it, a step too
# large, then two weights at once. Every number is a variable the scene recorded.

## Narration

question =
    How, then, does a network learn? Take the cost of one digit, how far the ten outputs are from what they should be, and average it over all { $digits } training digits. That one number says how badly the network does, and it depends on every one of its weights and biases, some { $thousands } thousand of them. So think of the cost as a landscape over all those dials, and of learning as walking downhill.

# $layer_name: which layer the weight leaves (last hidden layer, input ...); $to: the output.
slice =
    Nobody can picture that many dimensions. But you can turn a single dial and hold every other one still. Here is one real weight of the untrained network, running from { $layer_name }, into the output for { $to }. Slide it left or right, and the average cost traces out this curve.

# $rises: "right" if the cost rises to the right of the start, else "left".
slope =
    Our network starts here. Which way is downhill? The slope tells you. { $rises ->
        [right] Here the ground rises to the right, so the cost falls if the weight gets smaller.
       *[left] Here the ground rises to the left, so the cost falls if the weight gets larger.
    }

roll =
    So we step downhill, in proportion to the slope. Where it is steep, a step is long; as the ground flattens, the steps shrink, and the ball settles towards the bottom of the valley. The cost falls from { NUMBER($start, minimumFractionDigits: 2, maximumFractionDigits: 2) } to { NUMBER($end, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $past: "yes" if the long step lands past the valley floor and higher than it;
# $stuck: "yes" if the slope where it lands is nearly flat.
overshoot =
    Why not take bigger steps, and get there sooner? Here is the same start with steps { $times } times as long. { $past ->
        [yes] The first step flies right over the valley, and it lands higher, not lower, than its floor.
       *[no] The first step lands short of flying over the valley, this time.
    } { $stuck ->
        [yes] Out there the ground is almost flat, so every step after it is tiny: the ball is stuck on a plain.
       *[no] From there, it has to work its way back.
    }

# $valleys: how many valleys this slice has ("one" for a single one).
valleys =
    { $valleys ->
        [one] Along this one dial there is a single valley and no other dip, so no local minimum can trap the ball: it rolls right down to the floor.
       *[other] Even this one slice has { $valleys } valleys, and which one the ball finds depends on where it starts.
    } The whole landscape is another matter: with so many dials there can be many dips, and the ball only finds the one it rolls into.

# $second_name: where the second weight comes from, like $layer_name.
surface =
    Now let's turn two dials at once: this weight, and one from { $second_name } into another output. The cost becomes a surface, seen from above: dark where it is low, light where it is high. The arrow is the negative gradient at the start, the direction in which the cost falls fastest.

path =
    Step along it, again and again, and the ball rolls down into the dark. Each of these steps is careful: it asks every training digit which way is down.

# $low: "yes" if the quick walker ends as low as the careful one (within a hundredth).
stumble =
    That care is expensive, so training takes a shortcut. It shuffles the digits and steps after each small batch of { $batch }, the very batches our training run used, so each step is only a guess at the slope. Now, watch the quick walker: it stumbles, and zigzags, where the careful one walked straight. But for the price of one careful step it takes { $ratio } quick ones, and it still gets { $low ->
        [yes] just as low.
       *[no] nearly as low.
    }

dimensions =
    Now do that in { $thousands } thousand dimensions, with all the dials at once. The arrow can no longer be drawn: it becomes a long list of nudges, one for each weight and bias. What does that list tell us? That is where we go next.

## On screen

# The layer a weight leaves, as the narration and the labels name it.
layer-name =
    { $position ->
        [input] the input layer
       *[hidden] hidden layer { $layer }
    }

x-axis = change to this weight
y-axis = average cost
cost-function = cost of { $params } numbers
one-number = one number
weight-name =
    weight from neuron { $from } of { $layer_name }
    to output { $to }
cost-note = untrained network, seed { $seed }: cost averaged over { $digits } training digits
step-note = step = −{ $eta } × slope
long-step-note = step = −{ $eta } × slope, { $times } times as long
second-axis = change to the second weight
dimensions-note = now in { $params } dimensions
careful-legend = every step: all { $digits } digits
quick-legend = every step: { $batch } digits
