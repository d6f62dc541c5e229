# La regla de la cadena a lo largo de un camino (scenes/chain_rule.py): un peso de salida de la
# red sin entrenar, el dígito de la historia y las tres pendientes entre el peso y el coste.

## Narración

# $output: la neurona de salida, la etiqueta del dígito.
path =
    ¿Cuánto importa de verdad un solo peso para el coste de este dígito? Toma un peso que entra en la salida del { $output }. Dale un empujoncito, y empujas la suma ponderada de esa neurona, z; eso empuja su activación, a; y eso empuja el coste, C. Tres eslabones, uno detrás de otro.

# $lit: la activación que alimenta el peso; $sign: "minus" si la pendiente del coste es negativa.
links =
    El primer eslabón es sencillo: z cambia exactamente lo que vale la activación que alimenta el peso, aquí { NUMBER($lit, minimumFractionDigits: 3, maximumFractionDigits: 3) }.
    El segundo es la pendiente de la sigmoide en z: cuánto se mueve a cuando se mueve z.
    El tercero es la pendiente del coste: el doble de la diferencia entre lo que dice la neurona y lo que debería decir{ $sign ->
        [minus] , negativa aquí, porque dice demasiado poco.
       *[plus] , positiva aquí, porque dice demasiado.
    }

# $product: dC/dw, tal como lo calcula también la retropropagación.
product =
    Multiplica los tres, y tendrás lo rápido que cambia el coste con este peso: { NUMBER($product, minimumFractionDigits: 3, maximumFractionDigits: 3) }. Esa es la regla de la cadena, y es, exactamente, el número que da la retropropagación para este peso.

# $lit: la activación de la neurona más callada que alimenta la misma salida.
together =
    Ahora toma un peso que viene de la neurona más callada de esa capa, encendida a solo { NUMBER($lit, minimumFractionDigits: 3, maximumFractionDigits: 3) }. El primer eslabón es esa activación, así que su empujoncito es casi nada. Esta es, entonces, la razón de lo que nos mostró la retropropagación. Un peso se mueve solo en la medida en que se activa la neurona que lo alimenta.
    Cada peso recibe así su empujoncito, por cada dígito, en cada paso. Nuestra red tiene miles de pesos; los modelos de lenguaje de hoy tienen miles de millones. ¿Cuánto cálculo hace falta para todo eso?

## En pantalla

weight-name = el peso de la neurona { NUMBER($neuron, useGrouping: 0) } de la capa oculta { $layer } a la salida { $output }
backprop-entry = el mismo valor que da la retropropagación para este peso
silent-name = desde la neurona { NUMBER($neuron, useGrouping: 0) }:
