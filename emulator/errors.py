"""Telegram's error answers, in one table, worded as the real Bot API words them."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """An error answer: HTTP status equal to error_code, Telegram's description."""

    def __init__(self, code: int, description: str, parameters: dict[str, Any] | None = None):
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


ERRORS: dict[str, tuple[int, str]] = {
    "not_found": (404, "Not Found"),
    "unauthorized": (401, "Unauthorized"),
    "chat_not_found": (400, "Bad Request: chat not found"),
    "message_not_found": (400, "Bad Request: message to edit not found"),
    "message_to_delete_not_found": (400, "Bad Request: message to delete not found"),
    "message_to_copy_not_found": (400, "Bad Request: message to copy not found"),
    "reply_not_found": (400, "Bad Request: message to be replied not found"),
    "text_empty": (400, "Bad Request: message text is empty"),
    "text_too_long": (400, "Bad Request: message is too long"),
    "caption_too_long": (400, "Bad Request: message caption is too long"),
    "button_data_invalid": (400, "Bad Request: BUTTON_DATA_INVALID"),
    "not_modified": (
        400,
        "Bad Request: message is not modified: specified new message content and reply markup"
        " are exactly the same as a current content and reply markup of the message",
    ),
    "query_invalid": (
        400,
        "Bad Request: query is too old and response timeout expired or query ID is invalid",
    ),
    "blocked": (403, "Forbidden: bot was blocked by the user"),
    "not_started": (403, "Forbidden: bot can't initiate conversation with a user"),
    "flood": (429, "Too Many Requests: retry after {retry_after}"),
    "thread_not_found": (400, "Bad Request: message thread not found"),
    "topic_closed": (400, "Bad Request: TOPIC_CLOSED"),
    "topic_not_modified": (400, "Bad Request: TOPIC_NOT_MODIFIED"),
    "topic_manage_rights": (400, "Bad Request: not enough rights to manage topics"),
    "not_forum": (400, "Bad Request: the chat is not a forum"),
    "wrong_file_id": (400, "Bad Request: wrong file identifier/HTTP URL specified"),
    "user_not_found": (400, "Bad Request: user not found"),
    "media_group_size": (400, "Bad Request: wrong number of media in the album"),
    "migrated": (400, "Bad Request: group chat was upgraded to a supergroup chat"),
    "bot_kicked": (403, "Forbidden: bot was kicked from the {chat_type} chat"),
    "bot_left": (403, "Forbidden: bot is not a member of the {chat_type} chat"),
    "topic_rights": (400, "Bad Request: not enough rights to create a topic"),
    "cannot_copy": (400, "Bad Request: message can't be copied"),
    "conflict": (409, "Conflict: terminated by other getUpdates request"),
    "webhook_active": (
        409,
        "Conflict: can't use getUpdates method while webhook is active;"
        " use deleteWebhook to delete the webhook first",
    ),
}


def api_error(key: str, **values: Any) -> ApiError:
    code, description = ERRORS[key]
    # ResponseParameters: what the bot needs to act on the error.
    parameters: dict[str, Any] | None = {
        k: values[k] for k in ("retry_after", "migrate_to_chat_id") if k in values
    } or None
    return ApiError(code, description.format(**values), parameters)


def missing(field: str) -> ApiError:
    if field == "text":
        return api_error("text_empty")
    return ApiError(400, f"Bad Request: {field} is empty")


def ill_typed(field: str) -> ApiError:
    return ApiError(400, f"Bad Request: invalid {field} specified")
