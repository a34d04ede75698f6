"""Moving by keyboard alone, checking at every step that focus can be seen and is not hidden."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Page

# Is the focused element's focus indicator drawn, and is the element itself (or, for a
# radio or checkbox, its label) on screen and not covered by anything else?
_FOCUS_STATE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return {ok: false, why: 'nothing has focus'};
  const style = getComputedStyle(el);
  const label = (el.type === 'radio' || el.type === 'checkbox') ? document.querySelector(`label[for="${el.id}"]`) : null;
  const drawn = (s) => s && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== 'rgba(0, 0, 0, 0)')
                             || (s.boxShadow && s.boxShadow !== 'none'));
  const visible = drawn(style) || (label && (drawn(getComputedStyle(label, '::before')) || drawn(getComputedStyle(label, '::after'))));
  const box = (label || el).getBoundingClientRect();
  const x = Math.min(Math.max(box.left + Math.min(box.width / 2, 20), 0), window.innerWidth - 1);
  const y = Math.min(Math.max(box.top + box.height / 2, 0), window.innerHeight - 1);
  const onTop = document.elementFromPoint(x, y);
  const uncovered = !!onTop && (onTop === el || el.contains(onTop) || onTop.contains(el) || (label && (label === onTop || label.contains(onTop))));
  const inView = box.bottom > 0 && box.top < window.innerHeight && box.right > 0 && box.left < window.innerWidth;
  return {ok: !!visible && uncovered && inView, why: `${el.tagName} ${el.name || el.id || el.textContent.trim().slice(0, 30)}: `
          + `indicator=${!!visible} uncovered=${uncovered} in_view=${inView} on_top=${onTop && onTop.tagName}`};
}"""


def assert_focus_visible(page: Page) -> None:
    state = page.evaluate(_FOCUS_STATE)
    assert state["ok"], f"focus not visible or hidden on {page.url}: {state['why']}"


def tab_to(page: Page, condition: str, *, backwards: bool = False, limit: int = 80) -> None:
    """Press Tab (or Shift+Tab) until `condition` (JavaScript, with `el` the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        if page.evaluate("() => document.activeElement !== document.body"):
            assert_focus_visible(page)
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!({condition}); }}"):
            return
    raise AssertionError(f"could not reach {condition!r} by keyboard on {page.url}")


def focused(page: Page, expression: str) -> Any:
    return page.evaluate(f"() => {{ const el = document.activeElement; return {expression}; }}")


def answer_by_keyboard(page: Page, data: dict[str, Any]) -> None:
    """Fill a question page with the keyboard only: Tab to each field, type, Space or arrows."""
    for name, value in data.items():
        kind = page.evaluate(f"() => (document.querySelector('[name=\"{name}\"]') || {{}}).type || ''")
        if kind == "radio":
            tab_to(page, f"el.name === '{name}'")
            for _ in range(20):
                if focused(page, "el.value") == value:
                    break
                page.keyboard.press("ArrowDown")
            assert focused(page, "el.value") == value, f"{name}: could not reach {value} with the arrow keys"
            page.keyboard.press("Space")
        elif kind == "checkbox":
            for item in value if isinstance(value, list) else [value]:
                tab_to(page, f"el.name === '{name}' && el.value === '{item}'")
                page.keyboard.press("Space")
        elif kind:
            tab_to(page, f"el.name === '{name}'")
            page.keyboard.press("Control+A")
            page.keyboard.type(str(value))
        else:
            raise AssertionError(f"no field named {name} on {page.url}")


def continue_by_keyboard(page: Page) -> None:
    tab_to(page, "el.matches('main form button.govuk-button:not(.govuk-button--secondary)')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
