# The app's own words (nnexplain/words.py): what the lecture's pages, deck, title cards,
# handout, transcript and package write around the scenes' words.

## Everywhere

# The lecture's name: the index page's, the deck's, the handout's and the LMS package's title.
lecture-title = nnexplain lecture
# "Chapter 3", above a chapter's title on its title card and its slide.
chapter-number = Chapter { $number }
# A beat of a chapter, where its still, clip or narration stands alone.
beat-part = part { $number }
# The name of this script's language, as a subtitle track's label.
language-name = English

## The index page (index.html)

index-intro =
    Every number on these pages was computed by nncore on real data; each chapter lists
    them with their sources.
whole-lecture = The whole lecture
subtitles-files = subtitles:
chapter-files = files:
# $slides and $pptx are links: "the slides" (present-slides), "the same as PowerPoint".
present = To present: { $slides } (arrow keys; S for the speaker notes) or { $pptx }.
present-slides = the slides
present-pptx = the same as PowerPoint
# $count numbers on screen, recorded with the $inputs the chapter read.
numbers-on-screen = the { $count } numbers on screen (inputs: { $inputs })

## The deck (slides/index.html)

deck-keys = C: captions on or off · S: speaker notes · ?: all keys
deck-key-language = L: the subtitles' other language
deck-start = click or press a key to play

## The handout (handout.pdf) and the transcript (transcript.txt)

handout-subtitle =
    Every number in it was computed by nncore on real data; each beat lists the numbers it
    says and where they come from.
handout-inputs = The inputs
handout-chapters = The chapters
# The footer of each page: $page of $pages.
handout-page = page { $page } of { $pages }
# The inputs the cover names, by the name the scenes recorded them under.
input-digit = digit
input-label = its label
input-weights = network
input-sentence = sentence
input-contrast = contrast
input-focus = focus word
input-seed = seed of the untrained network
transcript-title-lecture = Transcript of the nnexplain lecture (times into the lecture video)
transcript-title-chapters = Transcript of the nnexplain lecture (times into each chapter's video)
