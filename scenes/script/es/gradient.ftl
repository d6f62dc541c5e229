# Concepto 6: el gradiente negativo, lo que dicen su signo y su tamaño, y un paso cuesta
# abajo (scenes/gradient.py). Cada número de la lista (entry) se llama aquí "valor".

example =
    En el paisaje viste el gradiente como una sola flecha que apunta cuesta abajo.
    Con todos los pesos y todos los sesgos a la vez, esa flecha se convierte en una larga lista de números.
    Entonces, ¿qué te dice cada uno de esos números?
    Vamos a verlo con un ejemplo real: la red sin entrenar, con un { $label } escrito a mano pasando por ella.

cost =
    Todavía no ha aprendido nada, así que sus respuestas son malas, y su coste con este dígito es { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Para bajar ese coste, ¿qué pesos y sesgos deberían cambiar, y cuánto?

gradient =
    El gradiente negativo responde a las dos preguntas a la vez.
    Es una lista con un número por cada peso y uno por cada sesgo de la red: tantos números como diales, y en la pantalla solo caben unos pocos.

edges =
    Cada valor pertenece a un peso, y por tanto a una línea de la red.
    Sigue su flecha y encontrarás la línea que quiere empujar un poco.

# $first: el signo del valor mostrado más grande; $second: el del más pequeño
# ("positive", "negative" o "zero").
sign =
    Fíjate primero en los signos.
    { $first ->
        [positive] Este valor es positivo: el coste baja si subes su peso.
        [negative] Incluso el mayor valor que se ve es negativo: el coste baja si bajas su peso.
       *[zero] Este valor es cero: al coste le da igual hacia dónde se mueva su peso.
    } { $second ->
        [negative] Este es negativo: el coste baja si bajas su peso.
        [positive] Incluso el menor valor que se ve es positivo: sube también su peso.
       *[zero] Este es cero: su peso puede quedarse donde está.
    } Así que el signo de cada valor dice hacia dónde debe moverse su peso.

# $entry: el mayor valor, en tamaño, de todos los de los pesos.
matters =
    Ahora fíjate en los tamaños.
    Este valor, { NUMBER($entry, minimumFractionDigits: 2, maximumFractionDigits: 2) }, es el de mayor tamaño entre todos los de los pesos.
    Un pequeño cambio en su peso mueve el coste más que el mismo cambio en cualquier otro peso: con este dígito, es el peso que más importa.

# $entry: el menor valor dibujado; $zero es "yes" cuando aparece como 0,000.
who-cares =
    Y este { $zero ->
        [yes] es tan pequeño que aparece como cero
       *[no] vale solo { NUMBER($entry, minimumFractionDigits: 3, maximumFractionDigits: 3) }
    }.
    Podrías cambiar mucho este peso, y aun así el coste apenas se movería.
    ¿A quién le importa ese?

# $zeros de los $weights pesos tienen un valor exactamente cero ($ink: "yes" si son justo
# los pesos que salen de píxeles sin tinta); $few llegan al menos a una décima del mayor.
sizes =
    Y resulta que la mayoría de los pesos son como ese.
    Con este dígito, { $zeros } de los valores de los pesos son exactamente cero{ $ink ->
        [yes] : esos pesos salen de píxeles sin tinta, y un píxel sin tinta no transmite nada por ellos, así que girarlos no cambia nada
       *[no] , así que girar esos pesos no cambia nada con este dígito
    }.
    Solo { $few } valores llegan siquiera a la décima parte del mayor.
    En la red, cada línea brilla ahora más cuanto mayor es su valor: unas pocas brillan mucho, y muchas apenas se ven.
    Es en esas pocas líneas brillantes donde un cambio importa más.

step =
    Ahora demos un paso cuesta abajo: movemos cada peso y cada sesgo según su valor, multiplicado por un tamaño de paso de { NUMBER($eta, minimumFractionDigits: 1) }.
    Los pesos que más importan son los que más se mueven, y los que tienen valor cero se quedan exactamente donde están.

lower-cost =
    Si pasamos otra vez el mismo dígito, el coste { $dropped ->
        [yes] baja
       *[no] pasa
    } de { NUMBER($before, minimumFractionDigits: 2, maximumFractionDigits: 2) } a { NUMBER($after, minimumFractionDigits: 2, maximumFractionDigits: 2) }.
    Pero ese paso solo escuchó a un dígito.
    Para aprender, la red promedia estas listas sobre muchos dígitos, y da un paso, y otro, y otro más.
    ¿Cómo se ve eso por dentro? Veamos aprender a una red de verdad.

## En pantalla

# Tras la fórmula -∇C(W).
gradient-title = : { $entries } números
cost-line = coste de este dígito: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
# $sign: "positive", "negative" o "zero".
sign-caption = { $sign ->
        [positive] positivo: sube su peso
        [negative] negativo: baja su peso
       *[zero] cero: deja su peso
    }
matters-caption = el que más importa
who-cares-caption = apenas importa
zeros-caption = exactamente cero: { $zeros } pesos
lit-caption = más brillo, mayor valor
after-line = tras un paso: { NUMBER($cost, minimumFractionDigits: 2, maximumFractionDigits: 2) }
# Un peso en palabras: desde un píxel o una neurona, hasta una neurona o una salida.
# $source_layer y $target_layer son nombres de capa ("capa oculta 2").
weight-name =
    { $source_position ->
        [input] del píxel { $source }
       *[other] de la neurona { $source } de la { $source_layer }
    } { $target_position ->
        [output] a la salida { $target }
       *[other] a la neurona { $target } de la { $target_layer }
    }
# $rule dice qué neuronas de las capas anchas se dibujan (story.ftl, shown-rule).
shown-note = { $rule }, y los extremos del peso de mayor valor
