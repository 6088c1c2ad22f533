package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"reckon/generator/build"
)

// echartsAssets reads the ECharts library and its licence from the npm
// package: from dir when given, else from node_modules/echarts under src,
// else under the working folder. When it is missing, the error says what to
// run.
func echartsAssets(dir, src string) (map[string][]byte, error) {
	candidates := []string{dir}
	if dir == "" {
		candidates = []string{filepath.Join(src, "node_modules", "echarts"), filepath.Join("node_modules", "echarts")}
	}
	for _, d := range candidates {
		js, err := os.ReadFile(filepath.Join(d, "dist", "echarts.common.min.js"))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		lic, err := os.ReadFile(filepath.Join(d, "LICENSE"))
		if err != nil {
			return nil, fmt.Errorf("ECharts found in %s but not its LICENSE: %w", d, err)
		}
		notice, _ := os.ReadFile(filepath.Join(d, "NOTICE"))
		if len(notice) > 0 {
			lic = append(append(lic, "\n\n"...), notice...)
		}
		return map[string][]byte{build.EChartsPath: js, build.EChartsLicensePath: lic}, nil
	}
	return nil, fmt.Errorf("the ECharts library is missing (looked in %s)\n  hint: run \"npm ci\" in the site's folder (or \"make site\"), which installs the version pinned in package-lock.json", filepath.Join(candidates[0], "dist", "echarts.common.min.js"))
}
