"""The one place where everything is created and wired. This package __init__ stays Qt-free."""
