"""Weights files: our .npz for any network, and PyTorch nn.Sequential models as .safetensors."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from safetensors.torch import save_file

from nncore import data
from nncore.errors import InputError
from nncore.mlp import SIZES, Network
from nncore.train import TRAINED_PATH, trained_network

torch.set_num_threads(1)
TORCH_LAYER = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU, "tanh": torch.nn.Tanh}


def sequential(sizes: tuple[int, ...], activation: str, seed: int = 0) -> torch.nn.Sequential:
    """A float64 torch MLP with the activation after every Linear, the last one included."""
    torch.manual_seed(seed)
    layers = []
    for n_in, n_out in zip(sizes, sizes[1:]):
        layers += [torch.nn.Linear(n_in, n_out), TORCH_LAYER[activation]()]
    return torch.nn.Sequential(*layers).double()


def one_line(e: pytest.ExceptionInfo) -> str:
    message = str(e.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("sizes", [(784, 32, 10), (784, 10), (784, 16, 16, 10)], ids=str)
def test_a_pytorch_model_imports_and_computes_what_torch_computes(tmp_path, sizes, activation):
    model = sequential(sizes, activation)
    path = tmp_path / "model.safetensors"
    save_file(model.state_dict(), path, metadata={"activation": activation})
    net = Network.load(path)
    assert net.sizes == sizes and net.activation == activation
    images = data.load_mnist()[0][:200]  # real digits
    with torch.no_grad():
        expected = model(torch.tensor(images)).numpy()
    np.testing.assert_allclose(net.feedforward(images).output, expected, rtol=0, atol=1e-9)


def test_a_float32_model_imports_as_float64(tmp_path):
    model = sequential((784, 32, 10), "relu").float()
    save_file(model.state_dict(), tmp_path / "m.safetensors")
    net = Network.load(tmp_path / "m.safetensors", activation="relu")
    assert net.weights[0].dtype == np.float64
    np.testing.assert_array_equal(net.weights[0], model[0].weight.detach().double().numpy())


def test_the_activation_comes_from_the_argument_or_the_file(tmp_path):
    model = sequential((784, 32, 10), "tanh")
    save_file(model.state_dict(), tmp_path / "bare.safetensors")
    assert Network.load(tmp_path / "bare.safetensors", activation="tanh").activation == "tanh"
    with pytest.raises(InputError) as e:
        Network.load(tmp_path / "bare.safetensors")
    assert "does not say its activation: give one of sigmoid, relu, tanh" in one_line(e)
    save_file(model.state_dict(), tmp_path / "tanh.safetensors", metadata={"activation": "tanh"})
    assert Network.load(tmp_path / "tanh.safetensors", activation="tanh").activation == "tanh"
    with pytest.raises(InputError, match="is a tanh network, not a relu one"):
        Network.load(tmp_path / "tanh.safetensors", activation="relu")
    save_file(model.state_dict(), tmp_path / "odd.safetensors", metadata={"activation": "gelu"})
    with pytest.raises(InputError, match="names the activation 'gelu'"):
        Network.load(tmp_path / "odd.safetensors")
    with pytest.raises(InputError, match="unknown activation 'softplus'"):
        Network.load(tmp_path / "tanh.safetensors", activation="softplus")


def bad_safetensors() -> dict[str, tuple[dict[str, torch.Tensor], str]]:
    good = sequential((784, 32, 10), "relu").state_dict()
    unchained = {**sequential((784, 32, 10), "relu").state_dict()}
    unchained |= {"2.weight": torch.zeros(10, 16, dtype=torch.float64)}
    return {
        "shape": (
            good | {"0.weight": torch.zeros(32, 700, dtype=torch.float64)},
            r"0.weight is float64 \(32, 700\), expected float \(32, 784\): the first layer "
            "reads the 784 pixels",
        ),
        "output": (
            good | {"2.weight": torch.zeros(9, 32), "2.bias": torch.zeros(9)},
            r"2.weight is float32 \(9, 32\), expected float \(10, 32\): the output layer has 10",
        ),
        "bias": (good | {"0.bias": torch.zeros(31)}, r"0.bias is float32 \(31,\), expected"),
        "missing": ({k: v for k, v in good.items() if k != "2.bias"}, "has no '2.bias'"),
        "dtype": (good | {"0.weight": torch.zeros(32, 784, dtype=torch.int64)}, "int64"),
        "bfloat16": (
            good | {"0.bias": torch.zeros(32, dtype=torch.bfloat16)},
            r"safetensors: 0.bias is BF16, which numpy cannot read; save the model as float32",
        ),
        "nan": (good | {"2.bias": torch.full((10,), float("nan"))}, "2.bias holds NaN"),
        "chain": (
            unchained,
            r"2.weight is float64 \(10, 16\), expected float \(10, 32\): layers do not chain "
            r"\(0.weight gives 32 outputs\)",
        ),
        "names": (
            {"fc1.weight": good["0.weight"], "fc1.bias": good["0.bias"]},
            "has the key 'fc1.bias': expected an nn.Sequential's state dict, '0.weight'",
        ),
        "empty": ({}, "holds no tensors"),
    }


def test_bad_safetensors_files_are_refused_in_one_line(tmp_path):
    for case, (tensors, message) in bad_safetensors().items():
        path = tmp_path / f"{case}.safetensors"
        save_file(tensors, path, metadata={"activation": "relu"})
        with pytest.raises(InputError, match=message) as e:
            Network.load(path)
        assert str(path) in one_line(e), case
    (tmp_path / "text.safetensors").write_text("weights")
    with pytest.raises(InputError, match="is not a readable .safetensors"):
        Network.load(tmp_path / "text.safetensors")
    with pytest.raises(InputError, match="no such file"):
        Network.load(tmp_path / "absent.safetensors", activation="relu")


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid"])
@pytest.mark.parametrize("sizes", [(784, 10), (784, 128, 64, 10)], ids=str)
def test_npz_round_trip_for_any_network(tmp_path, sizes, activation):
    net = Network.random(seed=3, sizes=sizes, activation=activation)
    net.save(tmp_path / "w.npz")
    back = Network.load(tmp_path / "w.npz")
    assert back.sizes == sizes and back.activation == activation
    assert np.array_equal(back.flat(), net.flat())
    assert back.metadata == {**net.metadata, "sizes": list(sizes), "activation": activation}
    with np.load(tmp_path / "w.npz", allow_pickle=False) as f:
        layers = len(sizes) - 1
        assert sorted(f.files) == sorted(
            ["metadata"] + [f"{k}{l}" for k in "wb" for l in range(1, layers + 1)]
        )


def test_old_files_load_as_sigmoid_networks(tmp_path):
    # The first format: sizes in its metadata, no activation (as the shipped file was).
    committed = trained_network()
    with np.load(TRAINED_PATH, allow_pickle=False) as f:
        arrays = {key: f[key] for key in f.files if key[0] in "wb"}
    first = {k: v for k, v in committed.metadata.items() if k != "activation"}
    np.savez(tmp_path / "first.npz", **arrays, metadata=json.dumps(first))
    loaded = Network.load(tmp_path / "first.npz")
    assert loaded.activation == "sigmoid" and loaded.metadata == first
    for l in (1, 2, 3):
        np.testing.assert_array_equal(loaded.weights[l - 1], arrays[f"w{l}"])
        np.testing.assert_array_equal(loaded.biases[l - 1], arrays[f"b{l}"])
    # and a file with neither: its sizes come from its arrays
    net = Network.random(seed=1, sizes=(784, 32, 10))
    arrays = {"w1": net.weights[0], "b1": net.biases[0], "w2": net.weights[1]}
    np.savez(tmp_path / "old.npz", **arrays, b2=net.biases[1], metadata=json.dumps({"seed": 1}))
    old = Network.load(tmp_path / "old.npz")
    assert old.sizes == (784, 32, 10) and old.activation == "sigmoid"
    assert old.metadata == {"seed": 1}
    assert Network.load(tmp_path / "old.npz", activation="tanh").activation == "tanh"


def test_other_arrays_in_the_file_are_ignored(tmp_path):
    net = Network.random(seed=1, sizes=(784, 32, 10), activation="relu")
    net.save(tmp_path / "w.npz", extra={"snapshot_cost": np.arange(3.0)})
    back = Network.load(tmp_path / "w.npz")
    assert back.sizes == (784, 32, 10) and np.array_equal(back.flat(), net.flat())
    with pytest.raises(ValueError, match="may not be called"):
        net.save(tmp_path / "x.npz", extra={"w1": np.zeros(3)})


def test_a_caller_can_insist_on_one_network(tmp_path):
    Network.random(seed=1, sizes=(784, 32, 10)).save(tmp_path / "w.npz")
    with pytest.raises(InputError) as e:
        Network.load(tmp_path / "w.npz", sizes=SIZES)
    assert "holds a 784-32-10 network; this needs a 784-16-16-10 one" in one_line(e)
    assert Network.load(TRAINED_PATH, activation="sigmoid", sizes=SIZES).sizes == SIZES


def test_bad_npz_files_are_refused_in_one_line(tmp_path):
    net = Network.random(seed=1, sizes=(784, 32, 10))
    w1, w2, b1, b2 = *net.weights, *net.biases
    cases = {
        "chain": (
            dict(w1=w1, b1=b1, w2=np.zeros((10, 16)), b2=b2),
            r"w2 is float64 \(10, 16\), expected float \(10, 32\): layers do not chain",
        ),
        "output": (dict(w1=w1, b1=b1, w2=w2[:9], b2=b2[:9]), "the output layer has 10"),
        "dtype": (dict(w1=w1.astype(np.int32), b1=b1, w2=w2, b2=b2), "w1 is int32"),
        "vector": (dict(w1=w1, b1=b1, w2=b2, b2=b2), r"w2 is float64 \(10,\), expected a float"),
        "inf": (dict(w1=w1, b1=np.full(32, np.inf), w2=w2, b2=b2), "b1 holds NaN or infinite"),
        "sizes": (
            dict(w1=w1, b1=b1, w2=w2, b2=b2, metadata=json.dumps({"sizes": [784, 16, 10]})),
            r"metadata says sizes \[784, 16, 10\], its arrays make 784-32-10",
        ),
        "more sizes": (
            dict(w1=w1, b1=b1, w2=w2, b2=b2, metadata=json.dumps({"sizes": SIZES})),
            "has no 'w3'",
        ),
        "activation": (
            dict(w1=w1, b1=b1, w2=w2, b2=b2, metadata=json.dumps({"activation": "gelu"})),
            "names the activation 'gelu'",
        ),
        "json": (dict(w1=w1, b1=b1, w2=w2, b2=b2, metadata="{"), "not valid JSON"),
    }
    for case, (arrays, message) in cases.items():
        np.savez(tmp_path / f"{case}.npz", **arrays)
        with pytest.raises(InputError, match=message) as e:
            Network.load(tmp_path / f"{case}.npz")
        assert str(tmp_path) in one_line(e), case
