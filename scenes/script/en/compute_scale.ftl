# Concept 9: how much arithmetic training takes, on a ladder of time (scenes/compute_scale.py).
# $rate, $years, $params, $ratio and $tokens come as the message count writes them: "1 billion".

# A large count: nncore.compute.count's figure, and its power of ten as a word.
count =
    { $power ->
        [12] { NUMBER($figure) } trillion
        [9] { NUMBER($figure) } billion
        [6] { NUMBER($figure) } million
        [3] { NUMBER($figure) } thousand
       *[other] { NUMBER($figure) }
    }
# A count written out in full: 13,002.
exact = { NUMBER($n) }

digit-network =
    You have now seen everything our digit network does, and every one of its { NUMBER($params) } parameters was found by gradient descent.
    That felt like a lot of knobs to turn.
    So how far is our little network from the language models that write text and answer questions?

# $model: the model's key (gpt3-175b), said by model-name; $name its written name.
parameters-gap =
    Now take { model-name }, a model from twenty twenty.
    It has { $params } parameters, about { $ratio } times as many as our network, and each of them is a knob tuned by the same gradient descent you have seen.

training-work =
    Training means reading text, one token after another, and nudging every parameter a little each time.
    For every token, each parameter costs a handful of computations: a multiply and an add on the way forward, and about twice that on the way back.
    And { model-name } learned from about { $tokens } tokens of text.

rate =
    So how much arithmetic does that add up to, in time you can picture?
    Imagine a computer that does { $rate } computations every second.

ladder =
    To see how long things take, here is a ladder of time.
    The top line is one minute.
    Each line below zooms out: its blue stretch is the whole line above.
    An hour, a day, a month.

ladder-years = Then a year, and on down, to { NUMBER($bottom, maximumFractionDigits: 0) } years on the bottom line.

# One beat per model, named after it; $place: "first", "middle" or "last" of the models
# placed, $model the model's key (llama3-1-405b), $name its name as nncore writes it.
# $times: how many times the ladder's length a run past its bottom spans ($beyond "yes").
model =
    { $place ->
        [first] At that speed, training
        [last] And training
       *[middle] Training
    } { model-name } would take about { $years } years.{ $beyond ->
        [yes] {" "}That is past the bottom of the ladder: { $times } times its whole length.
       *[no] {""}
    }
# A name with digits in it is said in words (every digit the narration says is a number).
model-name =
    { $model ->
        [gpt3-175b] GPT three
        [chinchilla-70b] Chinchilla
        [palm-540b] PaLM
        [llama3-1-405b] Llama three point one
       *[other] { $name }
    }

papers =
    Each figure is the total its paper reports for training the model.
    Real training spreads that work over thousands of chips, each far faster than our imagined computer, and it still takes weeks or months.
    But what is all that arithmetic for?
    To see, we open up a small language model, MiniLM, and follow a sentence through it, starting with how it turns words into numbers.

## On screen

digit-network-label = our digit network
# $count: the message count's or exact's words.
parameters = { $count } parameters
times-as-many = about { $ratio } times as many
# $per: computations for each parameter and each token.
work-rule = training: about { $per } computations per parameter, for every token read
work-note = { $name } read about { $tokens } tokens (Brown et al.); the rule is Kaplan et al.'s
rate-title = { $rate } computations per second
model-years = ≈ { $years } years
# $flop in scientific notation (3.14 × 10²³), $citation the paper.
citation = { $name }: { $flop } FLOP ({ $citation })

# A line of the time ladder: $count of $unit (minute, hour, day, month or year).
rung-name =
    { $count ->
        [one] { $unit ->
            [minute] Minute
            [hour] Hour
            [day] Day
            [month] Month
           *[year] Year
        }
       *[other] { NUMBER($count) } { $unit ->
            [minute] Minutes
            [hour] Hours
            [day] Days
            [month] Months
           *[year] Years
        }
    }
