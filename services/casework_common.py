"""What every casework use case shares: who is acting, the errors it can meet, and loading
an item under a row lock so that two people acting at once cannot both change it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import select

from services.db import db
from services.enums import TriageStatus
from services.models import TriageItem


@dataclass(frozen=True)
class Actor:
    """The member of staff doing something, and whether they may act as a supervisor."""

    id: int
    supervisor: bool = False


class CaseworkError(Exception):
    """A use case refused; the web layer turns each kind into a clear 4xx answer."""


class ItemNotFound(CaseworkError):
    pass


class ItemClosed(CaseworkError):
    pass


class AlreadyOwned(CaseworkError):
    def __init__(self, owner_name: str, mine: bool) -> None:
        super().__init__("already owned")
        self.owner_name = owner_name
        self.mine = mine


class NotOwner(CaseworkError):
    """Only the item's owner (or a supervisor) may do this: claim it first."""


class NotAllowed(CaseworkError):
    """The actor's role does not allow this."""


class InvalidChoice(CaseworkError):
    """A value the use case cannot accept; `field` names the form field it came from."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(field + ": " + problem)
        self.field = field
        self.problem = problem


@contextmanager
def transaction() -> Iterator[None]:
    """One use case, one transaction: committed when the block ends, rolled back on any error."""
    try:
        yield
        db.session.commit()
    except BaseException:
        db.session.rollback()
        raise


def load_item(item_id: int, *, for_update: bool = False) -> TriageItem:
    if not 0 < item_id < 2**31:
        raise ItemNotFound()
    query = select(TriageItem).where(TriageItem.id == item_id)
    if for_update:
        query = query.with_for_update()
    item = db.session.scalar(query)
    if item is None:
        raise ItemNotFound()
    return item


def load_open_item(item_id: int) -> TriageItem:
    item = load_item(item_id, for_update=True)
    if item.status == TriageStatus.CLOSED.value:
        raise ItemClosed()
    return item


def require_owner(item: TriageItem, actor: Actor) -> None:
    if item.owner_id != actor.id and not actor.supervisor:
        raise NotOwner()


def check_text(field: str, text: str, limit: int, *, required: bool = True) -> str:
    cleaned = text.strip()
    if required and not cleaned:
        raise InvalidChoice(field, "required")
    if len(cleaned) > limit:
        raise InvalidChoice(field, "too_long")
    return cleaned
