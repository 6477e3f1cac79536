"""Libraries built on autoray, run on arraycompat with only autoray swapped (issue 13).

PennyLane registers its translations through autoray.autoray's registry dicts and
``register_function`` (for 'builtins' and 'scipy' too), then dispatches every
``qml.math`` call through ``do``: its circuits' values and gradients on numpy,
autograd, torch and jax must be the analytic ones. cotengra contracts tensor networks
with ``do``: its results on numpy, torch and arraycompat's lazy arrays must be
numpy.einsum's. symmray (block-sparse symmetric arrays) registers functions under its
own name and imports ``find_full_reshape`` from ``autoray.lazy.core``: its reshape and
tensordot must match the dense arrays'.

Each runs in a subprocess: ``arraycompat.autoray.install()`` swaps ``autoray`` for the
whole process. Skipped without the library (CI's backends job, .ci/backends.sh,
installs PennyLane and cotengra; symmray needs autoray>=0.8.10 where PennyLane pins
autoray==0.8.4, so the two cannot share its venv and symmray runs by hand).
"""

import subprocess
import sys

import pytest


def run_with_autoray_swapped(library: str, script: str) -> str:
    """Run ``script`` (which swaps autoray for arraycompat first) in a fresh Python;
    its stdout. Skips when ``library`` is not installed; fails with its stderr."""
    pytest.importorskip(library, reason=f"needs {library}, which is not installed (pip install {library})")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout


SCRIPT = r"""
import math
import arraycompat.autoray
arraycompat.autoray.install()
import autoray, numpy as np
import pennylane as qml
from pennylane import numpy as pnp
assert autoray is arraycompat.autoray
assert "arraycompat" in qml.math.single_dispatch.ar.__name__

dev = qml.device("default.qubit", wires=2)

@qml.qnode(dev)
def circuit(x):
    qml.RX(x, wires=0)
    qml.CNOT(wires=[0, 1])
    return qml.expval(qml.PauliZ(1))

x = 0.3
assert math.isclose(float(circuit(x)), math.cos(x), rel_tol=1e-12)
assert math.isclose(float(qml.grad(circuit)(pnp.array(x, requires_grad=True))), -math.sin(x),
                    rel_tol=1e-12)
checked = ["numpy", "autograd"]
try:
    import torch
except ImportError:
    pass
else:
    t = torch.tensor(x, requires_grad=True, dtype=torch.float64)
    y = circuit(t)
    y.backward()
    assert math.isclose(y.item(), math.cos(x), rel_tol=1e-12)
    assert math.isclose(t.grad.item(), -math.sin(x), rel_tol=1e-12)
    assert qml.math.get_interface(t) == "torch"
    checked.append("torch")
try:
    import jax
except ImportError:
    pass
else:
    jax.config.update("jax_enable_x64", True)
    assert math.isclose(float(jax.grad(circuit)(x)), -math.sin(x), rel_tol=1e-12)
    checked.append("jax")
assert qml.math.allclose(qml.math.stack([np.ones(2), np.zeros(2)]).sum(), 2.0)
assert qml.math.ndim([1.0, 2.0]) == 1  # registered for 'builtins'
print(" ".join(checked))
"""


def test_pennylane_runs_on_arraycompat_with_autoray_swapped():
    stdout = run_with_autoray_swapped("pennylane", SCRIPT)
    assert stdout.split()[:2] == ["numpy", "autograd"]


COTENGRA = r"""
import arraycompat.autoray
arraycompat.autoray.install()
import autoray, numpy as np
import cotengra as ctg
assert autoray is arraycompat.autoray
inputs, output, shapes, size_dict = ctg.utils.rand_equation(8, 3, seed=1)
arrays = [np.random.default_rng(i).normal(size=s) for i, s in enumerate(shapes)]
eq = ",".join("".join(t) for t in inputs) + "->" + "".join(output)
ref = np.einsum(eq, *arrays, optimize="greedy")
assert np.allclose(ctg.einsum(eq, *arrays), ref)
tree = ctg.array_contract_tree(inputs, output, size_dict)
assert np.allclose(tree.contract(arrays), ref)
from arraycompat import lazy
out = ctg.einsum(eq, *[lazy.array(a) for a in arrays])
assert type(out) is lazy.LazyArray and np.allclose(out.compute(), ref)
checked = ["numpy", "lazy"]
try:
    import torch
except ImportError:
    pass
else:
    assert np.allclose(ctg.einsum(eq, *[torch.from_numpy(a) for a in arrays]).numpy(), ref)
    checked.append("torch")
print(" ".join(checked))
"""


def test_cotengra_runs_on_arraycompat_with_autoray_swapped():
    stdout = run_with_autoray_swapped("cotengra", COTENGRA)
    assert stdout.split()[:2] == ["numpy", "lazy"]


SYMMRAY = r"""
import arraycompat.autoray
arraycompat.autoray.install()
import autoray, numpy as np
import symmray as sr
assert autoray is arraycompat.autoray
x = sr.utils.get_rand("Z2", (3, 4, 5), seed=1)
dense = x.to_dense()
fused = x.reshape((12, 5))  # its reshape uses lazy.core.find_full_reshape
assert fused.shape == (12, 5)
# fusing orders a block-sparse index by charge sector: the same entries, rearranged
assert np.isclose(np.sum(np.abs(fused.to_dense()) ** 2), np.sum(np.abs(dense) ** 2))
assert np.allclose(np.sort(fused.to_dense().ravel()), np.sort(dense.ravel()))
norm2 = sr.tensordot(x, x.conj(), axes=[(0, 1, 2), (0, 1, 2)])
assert np.isclose(float(norm2), np.sum(np.abs(dense) ** 2))
print("ok")
"""


def test_symmray_runs_on_arraycompat_with_autoray_swapped():
    stdout = run_with_autoray_swapped("symmray", SYMMRAY)
    assert stdout.strip() == "ok"
