package card

import (
	"fmt"
	"io/fs"
	"path"
)

// The npm packages the fonts come from (pinned in package.json), and their
// files, under node_modules.
const (
	latinPackage  = "@expo-google-fonts/noto-sans"
	arabicPackage = "@expo-google-fonts/noto-sans-arabic"
)

// ReadFonts reads the fonts from the npm packages under nodeModules (a
// node_modules folder), with their licences by the name they are
// published under (NotoSans-OFL.txt, NotoSansArabic-OFL.txt). The error of
// a missing file names it.
func ReadFonts(nodeModules fs.FS) (Fonts, map[string][]byte, error) {
	var f Fonts
	for _, x := range []struct {
		file string
		dst  *[]byte
	}{
		{path.Join(latinPackage, "400Regular", "NotoSans_400Regular.ttf"), &f.Regular},
		{path.Join(latinPackage, "700Bold", "NotoSans_700Bold.ttf"), &f.Bold},
		{path.Join(arabicPackage, "400Regular", "NotoSansArabic_400Regular.ttf"), &f.ArabicRegular},
		{path.Join(arabicPackage, "700Bold", "NotoSansArabic_700Bold.ttf"), &f.ArabicBold},
	} {
		data, err := fs.ReadFile(nodeModules, x.file)
		if err != nil {
			return Fonts{}, nil, fmt.Errorf("node_modules/%s: %w", x.file, err)
		}
		*x.dst = data
	}
	licences := map[string][]byte{}
	for name, pkg := range map[string]string{"NotoSans-OFL.txt": latinPackage, "NotoSansArabic-OFL.txt": arabicPackage} {
		file := path.Join(pkg, "LICENSE_FONT")
		data, err := fs.ReadFile(nodeModules, file)
		if err != nil {
			return Fonts{}, nil, fmt.Errorf("node_modules/%s: %w", file, err)
		}
		licences[name] = data
	}
	return f, licences, nil
}
