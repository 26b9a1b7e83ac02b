package compat_test

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-outsystems/outsystems/compat"
)

func ExampleParse() {
	for _, s := range []string{"11.26.0", "11.14.0 (Build 33133)", "Release Oct.2019 CP3", "LifeTime 11.30.1", "11.14.0-beta"} {
		v, err := compat.Parse(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-22q %-24s old format: %v\n", s, v.Label(), v.OldFormat())
	}
	// Output:
	// "11.26.0"              11.26.0                  old format: false
	// "11.14.0 (Build 33133)" 11.14.0.33133            old format: false
	// "Release Oct.2019 CP3" 11.0.611.0               old format: true
	// "LifeTime 11.30.1"     LifeTime 11.30.1         old format: false
	// compat: cannot parse version "11.14.0-beta": pre-release and metadata suffixes are not OutSystems version formats
}

func ExampleParseProduct() {
	// The same release name means different numbers per product.
	l, _ := compat.ParseProduct(compat.LifeTime, "Release Jan.2019")
	p, _ := compat.ParseProduct(compat.PlatformServer, "Release Jan.2019")
	fmt.Println(l.Label())
	fmt.Println(p.Label())
	// Output:
	// LifeTime 11.0.304.0
	// Platform Server 11.0.210.0
}

func ExampleVersion_Compare() {
	a := compat.MustParse(compat.PlatformServer, "11.0.606.0") // Release Oct.2019, old format
	b := compat.MustParse(compat.PlatformServer, "11.7.0")
	c := compat.MustParse(compat.PlatformServer, "11.33.1.44835")
	d := compat.MustParse(compat.PlatformServer, "11.34.0.44828") // lower build id, newer release
	fmt.Println(a.LessThan(b), c.LessThan(d), b.Equal(compat.MustParse(compat.PlatformServer, "11.7.0.0")))
	// Output:
	// true true true
}

func ExampleCatalog_BreakingChanges() {
	c := compat.Default()
	from := compat.MustParse(compat.LifeTime, "11.21.0")
	to := compat.MustParse(compat.LifeTime, "11.26.0")
	impacts, err := c.BreakingChanges(from, to, compat.Filter{Integrations: []compat.IntegrationKind{compat.IntegrationREST}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, im := range impacts {
		if im.ActionRequired {
			fmt.Println(im.LifeTime, im.Change.ID)
		}
	}
	// Output:
	// 11.22.0 LT-API-2024-4
	// 11.22.0 LT-BC-2024-2
	// 11.22.0 LT-DATA-2024-3
	// 11.26.0 LT-API-2025-2
}

func ExampleCatalog_Supported() {
	c := compat.Default()
	on := time.Date(2026, time.September, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"11.43.0", "10.0.1115.0", "12.0.0"} {
		st, _ := c.Supported(compat.MustParse(compat.PlatformServer, s), on)
		fmt.Printf("%s: %s\n", s, st.State)
	}
	// Output:
	// 11.43.0: supported
	// 10.0.1115.0: end of support
	// 12.0.0: unknown
}

func ExampleCatalog_CanManage() {
	c := compat.Default()
	m, _ := c.CanManage(compat.MustParse(compat.LifeTime, "11.30.1"), compat.MustParse(compat.PlatformServer, "10.0.1115.0"))
	fmt.Println(m.Level, "-", m.Reason)
	// Output:
	// full - LifeTime 11 manages environments running Platform Server 10.0.105.0 or newer
}

func ExampleCatalog_RequireFeature() {
	c := compat.Default()
	err := c.RequireFeature(compat.FeatureSourceCode, compat.MustParse(compat.LifeTime, "11.20.1"))
	var ve *compat.VersionError
	if errors.As(err, &ve) {
		fmt.Println("needs", ve.Product, ve.Min, "- console runs", ve.Actual)
	}
	err = c.RequireFeature(compat.FeatureAPIv1, compat.MustParse(compat.LifeTime, "11.26.0"))
	fmt.Println(err)
	// Output:
	// needs LifeTime 11.21.1 - console runs 11.20.1
	// compat: feature "api-v1" needs LifeTime < 11.26.0; found 11.26.0
}

func ExampleCatalog_InferLifeTime() {
	c := compat.Default()
	// LifeTime reports the Platform Server of its own environment; which
	// endpoints answer narrows the LifeTime version further.
	inf, err := c.InferLifeTime(compat.MustParse(compat.PlatformServer, "11.26.0"), compat.Probes{compat.FeatureAuthTokens: false})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("LifeTime", inf.Range, inf.Candidates)
	// Output:
	// LifeTime [11.21.1, 11.23.0) [11.21.1 11.22.0]
}

func ExampleCatalog_Preflight() {
	c := compat.Default()
	in := compat.Infrastructure{
		LifeTime:            compat.MustParse(compat.LifeTime, "11.25.4"),
		Deployment:          compat.SelfManaged,
		LifeTimeEnvironment: compat.Dedicated,
		Environments: []compat.Environment{
			{Name: "Development", PlatformServer: compat.MustParse(compat.PlatformServer, "11.33.0")},
			{Name: "Legacy", PlatformServer: compat.MustParse(compat.PlatformServer, "10.0.1115.0")},
		},
		Integrations: []compat.IntegrationKind{compat.IntegrationREST},
	}
	findings, err := c.Preflight(in, compat.MustParse(compat.LifeTime, "11.30.1"), time.Date(2026, time.September, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, f := range findings {
		if f.Severity > compat.Info {
			fmt.Println(f.Severity, f.ID, f.Subject)
		}
	}
	// Output:
	// warning supported-versions environment Legacy (Platform Server 10.0.1115.0)
	// warning lifetime11-manages-o10 infrastructure
	// warning breaking-changes LT-API-2025-2 (LifeTime 11.26.0)
	// warning breaking-changes LT-API-2025-3 (LifeTime 11.26.2)
	// warning breaking-changes LT-POL-2025-4 (LifeTime 11.27.0)
}

func ExampleLoad() {
	// A catalogue newer than the embedded one can be loaded from a file
	// with LoadFile; Load reads any io.Reader.
	_, err := compat.Load(strings.NewReader(`{"schema": 2}`))
	fmt.Println(err)
	// Output:
	// compat: catalogue: schema 2 is not supported (want 1)
}
