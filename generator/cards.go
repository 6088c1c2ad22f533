package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"

	"reckon/generator/build"
	"reckon/generator/card"
)

// siteAssets returns the files a build copies into the output, ECharts
// from dir or src (see echartsAssets) and the fonts' licences, and the
// painter of the social cards (see cardPainter).
func siteAssets(dir, src string) (map[string][]byte, *card.Painter, error) {
	assets, err := echartsAssets(dir, src)
	if err != nil {
		return nil, nil, err
	}
	cards, err := cardPainter(src, assets)
	if err != nil {
		return nil, nil, err
	}
	return assets, cards, nil
}

// cardPainter reads the fonts of the social cards and their licences from
// the npm packages under node_modules in src, else in the working folder,
// and adds the licences to assets (under [build.FontsDir]). When a font is
// missing, the error says what to run.
func cardPainter(src string, assets map[string][]byte) (*card.Painter, error) {
	dirs := []string{filepath.Join(src, "node_modules"), "node_modules"}
	missing := ""
	for _, d := range dirs {
		fonts, licences, err := card.ReadFonts(os.DirFS(d))
		if pe, ok := errors.AsType[*fs.PathError](err); ok && errors.Is(err, fs.ErrNotExist) {
			if missing == "" {
				missing = filepath.Join(d, filepath.FromSlash(pe.Path))
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		p, err := card.New(fonts)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", d, err)
		}
		for name, data := range licences {
			assets[path.Join(build.FontsDir, name)] = data
		}
		return p, nil
	}
	return nil, fmt.Errorf("the fonts of the social cards are missing (looked for %s)\n  hint: run \"npm ci\" in the site's folder (or \"make site\"), which installs the versions pinned in package-lock.json", missing)
}
