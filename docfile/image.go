package docfile

import (
	"bytes"
	"image"
	"image/draw"
	"image/jpeg"
	"image/png"

	xdraw "golang.org/x/image/draw"
)

// Sizes of what is kept of a photo. A page printed at 300 dpi on Letter
// paper is 2550 x 3300 pixels: more is never seen on paper, and a 48
// megapixel phone photo would otherwise cost every later reader (the
// packet, the dossier) ten times the memory.
const (
	maxSide   = 3300
	thumbSide = 240
	quality   = 88
)

// imageFile checks an image's size from its header, decodes it, turns it
// upright from its EXIF orientation, scales it to at most maxSide, and
// re-encodes it as JPEG, which keeps none of the original's metadata
// (EXIF, GPS, comments). It returns the new file and a preview.
func imageFile(name string, t Type, data []byte, lim Limits) (out, thumb []byte, err error) {
	cfg, _, cerr := image.DecodeConfig(bytes.NewReader(data))
	if cerr != nil {
		return nil, nil, refuse(name, CodeDamaged, "the image cannot be read (%v)", cerr)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, nil, refuse(name, CodeDamaged, "the image has no pixels")
	}
	if int64(cfg.Width)*int64(cfg.Height) > lim.MaxPixels || cfg.Width > lim.MaxSide || cfg.Height > lim.MaxSide {
		return nil, nil, refuse(name, CodePixels, "the image is %d x %d pixels; the limit is %d megapixels and %d pixels a side (take the photo again at a normal size)",
			cfg.Width, cfg.Height, lim.MaxPixels/1_000_000, lim.MaxSide)
	}
	orient := 1
	var img image.Image
	if t == JPEG {
		orient = Orientation(data)
		img, err = jpeg.Decode(bytes.NewReader(data))
	} else {
		img, err = png.Decode(bytes.NewReader(data))
	}
	if err != nil {
		return nil, nil, refuse(name, CodeDamaged, "the image cannot be read (%v)", err)
	}
	page := rotate(fit(img, maxSide), orient)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, page, &jpeg.Options{Quality: quality}); err != nil {
		return nil, nil, err
	}
	thumb, err = thumbnail(page)
	if err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), thumb, nil
}

// fit returns the image as RGBA on a white background (a PNG's transparent
// parts print white), scaled so that no side is longer than side.
func fit(img image.Image, side int) *image.RGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > side || h > side {
		if w >= h {
			w, h = side, max(1, h*side/b.Dx())
		} else {
			w, h = max(1, w*side/b.Dy()), side
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Over)
	} else {
		xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, draw.Over, nil)
	}
	return dst
}

// thumbnail is a small JPEG of the page, thumbSide pixels on its longer
// side.
func thumbnail(page image.Image) ([]byte, error) {
	small := fit(page, thumbSide)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, small, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// rotate applies an EXIF orientation: the returned image is the picture as
// the person saw it when taking it.
func rotate(src *image.RGBA, orient int) *image.RGBA {
	if orient <= 1 || orient > 8 {
		return src
	}
	w, h := src.Bounds().Dx(), src.Bounds().Dy()
	dw, dh := w, h
	if orient >= 5 {
		dw, dh = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride:]
		for x := 0; x < w; x++ {
			var dx, dy int
			switch orient {
			case 2:
				dx, dy = w-1-x, y
			case 3:
				dx, dy = w-1-x, h-1-y
			case 4:
				dx, dy = x, h-1-y
			case 5:
				dx, dy = y, x
			case 6:
				dx, dy = h-1-y, x
			case 7:
				dx, dy = h-1-y, w-1-x
			case 8:
				dx, dy = y, w-1-x
			}
			copy(dst.Pix[dy*dst.Stride+dx*4:dy*dst.Stride+dx*4+4], row[x*4:x*4+4])
		}
	}
	return dst
}
