"""relate: [Article] -> links, after the barrier (every article is known).

entities finds people, places and organisations; events groups articles that report one story; archive ties
them together with related articles and time order. Pure functions of the articles and the rules.
"""
