"""Small Adaptive Card 1.5 helpers shared by the card builders. User text goes into TextRuns,
which Teams never reads as markdown, so names and notes cannot forge links or formatting."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

VERSION = "1.5"
SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json"
CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
TEXT_LIMIT = 2000


def clip(value: str, limit: int = TEXT_LIMIT) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def card(
    body: list[dict], actions: Sequence[dict] = (), *, fallback: str = "", top: bool = True
) -> dict:
    """A card; `top=False` for the card inside an Action.ShowCard (no version, no schema)."""
    built: dict = {"type": "AdaptiveCard"}
    if top:
        built["$schema"] = SCHEMA
        built["version"] = VERSION
    built["body"] = body
    if actions:
        built["actions"] = list(actions)
    if fallback and top:
        built["fallbackText"] = clip(fallback, 300)
    return built


def heading(value: str, *, size: str = "Large") -> dict:
    return {
        "type": "TextBlock",
        "text": clip(value, 150),
        "size": size,
        "weight": "Bolder",
        "wrap": True,
    }


def label(value: str, *, spacing: str = "Medium") -> dict:
    """A bold line of product text (no user text in it)."""
    return {
        "type": "TextBlock",
        "text": value,
        "weight": "Bolder",
        "wrap": True,
        "spacing": spacing,
    }


def note(value: str, *, color: str = "", subtle: bool = False) -> dict:
    """A line of product text, which may carry markdown of our own."""
    block = {"type": "TextBlock", "text": value, "wrap": True}
    if color:
        block["color"] = color
    if subtle:
        block["isSubtle"] = True
    return block


def run(value: str, *, bold: bool = False, italic: bool = False, color: str = "") -> dict:
    inline: dict = {"type": "TextRun", "text": clip(value)}
    if bold:
        inline["weight"] = "Bolder"
    if italic:
        inline["italic"] = True
    if color:
        inline["color"] = color
    return inline


def rich(*inlines: dict | str, spacing: str = "", block_id: str = "") -> dict:
    """A RichTextBlock: plain strings become TextRuns, so user text is shown exactly as typed."""
    block: dict = {
        "type": "RichTextBlock",
        "inlines": [run(i) if isinstance(i, str) else i for i in inlines],
    }
    if spacing:
        block["spacing"] = spacing
    if block_id:
        block["id"] = block_id
    return block


def section(title: str, body: str, *, empty: str = "") -> list[dict]:
    """A bold title over user text (or `empty` in italics when there is none)."""
    value = body.strip()
    return [label(title), rich(run(value) if value else run(empty, italic=True), spacing="None")]


def error(message: str, for_input: str) -> dict:
    return {
        "type": "TextBlock",
        "id": f"{for_input}_error",
        "text": message,
        "color": "Attention",
        "wrap": True,
        "spacing": "Small",
    }


def _input(kind: str, input_id: str, title: str, *, required: bool, message: str, **extra) -> dict:
    element: dict = {"type": kind, "id": input_id, "label": title}
    if required:
        element["isRequired"] = True
        element["errorMessage"] = message
    element.update({k: v for k, v in extra.items() if v not in (None, "")})
    return element


def text_input(
    input_id: str,
    title: str,
    *,
    value: str = "",
    required: bool = False,
    message: str = "",
    multiline: bool = False,
    max_length: int | None = None,
    placeholder: str = "",
    style: str = "",
) -> dict:
    return _input(
        "Input.Text",
        input_id,
        title,
        required=required,
        message=message,
        isMultiline=True if multiline else None,
        maxLength=max_length,
        placeholder=placeholder,
        style=style,
        value=value,
    )


def choice(title: str, value: str) -> dict:
    return {"title": clip(title, 200), "value": value}


def choice_set(
    input_id: str,
    title: str,
    choices: Iterable[dict],
    *,
    value: str = "",
    required: bool = False,
    message: str = "",
    multi: bool = False,
    expanded: bool = False,
    placeholder: str = "",
) -> dict:
    element = _input(
        "Input.ChoiceSet",
        input_id,
        title,
        required=required,
        message=message,
        style="expanded" if expanded else "compact",
        placeholder=placeholder,
        value=value,
    )
    element["choices"] = list(choices)
    if multi:
        element["isMultiSelect"] = True
    element["wrap"] = True
    return element


def date_input(
    input_id: str,
    title: str,
    *,
    value: str = "",
    minimum: str = "",
    required: bool = False,
    message: str = "",
) -> dict:
    return _input(
        "Input.Date", input_id, title, required=required, message=message, min=minimum, value=value
    )


def time_input(
    input_id: str, title: str, *, value: str = "", required: bool = False, message: str = ""
) -> dict:
    return _input("Input.Time", input_id, title, required=required, message=message, value=value)


def execute(title: str, verb: str, data: dict, *, style: str = "") -> dict:
    """An Action.Execute: Teams sends an adaptiveCard/action invoke and shows the card we return."""
    action = {"type": "Action.Execute", "title": title, "verb": verb, "data": data}
    if style:
        action["style"] = style
    return action


def show_card(title: str, body: list[dict], actions: Sequence[dict]) -> dict:
    return {"type": "Action.ShowCard", "title": title, "card": card(body, actions, top=False)}


def attachment(content: dict) -> dict:
    return {"contentType": CONTENT_TYPE, "content": content}
