import numpy as np
import pytest

from withness.analysis.pooling import dersimonian_laird, pool


def test_groups_that_agree_within_noise_have_no_between_group_spread():
    assert dersimonian_laird(np.array([0.1, -0.1, 0.0]), np.array([1.0, 1.0, 1.0])) == 0.0


def test_the_spread_matches_the_method_of_moments_by_hand():
    y, v = np.array([-2.0, 0.0, 2.0]), np.array([0.5, 0.5, 0.5])
    w = 1 / v
    q = float(np.sum(w * (y - 0) ** 2))  # weighted mean is 0
    c = w.sum() - (w**2).sum() / w.sum()
    assert dersimonian_laird(y, v) == pytest.approx((q - 2) / c)


def test_a_noisy_group_is_drawn_further_toward_the_centre_than_a_precise_one():
    y = np.array([2.0, 2.0, 0.0, 0.0, -1.0])
    v = np.array([2.0, 0.05, 0.1, 0.1, 0.1])
    pooled = pool(y, v, prior_tau2=0.25, prior_groups=3)
    assert abs(pooled.mean[0] - pooled.centre) < abs(pooled.mean[1] - pooled.centre)
    assert pooled.var[0] < v[0]


def test_a_single_group_falls_back_on_the_prior_spread():
    pooled = pool(np.array([1.0]), np.array([1.0]), prior_tau2=0.25, prior_groups=3)
    assert pooled.tau2 == pytest.approx(0.25)
    assert pooled.mean[0] == pytest.approx(1.0)  # nothing else to be drawn toward
