# Concepto 8: la retropropagación, para un ejemplo (scenes/backprop.py).

example =
    El descenso de gradiente necesita un empujoncito para cada peso, pero ¿cómo los encontramos, exactamente? Preguntemos a un solo ejemplo: este dígito escrito a mano, que debería hacer que la red diga { $desired }.
    Pasa por una red que aún no está entrenada: sus pesos siguen siendo aleatorios.

# $target: la salida que debería subir; $worst: la salida equivocada de la que la red está más segura.
output-nudges =
    ¿Qué quiere este ejemplo?
    La salida { $target } debería subir hasta uno, y todas las demás bajar hasta cero.
    La salida { $target } está en { NUMBER($a_target, minimumFractionDigits: 2, maximumFractionDigits: 2) }, y la salida { $worst } en { NUMBER($a_worst, minimumFractionDigits: 2, maximumFractionDigits: 2) }: cuanto más lejos está una salida, más grande es su empujoncito.

# $sign: "negative", "positive" o "zero" (una activación plana, como la ReLU apagada).
delta =
    Centrémonos en la salida { $target }.
    La retropropagación resume su deseo en un solo número, delta: el doble del error, multiplicado por la pendiente de { slope-of }.
    Aquí delta vale { NUMBER($delta, minimumFractionDigits: 2, maximumFractionDigits: 2) }, { $sign ->
        [negative] negativo porque subir esta salida baja el coste
        [positive] positivo: aquí subir esta salida no bajaría el coste
       *[zero] cero, porque aquí la activación es plana: esta salida no puede moverse
    }.

# $before: "input" si la capa anterior a la salida es la entrada (784-10).
bias =
    Así que hay { $before ->
        [input] dos maneras de subirla, porque la capa anterior es la entrada
       *[hidden] tres maneras de subirla
    }. La primera, aumentar su sesgo.

# $change: cuánto debería crecer el peso que viene de la neurona más brillante.
weights =
    La segunda, cambiar sus pesos, cada cambio proporcional a la activación que lo alimenta.
    La conexión desde { $before ->
        [input] el píxel más brillante debería crecer { NUMBER($change, minimumFractionDigits: 2, maximumFractionDigits: 2) }, mientras que la de un píxel oscuro
       *[hidden] la neurona más brillante debería crecer { NUMBER($change, minimumFractionDigits: 2, maximumFractionDigits: 2) }, mientras que la de una neurona apagada
    } apenas se mueve.
    Neuronas que se disparan juntas, se conectan juntas: las conexiones crecen más entre neuronas que están activas a la vez.

activations =
    La tercera, cambiar las activaciones de la capa anterior, cada una según su peso: subir las que tienen un peso positivo, en azul, y bajar las que tienen un peso negativo, en rojo.
    No podemos fijarlas directamente, pero esta salida sí puede desearlo.

# $layer: qué capa oculta (1, la primera).
summed =
    Pero esta salida no es la única con deseos: cada una de las demás quiere sus propios cambios en esta capa.
    Suma todos sus deseos, y tendrás lo que este único ejemplo le pide a la { ordinal } capa oculta.

# El paso se llama through-sigmoid para la red incluida, y through-<activación> para otras.
through-slope =
    El delta de la retropropagación para esta capa es esa suma, multiplicada por la pendiente de la { $activation ->
        [relu] ReLU
        [tanh] tangente hiperbólica
       *[sigmoid] sigmoide
    } de cada neurona. { $activation ->
        [relu] Esa pendiente vale uno para una neurona encendida y cero para una apagada, así que las flechas de las neuronas apagadas desaparecen, y las demás se quedan como están.
        [tanh] Esa pendiente nunca pasa de uno, así que ninguna flecha crece, y las neuronas casi del todo encendidas o del todo apagadas apenas se mueven.
       *[sigmoid] Esa pendiente nunca pasa de un cuarto, así que todas las flechas se encogen, y las neuronas casi del todo encendidas o del todo apagadas apenas se mueven.
    }

one-layer-back =
    Ahora damos el mismo paso una capa más atrás: estos deltas le piden a la { ordinal } capa oculta sus propios cambios.
    Y otra vez, capa a capa, hasta que cada peso y cada sesgo tiene su empujoncito.
    Eso, para un solo ejemplo, es la retropropagación.

at-the-input =
    Una capa más atrás está la propia entrada: sus píxeles vienen dados, no se aprenden, así que ya no se pide nada más.
    El empujoncito de cada peso es el delta de la neurona a la que alimenta, multiplicado por la activación que lo alimenta a él.
    Eso, para un solo ejemplo, es la retropropagación.

# $one: el deseo del dígito de la historia para el peso; $avg: el deseo medio del mini-lote;
# $agree: "yes" si los dos tienen el mismo signo.
mini-batch =
    Hasta ahora, cada empujoncito venía de un solo dígito, pero el entrenamiento nunca se fía de uno solo.
    Sigue a un peso, la conexión desde la neurona más brillante: este dígito, por sí solo, quiere que cambie { NUMBER($one, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Aquí están los primeros { $batch } dígitos que sacó nuestro entrenamiento, un mini-lote, cada uno con su propio deseo para ese mismo peso.
    El entrenamiento toma su media, { NUMBER($avg, minimumFractionDigits: 2, maximumFractionDigits: 2) }{ $agree ->
        [yes] , en el mismo sentido que nuestro dígito, pero con la voz de todo el lote.
       *[no] , en el sentido contrario: el lote le gana la votación a nuestro dígito.
    } Cada peso y cada sesgo recibe una media así, y todas juntas son un paso cuesta abajo.
    Pero ¿por qué cada deseo es el que es? Para un peso, podemos seguir la cadena de causas eslabón a eslabón.

slope-of =
    { $activation ->
        [relu] la ReLU
        [tanh] la tangente hiperbólica
       *[sigmoid] la sigmoide
    }
ordinal =
    { $layer ->
        [1] primera
        [2] segunda
        [3] tercera
        [4] cuarta
        [5] quinta
        [6] sexta
       *[7] séptima
    }

## En pantalla

# $state: "shipped" para la red incluida; si no, $shape es su forma.
untrained-state =
    { $state ->
        [shipped] aún sin entrenar, así que sus empujoncitos son grandes
       *[other] { $shape }, aún sin entrenar
    }
input-rule = capa de entrada: se dibujan sus { $shown } píxeles más brillantes para este dígito
output-values = salida { $output }:  a = { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) },  y = { NUMBER($y, maximumFractionDigits: 0) }
# $delta llega escrito con un signo menos de verdad.
delta-value = salida { $output }:  δ = { $delta }
# Las tres maneras de subir una salida, en sus fórmulas.
increase = aumentar
change = cambiar
same-step = el mismo paso, una capa más atrás
arrow-scale = la longitud de las flechas se escala capa a capa
input-is-before = la capa anterior es la entrada
together-value = activación { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) }:  Δw = { $change }
batch-weight =
    { $layer ->
        [0] el peso del píxel { NUMBER($neuron, useGrouping: 0) } a la salida { $output }
       *[other] el peso de la neurona { NUMBER($neuron, useGrouping: 0) } de la capa oculta { $layer } a la salida { $output }
    }
one-digit =
    este dígito
    solo: { $change }
batch-average =
    su media:
    { $change }
