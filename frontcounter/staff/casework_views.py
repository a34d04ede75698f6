"""Registers the casework views (the queue, an item, and the actions on it) on the staff blueprint."""

from frontcounter.staff import actions, item, queue  # noqa: F401
