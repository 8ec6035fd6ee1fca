"""The bot's runtime against Telegram: updates in (receiving.py, through the inbox), handled
chats at once and each chat in order (processing.py), everything said sent from the outbox
(dispatcher.py and its parts: calls, outcomes, marking, polling), the jobs (jobs.py), and the
HTTP client (transport.py)."""
