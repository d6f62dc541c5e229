"""The drawing machinery every scene runs on: camera, renderer, fades, stills, text on screen."""
