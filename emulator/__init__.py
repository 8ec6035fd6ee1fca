"""A local emulation of the Telegram Bot API, for tests and for running without a token.

`server.py` serves `/bot<token>/<method>` as python-telegram-bot calls it, checked against the
official specification (`api.json`, Bot API 10.0), plus a control API under `/control/` that
plays the users. It imports nothing of python-telegram-bot: it is the other side of the wire.
"""
