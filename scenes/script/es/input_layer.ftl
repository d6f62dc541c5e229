# Concepto 1: un dígito real escrito a mano se convierte en la capa de entrada
# (scenes/input_layer.py). Cada mensaje es la narración de un momento (beat), con su
# mismo nombre; { $name } es un número que la escena registró de nncore, y NUMBER()
# dice cómo se escribe.

digit =
    { $label ->
        [none] Aquí tienes tu dígito escrito a mano. Tú lo lees de un vistazo, sin pensarlo, pero ¿cómo podría hacer lo mismo una máquina?
       *[other] Aquí tienes un { $label } escrito a mano, uno de los dígitos reales de MNIST. Tú lo lees de un vistazo, sin pensarlo, pero ¿cómo podría hacer lo mismo una máquina?
    } Pero una máquina solo ve una cuadrícula de { $side } por { $side } cuadraditos, llamados píxeles.

pixel-values =
    Cada píxel guarda un solo número, su brillo, que va de cero para el negro a uno para el blanco.
    Este, en medio de un trazo, vale { NUMBER($first, minimumFractionDigits: 2, maximumFractionDigits: 2) }; este otro, en el borde de un trazo, vale { NUMBER($second, minimumFractionDigits: 2, maximumFractionDigits: 2) }; y este, cerca del centro pero fuera de la tinta, vale { NUMBER($third, minimumFractionDigits: 0, maximumFractionDigits: 2) }.

input-neurons =
    Ahora cortamos la cuadrícula fila a fila y ponemos todos los píxeles uno debajo de otro, en una sola columna larga.
    Cada píxel se convierte en una neurona, y el número que guarda es la activación de esa neurona, lo encendida que está: esta, por ejemplo, tiene una activación de { NUMBER($lit, minimumFractionDigits: 2, maximumFractionDigits: 2) }.

neuron-count =
    Eso da { $total } píxeles, así que la primera capa de nuestra red tiene una neurona para cada uno de ellos.
    Todo lo que la red llegará a saber de tu dígito está en esta columna de brillos.

what-next =
    Pero una columna de brillos todavía no es una respuesta.
    En algún punto entre estos números y el nombre de un dígito, la red tiene que reconocer trazos, bucles y líneas, y juntarlos.
    ¿Cómo podría hacerlo? Para eso están las capas del medio, y ahí es adonde vamos ahora.

## En pantalla

digit-note =
    { $label ->
        [none] { $source }
       *[other] { $source }, con la etiqueta { $label }
    }
