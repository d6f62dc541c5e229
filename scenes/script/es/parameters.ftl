# Concepto 3: pesos y sesgos, y cuántos hay (scenes/parameters.py).

network =
    Cuando decimos que una red aprende, ¿qué es lo que cambia? Ni las neuronas, ni las líneas que las unen.
    Todo lo que hace se reduce a dos tipos de números: un peso en cada línea, y un sesgo en cada neurona después de la capa de entrada.

# $neuron: la neurona que más excita el dígito, en la primera capa oculta, o en la capa
# de salida ($hidden es "no") de una red sin capas ocultas.
one-neuron =
    Fíjate en una neurona, la número { NUMBER($neuron, useGrouping: 0) } de { $hidden ->
        [no] la capa de salida
       *[yes] la primera capa oculta
    }: la que más excita este dígito. Cada línea que llega a ella lleva un peso.

weight-map =
    Tiene un peso por cada píxel, así que podemos dibujarlos como una imagen, cada peso en el lugar de su píxel.
    Los pesos azules son positivos: un píxel brillante ahí empuja la neurona hacia arriba.
    Los rojos son negativos, y tiran de ella hacia abajo.

weighted-sum =
    La neurona multiplica cada activación de entrada por su peso y lo suma todo.
    Después añade un número más, el suyo propio, el sesgo: aquí, { NUMBER($bias, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Con este dígito, el total, z, es { NUMBER($z, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# El momento lleva el nombre de la activación (sigmoid, relu, tanh). La voz lee "ReLU"
# letra a letra y "tanh" como "tan": .spoken dice "relu" y "tangente hiperbólica".
activation =
    { $activation ->
        [relu] ReLU deja z igual donde es positiva y la convierte en cero donde no lo es
        [tanh] La tanh comprime z en un número entre menos uno y uno
       *[sigmoid] La función sigmoide comprime z en un número entre cero y uno
    }: la activación de la neurona, a, es { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    .spoken =
        { $activation ->
            [relu] Relu deja z igual donde es positiva y la convierte en cero donde no lo es
            [tanh] La tangente hiperbólica comprime z en un número entre menos uno y uno
           *[sigmoid] La función sigmoide comprime z en un número entre cero y uno
        }: la activación de la neurona, a, es { NUMBER($a, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

matrix-form =
    Todas las neuronas de la capa hacen lo mismo, y todo cabe en una sola línea.
    W es una matriz de { $rows } filas, una por neurona, y cada fila tiene { $cols } pesos.
    Multiplica las activaciones de entrada, sumamos los sesgos, y al aplicar { activation-read } salen las activaciones de la capa siguiente.
    .spoken =
        Todas las neuronas de la capa hacen lo mismo, y todo cabe en una sola línea.
        W es una matriz de { $rows } filas, una por neurona, y cada fila tiene { $cols } pesos.
        Multiplica las activaciones de entrada, sumamos los sesgos, y al aplicar { activation-read.spoken } salen las activaciones de la capa siguiente.

# Las sumas están en pantalla (weights-line, biases-line); no se dicen.
count =
    Ahora vamos a contarlos.
    Un peso por cada pareja de neuronas de capas vecinas: eso son { $weights } pesos.
    Luego, un sesgo por cada neurona después de la entrada: { $biases } más.
    En total, { $total } parámetros.

knobs =
    Piensa en ellos como diales, cada uno un ajuste que podrías girar un poco hacia un lado o hacia el otro.
    Aquí tienes algunos, cada uno girado según su valor.

function =
    Si lo miramos desde lejos, toda la red no es más que una función. Recibe { $inputs } números, los píxeles, y devuelve { $outputs } números, uno por cada dígito.
    Lo que pasa en medio lo deciden por completo esos diales. Gíralos hacia un lado, y el mismo dígito da otras salidas.

untrained-edges =
    Aquí están los { $edges } pesos a la vez, una línea para cada uno.
    Antes del entrenamiento, no son más que números al azar.

trained-edges =
    El entrenamiento los mueve todos, uno por uno, hasta dejarlos así.
    Así que, cuando decimos que la red aprende, queremos decir justo esto: encuentra buenos valores para todos sus pesos y sesgos.
    Pero ¿qué hace que un ajuste de los diales sea bueno y otro malo? Antes de que una red pueda mejorar, necesitamos una forma de medir cuánto se equivoca. Esa medida se llama coste, y es lo que viene ahora.

## En pantalla

weight-map-title = { $weights } pesos hacia la neurona { NUMBER($neuron, useGrouping: 0) }
positive = positivo
negative = negativo
# Las formas de la forma matricial: W es $rows por $cols, las activaciones a⁽⁰⁾ y los sesgos.
w-shape = W: { $rows } × { $cols } pesos
a-shape = a⁽⁰⁾: { $cols } activaciones
b-shape = b: { $biases } sesgos
# La cuenta, como sumas: $terms es "784 × 16 + 16 × 10", "16 + 10".
weights-line = pesos:  { $terms } = { $weights }
biases-line = sesgos:  { $terms } = { $biases }
total-line = { $total } parámetros
all-weights = todos los { $edges } pesos
function-in = entran { $inputs } números
function-out = salen { $outputs } números
function-knobs = { $total } parámetros
dials-note = { $dials } parámetros de la red entrenada, repartidos entre todos, cada uno girado según su valor
trained = red entrenada
