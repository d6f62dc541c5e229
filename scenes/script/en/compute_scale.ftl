# Concept 9: how much arithmetic training takes, on a ladder of time (scenes/compute_scale.py).
# $rate and $years come as nncore.compute.count_phrase writes them: "1 billion".

rate =
    How much arithmetic does it take to train a large language model?
    Picture a computer that does { $rate } computations every second.

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
    Real training spreads that work over thousands of chips, each far faster than our imagined computer.

## On screen

rate-title = { $rate } computations per second
model-years = ≈ { $years } years
# $flop in scientific notation (3.14 × 10²³), $citation the paper.
citation = { $name }: { $flop } FLOP ({ $citation })
