#!/usr/bin/env python3
"""Draw the XieYu app icons into public/icons.

The mark is two linked rings, a school and a provider working together, in
white on the brand teal. Run it after changing the design; it needs Pillow
(pip install pillow). The SVG favicon public/icons/icon.svg draws the same
shapes and is edited by hand.
"""

from pathlib import Path

from PIL import Image, ImageDraw

TEAL = (15, 110, 90, 255)
WHITE = (255, 255, 255, 255)
GOLD = (246, 196, 83, 255)
SCALE = 4  # draw at 4x and downsample for smooth edges

OUT = Path(__file__).resolve().parent.parent / "public" / "icons"


def draw(size: int, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    if maskable:
        # Maskable icons fill the square; the launcher applies its own shape.
        pen.rectangle([0, 0, big, big], fill=TEAL)
        inner = 0.62  # keep the mark inside the 80% safe zone
    else:
        pen.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.22, fill=TEAL)
        inner = 0.78

    mark = big * inner
    offset = (big - mark) / 2
    radius = mark * 0.30
    width = max(2, int(mark * 0.085))
    cy = offset + mark / 2
    left = offset + mark * 0.36
    right = offset + mark * 0.64

    pen.ellipse([left - radius, cy - radius, left + radius, cy + radius], outline=WHITE, width=width)
    pen.ellipse([right - radius, cy - radius, right + radius, cy + radius], outline=GOLD, width=width)
    dot = width * 0.9
    pen.ellipse([(left + right) / 2 - dot, cy - dot, (left + right) / 2 + dot, cy + dot], fill=WHITE)

    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    draw(192, False).save(OUT / "icon-192.png", optimize=True)
    draw(512, False).save(OUT / "icon-512.png", optimize=True)
    draw(512, True).save(OUT / "icon-maskable-512.png", optimize=True)


if __name__ == "__main__":
    main()
