package build

// EChartsPath is where the ECharts library is published in the site, beside
// its licence. The command reads both from the npm package and passes them
// in [Config.Assets]; the pages load ECharts only when it is there.
const (
	EChartsPath        = "assets/echarts/echarts.common.min.js"
	EChartsLicensePath = "assets/echarts/LICENSE.txt"
)

// FontsDir is where the licences of the social cards' fonts are published
// in the site (the fonts themselves are not: the cards are images).
const FontsDir = "assets/fonts"
