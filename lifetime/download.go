package lifetime

// DownloadLink is a temporary link to a binary (application package,
// source code, solution) that LifeTime serves under /downloads/{key}. It
// expires after 60 minutes. Fetch it with [Client.Download].
type DownloadLink struct {
	// URL is the absolute link.
	URL string `json:"url"`
	// Expires is when the link stops working.
	Expires Time `json:"expires"`
}
