# Concepto 10: los tokens se convierten en vectores, y las palabras parecidas reciben vectores cercanos (scenes/embeddings.py).
# Los años se dicen en palabras: la narración escrita los dice igual.
# El modelo lee inglés: sus palabras y tokens se citan tal cual, entre comillas.

tokens =
    Una red como la nuestra solo multiplica y suma números, así que ¿cómo podría leer una frase?
    El primer paso es convertir las palabras en números, y así es como lo hace un modelo de lenguaje de verdad, uno que lee inglés.
    Corta la frase en tokens, palabras enteras o trozos de palabras, y añade una marca en cada extremo: { $tokens } tokens en total.

one-at-a-time =
    Antes de dos mil diecisiete, una red de lenguaje leía los tokens de uno en uno, en orden, y cada paso esperaba al anterior.
    En cada paso, un token se convertía en una lista de números, su incrustación, o embedding.

# $starts: los primeros números del vector del token de ejemplo, separados por comas.
all-at-once =
    Un transformer, desde dos mil diecisiete, los toma todos a la vez: cada token se convierte en su vector en el mismo paso.
    Cada vector es la fila de ese token en una tabla que aprendió el modelo, de { $dims } números de largo.
    Este empieza por { $starts }.

# Dos vectores comparados: $a y $b, palabras relacionadas, en sus $dims entradas.
dot-product =
    Pero ¿cómo puede una lista de números llevar un significado?
    Comparemos dos de ellas, los vectores de las palabras inglesas "{ $a }" y "{ $b }".
    Multiplícalos entrada a entrada: donde los dos apuntan hacia el mismo lado el producto es positivo, y donde no se ponen de acuerdo es negativo.
    Suma todos los productos, hasta el último, y obtienes un solo número: el producto escalar.

# $c: una palabra sin relación con $a; $dot, su producto escalar.
dot-unrelated =
    Ahora pon "{ $c }" en lugar de "{ $b }".
    Sus entradas coinciden con las de "{ $a }" más o menos tantas veces como no coinciden, así que los productos casi se anulan, y la suma es solo { NUMBER($dot, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $high: el coseno de $a y $b; $low, el de $a y $c.
cosine =
    Un producto escalar también crece cuando los vectores son largos.
    Para preguntar solo por la dirección, divídelo entre las dos longitudes: eso es el coseno del ángulo que forman.
    Vale uno cuando dos vectores apuntan exactamente hacia el mismo lado, y cero cuando forman un ángulo recto.
    Para "{ $a }" y "{ $b }" es { NUMBER($high, minimumFractionDigits: 2, maximumFractionDigits: 2) }; para "{ $a }" y "{ $c }", { NUMBER($low, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

map =
    Medidos así, los vectores no tienen nada de arbitrario: las palabras con significados relacionados reciben vectores que apuntan en direcciones parecidas.
    Aquí tienes { $words } palabras, aplanadas de { $dims } dimensiones sobre la página, para que veas sus vecindarios.

# $first y $second son palabras semilla; $first_near, las más cercanas a la primera salvo la
# última, $first_last (igual con $second_...); $others, las otras semillas, unidas por and-join.
nearest =
    Toma "{ $first }": medidas por el coseno entre vectores, sus palabras más cercanas son { $first_near } y { $first_last }.
    Cerca de "{ $second }" están { $second_near } y { $second_last }.
    Y "{ $others }" también tienen sus propios vecindarios.
# Entre comillas, como cada palabra que lee el modelo: "computer" y "river".
and-join = {"\" y \""}

# La analogía: de $a a $c, y el mismo paso desde $b.
analogy-step =
    Las direcciones también tienen significado.
    Aquí está el paso de "{ $a }" a "{ $c }".
    Ahora da el mismo paso, empezando en "{ $b }".

analogy =
    ¿Dónde caes?
    Dejando fuera las tres palabras de las que partimos, la palabra más cercana es "{ $answer }", con un coseno de { NUMBER($score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Le sigue "{ $runner_up }", con { NUMBER($runner_score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Nadie le habló al modelo de realeza ni de género: esa dirección salió del entrenamiento, igual que nuestra red de dígitos encontró sus propios pesos.

to-attention =
    Pero hay un problema.
    Cada uno de estos vectores pertenece a un token por sí solo, así que una palabra recibe exactamente el mismo vector, esté en la frase que esté.
    Y sin embargo, la palabra "model" no se lee igual en una revista de moda que en un artículo de informática.
    Entonces, ¿cómo toma una palabra su significado de las palabras que la rodean?
    Ese es el trabajo de la atención, y se basa en el producto escalar que acabas de ver.

## En pantalla

dot-header = ¿apuntan dos vectores hacia el mismo lado?
# $dot: la suma de los $dims productos de las entradas de $a y $b.
dot-sum = { $a } · { $b } = suma de los { $dims } productos = { NUMBER($dot, minimumFractionDigits: 2, maximumFractionDigits: 2) }
dot-note = { $source }; cada columna muestra algunos de sus { $dims } números; azul positivo, rojo negativo
cosine-rule = coseno = producto escalar ÷ (longitud × longitud)
cosine-line = { $a } y { $b }: { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
to-attention-question = ¿un vector por palabra, sea cual sea la frase?

tokens-note = { $tokens } tokens (WordPiece)
before-header = antes de { NUMBER($year, useGrouping: 0) }: una palabra cada vez
step = paso { $step } de { $total }
after-header = transformers ({ NUMBER($year, useGrouping: 0) }): todas las palabras a la vez
paper = Vaswani et al., { NUMBER($year, useGrouping: 0) }
dims-count =
    { $dims }
    números
rows-note = { $source }: la fila de cada token en la matriz de incrustaciones,
shown-note = los { $first } primeros y los { $last } últimos de sus { $dims } números; azul ≥ { $zero }, rojo < { $zero }
map-header = palabras parecidas, vectores cercanos
# $plane: las dimensiones del PCA (2).
map-note = PCA en { $plane }D de las incrustaciones de { $dims } números de estas { $words } palabras ({ $source })
nearest-title = más cercanas por coseno
analogy-note = PCA en { $plane }D de las incrustaciones de estas cuatro palabras; los cosenos se miden en las { $dims } dimensiones
# La palabra más cercana al punto de la analogía, y la siguiente, con sus cosenos.
analogy-answer = { $answer }   coseno { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
analogy-next = siguiente: { $answer }   coseno { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }
