"""Checks run on every page state: axe-core, reflow, and what the page says about itself."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE = Path(__file__).resolve().parent.parent.parent / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (JavaScript may be off for the page;
    the checker runs in its own world regardless)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return list(result["violations"])


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {', '.join(' '.join(n['target']) for n in v['nodes'][:3])}" for v in violations
    )


def horizontal_overflow(page: Page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when it reflows)."""
    return int(page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth"))


def clipped_text(page: Page) -> list[str]:
    """Elements whose text is cut off: wider or taller content than the box that hides overflow."""
    return list(page.evaluate(
        """() => [...document.querySelectorAll('body *')].filter(el => {
            const style = getComputedStyle(el);
            const hides = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
            if (!hides || !el.textContent.trim() || el.closest('.govuk-visually-hidden, [hidden], dialog:not([open])')) return false;
            if (style.position === 'absolute' && el.clientWidth <= 1) return false;  // visually hidden technique
            return el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        }).map(el => el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : ''))"""
    ))


def form_fields(page: Page) -> list[dict[str, str]]:
    """Every field a person fills in on this page, with its autocomplete token. Fields inside
    a `hidden` element (the bot trap, frontcounter/honeypot.py) are not for people."""
    return list(page.evaluate(
        """() => [...document.querySelectorAll('main input, main select, main textarea')]
            .filter(el => !['hidden', 'submit', 'button'].includes(el.type) && !el.closest('[hidden]'))
            .map(el => ({name: el.name, type: el.type, autocomplete: el.getAttribute('autocomplete') || ''}))"""
    ))
