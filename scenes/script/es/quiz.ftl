# El cuestionario de la lección (nnexplain/quiz.py): OUT/quiz.gift y OUT/quiz.html.
# Una pregunta numérica se responde con un número que mostró la lección; sus variables son
# números y entradas que registraron las escenas, así que trata del propio dígito de la lección.
# Una pregunta de opción múltiple son cuatro mensajes: la pregunta, su respuesta correcta
# (-right) y dos incorrectas (-wrong-a, -wrong-b).

## Los archivos

# El comentario al principio de quiz.gift, para el profesor que lo importe.
gift-note = El cuestionario de la lección de nnexplain: cada número que aparece en él es uno que mostró la lección.

## La página

page-title = Comprueba lo que has aprendido
page-intro =
    Responde a cada pregunta y luego comprueba tus respuestas. Un número es correcto cuando es el
    que mostró la lección, con tantos decimales como mostró.
check = Comprobar mis respuestas
right = ¡Correcto!
# $answer: el número que mostró la lección.
wrong-number = No exactamente: la lección mostró { $answer }.
# $answer: la opción correcta.
wrong-choice = No exactamente: { $answer }.
unanswered = Aún no hay respuesta.
not-a-number = Escribe tu respuesta como un número, tal como lo mostró la lección.

## La capa de entrada

input-neurons = Este dígito es un { $label }. ¿En cuántas neuronas de entrada se convierte su cuadrícula de píxeles?

input-neuron = ¿Qué guarda una neurona de entrada?
input-neuron-right = el brillo de un píxel del dígito
input-neuron-wrong-a = la respuesta de la red para un dígito
input-neuron-wrong-b = un peso que la red aprendió al entrenar

## Las capas ocultas

hidden-neurons = ¿Cuántas neuronas tiene la primera capa oculta de la red?

prediction = ¿Qué dígito respondió la red entrenada para este { $label }?

answer-from = ¿Cómo da la red su respuesta?
answer-from-right = su respuesta es el dígito de su neurona de salida más brillante
answer-from-wrong-a = su respuesta es el número de neuronas encendidas en su última capa oculta
answer-from-wrong-b = responde el dígito al que pertenece su píxel más brillante

## Pesos y sesgos

parameter-count = ¿Cuántos pesos y sesgos tiene la red en total?

weighted-sum = ¿Cuál fue la suma ponderada z de la neurona { $neuron } de la primera capa, para este dígito?

bias = ¿Qué hace el sesgo de una neurona?
bias-right = cambia lo grande que tiene que ser la suma ponderada para que la neurona se encienda
bias-wrong-a = multiplica el brillo de cada píxel
bias-wrong-b = elige qué dígito responde la red

## El coste

untrained-cost = ¿Cuál fue el coste de este { $label } para la red sin entrenar?

untrained-answer = ¿Qué dígito respondió la red sin entrenar para este { $label }?

cost-sum = ¿Cómo se calcula el coste de un dígito?
cost-sum-right = se suman los cuadrados de las diferencias entre cada salida y lo que queríamos
cost-sum-wrong-a = se cuentan las salidas que están mal
cost-sum-wrong-b = se resta la salida más pequeña de la más grande

trained-from = ¿De cuántos dígitos escritos a mano aprendió la red entrenada?

small-cost = ¿Qué te dice un coste pequeño?
small-cost-right = las salidas están cerca de lo que queríamos
small-cost-wrong-a = la red tiene pocos pesos
small-cost-wrong-b = el dígito estaba escrito con un trazo muy flojo

## Cuesta abajo

start-cost = En el corte a lo largo de un solo peso, ¿cuál era el coste medio donde empezó la bola?

rolled-cost = En el corte a lo largo de un solo peso, ¿cuál era el coste medio después de los pasitos cuesta abajo?

long-step = ¿Qué pasa cuando un paso cuesta abajo es demasiado largo?
long-step-right = la bola se pasa del valle, y puede acabar más arriba de donde estaba
long-step-wrong-a = la bola cae al fondo del valle, solo que más rápido
long-step-wrong-b = el coste no puede cambiar en absoluto

## El gradiente negativo

gradient-entries = ¿Cuántas componentes tiene el gradiente del coste, una por cada peso y cada sesgo?

negative-gradient = ¿Qué le dice el gradiente negativo a cada peso?
negative-gradient-right = hacia dónde moverse, y cuánto importa ese movimiento
negative-gradient-wrong-a = el valor que tendrá cuando acabe el entrenamiento
negative-gradient-wrong-b = qué dígito detecta

## La red aprende

# $digits dígitos de entrenamiento en mini-lotes de $batch.
steps-per-epoch = Con { $digits } dígitos de entrenamiento en mini-lotes de { $batch }, ¿cuántos pasos de gradiente forman una época?

gradient-steps = ¿Cuántos pasos de gradiente dio el entrenamiento completo?

epoch = ¿Qué es una época?
epoch-right = una pasada por todos los dígitos de entrenamiento
epoch-wrong-a = un paso de gradiente con un solo dígito
epoch-wrong-b = una capa de la red

## La retropropagación

loudest-wrong = Para este { $label }, ¿qué salida equivocada era la más fuerte?

backprop-direction = ¿En qué dirección lleva la retropropagación los deseos de cada salida?
backprop-direction-right = hacia atrás, desde la capa de salida hacia la entrada
backprop-direction-wrong-a = hacia delante, desde la entrada hacia la salida
backprop-direction-wrong-b = a ninguna parte: cada salida cambia solo su propio sesgo

## La regla de la cadena

chain-product = Multiplicando los tres eslabones, ¿a qué ritmo cambia el coste con el peso que entra en la salida del { $output }?

quiet-weight = ¿Por qué un peso que viene de una neurona callada apenas cambia?
quiet-weight-right = su empujoncito es proporcional a la activación que lo alimenta
quiet-weight-wrong-a = su valor ya es el correcto
quiet-weight-wrong-b = el coste no depende de él en absoluto

## La escala del entrenamiento

# La escalera del tiempo empieza arriba con un minuto y cada línea de abajo abarca más:
# la respuesta ($ladder_years) es la última línea, la de abajo.
ladder-years = ¿Cuántos años representa la última línea de la escalera del tiempo, la de abajo del todo?

ladder-rungs = Bajando por la escalera, ¿cuánto tiempo abarca cada línea?
ladder-rungs-right = muchas veces más que la de encima
ladder-rungs-wrong-a = un año más que la de encima
ladder-rungs-wrong-b = lo mismo que la de encima

## Las palabras como vectores

tokens = ¿En cuántos tokens dividió MiniLM “{ $sentence }”?

embedding-size = ¿Cuántos números forman el vector de cada token?

similar-words = ¿Qué tienen en común las palabras de significado parecido?
similar-words-right = vectores que apuntan en direcciones parecidas
similar-words-wrong-a = el mismo número de letras
similar-words-wrong-b = el mismo token

## La atención

heads = ¿Cuántas cabezas de atención tiene cada capa de MiniLM?

layers = ¿Cuántas capas tiene MiniLM?

attention = ¿Qué le permite hacer la atención al vector de “{ $focus }”?
attention-right = tomar significado de las demás palabras de su frase
attention-wrong-a = quedarse exactamente como estaba, sea cual sea la frase
attention-wrong-b = sustituirse por el vector de la primera palabra de la frase
