"""The domain and persistence layer: models, use cases and the rules they apply.

Nothing here imports Flask request globals, the web layer, the forms or the
integrations. Each public use case owns exactly one transaction: helpers that
read or write rows never commit on their own.
"""
