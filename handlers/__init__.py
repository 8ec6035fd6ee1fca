"""The Telegram front: updates in, calls into bot/ and knowledge/, replies out. The only code
that imports telegram; handlers/app.py, the composition root, builds the Application and
registers every handler, in order."""
