"""The use cases: the only layer that the CLI, the API and the web pages call.

One module per use case (ingest, board, extract, cluster, classify, trends, interpret); each
takes settings or a store explicitly and returns typed records, never prints.
"""
