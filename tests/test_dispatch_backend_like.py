"""``backend_like``: nestable, and private to each thread and asyncio task."""

import asyncio
import threading

import numpy
import pytest
from conftest import INSTALLED, import_or_skip

from arraycompat import backend_like, do, get_backend, infer_backend


def test_backend_like_is_used_only_without_array_and_like():
    torch = import_or_skip("torch")

    with backend_like("torch"):
        assert isinstance(do("zeros", 2), torch.Tensor)
        assert isinstance(do("zeros", 2, like="numpy"), numpy.ndarray)  # like= wins
        assert isinstance(do("sum", numpy.ones(2)), numpy.floating)  # an array wins
    with pytest.raises(TypeError, match="Pass like="):
        do("zeros", 2)


def test_backend_like_nests_and_restores():
    import_or_skip("jax")
    import_or_skip("torch")
    assert get_backend() is None
    with backend_like("numpy"):
        with backend_like("jax"):
            assert infer_backend(do("ones", 1)) == "jax"
            with backend_like("torch") as name:
                assert name == "torch"
                assert infer_backend(do("ones", 1)) == "torch"
            assert get_backend() == "jax"
        assert infer_backend(do("ones", 1)) == "numpy"
    assert get_backend() is None


def test_backend_like_accepts_an_array():
    torch = import_or_skip("torch")

    with backend_like(torch.ones(1)):
        assert get_backend() == "torch"


def test_backend_like_is_restored_after_an_exception():
    with pytest.raises(RuntimeError):
        with backend_like("torch"):
            raise RuntimeError("boom")
    assert get_backend() is None


def test_each_thread_sees_only_its_own_backend():
    libraries = [lib for lib in INSTALLED if lib in ("numpy", "torch", "jax", "dask")]
    barrier = threading.Barrier(len(libraries))
    seen = {}

    def work(library):
        with backend_like(library):
            barrier.wait()  # every thread is inside its own block at once
            seen[library] = [infer_backend(do("ones", 2)) for _ in range(5)]
            barrier.wait()

    threads = [threading.Thread(target=work, args=(lib,)) for lib in libraries]
    for t in threads:
        t.start()
    with backend_like("numpy"):  # the main thread's setting does not leak either
        for t in threads:
            t.join()
    assert seen == {lib: [lib] * 5 for lib in libraries}
    assert get_backend() is None


def test_each_asyncio_task_sees_only_its_own_backend():
    import_or_skip("torch")

    async def work(library, started, go):
        with backend_like(library):
            started.set()
            await go.wait()  # the other task enters its block meanwhile
            return infer_backend(do("ones", 2)), get_backend()

    async def main():
        go = asyncio.Event()
        events = [asyncio.Event(), asyncio.Event()]
        tasks = [
            asyncio.create_task(work(lib, ev, go)) for lib, ev in zip(["torch", "numpy"], events)
        ]
        for ev in events:
            await ev.wait()
        go.set()
        return await asyncio.gather(*tasks), get_backend()

    results, outside = asyncio.run(main())
    assert results == [("torch", "torch"), ("numpy", "numpy")]
    assert outside is None
