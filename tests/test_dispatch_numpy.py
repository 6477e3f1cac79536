"""``arraycompat.numpy``: a drop-in numpy whose functions dispatch on their arguments."""

import subprocess
import sys

import numpy
import pytest
from conftest import INSTALLED, make_array, import_or_skip

from arraycompat import infer_backend
from arraycompat import numpy as np
from arraycompat.dispatch._dtypes import to_numpy

DENSE = [lib for lib in INSTALLED if lib != "sparse"]


@pytest.mark.parametrize("library", DENSE)
def test_tensordot_dispatches_on_the_first_argument(library):
    x = make_array(library, [[1.0, 2.0], [3.0, 4.0]])
    out = np.tensordot(x, x, 1)
    assert infer_backend(out) == library
    numpy.testing.assert_allclose(to_numpy(out), [[7.0, 10.0], [15.0, 22.0]])


def test_eye_like_an_array(library):
    x = make_array(library, [1.0])
    out = np.eye(3, like=x)
    assert infer_backend(out) == library
    numpy.testing.assert_array_equal(to_numpy(out), numpy.eye(3))


def test_random_normal_like_torch():
    torch = import_or_skip("torch")

    out = np.random.normal(size=(2, 3), like="torch")
    assert isinstance(out, torch.Tensor) and tuple(out.shape) == (2, 3)


@pytest.mark.parametrize("library", DENSE)
def test_linalg_qr(library):
    a = make_array(library, [[2.0, 1.0], [1.0, 3.0], [0.0, 1.0]])
    q, r = np.linalg.qr(a)
    assert infer_backend(q) == library
    numpy.testing.assert_allclose(to_numpy(q) @ to_numpy(r), to_numpy(a), atol=1e-5)


def test_functions_are_built_once_and_kept():
    assert np.sum is np.sum
    assert np.linalg.norm is np.linalg.norm
    assert np.linalg.norm.__qualname__ == "linalg.norm"


def test_constants_and_missing_dunders():
    assert np.pi == numpy.pi and np.newaxis is None
    with pytest.raises(AttributeError):
        np.__wrapped__  # noqa: B018


def test_without_an_array_it_uses_numpy_as_autoray_does():
    assert type(np.zeros(3)).__module__ == "numpy"
    with pytest.raises(TypeError, match=r"arraycompat.do\('zeros'\).*Pass like="):
        np.zeros(object())


def test_import_arraycompat_does_not_import_numpy_and_the_drop_in_is_lazy():
    code = (
        "import sys, arraycompat; assert 'numpy' not in sys.modules; "
        "assert 'arraycompat.numpy' not in sys.modules; "
        "np = arraycompat.numpy; assert 'numpy' not in sys.modules; print(np.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "arraycompat.numpy"
