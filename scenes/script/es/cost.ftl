# Conceptos 4 y 5: el coste de un dígito, sin entrenar y entrenada (scenes/cost.py).
# Los números que la escena escribe con tantos decimales como muestra su tabla llegan
# ya formateados (se pueden escribir con opciones propias de NUMBER(), si se quiere).

## CostUntrained

# $init: "standard" (todos los pesos y sesgos al azar) o "scaled" (sesgos a cero).
untrained =
    Antes de que una red pueda mejorar, necesita saber si se equivoca, y por cuánto. Entonces, ¿cómo podríamos medirlo?
    Tomemos un { $label } escrito a mano, y una red que todavía no ha aprendido nada. { $init ->
        [standard] Cada uno de sus pesos y sesgos es un número al azar.
       *[scaled] Sus pesos son números al azar, y sus sesgos valen cero.
    }

feed-forward =
    Introducimos el dígito. Sus píxeles encienden la primera capa, esa capa enciende la siguiente, y así hasta las { $outputs } salidas, una por cada dígito.

# $answer: el dígito de la salida más brillante, que vale $top; $label: el dígito que debería ser.
outputs =
    Aquí están sus salidas, a. La más brillante es la del { $answer }, con { $top }. { $right ->
        [yes] Resulta que es la correcta, pero solo por suerte.
       *[no] Así que su respuesta es { $answer }, no { $label }.
    }

# La voz leería "y" como la conjunción: .spoken dice "i griega".
desired-output = Lo que queríamos es y: uno para el { $label }, y cero para todos los demás dígitos.
    .spoken = Lo que queríamos es i griega: uno para el { $label }, y cero para todos los demás dígitos.

terms =
    Para cada salida, tomamos la diferencia entre lo que dio y lo que queríamos, y la elevamos al cuadrado.
    Cuanto más lejos, mayor es el término: el mayor aquí es el del { $worst }, { $term }.

cost =
    Súmalos todos y obtienes el coste de este único ejemplo: { $cost }.
    Cuanto más se equivoca la red, mayor es este número, y una respuesta perfecta no costaría nada.
    Entonces, ¿qué le pasa a este número cuando la red ya ha aprendido? Eso es lo que veremos ahora.

## CostTrained

before =
    Aquí lo dejamos: una red con pesos al azar, y un coste de { $cost } con este { $label }.

# $train_digits: "elsewhere" para una red entrenada fuera; acierta el $percent por ciento
# de $test_digits dígitos de prueba.
trained =
    Ahora ponemos en su lugar los pesos de una red entrenada. { $train_digits ->
        [elsewhere] Se entrenó fuera de aquí, y de los { $test_digits } dígitos de prueba que tenemos acierta el { NUMBER($percent, minimumFractionDigits: 1, maximumFractionDigits: 1) } por ciento.
       *[other] Aprendió con { $train_digits } dígitos escritos a mano, y acierta el { NUMBER($percent, minimumFractionDigits: 1, maximumFractionDigits: 1) } por ciento de { $test_digits } dígitos que nunca había visto.
    }

same-digit = Le damos el mismo dígito, capa a capa.

# $right: "yes" si la salida más brillante es la de la etiqueta. $shrinks: "yes" si todos
# los términos se han hecho más pequeños.
trained-terms =
    { $right ->
        [yes] Ahora la salida del { $label } es { $top }, cerca del uno que queríamos, y ninguna otra salida pasa de { $others }.
       *[no] Su salida más brillante es la del { $answer }, con { $top }, no la del { $label }: incluso una red entrenada se equivoca con algunos dígitos.
    }{ $shrinks ->
        [yes] {" "}Si volvemos a elevar al cuadrado las diferencias, todos los términos se hacen más pequeños.
       *[no] {""}
    }

trained-cost = Los sumamos: el coste de la red entrenada con este dígito es { $cost }.

both-costs = Uno al lado del otro: { $before } antes del entrenamiento, { $after } después.

small-cost =
    Un coste pequeño significa que la salida se parece a lo que queríamos.
    Entrenar es buscar los pesos que hacen pequeño el coste, en promedio sobre { $train_digits ->
        [elsewhere] todos sus
       *[other] los { $train_digits }
    } dígitos de entrenamiento.

# $digits dígitos de entrenamiento; el coste medio de la red sin entrenar sobre ellos,
# $before, y el de la red entrenada, $after.
average =
    Pero un dígito es solo un dígito, y una red puede tener buena o mala suerte con cualquiera de ellos.
    Para juzgar la red entera, promediamos su coste sobre todos y cada uno de sus dígitos de entrenamiento.
    El coste medio de la red sin entrenar es de unos { $before }. El de la red entrenada, de unos { $after }: no es perfecta, pero es muchísimo mejor, y con casi todos los dígitos.

# $total: cuántos pesos y sesgos tiene la red.
cost-function =
    Así que el coste es, a su vez, una función, y una muy grande.
    Recibe { $total } números, cada peso y cada sesgo, y devuelve un solo número: lo mal que lo hace la red, en promedio, con los dígitos de entrenamiento.
    Aprender significa encontrar los pesos y sesgos que hacen pequeño ese único número. Pero ¿cómo buscas un punto bajo cuando hay tantos diales que girar? Lo siguiente será imaginarlo como rodar cuesta abajo.

## En pantalla

untrained-note = red sin entrenar, semilla { NUMBER($seed, useGrouping: 0) }: { init-words }
digit-note = { $source }, salida deseada: { $label }
# Junto a la forma de la red, para salidas que no son de una sigmoide.
output-note =
    { $shape }: sin sigmoide, las salidas pueden ser { $activation ->
        [relu] mayores
       *[tanh] menores
    } que { $bound }
untrained-panel = sin entrenar, semilla { NUMBER($seed, useGrouping: 0) }
trained-panel = entrenada
one-digit-header = este dígito
average-header = media de los { $digits } dígitos de entrenamiento
function-in = entran { $total } pesos y sesgos
function-out = sale un número: el coste medio
function-example = con los valores de la red entrenada:
