# Palabras que comparten varias escenas (scenes/story.py): la red de la que hablan,
# su activación y las notas pequeñas que dicen de dónde salen los números en pantalla.
# El archivo propio de una escena puede usar cualquiera de ellas, p. ej. { hidden-layers }:
# un mensaje usado dentro de otro recibe sus mismas variables.

## La red en palabras

# Las capas ocultas de la red: $hidden_count en total; $hidden_first, el ancho de la
# primera; $hidden_same es "yes" si todas son igual de anchas; si no, $hidden_widths son
# los anchos de todas menos la última, separados por comas, y $hidden_last el de la última.
# Es un grupo nominal: "dos capas ocultas de 16 neuronas cada una".
hidden-layers =
    { $hidden_count ->
        [0] ninguna capa oculta
        [1] una capa oculta de { $hidden_first } neuronas
       *[other] { hidden-count } capas ocultas{ $hidden_same ->
            [yes] {" "}de { $hidden_first } neuronas cada una
           *[no] , de { $hidden_widths } y { $hidden_last } neuronas
        }
    }

hidden-count =
    { $hidden_count ->
        [2] dos
        [3] tres
        [4] cuatro
        [5] cinco
        [6] seis
        [7] siete
        [8] ocho
        [9] nueve
       *[other] { $hidden_count }
    }

# Cómo rotula el diagrama la capa $layer (entrada, capa oculta 2, salida). Las frases
# la usan tras "la": "la entrada", "la capa oculta 1", "la salida".
layer-name =
    { $position ->
        [input] entrada
        [output] salida
       *[hidden] capa oculta { $layer }
    }

## La activación: su nombre, cómo se lee su símbolo y qué le hace a z

activation-name =
    { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] sigmoide
    }
# Su .spoken, para la voz: "ReLU" lo deletrearía y "tanh" lo leería "tan".
activation-read =
    { $activation ->
        [relu] ReLU
        [tanh] tanh
       *[sigmoid] sigma
    }
    .spoken =
        { $activation ->
            [relu] relu
            [tanh] tangente hiperbólica
           *[sigmoid] sigma
        }

## Notas en una esquina de la pantalla

# $shape son los tamaños de las capas, con guiones: 784-32-10.
network-note = { $shape }, { activation-name } en todas las capas
trained-note =
    { $train_digits ->
        [elsewhere] red entrenada fuera: { NUMBER($accuracy, style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1) } de aciertos aquí en { $test_digits } dígitos de prueba
       *[other] red entrenada: { $train_digits } dígitos MNIST, { NUMBER($accuracy, style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1) } de aciertos en { $test_digits } de prueba
    }
untrained-note = red sin entrenar, semilla { NUMBER($seed, useGrouping: 0) }
# Cómo se sortearon los números de la red sin entrenar; $law es la distribución, N(0, 1).
init-words =
    { $init ->
        [standard] pesos y sesgos sorteados según { $law }
       *[scaled] pesos sorteados según { $law }, sesgos a { $bias }
    }
digit-note = { $source }, salida deseada { $label }
# Un dígito nombrado para quien mira: $index es su número en nuestra muestra de MNIST,
# o "none" para tu propia imagen, $file.
digit-name =
    { $index ->
        [none] tu imagen, { $file }
       *[other] un dígito MNIST (núm. { NUMBER($index, useGrouping: 0) } de nuestra muestra)
    }
# Qué neuronas muestra una capa de más de $shown. Empieza por "se dibujan" para que
# gradient.ftl pueda continuarla: "..., y los extremos de la mayor entrada".
shown-rule = capas de más de { $shown } neuronas: se dibujan las { $shown } más activas con este dígito
