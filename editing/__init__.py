"""The editing layer between the views and the store: every user edit an undoable command.

Kept empty so that importing :mod:`editing.protocol` stays cheap.
"""
