package card

import (
	"io/fs"
	"slices"
)

// The npm packages the fonts come from (pinned in package.json).
const (
	latinPackage  = "@expo-google-fonts/noto-sans"
	arabicPackage = "@expo-google-fonts/noto-sans-arabic"
)

// fontFiles are the font files under node_modules, in the order of the
// fields of [Fonts].
var fontFiles = [4]string{
	latinPackage + "/400Regular/NotoSans_400Regular.ttf",
	latinPackage + "/700Bold/NotoSans_700Bold.ttf",
	arabicPackage + "/400Regular/NotoSansArabic_400Regular.ttf",
	arabicPackage + "/700Bold/NotoSansArabic_700Bold.ttf",
}

// licenceFiles are the fonts' licences under node_modules, by the name
// they are published under.
var licenceFiles = map[string]string{
	"NotoSans-OFL.txt":       latinPackage + "/LICENSE_FONT",
	"NotoSansArabic-OFL.txt": arabicPackage + "/LICENSE_FONT",
}

// Files returns every file [ReadFonts] reads, as slash-separated paths
// under node_modules, sorted.
func Files() []string {
	out := append(fontFiles[:0:0], fontFiles[:]...)
	for _, f := range licenceFiles {
		out = append(out, f)
	}
	slices.Sort(out)
	return out
}

// ReadFonts reads the fonts from the npm packages under nodeModules (a
// node_modules folder), with their licences by the name they are
// published under (NotoSans-OFL.txt, NotoSansArabic-OFL.txt). The error of
// a missing file is the *fs.PathError of [fs.ReadFile], which names it.
func ReadFonts(nodeModules fs.FS) (Fonts, map[string][]byte, error) {
	var f Fonts
	for i, dst := range []*[]byte{&f.Regular, &f.Bold, &f.ArabicRegular, &f.ArabicBold} {
		data, err := fs.ReadFile(nodeModules, fontFiles[i])
		if err != nil {
			return Fonts{}, nil, err
		}
		*dst = data
	}
	licences := map[string][]byte{}
	for name, file := range licenceFiles {
		data, err := fs.ReadFile(nodeModules, file)
		if err != nil {
			return Fonts{}, nil, err
		}
		licences[name] = data
	}
	return f, licences, nil
}
