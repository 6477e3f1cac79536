"""statkit on a real dask.distributed cluster on loopback."""

import logging

import numpy as np
import pytest

from arraycompat.testing import assert_close
from statkit import standardized_cov

distributed = pytest.importorskip("distributed", reason="needs distributed (pip install distributed)")
da = pytest.importorskip("dask.array", reason='needs dask (pip install "dask[array]")')


def test_standardized_cov_on_a_local_cluster():
    x = np.random.default_rng(7).standard_normal((4, 400))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, silence_logs=logging.ERROR,
    ) as cluster, distributed.Client(cluster) as client:
        lazy = standardized_cov(da.from_array(x, chunks=(2, 100)))
        future = client.compute(lazy)
        result = future.result(timeout=60)
        # the work ran on the cluster's workers, not in this process
        assert client.run(lambda: 1) and len(client.scheduler_info()["workers"]) == 2
    assert_close(result, np.corrcoef(x))
