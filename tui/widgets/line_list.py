"""A list drawn line by line from cached strips, with a cursor on one entry at a time."""

from __future__ import annotations

from bisect import bisect_right

from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


class LineList(ScrollView, can_focus=True):
    """Entries of known heights, of which only the lines on screen are drawn, each once per
    update. Textual's OptionList renders every option to learn its height on each update,
    which cost the search view half of its redraw after every keystroke.

    A subclass gives each entry's height (``show_entries``), draws its lines (``draw``), and
    says which entries the cursor may rest on (``selectable``) and what choosing one does
    (``choose``: Enter or a click).
    """

    BINDINGS = [
        Binding("down,j", "move(1)", "Down", show=False),
        Binding("up,k", "move(-1)", "Up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("home", "first", "First", show=False),
        Binding("end", "last", "Last", show=False),
        Binding("enter", "choose", "Choose", show=False),
    ]
    # The focused cursor is a class of its own: Textual keeps a part's style cached across
    # focus changes, so a `LineList:focus > .line-list--cursor` rule would stick.
    COMPONENT_CLASSES = {"line-list--cursor", "line-list--cursor-focused"}

    cursor: reactive[int] = reactive(-1, init=False, always_update=True)  # entry index, -1: none

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._starts: list[int] = [0]  # each entry's first line, then the line after the last
        self._strips: dict[tuple[int, bool, int], Strip] = {}
        self._styles: dict[bool, tuple[Style, Style]] = {}  # on the cursor or not: base, over

    def draw(self, entry: int, line: int, width: int, base: Style, over: Style) -> Strip:
        """Line ``line`` of ``entry``, ``width`` cells wide, in ``base`` style (the cursor's,
        on the cursor's entry); ``over`` goes on top of any part styled differently (it keeps
        the cursor's background there)."""
        raise NotImplementedError

    def selectable(self, entry: int) -> bool:
        return True

    def choose(self, entry: int) -> None:
        """Enter or a click on ``entry``."""

    @property
    def entry_count(self) -> int:
        return len(self._starts) - 1

    def show_entries(self, heights: list[int], cursor: int) -> None:
        """New entries of these heights, with the cursor on entry ``cursor`` (-1: the first
        selectable one)."""
        starts = [0]
        for height in heights:
            starts.append(starts[-1] + height)
        self._starts = starts
        self._strips.clear()
        self._set_virtual_height(starts[-1])
        self.cursor = cursor if 0 <= cursor < len(heights) else self._nearest(0, 1, -1)
        self.refresh()

    def _set_virtual_height(self, height: int) -> None:
        """Textual lays the whole screen out again on any change of a virtual size; only a
        scrollbar coming or going needs that, else updating the scrollbar will do."""
        before, viewport = self.virtual_size.height, self.container_size.height
        if (height > viewport) != (before > viewport):
            self.virtual_size = Size(1, height)
        elif height != before:
            self.set_reactive(LineList.virtual_size, Size(1, height))
            self._scroll_update(self.virtual_size)

    def render_line(self, y: int) -> Strip:
        line = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if line >= self._starts[-1]:
            return Strip.blank(width, self._line_styles(False)[0])
        entry = bisect_right(self._starts, line) - 1
        key = (line, entry == self.cursor, width)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self.draw(entry, line - self._starts[entry], width, *self._line_styles(key[1]))
        return strip

    def _line_styles(self, on_cursor: bool) -> tuple[Style, Style]:
        """The ``base`` and ``over`` styles of ``draw``, worked out once per restyle: the
        list's style blends the backgrounds of all its ancestors, a quarter of a millisecond
        that would otherwise go into every line of every update."""
        if on_cursor not in self._styles:
            base, over = self.rich_style, Style()
            if on_cursor:  # the whole style: its colours may be translucent over the list's
                cursor = self.get_component_rich_style("line-list--cursor" + ("-focused" if self.has_focus else ""))
                base, over = base + cursor, Style(bgcolor=cursor.bgcolor)
            self._styles[on_cursor] = base, over
        return self._styles[on_cursor]

    def notify_style_update(self) -> None:
        """A theme or focus change restyles every line."""
        self._strips.clear()
        self._styles.clear()
        super().notify_style_update()
        self.refresh()

    def watch_cursor(self, new: int) -> None:
        """Keep the cursor's entry in view, with an entry it cannot rest on just above it
        (a heading)."""
        if new >= 0:
            top = new - 1 if new > 0 and not self.selectable(new - 1) else new
            start, end = self._starts[top], self._starts[new + 1]
            self.scroll_to_region(Region(0, start, 1, end - start), animate=False, immediate=True)
        self.refresh()

    def _nearest(self, entry: int, step: int, default: int) -> int:
        """The first selectable entry from ``entry`` on in direction ``step``."""
        while 0 <= entry < self.entry_count:
            if self.selectable(entry):
                return entry
            entry += step
        return default

    def _go(self, entry: int, step: int) -> None:
        """To ``entry``, or the nearest selectable one that way (else back the other way)."""
        entry = max(0, min(self.entry_count - 1, entry))
        self.cursor = self._nearest(entry, step, self._nearest(entry, -step, self.cursor))

    def action_move(self, delta: int) -> None:
        self._go(self.cursor + delta, 1 if delta > 0 else -1)

    def action_page(self, direction: int) -> None:
        if self.cursor < 0:
            return
        line = self._starts[self.cursor] + direction * max(1, self.scrollable_content_region.height - 1)
        self._go(bisect_right(self._starts, max(0, line)) - 1, direction)

    def action_first(self) -> None:
        self._go(0, 1)

    def action_last(self) -> None:
        self._go(self.entry_count - 1, -1)

    def action_choose(self) -> None:
        if 0 <= self.cursor < self.entry_count and self.selectable(self.cursor):
            self.choose(self.cursor)

    def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y + self.scroll_offset.y >= self._starts[-1]:
            return
        entry = bisect_right(self._starts, offset.y + self.scroll_offset.y) - 1
        if self.selectable(entry):
            self.cursor = entry
            self.choose(entry)
