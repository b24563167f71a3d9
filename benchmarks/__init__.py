"""The performance harness: ``make bench`` (``python benchmarks/run.py``).

``synthetic`` writes a deterministic news-like corpus with known facts;
``run`` measures extraction, building, writing, reading and querying on it,
one fresh process per corpus size, and compares each stage with a baseline
measured in the same run (Aho-Corasick, networkx, pyoxigraph).
"""
