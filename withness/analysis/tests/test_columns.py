from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from withness.analysis.columns import day_ordinals, epoch_seconds, local_days


@pytest.mark.parametrize("zone", ["Europe/Berlin", "America/Sao_Paulo", "Australia/Lord_Howe"])
def test_local_days_match_the_local_date_of_every_instant(zone):
    rng = np.random.default_rng(1)
    start = datetime(2016, 1, 1, tzinfo=UTC).timestamp()
    epoch = start + rng.uniform(0, 10 * 365 * 86400, 5000)
    # and one every hour, so every change of offset is crossed closely
    epoch = np.concatenate([epoch, np.arange(0, 10 * 365 * 86400, 3600.0) + start])
    tz = ZoneInfo(zone)
    expected = [datetime.fromtimestamp(s, tz).date().toordinal() for s in epoch.tolist()]
    assert local_days(epoch, tz).tolist() == expected


def test_moments_and_days_read_from_text_or_objects_agree():
    moment = datetime(2026, 3, 29, 0, 59, 59, 500000, tzinfo=UTC)
    assert epoch_seconds(["2026-03-29 00:59:59.500000"]).tolist() == [moment.timestamp()]
    assert epoch_seconds([moment]).tolist() == [moment.timestamp()]
    assert day_ordinals(["2026-03-29"]).tolist() == day_ordinals([moment.date()]).tolist()
