"""statkit: an example consumer library written only against the Array API.

>>> import numpy
>>> from statkit import logsumexp
>>> float(logsumexp(numpy.log(numpy.asarray([1.0, 2.0, 3.0]))))
1.791759469228055
"""

from ._functions import cov, logsumexp, standardized_cov, welch

__all__ = ["cov", "logsumexp", "standardized_cov", "welch"]
