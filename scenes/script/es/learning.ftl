# Concepto siete: un entrenamiento real (scenes/learning.py).
# Un porcentaje se escribe como $share por ciento (9,5 %); un coste trae sus propios decimales.

# $history: "shipped", "own" (el propio entrenamiento de la red) o "stand-in" (otra de la
# misma forma, entrenada aquí).
start =
    Veamos, ¿qué aspecto tiene una red mientras aprende?
    { $history ->
        [own] Aquí tienes cómo aprendió tu red, según su propio entrenamiento.
        [stand-in] Tu red llegó sin su historial de entrenamiento, así que entrenamos aquí, para esta escena, otra con la misma forma.
       *[shipped] Guardamos, época a época, el entrenamiento real que produjo nuestra red.
    } Antes de entrenar, todos los pesos y sesgos son aleatorios.
    Haciendo la media sobre todos los dígitos de entrenamiento, su coste es { $cost }, y acierta el { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % de los dígitos con los que nunca entrena: más o menos lo que se acierta adivinando a ciegas.

neuron =
    Para ver qué cambia por dentro, sigamos a una neurona de la primera capa oculta.
    Aquí están sus pesos, uno por cada píxel: azul para un peso positivo y rojo para uno negativo.
    De momento, son puro ruido.
    A la derecha va lo que cambia el entrenamiento, y todavía no ha cambiado nada.

# $guess: la salida más fuerte de la red sin entrenar, con $top; $label, la etiqueta del dígito.
digit =
    Y sigamos también a un dígito con el que la red nunca entrena: este.
    La salida más fuerte de la red sin entrenar es la del { $guess }, con { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }{ $right ->
        [yes] , y resulta que acierta
       *[no] : se equivoca, por muy segura que parezca
    }.

train =
    Ahora, vamos a entrenarla.
    Cada paso toma { $batch } dígitos de entrenamiento, hace la media de sus gradientes y mueve cada peso y cada sesgo un poquito cuesta abajo: el paso que acabas de ver, escuchando a un puñado de dígitos a la vez.
    La red recorre todos sus dígitos de entrenamiento { $epochs ->
        [one] una vez
       *[other] { $epochs } veces
    }, paso a paso.
    Verás cómo baja el coste, sube el porcentaje de aciertos, los pesos de la neurona toman forma y cambian las salidas del dígito.

# $early: "yes" si casi toda la bajada llegó en la primera época.
curves =
    Al final, el coste ha bajado hasta { $last }{ $early ->
        [yes] , y casi toda esa bajada llegó en la primera pasada: los primeros pasos hacen el trabajo grueso, y el resto es pulir
       *[no] {""}
    }.
    Y con dígitos que nunca vio al entrenar, la red acierta ahora el { NUMBER($last_share, minimumFractionDigits: 1, maximumFractionDigits: 1) } % de las veces.
    Ese es el número del que fiarse, porque ningún paso pudo ajustar nunca la red a esos dígitos.

# $unchanged pesos no se movieron nunca; $uninked píxeles no tienen tinta en ningún dígito
# de entrenamiento ($same: "yes" si son los mismos pesos).
weights =
    Los pesos de la neurona todavía parecen ruido: empezaron siendo ruido, y { $unchanged } de ellos no se movieron nada{ $same ->
        [yes] , porque ningún dígito de entrenamiento tiene tinta en sus píxeles
       *[no] , { $uninked } de ellos porque ningún dígito de entrenamiento tiene tinta en sus píxeles
    }.
    Pero ahora mira, a la derecha, lo que cambió el entrenamiento: un dibujo de trazos.
    La tinta en sus píxeles azules ahora excita a esta neurona, y la tinta en los rojos la calma.
    No es el borde limpio, o el bucle, que quizá esperabas. Pero es lo que esta neurona aprendió de verdad.

# $first_right: la primera época tras la cual la red dice $label (0: desde el principio;
# -1: nunca); tras $epochs dice $guess con $top.
guess =
    Y el dígito que seguíamos: ¿qué fue de él, al final? { $first_right ->
        [-1] Incluso después de todas las pasadas, la red sigue diciendo { $guess }, con { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [0] La red lo acertó desde el principio, y al final lo dice con { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
        [1] Tras la primera pasada la red ya lo acierta, y al final está segura: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
       *[other] Tras { $first_right } pasadas la red lo acierta, y al final está segura: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    } Nadie escribió nunca cómo es ese dígito: lo encontraron pequeños pasos cuesta abajo, siguiendo el gradiente.

# Ruido puro en la red entrenada. Su salida más alta ante el ruido es la de $guess, con
# $top ($sure: "yes" si pasa de un medio).
noise =
    Bien, nuestra red acierta con dígitos que nunca vio. ¿Quiere eso decir que sabe lo que es un dígito?
    Dale ruido puro, píxeles que nadie llamaría un dígito, y mira qué responde.
    { $sure ->
        [yes] Responde { $guess }, y está segura: { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }. Nunca ha visto otra cosa que dígitos, y sus diez salidas no tienen manera de decir «ninguno de estos».
       *[no] Podrías esperar que eligiera un dígito de todos modos, y muy segura. Esta no lo hace: su salida más alta es la del { $guess }, con solo { NUMBER($top, minimumFractionDigits: 2, maximumFractionDigits: 2) }, y todas las salidas se quedan bajas. Es lo más cerca que pueden llegar estas diez salidas a decir «ninguno de estos», y nadie le enseñó ni siquiera eso; nunca ha visto otra cosa que dígitos.
    }

# $steps: cuántos pasos dio el entrenamiento entero.
bridge =
    Nos hemos dejado una cosa. Cada uno de esos { $steps } pasos necesitó el gradiente, un empujoncito para cada peso y cada sesgo, por cada dígito de su lote.
    ¿Cómo calcula la red todos esos empujoncitos, y rápido? Eso es la retropropagación, y viene a continuación.

## En pantalla

noise-rule = ruido puro: cada píxel con un brillo al azar, semilla { NUMBER($seed, useGrouping: 0) }

recipe = semilla { NUMBER($seed, useGrouping: 0) }, { $epochs } épocas, tamaño de paso { NUMBER($eta, minimumFractionDigits: 1) }
history-shipped = instantáneas del entrenamiento que produjo la red incluida: { recipe }
history-own = instantáneas del propio entrenamiento de esta red: { recipe }
history-stand-in = esta red llegó sin su historial de entrenamiento:
stand-in = una red { $shape } ({ $activation }) de la misma forma, entrenada aquí para esta escena: { recipe }
neuron-rule = neurona { NUMBER($neuron, useGrouping: 0) }: la neurona de la primera capa cuyos { $inputs } pesos más se movieron al entrenar
digit-rule = dígito MNIST { NUMBER($digit, useGrouping: 0) }: el primer dígito de prueba que la red sin entrenar falla y la entrenada acierta
share = { NUMBER($share, minimumFractionDigits: 1, maximumFractionDigits: 1) } %
cost-axis = coste medio
accuracy-axis = aciertos en prueba
# Las lecturas junto a las curvas, el contador de épocas y la respuesta para el dígito.
cost-readout = coste
accuracy-readout = % aciertos
epoch = época
of-epochs = de { $epochs }
guess-readout = respuesta:
guess-at = con
neuron-title = neurona { NUMBER($neuron, useGrouping: 0) } de la capa oculta { $layer }
its-weights = sus pesos
changed = lo que cambió
