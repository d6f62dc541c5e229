# Los capítulos de la clase (nnexplain/chapters.py): un mensaje por capítulo, con su título,
# y su idea (-concept), lo que explica el capítulo. $side es el lado de una imagen de MNIST
# en píxeles y $pixels cuántos píxeles tiene.

input-layer = La capa de entrada
input-layer-concept =
    un dígito real de { $side }×{ $side } píxeles se convierte en { $pixels } neuronas de entrada

hidden-layers = Las capas ocultas
hidden-layers-concept =
    para qué sirven las capas: los bordes que esperaríamos, los pesos reales de la primera
    capa, lo que empuja, frena y activa a una neurona

parameters = Pesos y sesgos
parameters-concept =
    pesos y sesgos: a' = activación(W a + b), cada perilla contada, la red entera como una
    sola función

cost-untrained = El coste de una respuesta equivocada
cost-untrained-concept =
    el coste cuadrático de la salida equivocada de una red sin entrenar, término a término

cost-trained = El coste, ya entrenada
cost-trained-concept =
    el mismo coste para la red entrenada, y luego su media sobre todos los dígitos de
    entrenamiento

landscape = Cuesta abajo
landscape-concept =
    el coste medio como un paisaje: un corte real a lo largo de un peso, una bola que rueda
    hacia abajo, un paso demasiado largo, dos pesos, minilotes frente al gradiente completo

gradient = El gradiente negativo
gradient-concept =
    el gradiente negativo: su signo dice hacia dónde ir, su tamaño qué pesos importan

learning = La red aprende
learning-concept =
    un entrenamiento real: el coste baja, y una neurona y la respuesta a un dígito van
    tomando forma

backprop = Retropropagación
backprop-concept =
    retropropagación: tres maneras de subir una salida, propagadas hacia atrás

chain-rule = La regla de la cadena
chain-rule-concept =
    la regla de la cadena a lo largo del camino de un peso: tres pendientes reales cuyo
    producto es la entrada de la retropropagación

compute-scale = La escala del entrenamiento
compute-scale-concept =
    de nuestros parámetros a los de un gran modelo de lenguaje, y el cómputo para entrenar
    esos modelos en una escalera de tiempos

embeddings = Las palabras como vectores
embeddings-concept =
    los tokens se vuelven los vectores reales de MiniLM; el producto escalar mide cuánto se
    parecen

attention = Atención
attention-concept =
    una cabeza de atención trabajando (consulta, claves, softmax, valores), y luego
    «model» en dos frases
