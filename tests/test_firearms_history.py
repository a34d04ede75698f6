"""The five-year address history rule, at its edges. Pure date arithmetic: no app, no database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from forms.firearms_lists import five_years_before as five_years_before_on_the_page
from services.enums.firearms import HistoryProblem
from services.journeys.firearms import HistoryFinding, check_address_history, five_years_before

TODAY = date(2026, 11, 25)
START = date(2021, 11, 25)  # five years before TODAY
DAY = timedelta(days=1)


def test_five_years_before_is_the_same_day_and_29_february_falls_back_to_28() -> None:
    assert five_years_before(TODAY) == START
    assert five_years_before(date(2028, 2, 29)) == date(2023, 2, 28)
    for today in (TODAY, date(2028, 2, 29), date(2024, 12, 31)):
        assert five_years_before_on_the_page(today) == five_years_before(today)  # the page says what the rule checks


def test_living_at_the_current_address_for_exactly_five_years_is_enough() -> None:
    assert check_address_history(START, [], TODAY) is None
    assert check_address_history(START - DAY, [], TODAY) is None


def test_one_day_short_of_five_years_asks_for_what_is_missing() -> None:
    assert check_address_history(START + DAY, [], TODAY) == HistoryFinding(HistoryProblem.TOO_SHORT, None, START, START + DAY)


def test_a_previous_address_that_reaches_exactly_five_years_back_is_enough() -> None:
    moved_in = date(2024, 6, 1)
    assert check_address_history(moved_in, [(START, moved_in)], TODAY) is None
    short = check_address_history(moved_in, [(START + DAY, moved_in)], TODAY)
    assert short == HistoryFinding(HistoryProblem.TOO_SHORT, 0, START, START + DAY)


@pytest.mark.parametrize(("gap_days", "allowed"), [(0, True), (1, True), (30, True), (31, True), (32, False), (200, False)])
def test_a_gap_of_up_to_31_days_between_addresses_is_allowed(gap_days: int, allowed: bool) -> None:
    moved_in = date(2024, 6, 1)
    moved_out = moved_in - timedelta(days=gap_days)
    finding = check_address_history(moved_in, [(date(2019, 1, 1), moved_out)], TODAY)
    if allowed:
        assert finding is None
    else:
        assert finding == HistoryFinding(HistoryProblem.GAP, 0, moved_out, moved_in)


def test_a_gap_between_two_previous_addresses_names_the_earlier_one_and_the_dates() -> None:
    moved_in = date(2024, 6, 1)
    previous = [(date(2023, 1, 1), moved_in), (date(2019, 1, 1), date(2022, 11, 29))]  # 33 days
    assert check_address_history(moved_in, previous, TODAY) == HistoryFinding(HistoryProblem.GAP, 1, date(2022, 11, 29), date(2023, 1, 1))
    previous[1] = (date(2019, 1, 1), date(2022, 12, 1))  # 31 days
    assert check_address_history(moved_in, previous, TODAY) is None


def test_the_order_the_addresses_are_given_in_does_not_matter() -> None:
    moved_in = date(2024, 6, 1)
    previous = [(date(2019, 1, 1), date(2022, 12, 1)), (date(2023, 1, 1), moved_in)]
    assert check_address_history(moved_in, previous, TODAY) is None
    assert check_address_history(moved_in, list(reversed(previous)), TODAY) is None


def test_overlapping_addresses_are_fine() -> None:
    moved_in = date(2024, 6, 1)
    # Kept the old flat for three months after moving, and a second home overlapped the first.
    previous = [(date(2022, 1, 1), date(2024, 9, 1)), (date(2019, 6, 1), date(2022, 6, 1))]
    assert check_address_history(moved_in, previous, TODAY) is None
    # An address inside another adds nothing, and takes nothing away.
    previous.append((date(2023, 1, 1), date(2023, 2, 1)))
    assert check_address_history(moved_in, previous, TODAY) is None


def test_addresses_from_before_the_five_years_do_not_fill_a_gap_inside_them() -> None:
    moved_in = date(2024, 6, 1)
    finding = check_address_history(moved_in, [(date(2010, 1, 1), date(2015, 1, 1))], TODAY)
    assert finding == HistoryFinding(HistoryProblem.TOO_SHORT, None, START, moved_in)


def test_a_gap_that_ends_before_the_five_years_began_does_not_matter() -> None:
    moved_in = date(2024, 6, 1)
    previous = [(date(2020, 1, 1), moved_in), (date(2015, 1, 1), date(2018, 1, 1))]
    assert check_address_history(moved_in, previous, TODAY) is None


@pytest.mark.parametrize(
    ("current", "previous", "index"),
    [
        (TODAY + DAY, [], None),
        (date(2024, 6, 1), [(date(2019, 1, 1), TODAY + DAY)], 0),
        (date(2024, 6, 1), [(date(2019, 1, 1), date(2024, 6, 1)), (TODAY + DAY, TODAY + 2 * DAY)], 1),
    ],
)
def test_dates_in_the_future_are_refused(current: date, previous: list[tuple[date, date]], index: int | None) -> None:
    assert check_address_history(current, previous, TODAY) == HistoryFinding(HistoryProblem.FUTURE_DATE, index)


def test_today_is_not_in_the_future() -> None:
    assert check_address_history(TODAY, [(date(2019, 1, 1), TODAY)], TODAY) is None


@pytest.mark.parametrize("moved_out", [date(2019, 1, 1), date(2018, 12, 31)])
def test_moving_out_on_or_before_the_day_you_moved_in_is_refused(moved_out: date) -> None:
    finding = check_address_history(date(2024, 6, 1), [(date(2019, 1, 1), moved_out)], TODAY)
    assert finding == HistoryFinding(HistoryProblem.MOVED_OUT_BEFORE_IN, 0)


def test_a_long_history_of_many_short_stays_is_followed_back() -> None:
    moved_in = date(2026, 9, 1)
    previous, end = [], moved_in
    while end > START:  # two-month lets, each followed by a fortnight in between
        start = end - timedelta(days=74)
        previous.append((start, end - timedelta(days=14)))
        end = start
    assert check_address_history(moved_in, previous, TODAY) is None
    del previous[5]
    finding = check_address_history(moved_in, previous, TODAY)
    assert finding is not None and finding.problem == HistoryProblem.GAP and finding.index == 5
