"""What a scene says: the voice, the soundtrack, and the numbers a narration may speak."""
