# Concepto 2: por qué capas, la red encendiéndose capa a capa, y lo que de verdad pesa
# su primera capa oculta (scenes/network.py).

# Lo que esperamos, dibujado como un esquema y presentado como tal (los pesos reales
# llegan al final).
why-layers =
    ¿Para qué querría una red capas entre los píxeles y la respuesta?
    Lo que esperamos es esto: que la primera capa aprenda a detectar bordes pequeños, trazos cortos de tinta en un sitio y con un ángulo concretos.
    Que la capa siguiente junte esos bordes en piezas más grandes, como un bucle arriba o una línea larga en un lado.
    Y que la última capa vea qué piezas hay, un bucle sobre una línea, y diga qué dígito forman.
    Ten en cuenta que esto es solo lo que esperamos, una imagen de cómo podría funcionar. Más adelante veremos qué hace de verdad una red entrenada.

# $inputs y $outputs son los tamaños de la primera y la última capa; { hidden-layers }
# (story.ftl) dice las capas de en medio.
layers =
    Así que aquí está nuestra red completa. A la izquierda, las { $inputs } neuronas de entrada, encendidas por nuestro dígito.
    Después, { hidden-layers }, y una capa de salida de { $outputs } neuronas, una por cada dígito.

# $train_digits: con cuántos dígitos se entrenó la red, o "unknown".
weights =
    Cada neurona está unida a todas las neuronas de la capa siguiente, y cada una de estas líneas lleva un peso: azul cuando es positivo, rojo cuando es negativo. { $train_digits ->
        [unknown] Estos pesos los eligió el entrenamiento.
       *[other] No los elegimos a mano: los eligió el entrenamiento con { $train_digits } dígitos escritos a mano.
    }

# Una red sin capa oculta (784-10).
input =
    Ahora introducimos el dígito: cada neurona de entrada se enciende con el brillo de su píxel.
    Como no hay capa oculta, los pesos llevan estas activaciones directamente a la salida.

# $lit de las $size neuronas de la primera capa oculta están encendidas más que a medias.
first-hidden-layer =
    Ahora introducimos el dígito, y cada neurona de entrada se enciende con el brillo de su píxel.
    A través de los pesos, estas activaciones deciden cuánto se enciende cada neurona de la primera capa oculta.
    Con este dígito, { $lit } de sus { $size } neuronas { $lit ->
        [one] está encendida
       *[other] están encendidas
    } más que a medias.

# Cada capa oculta después de la primera.
next-hidden-layer =
    Esa capa, a su vez, decide la siguiente, exactamente de la misma manera.
    En esta capa, { $lit } de sus { $size } neuronas { $lit ->
        [one] está encendida
       *[other] están encendidas
    } más que a medias.

# $label es "none" para un dígito sin etiqueta.
output =
    Por último llega la capa de salida, con una neurona por cada dígito.
    La más brillante es la del { $prediction }, con { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }, y la siguiente es la del { $runner_up }, con solo { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Así que la red dice que es un { $prediction }.{ $label ->
        [none] {""}
       *[other] {" "}Y { $right ->
            [yes] acierta
           *[no] se equivoca
        }: este dígito tiene la etiqueta { $label }.
    }

# $shown de las $neurons neuronas de $layer (un nombre de capa: "capa oculta 1").
weight-maps =
    Pero ¿funciona como esperábamos? Podemos comprobarlo.
    Cada neurona de la { $layer } tiene un peso por cada píxel, así que podemos dibujar sus pesos como una imagen sobre la cuadrícula de píxeles: azul donde un píxel encendido empuja la neurona hacia arriba, rojo donde tira de ella hacia abajo.
    { $shown ->
        [one] Aquí la tienes, tal como la dejó el entrenamiento.
       *[other] Aquí tienes las { $shown } neuronas, tal como las dejó el entrenamiento.
    }

not-edges =
    ¿Se parecen a los bordes pequeños y limpios que esperábamos? Sinceramente, no mucho.
    Algunas tienen una mancha azul donde suele haber tinta, y la mayoría parecen ruido con una forma tenue dentro.
    El entrenamiento no se propuso encontrar bordes. Encontró los pesos que hacían acertar a la red, fueran los que fueran, y esos pesos trabajan juntos de maneras difíciles de leer uno por uno.

# Una neurona ($layer, un nombre de capa) con nuestro dígito: la suma de sus productos
# píxel por peso positivos, $push, y la de los negativos, $pull (como número positivo).
push-pull =
    Así que vamos a observar una sola de estas neuronas, la del cuadrado amarillo, mientras lee nuestro dígito.
    Multiplicamos cada píxel por su peso. Donde la tinta cae sobre azul, el producto es positivo, y donde cae sobre rojo, negativo.
    Si sumamos los productos positivos, la tinta hace subir la neurona unos { NUMBER($push, maximumFractionDigits: 0) }.
    Los negativos la hacen bajar unos { NUMBER($pull, maximumFractionDigits: 0) }, y el punto donde se encuentran los dos es la suma ponderada.

# $threshold: menos el sesgo de la neurona; $total: la suma ponderada; $lit: "yes" si lo supera.
threshold =
    Luego viene el sesgo. Funciona como un umbral: esta neurona { $activation ->
        [sigmoid] se enciende más que a medias
       *[other] se activa
    } solo cuando la suma ponderada pasa de { NUMBER($threshold, minimumFractionDigits: 2, maximumFractionDigits: 2) }. { $lit ->
        [yes] Con nuestro dígito la suma pasa esa línea, así que la neurona se enciende.
       *[no] Con nuestro dígito la suma no llega a esa línea, así que la neurona se queda apagada.
    }

next =
    Todas las neuronas de la red hacen exactamente esto, cada una con sus propios pesos y su propio sesgo.
    Entonces, ¿cuántos de estos números hay, y qué haría falta para ajustarlos todos bien? Esa es nuestra siguiente pregunta.

## En pantalla

hope-title = lo que esperamos
hope-pixels = píxeles
hope-edges = bordes
hope-loops-and-lines = bucles y líneas
hope-digit = dígito
maps-title = pesos que llegan a cada neurona de la { $layer }
maps-note = cada mapa, a la escala de su mayor peso
panel-digit = nuestro dígito
panel-weights = sus pesos
panel-products = píxel × peso
push-label = sube
pull-label = baja
sum-label = suma ponderada
threshold-label = umbral
