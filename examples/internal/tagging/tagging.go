// Package tagging chooses the label of the next version of an application
// and tags its running code with it, as deployment pipelines do before
// they deploy an application that was modified since its last version.
package tagging

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/go-outsystems/outsystems/lifetime"
)

// Create tags the code of application appKey running in environment envKey
// as version label and returns the new version's key.
func Create(ctx context.Context, lt *lifetime.Client, envKey, appKey, label, changeLog string) (string, error) {
	if envKey == "" || appKey == "" || strings.TrimSpace(label) == "" {
		return "", fmt.Errorf("tagging: environment, application and version are required")
	}
	key, _, err := lt.Environments.CreateApplicationVersion(ctx, envKey, appKey, lifetime.ApplicationVersionCreateRequest{ChangeLog: changeLog, Version: label})
	return key, err
}

// versionsToScan is how many of an application's versions NextLabel looks
// at to avoid a label in use.
const versionsToScan = 50

// NextLabel returns the label of the next version of application appKey:
// base (the label of the version the running code is based on, or the
// newest version when empty) with its last number incremented ("2.1" gives
// "2.2", "1.0.9" gives "1.0.10"), skipping labels already in use, as
// outsystems-pipeline's tag_modified_apps does.
func NextLabel(ctx context.Context, lt *lifetime.Client, appKey, base string) (string, error) {
	versions, _, err := lt.Applications.ListVersions(ctx, appKey, &lifetime.ApplicationVersionListOptions{MaximumVersionsToReturn: versionsToScan})
	if err != nil {
		return "", err
	}
	used := make([]string, 0, len(versions))
	for _, v := range versions {
		used = append(used, v.Version)
	}
	if base == "" && len(used) > 0 {
		base = used[0]
	}
	if base == "" {
		base = "0.0"
	}
	label := bump(base)
	for slices.Contains(used, label) {
		label = bump(label)
	}
	return label, nil
}

// bump increments the last numeric part of label, or appends ".1".
func bump(label string) string {
	i := strings.LastIndexFunc(label, func(r rune) bool { return r < '0' || r > '9' })
	digits := label[i+1:]
	if digits == "" {
		return label + ".1"
	}
	n, err := strconv.Atoi(digits)
	if err != nil {
		return label + ".1"
	}
	return label[:i+1] + strconv.Itoa(n+1)
}
