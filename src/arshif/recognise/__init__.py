"""recognise: what a line or a phrase is, the recognisers cleaning and extraction both use.

Is this a date stamp, an outlet's signature, a byline, a person's name, a headline-shaped line? Each answer is a
small value with the rule that matched. A leaf over text/ and rules/: it never sees a whole article.
"""
