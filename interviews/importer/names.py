"""How a person's name is written in the result, whatever case or form the text used."""

from __future__ import annotations


def display_name(label: str) -> str:
    """ "JOHN SMITH" -> "John Smith", "А.СОЛОМИН" -> "А. Соломин"; others as written."""
    label = label.rstrip(".") if label.count(".") == 1 and label.endswith(".") else label
    if any(char.islower() for char in label) or sum(char.isalpha() for char in label) < 4:
        return label
    words = [word.capitalize() for word in label.replace(".", ". ").split()]
    return " ".join(words)
