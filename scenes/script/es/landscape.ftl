# Descenso de gradiente en un paisaje real (scenes/landscape.py): un corte del coste medio
# a lo largo de un peso real de la red sin entrenar, una bola que baja rodando, un paso
# demasiado largo, y luego dos pesos a la vez. Cada número es una variable que la escena
# registró.

## Narración

question =
    Entonces, ¿cómo aprende una red? Toma el coste de un dígito, lo lejos que están las diez salidas de lo que deberían ser, y haz la media sobre los { $digits } dígitos de entrenamiento. Ese único número dice lo mal que lo hace la red, y depende de cada uno de sus pesos y sesgos, unos { $thousands } mil en total. Así que imagina el coste como un paisaje sobre todos esos diales, y aprender como caminar cuesta abajo.

# $layer_name: de qué capa sale el peso (la última capa oculta, la de entrada...); $to: la salida.
slice =
    Nadie puede imaginarse tantas dimensiones. Pero sí puedes girar un solo dial y dejar quietos todos los demás. Aquí tienes un peso real de la red sin entrenar, que sale de { $layer_name } y llega a la salida del { $to }. Muévelo a la izquierda o a la derecha, y el coste medio dibuja esta curva.

# $rises: "right" si el coste sube a la derecha del punto de partida; si no, "left".
slope =
    Nuestra red empieza aquí. ¿Hacia dónde es cuesta abajo? Te lo dice la pendiente. { $rises ->
        [right] Aquí el terreno sube hacia la derecha, así que el coste baja si el peso se hace más pequeño.
       *[left] Aquí el terreno sube hacia la izquierda, así que el coste baja si el peso se hace más grande.
    }

roll =
    Así que damos un paso cuesta abajo, proporcional a la pendiente. Donde es empinada, el paso es largo; a medida que el terreno se aplana, los pasos se acortan, y la bola se va asentando en el fondo del valle. El coste baja de { NUMBER($start, minimumFractionDigits: 2, maximumFractionDigits: 2) } a { NUMBER($end, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

# $past: "yes" si el paso largo cae más allá del fondo del valle y más alto que él;
# $stuck: "yes" si la pendiente donde cae es casi plana.
overshoot =
    ¿Por qué no dar pasos más grandes y llegar antes? Aquí tienes el mismo punto de partida con pasos { $times } veces más largos. { $past ->
        [yes] El primer paso salta por encima del valle, y cae más alto que su fondo, no más bajo.
       *[no] Esta vez, el primer paso se queda corto y no llega a saltar el valle.
    } { $stuck ->
        [yes] Ahí el terreno es casi plano, así que cada paso siguiente es diminuto: la bola se queda atascada en una llanura.
       *[no] Desde ahí, tiene que volver poco a poco.
    }

# $valleys: cuántos valles tiene este corte ("one" si solo uno).
valleys =
    { $valleys ->
        [one] A lo largo de este único dial hay un solo valle y ninguna otra hondonada, así que ningún mínimo local puede atrapar la bola: rueda directa hasta el fondo.
       *[other] Incluso este único corte tiene { $valleys } valles, y el que encuentra la bola depende de dónde empieza.
    } El paisaje completo es otra historia: con tantos diales puede haber muchas hondonadas, y la bola solo encuentra aquella en la que cae.

# $second_name: de dónde sale el segundo peso, como $layer_name.
surface =
    Ahora giremos dos diales a la vez: este peso, y uno que sale de { $second_name } hacia otra salida. El coste se convierte en una superficie, vista desde arriba: oscura donde es bajo, clara donde es alto. La flecha es el gradiente negativo en el punto de partida, la dirección en la que el coste baja más deprisa.

path =
    Avanzamos en esa dirección, una y otra vez, y la bola baja rodando hacia lo oscuro. Cada uno de estos pasos es cuidadoso: pregunta a todos los dígitos de entrenamiento hacia dónde se baja.

# $low: "yes" si el caminante rápido acaba tan abajo como el cuidadoso (a menos de una centésima).
stumble =
    Tanto cuidado sale caro, así que el entrenamiento toma un atajo. Baraja los dígitos y da un paso tras cada mini-lote de { $batch }, los mismos mini-lotes que usó nuestro entrenamiento, así que cada paso es solo una estimación de la pendiente. Ahora, fíjate en el caminante rápido: tropieza y va en zigzag, donde el cuidadoso iba en línea recta. Pero por el precio de un paso cuidadoso da { $ratio } rápidos, y aun así llega { $low ->
        [yes] igual de abajo.
       *[no] casi igual de abajo.
    }

dimensions =
    Ahora haz eso en { $thousands } mil dimensiones, con todos los diales a la vez. La flecha ya no se puede dibujar: se convierte en una larga lista de empujoncitos, uno por cada peso y cada sesgo. ¿Qué nos dice esa lista? Ahí es adonde vamos ahora.

## En pantalla

# La capa de la que sale un peso, como la nombran la narración y las etiquetas (con su
# artículo: "sale de la capa de entrada").
layer-name =
    { $position ->
        [input] la capa de entrada
       *[hidden] la capa oculta { $layer }
    }

x-axis = cambio de este peso
y-axis = coste medio
cost-function = coste de { $params } números
one-number = un solo número
weight-name =
    peso de la neurona { $from } de { $layer_name }
    a la salida { $to }
cost-note = red sin entrenar, semilla { $seed }: coste medio sobre { $digits } dígitos de entrenamiento
step-note = paso = −{ $eta } × pendiente
long-step-note = paso = −{ $eta } × pendiente, { $times } veces más largo
second-axis = cambio del segundo peso
dimensions-note = en { $params } dimensiones
careful-legend = cada paso: los { $digits } dígitos
quick-legend = cada paso: { $batch } dígitos
