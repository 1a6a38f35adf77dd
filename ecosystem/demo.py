def load() -> str:
    return ""
