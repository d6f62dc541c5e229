# Concepto 9: cuánta aritmética hace falta para entrenar, en una escalera del tiempo (scenes/compute_scale.py).
# $rate, $years, $params, $ratio y $tokens llegan como los escribe el mensaje count: "mil millones de".

# Una cantidad grande: la cifra de nncore.compute.count y su potencia de diez en palabras.
# Delante de un nombre, millón, mil millones y billón piden "de" (diez millones de años);
# mil, no (trece mil parámetros): por eso el "de" va aquí. La cifra llega como decimal, y
# fluent.runtime no elige [one] para un decimal: por eso no hay "un millón de".
count =
    { $power ->
        [12] { NUMBER($figure) } billones de
        [9] { NUMBER($figure) } mil millones de
        [6] { NUMBER($figure) } millones de
        [3] { NUMBER($figure) } mil
       *[other] { NUMBER($figure) }
    }
# Una cantidad escrita entera: 13.002.
exact = { NUMBER($n) }

digit-network =
    Ya has visto todo lo que hace nuestra red de dígitos, y cada uno de sus { NUMBER($params) } parámetros se encontró con el descenso de gradiente.
    Parecían muchísimos diales que girar.
    Entonces, ¿a qué distancia está nuestra pequeña red de los modelos de lenguaje que escriben textos y responden preguntas?

# $model: la clave del modelo (gpt3-175b), dicha por model-name; $name, su nombre escrito.
parameters-gap =
    Ahora toma { model-name }, un modelo de dos mil veinte.
    Tiene { $params } parámetros, alrededor de { $ratio } veces más que nuestra red, y cada uno de ellos es un dial ajustado con el mismo descenso de gradiente que has visto.

training-work =
    Entrenar consiste en leer texto, un token tras otro, y dar cada vez un empujoncito a cada parámetro.
    Por cada token, cada parámetro cuesta un puñado de cálculos: una multiplicación y una suma a la ida, y más o menos el doble a la vuelta.
    Y { model-name } aprendió de unos { $tokens } tokens de texto.

rate =
    Entonces, ¿cuánta aritmética suma todo eso, en un tiempo que puedas imaginar?
    Imagina una máquina que hace { $rate } cálculos cada segundo.

ladder =
    Para ver cuánto tardan las cosas, aquí tienes una escalera del tiempo.
    La línea de arriba es un minuto.
    Cada línea de más abajo abarca más: su tramo azul es toda la línea de encima.
    Una hora, un día, un mes.

ladder-years = Luego un año, y así hacia abajo, hasta { NUMBER($bottom, maximumFractionDigits: 0) } años en la última línea.

# Un paso por modelo, con su nombre; $place: "first", "middle" o "last" de los modelos
# colocados, $model la clave del modelo (llama3-1-405b), $name su nombre como lo escribe nncore.
# $times: cuántas veces la longitud de la escalera abarca un entrenamiento que se sale por abajo ($beyond "yes").
model =
    { $place ->
        [first] A esa velocidad, entrenar
        [last] Y entrenar
       *[middle] Entrenar
    } { model-name } llevaría unos { $years } años.{ $beyond ->
        [yes] {" "}Eso se sale por debajo de la escalera: { $times } veces toda su longitud.
       *[no] {""}
    }
    .spoken =
        { $place ->
            [first] A esa velocidad, entrenar
            [last] Y entrenar
           *[middle] Entrenar
        } { model-name.spoken } llevaría unos { $years } años.{ $beyond ->
            [yes] {" "}Eso se sale por debajo de la escalera: { $times } veces toda su longitud.
           *[no] {""}
        }
# Un nombre con cifras se dice en palabras (cada cifra de la narración es un número).
# La voz española deletrearía PaLM (pe, a, ele, eme): su forma dicha es "Palm".
model-name =
    { $model ->
        [gpt3-175b] GPT tres
        [chinchilla-70b] Chinchilla
        [palm-540b] PaLM
        [llama3-1-405b] Llama tres punto uno
       *[other] { $name }
    }
    .spoken =
        { $model ->
            [gpt3-175b] GPT tres
            [chinchilla-70b] Chinchilla
            [palm-540b] Palm
            [llama3-1-405b] Llama tres punto uno
           *[other] { $name }
        }

papers =
    Cada cifra es el total que da su artículo para el entrenamiento del modelo.
    Un entrenamiento real reparte ese trabajo entre miles de chips, cada uno mucho más rápido que nuestra máquina imaginaria, y aun así tarda semanas o meses.
    Pero ¿para qué sirve toda esa aritmética?
    Para verlo, abrimos un modelo de lenguaje pequeño, MiniLM, y seguimos una frase a través de él, empezando por cómo convierte las palabras en números.

## En pantalla

digit-network-label = nuestra red
# $count: las palabras del mensaje count o del mensaje exact.
parameters = { $count } parámetros
times-as-many = ≈ { $ratio } veces más
# $per: cálculos por cada parámetro y cada token.
work-rule = entrenar: unos { $per } cálculos por parámetro, por cada token leído
work-note = { $name } leyó unos { $tokens } tokens (Brown et al.); la regla es de Kaplan et al.
rate-title = { $rate } cálculos por segundo
model-years = ≈ { $years } años
# $flop en notación científica (3,14 × 10²³), $citation el artículo.
citation = { $name }: { $flop } FLOP ({ $citation })

# Una línea de la escalera del tiempo: $count de $unit (minute, hour, day, month o year).
rung-name =
    { $count ->
        [one] { $unit ->
            [minute] Minuto
            [hour] Hora
            [day] Día
            [month] Mes
           *[year] Año
        }
       *[other] { NUMBER($count) } { $unit ->
            [minute] minutos
            [hour] horas
            [day] días
            [month] meses
           *[year] años
        }
    }
