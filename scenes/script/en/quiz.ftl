# The quiz of the lecture (nnexplain/quiz.py): OUT/quiz.gift and OUT/quiz.html.
# A numeric question is answered by a number the lecture showed; its variables are
# numbers and inputs the scenes recorded, so it is about this lecture's own digit.
# A multiple-choice question is four messages: the question, its right answer
# (-right) and two wrong ones (-wrong-a, -wrong-b).

## The files

# The comment atop quiz.gift, for the teacher who imports it.
gift-note = The quiz of the nnexplain lecture: each number in it is one the lecture showed.

## The page

page-title = Check what you learned
page-intro =
    Answer each question, then check your answers. A number is right when it is the
    one the lecture showed, to as many decimal places as it showed.
check = Check my answers
right = Right.
# $answer: the number the lecture showed.
wrong-number = Not quite: the lecture showed { $answer }.
# $answer: the right choice.
wrong-choice = Not quite: { $answer }.
unanswered = No answer yet.
not-a-number = Write your answer as a number, as the lecture showed it.

## The input layer

input-neurons = This digit is a { $label }. How many input neurons does its grid of pixels become?

input-neuron = What does one input neuron hold?
input-neuron-right = the brightness of one pixel of the digit
input-neuron-wrong-a = the network's guess for one digit
input-neuron-wrong-b = a weight the network learned in training

## Hidden layers

hidden-neurons = How many neurons does the first hidden layer of the network have?

prediction = Which digit did the trained network answer for this { $label }?

answer-from = How does the network give its answer?
answer-from-right = the digit of its brightest output neuron is its answer
answer-from-wrong-a = the number of neurons lit in its last hidden layer is its answer
answer-from-wrong-b = it answers the digit its brightest pixel belongs to

## Weights and biases

parameter-count = How many weights and biases does the network have in all?

weighted-sum = What was the weighted sum z of neuron { $neuron } of the first layer, for this digit?

bias = What does a neuron's bias do?
bias-right = it shifts how large the weighted sum must be before the neuron lights up
bias-wrong-a = it multiplies the brightness of each pixel
bias-wrong-b = it picks which digit the network answers

## The cost

untrained-cost = What was the cost of this { $label } for the untrained network?

untrained-answer = Which digit did the untrained network answer for this { $label }?

cost-sum = How is the cost of one digit computed?
cost-sum-right = add up the squares of the differences between each output and what we wanted
cost-sum-wrong-a = count the outputs that are wrong
cost-sum-wrong-b = subtract the smallest output from the largest

trained-from = From how many handwritten digits did the trained network learn?

small-cost = What does a small cost tell you?
small-cost-right = the outputs are close to what we wanted
small-cost-wrong-a = the network has few weights
small-cost-wrong-b = the digit was drawn faintly

## Rolling downhill

start-cost = On the slice through one weight, what was the average cost where the ball started?

rolled-cost = On the slice through one weight, what was the average cost after the small steps downhill?

long-step = What happens when a step downhill is far too long?
long-step-right = the ball overshoots the valley, and can end up higher than it was
long-step-wrong-a = the ball lands at the bottom of the valley, only faster
long-step-wrong-b = the cost cannot change at all

## The negative gradient

gradient-entries = How many entries does the gradient of the cost have, one per weight and bias?

negative-gradient = What does the negative gradient tell each weight?
negative-gradient-right = which way to move, and how much that move matters
negative-gradient-wrong-a = the value it will have once training ends
negative-gradient-wrong-b = which digit it detects

## The network learns

# $digits training digits in mini-batches of $batch.
steps-per-epoch = With { $digits } training digits in mini-batches of { $batch }, how many gradient steps make one epoch?

gradient-steps = How many gradient steps did the whole training run take?

epoch = What is an epoch?
epoch-right = one pass over all the training digits
epoch-wrong-a = one gradient step on one digit
epoch-wrong-b = one layer of the network

## Backpropagation

loudest-wrong = For this { $label }, which wrong output was the loudest?

backprop-direction = Which way does backpropagation carry each output's wishes?
backprop-direction-right = backwards, from the output layer towards the input
backprop-direction-wrong-a = forwards, from the input towards the output
backprop-direction-wrong-b = nowhere: each output changes only its own bias

## The chain rule

chain-product = Multiplying the three links, how fast does the cost change with the weight into the output for { $output }?

quiet-weight = Why does a weight from a quiet neuron hardly change?
quiet-weight-right = its nudge is proportional to the activation feeding it
quiet-weight-wrong-a = its value is already right
quiet-weight-wrong-b = the cost does not depend on it at all

## The scale of training

ladder-years = How many years does the bottom rung of the ladder stand for?

ladder-rungs = Going down the ladder, how long is each rung?
ladder-rungs-right = many times longer than the one above it
ladder-rungs-wrong-a = one year longer than the one above it
ladder-rungs-wrong-b = as long as the one above it

## Words as vectors

tokens = Into how many tokens did MiniLM split “{ $sentence }”?

embedding-size = How many numbers make the vector of each token?

similar-words = What do words of similar meaning have in common?
similar-words-right = vectors that point in similar directions
similar-words-wrong-a = the same number of letters
similar-words-wrong-b = the same token

## Attention

heads = How many attention heads does each layer of MiniLM have?

layers = How many layers does MiniLM have?

attention = What does attention let the vector of “{ $focus }” do?
attention-right = take in meaning from the other words of its sentence
attention-wrong-a = stay exactly as it was, whatever the sentence
attention-wrong-b = replace itself with the vector of the sentence's first word
