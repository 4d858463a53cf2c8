"""The trend rules' Poisson tails (scipy.special) agree with scipy.stats.poisson."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.stats import poisson

from analysis.trends import _poisson_cdf, _poisson_sf


def test_poisson_tails_match_scipy_stats_including_empty_weeks():
    counts = pd.DataFrame([[0, 1, 2, 7], [40, 0, 3, 150], [1000, 2, 0, 5]])
    lam = pd.DataFrame([[0.5, 1.0, 2.5, 3.0], [20.0, 0.5, 0.7, 90.0], [900.0, 1.0, 4.0, 5.0]])
    np.testing.assert_allclose(_poisson_sf(counts - 1, lam), poisson.sf(counts - 1, lam))
    np.testing.assert_allclose(_poisson_cdf(counts[0], lam[0]), poisson.cdf(counts[0], lam[0]))
