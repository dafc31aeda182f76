"""text: Arabic text, shared by every stage.

Takes strings, gives strings: visible characters and spaces (helpers), and the one normalisation that entities,
events and search agree on (normalize). Imports only the rules package.
"""
