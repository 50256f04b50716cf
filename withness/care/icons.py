"""The app icons: two rings, side by side and overlapping, drawn with Pillow.

Run `python -m withness.care.icons` to redraw the PNGs in static/care/icons/ after a change;
icon.svg beside them is the same drawing by hand. Pillow is only needed to redraw them.
"""

from pathlib import Path

ICON_DIR = Path(__file__).resolve().parent / "static" / "care" / "icons"
GREEN = (63, 111, 88)
CREAM = (255, 253, 249)
SAND = (243, 217, 164)
SIZES = {
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "maskable-512.png": (512, True),
}


def draw(size: int, *, maskable: bool = False):
    from PIL import Image, ImageDraw

    scale = 4  # draw large, then shrink, for smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        # Launchers crop maskable icons to their own shape: fill it all, keep rings in the centre.
        pen.rectangle((0, 0, big, big), fill=GREEN)
        unit = big / 64 * 0.72
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 14 / 64, fill=GREEN)
        unit = big / 64
    middle = big / 2
    for centre_x, colour in ((middle - 7 * unit, CREAM), (middle + 7 * unit, SAND)):
        radius = 12 * unit
        pen.ellipse(
            (centre_x - radius, middle - radius, centre_x + radius, middle + radius),
            outline=colour,
            width=round(4 * unit),
        )
    return image.resize((size, size), Image.LANCZOS)


def main():
    for name, (size, maskable) in SIZES.items():
        draw(size, maskable=maskable).save(ICON_DIR / name, optimize=True)


if __name__ == "__main__":
    main()
