# Las palabras de la propia aplicación (nnexplain/words.py): lo que escriben las páginas,
# la presentación, las portadas de capítulo, el folleto, la transcripción y el paquete.

## En todas partes

lecture-title = Clase de nnexplain
chapter-number = Capítulo { $number }
# Un momento de un capítulo, allí donde su imagen, su vídeo o su narración van solos.
beat-part = parte { $number }
language-name = español

## La página índice (index.html)

index-intro =
    Cada número de estas páginas lo calculó nncore con datos reales; cada capítulo los
    enumera junto con su origen.
whole-lecture = La clase completa
subtitles-files = subtítulos:
chapter-files = archivos:
present = Para presentar: { $slides } (flechas; S para las notas del orador) o { $pptx }.
present-slides = las diapositivas
present-pptx = lo mismo en PowerPoint
numbers-on-screen = los { $count } números en pantalla (datos de entrada: { $inputs })

## La presentación (slides/index.html)

deck-keys = C: subtítulos sí o no · S: notas del orador · ?: todas las teclas
deck-key-language = L: subtítulos en el otro idioma
deck-start = haz clic o pulsa una tecla para empezar

## El folleto (handout.pdf) y la transcripción (transcript.txt)

handout-subtitle =
    Cada número que contiene lo calculó nncore con datos reales; cada momento enumera los
    números que dice y de dónde salen.
handout-inputs = Los datos de entrada
handout-chapters = Los capítulos
handout-page = página { $page } de { $pages }
input-digit = dígito
input-label = su etiqueta
input-weights = red
input-sentence = frase
input-contrast = frase de contraste
input-focus = palabra en común
input-seed = semilla de la red sin entrenar
transcript-title-lecture = Transcripción de la clase de nnexplain (tiempos en el vídeo de la clase)
transcript-title-chapters =
    Transcripción de la clase de nnexplain (tiempos en el vídeo de cada capítulo)
