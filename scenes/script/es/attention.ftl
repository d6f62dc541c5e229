# Concepto 11: la atención distingue los dos significados de una palabra (scenes/attention.py).
# $word es la palabra que comparten las dos frases; las palabras citadas vienen de las frases,
# que están en inglés porque el modelo lee inglés: se citan tal cual, entre comillas.

# $same_position: "yes" si la palabra está en el mismo sitio en las dos frases.
two-sentences =
    Las palabras toman su significado de las palabras que las rodean, así que ¿cómo lo consigue una red? Aquí tienes dos frases en inglés, porque el modelo lee inglés, que comparten una palabra: "{ $word }".
    En las dos, empieza desde la misma fila de la matriz de incrustaciones; { $same_position ->
        [yes] hasta su posición es la misma
       *[no] solo cambia su posición
    }.
    Así que, al principio, la red no tiene manera de saber a qué "{ $word }" nos referimos.

# Una cabeza trabajando sobre la primera frase: $layer y $head (desde 1), $dims la longitud de sus vectores.
query-key =
    Veamos trabajar a una cabeza de atención, la cabeza { $head } de la capa { $layer }.
    La elegimos por un motivo.
    De todas las cabezas, es aquella en la que "{ $word }" mira con más fuerza a las otras palabras con contenido, las que dicen de qué clase de "{ $word }" se trata.
    A partir del vector de "{ $word }", la cabeza calcula una consulta, una lista de { $dims } números, con una matriz que aprendió al entrenar: piensa en ella como una pregunta, ¿qué me dice lo que significo aquí?
    A partir del vector de cada palabra, otra matriz aprendida calcula una clave, { $dims } números que dicen lo que esa palabra tiene para ofrecer.

# $best: la palabra con contenido cuya clave responde mejor a la consulta, con $score.
scores =
    Para ver lo bien que cada clave responde a la pregunta, calculamos su producto escalar con la consulta, la misma multiplicación y suma que viste con dos palabras.
    Luego dividimos entre la raíz cuadrada de { $dims }, lo que mantiene estas puntuaciones en un rango donde el paso siguiente funciona bien.
    La palabra con contenido que más puntúa es "{ $best }", con { NUMBER($score, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $weight: la proporción de atención que "$word" le da a $best.
softmax =
    Las puntuaciones pueden tener cualquier tamaño, positivas o negativas, así que el softmax las convierte en proporciones: elevamos el número e a cada puntuación, y dividimos entre el total, de modo que cada proporción es positiva y todas juntas suman uno.
    Estas proporciones son la fila de "{ $word }" en el patrón de atención, y a "{ $best }" le toca { NUMBER($weight, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

values =
    Cada palabra tiene además un valor, una tercera lista de { $dims } números, hecha por una tercera matriz aprendida: lo que la palabra transmite a quienes le prestan atención.
    Ponderamos el valor de cada palabra por su proporción, y los sumamos todos.
    La suma es lo que esta cabeza le añade a "{ $word }": la capa la convierte de nuevo en un vector tan largo como el de la propia palabra y se lo suma, así que "{ $word }" se acerca al significado de las palabras a las que atendió.

# $total: $layers por $heads.
heads-layers =
    Eso fue una cabeza haciendo una pregunta.
    MiniLM hace trabajar { $heads } cabezas en paralelo en cada capa, cada una con sus propias consultas, claves y valores, y apila { $layers } capas así: { $total } cabezas en total.
    La salida de cada capa es la entrada de la siguiente, así que una palabra puede ir reuniendo su contexto paso a paso.

# $skipped: "yes" si se dejaron fuera de la elección las cabezas que solo miran un token atrás.
attention-pattern =
    Aquí está el patrón completo de la cabeza { $head } de la capa { $layer }, para las dos frases.
    Cada fila es una palabra que mira a las demás, y cuanto más grande es un cuadrado, más atención va allí; cada fila suma uno.
    La fila de "{ $word }" es la que acabamos de calcular, enmarcada en amarillo{ $skipped ->
        [yes] ; al elegir, dejamos fuera las cabezas que solo miran una palabra atrás
       *[no] {""}
    }.

# Por frase: $first_has "no" si no tiene otra palabra con contenido; si no, la que la palabra
# más mira, $first_context, con $first_share de su atención (igual con $second_...).
context =
    Ahora dibujemos la fila de "{ $word }" como flechas que llegan hasta ella: cuanto más ancha la flecha, mayor la proporción. { $first_has ->
        [no] La primera frase no tiene otra palabra con contenido a la que mirar.
       *[yes] En la primera frase, la palabra con contenido a la que más mira es "{ $first_context }", con { NUMBER($first_share, minimumFractionDigits: 2, maximumFractionDigits: 2) } de su atención.
    } { $second_has ->
        [no] La segunda frase no tiene otra palabra con contenido a la que mirar.
       *[yes] En la segunda, es "{ $second_context }", con { NUMBER($second_share, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    }

vectors-input =
    Ahora sigamos los dos vectores de "{ $word }" hacia arriba, a través de las capas.
    En la entrada, su coseno es { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }, donde uno querría decir exactamente la misma dirección.

# $apart: "yes" si el último coseno es menor que el primero.
vectors-parting =
    Capa a capa, la atención mezcla en cada uno su propio contexto, y los dos vectores cambian.
    Después de la última capa, el coseno es { NUMBER($cosine, minimumFractionDigits: 2, maximumFractionDigits: 2) }: { $apart ->
        [yes] se han separado
       *[no] no se han separado
    }.

# $probes: "yes" si se dibujan palabras de prueba como puntos grises.
paths-in-a-plane =
    Aquí ves los dos vectores de "{ $word }" después de cada capa, aplanados sobre un plano ajustado a ellos.
    Empiezan en el mismo punto, donde solo cuentan la palabra y su posición.
    Capa a capa, cada uno absorbe su propia frase, y después de la capa { $last } se han alejado.{ $probes ->
        [yes] {" "}Los puntos grises son palabras de uno y otro significado, cada una por sí sola.
       *[no] {""}
    }

# $nearer: "both" (el primero está más cerca de $first_near, el segundo de $second_near),
# "first" o "second" (más cerca de todas las palabras de prueba), o "neither". La palabra de
# prueba más clara, $clearest: $high en la frase $high_sentence ("first" o "second"), $low en la otra.
probe-words =
    Para ver qué significado tomó cada "{ $word }", lo comparamos con palabras de uno y otro significado, cada una codificada por separado.
    Después de la última capa, { $nearer ->
        [both] el de la primera frase está más cerca de { $first_near }, y el de la segunda de { $second_near }
        [first] el de la primera frase está más cerca de todas ellas
        [second] el de la segunda frase está más cerca de todas ellas
       *[neither] ninguno está más cerca de ninguna de ellas
    }.
    La que mejor los distingue es "{ $clearest }": { NUMBER($high, minimumFractionDigits: 2, maximumFractionDigits: 2) } en la { $high_sentence ->
        [first] primera
       *[second] segunda
    } frase frente a { NUMBER($low, minimumFractionDigits: 2, maximumFractionDigits: 2) } en la { $high_sentence ->
        [first] segunda
       *[second] primera
    }.

close =
    Así que eso es la atención: cada palabra hace una pregunta, cada palabra ofrece una respuesta, y cada palabra absorbe lo que mejor le responde.
    Capa tras capa, el vector de "{ $word }" deja de ser una entrada de diccionario y se convierte en esta palabra en esta frase.
    Todo es aritmética que ya has visto: sumas ponderadas, un softmax y parámetros encontrados por descenso de gradiente, igual que en nuestra pequeña red de dígitos, solo que muchísima más.

# Listas de palabras: "a, b y c".
list-comma = {", "}
list-and = {" y "}

## En pantalla

work-header = una cabeza trabajando: capa { $layer }, cabeza { $head }
work-query = consulta de "{ $word }"
work-keys = claves
work-values = valores
work-scores = puntuaciones
work-weights = pesos
work-output =
    lo que añade
    la cabeza
work-note = { $source }; puntuación: consulta · clave ÷ √{ $dims }; pesos: softmax de las puntuaciones; cada columna muestra algunos de sus { $dims } números
heads-header = { $heads } cabezas, todas trabajando
layer-name = capa { $layer }
close-1 = cada palabra pregunta: una consulta
close-2 = cada palabra responde: una clave y un valor
close-3 = cada una absorbe lo que mejor le responde

head-header = capa { $layer }, cabeza { $head }
# Qué cabeza se muestra: de las $layers x $heads cabezas de $source.
head-rule = de las { $layers } x { $heads } cabezas de { $source }, aquella en la que "{ $word }" más atiende a las otras palabras con contenido,
head-rule-sum =
    { $skipped ->
        [no] sumando sobre las dos frases
       *[yes] sumando sobre las dos frases; sin contar las cabezas que solo miran un token atrás ({ $heads })
    }
# Una cabeza omitida, en la lista de head-rule-sum.
skipped-head = capa { $layer } cabeza { $head }
context-header = "{ $word }" absorbe su contexto
context-note = capa { $layer }, cabeza { $head }; bajo cada palabra, su parte de la atención de "{ $word }"
vectors-header = los dos vectores de "{ $word }", capa a capa
stage-input = entrada: palabra + posición
stage-layer = tras la capa { $layer }
bars-title = coseno de los dos vectores de "{ $word }"
bars-axis = capa
bars-input = entrada
vectors-note = { $source }: cada columna muestra los { $first } primeros y los { $last } últimos de sus { $dims } números
plane-note =
    plano: PCA de los vectores unitarios de "{ $word }" tras cada capa de las dos frases{ $probes ->
        [yes] ,
              y de los de las palabras de prueba, cada una codificada sola, tras la última
       *[no] {""}
    }
plane-kept = conserva el { NUMBER($kept, style: "percent", maximumFractionDigits: 0) } de su varianza
plane-input = entrada
plane-layer = capa { $layer }
probe-header = ¿qué "{ $word }"?
probe-subtitle = coseno tras la capa { $last } (la última)
probe-note = cada palabra de prueba se codifica sola ("[CLS] palabra [SEP]"); su vector de la capa { $last } se compara con el de "{ $word }" en la capa { $last }
# $cosines: cada palabra de prueba con sus dos cosenos en la entrada, "bank 0.31 / 0.28, ...".
probe-input = en la entrada: { $cosines }
