package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// knownDifference is one way the real LifeTime server (or the swagger file
// itself) differs from the swagger, with its source. A row does one of:
//   - patch: correct a defect of the swagger file before validation;
//   - rewrite: normalize an exchange (return a changed copy, or nil when the
//     row does not apply) before it is validated against the swagger;
//   - matches + check: replace the swagger validation of the exchanges the
//     row covers by a check of what the real server sends.
//
// Nothing outside this table may differ.
type knownDifference struct {
	name    string
	source  string
	patch   func(doc *openapi3.T) error
	rewrite func(opID string, ex *exchange) *exchange
	matches func(opID string, ex *exchange) bool
	check   func(cs *conformanceSpec, ex *exchange) error
}

// Sources quoted by several rows.
const (
	srcSwagger  = "https://github.com/OutSystems/docs-product/blob/016fefcce1846087e88adf6a7f36586659fbcb0d/src/ref/apis/auto/resources/lifetime-api.json"
	srcPipeline = "https://github.com/OutSystems/outsystems-pipeline/blob/b2b437ada7d4f48fe716705445b0665846abe350/outsystems/vars/lifetime_vars.py"
	srcDocs     = "https://github.com/OutSystems/docs-product/blob/016fefcce1846087e88adf6a7f36586659fbcb0d/src/ref/apis/lifetime-deployment/examples/"
)

// knownDifferences is THE table of differences between the simulator and the swagger.
func knownDifferences() []knownDifference {
	return []knownDifference{
		{
			name: "required lists name properties with another casing than the properties " +
				"(PlatformLoginAttempt requires UserId/IPAddress/... but declares userId/ipAddress/...)",
			source: srcSwagger + " (defect of the file; lifetime-rest-api.md §1.6, §5.3 item 8)",
			patch:  fixRequiredCasing,
		},
		{
			name:   `GET /roles/permissionlevels/ answers a list: the swagger's description says "List of permission levels." but its schema is one object`,
			source: srcSwagger + " (Roles_PermissionLevels 200; lifetime-rest-api.md §2.2 Roles)",
			patch: func(doc *openapi3.T) error {
				item := doc.Paths.Find("/roles/permissionlevels/")
				if item == nil || item.Get == nil {
					return errors.New("no GET /roles/permissionlevels/")
				}
				for _, mt := range item.Get.Responses.Status(200).Value.Content {
					mt.Schema = openapi3.NewSchemaRef("", openapi3.NewArraySchema().WithItems(mt.Schema.Value))
				}
				return nil
			},
		},
		{
			name:    `unset dates are written "1900-01-01T00:00:00", without a zone, which is not an RFC 3339 date-time`,
			source:  srcDocs + "api-deploy-app.md (StartedOn before a start; lifetime-rest-api.md §0 item 7, §5.3 item 7)",
			rewrite: rewriteUnsetDates,
		},
		{
			name: "the Expires header of download links is an HTTP-date, the syntax of that standard header " +
				"(the swagger types it date-time; LifeTime's own format is not documented, so clients must accept both)",
			source:  "https://www.rfc-editor.org/rfc/rfc9110#field.expires",
			rewrite: rewriteExpiresHeader,
		},
		{
			name:   "source-code access: the POST and the status GET answer 201, not 200",
			source: srcPipeline + " (only 201 is accepted for both; lifetime-rest-api.md §0 item 4, §2.2 Source code access)",
			rewrite: func(opID string, ex *exchange) *exchange {
				if ex.status != http.StatusCreated || !strings.Contains(opID, "SourceCode") || strings.Contains(opID, "Download") {
					return nil
				}
				c := ex.clone()
				c.status = http.StatusOK
				return c
			},
		},
		{
			name: "204 No Content has no body and no Content-Type, also where the swagger gives the 204 an Exception schema " +
				"(Environments_DownloadRunningApp: \"No binary available\"); a 204 cannot carry content",
			source:  "https://www.rfc-editor.org/rfc/rfc9110#status.204 (lifetime-rest-api.md §0 item 4: lists and empty answers are 204 with an empty body)",
			matches: func(_ string, ex *exchange) bool { return ex.status == http.StatusNoContent },
			check: func(_ *conformanceSpec, ex *exchange) error {
				if len(ex.body) != 0 {
					return fmt.Errorf("204 with a body of %d bytes", len(ex.body))
				}
				return nil
			},
		},
		{
			name:    "401 with the Exception body when the bearer token is missing or wrong (the swagger documents no 401)",
			source:  "https://success.outsystems.com/Documentation/11/Reference/OutSystems_APIs/LifeTime_API_v2/REST_API_Authentication (lifetime-rest-api.md §0 item 5, §5.1)",
			matches: func(_ string, ex *exchange) bool { return ex.status == http.StatusUnauthorized },
			check:   checkException,
		},
		{
			name: "403 with the Exception body for a token without the permission, also on operations whose swagger lists no 403 " +
				"(DB connections, environment listing, ...)",
			source: srcSwagger + " (info.description: \"The scope of each call is limited to the service account's permissions. " +
				"For DB-connection operations the permissions are set per environment\"; lifetime-rest-api.md §1.1)",
			matches: func(_ string, ex *exchange) bool { return ex.status == http.StatusForbidden },
			check:   checkException,
		},
		{
			name: "503 with Retry-After while LifeTime is being upgraded: the console and its APIs are unavailable until the upgrade " +
				"ends; the body is the web server's page, not an Exception (the swagger documents no 503; gateways answer 5xx with HTML pages)",
			source: "https://github.com/OutSystems/docs-product/blob/016fefcce1846087e88adf6a7f36586659fbcb0d/src/setup-maintenance/setup/upgrade-lifetime.md " +
				"(\"your LifeTime management console and any installed LifeTime plugins will be unavailable\"; compat-facts.md S14)",
			matches: func(_ string, ex *exchange) bool { return ex.status == http.StatusServiceUnavailable },
			check: func(cs *conformanceSpec, ex *exchange) error {
				if ex.header.Get("Retry-After") == "" {
					return errors.New("no Retry-After header")
				}
				if wantContentType(ex, "text/html") == nil {
					return nil
				}
				return checkException(cs, ex)
			},
		},
		{
			name: "an operation newer than the console does not exist there: 404 (405 for the solution endpoints), " +
				"with the Exception body, also where the swagger lists neither",
			source: "https://github.com/OutSystems/docs-product/blob/016fefcce1846087e88adf6a7f36586659fbcb0d/src/ref/apis/auto/lifetime-deployment-api-v2.final.md " +
				"(availability notes per endpoint; lifetime-rest-api.md §1.5 and §2.2: \"405 The requested resource does not exist\")",
			matches: func(opID string, ex *exchange) bool {
				return (ex.status == http.StatusNotFound || ex.status == http.StatusMethodNotAllowed) &&
					bytes.Contains(ex.body, []byte("The requested resource does not exist."))
			},
			check: checkException,
		},
		{
			name: "errors are the JSON Exception body even on operations whose produces lists only text/plain " +
				"(where the swagger then types the error answers text/plain)",
			source: "http://www.outsystems.com/help/servicestudio/9.1/Integrating_with_other_systems/Web_Services/Preprocess_REST_API_Requests.htm " +
				"(every OutSystems REST API answers errors with the same JSON envelope; lifetime-rest-api.md §5.1)",
			matches: func(opID string, ex *exchange) bool { return ex.status >= 400 && textPlainOnly[opID] },
			check:   checkException,
		},
		{
			name:   "POST /deployments/ answers 201 (the swagger says 200) with the key as plain text",
			source: srcPipeline + " and https://success.outsystems.com/Documentation/11/Reference/OutSystems_APIs/LifeTime_API_v1 (lifetime-rest-api.md §0 item 4, §5.3 item 1)",
			matches: func(opID string, ex *exchange) bool {
				return opID == "Deployments_Create" && ex.status == http.StatusCreated
			},
			check: checkPlainTextKey,
		},
		{
			name:   "POST /environments/{k}/deployment/ answers the new key as plain text, not a DeploymentResponse object",
			source: srcDocs + "api-deploy-infrastructure.md (\"Response body: 16e9ad8a-...\"; lifetime-rest-api.md §1.3, §5.3 item 2)",
			matches: func(opID string, ex *exchange) bool {
				return opID == "Deployments_CreateWithBinary" && ex.status == http.StatusCreated
			},
			check: checkPlainTextKey,
		},
		{
			name:   "POST /environments/{k}/solution answers the solution key as plain text (the swagger declares no produces, i.e. JSON)",
			source: "https://github.com/OutSystems/outsystems-pipeline/blob/b2b437ada7d4f48fe716705445b0665846abe350/outsystems/lifetime/lifetime_solutions.py (lifetime-rest-api.md §2.2 Solutions)",
			matches: func(opID string, ex *exchange) bool {
				return opID == "Environments_SolutionCreate" && ex.status == http.StatusOK
			},
			check: checkPlainTextKey,
		},
		{
			name: "the solution status and the solution link are one object ({Status, StatusReason} / {url, expires}), " +
				"not the one-element arrays of the swagger",
			source: "https://github.com/OutSystems/outsystems-pipeline/blob/b2b437ada7d4f48fe716705445b0665846abe350/outsystems/lifetime/lifetime_solutions.py " +
				"and " + srcDocs + " (lifetime-rest-api.md §2.2 Solutions, §5.3 item 5)",
			matches: func(opID string, ex *exchange) bool {
				return (opID == "Environments_SolutionStatus" || opID == "Environments_SolutionDownload") && ex.status == http.StatusOK
			},
			check: checkObjectOfArrayItems,
		},
		{
			name:   "GET /downloads/{DownloadKey} serves the bytes behind a DownloadLink; the swagger has no such path",
			source: srcDocs + "api-request-code.md (lifetime-rest-api.md §2.1)",
			matches: func(opID string, ex *exchange) bool {
				return opID == "" && strings.HasPrefix(ex.path, restBasePath+"/downloads/")
			},
			check: func(cs *conformanceSpec, ex *exchange) error {
				if ex.status >= 400 {
					return checkException(cs, ex)
				}
				if ex.status != http.StatusOK || len(ex.body) == 0 {
					return fmt.Errorf("want 200 with the file, got %d and %d bytes", ex.status, len(ex.body))
				}
				return nil
			},
		},
	}
}

// textPlainOnly are the operations whose swagger produces lists only
// text/plain (lifetime-rest-api.md §1.3).
var textPlainOnly = map[string]bool{
	"Deployments_Create": true, "Deployments_CreateWithBinary": true,
	"Roles_Create": true, "Roles_Update": true, "Users_Update": true,
	"Users_SetPassword": true, "Users_GrantApp": true, "Users_RevokeApp": true,
}

// checkException checks the Exception error body {"Errors":[...],"StatusCode":N}
// with N equal to the HTTP status.
func checkException(_ *conformanceSpec, ex *exchange) error {
	if err := wantContentType(ex, "application/json"); err != nil {
		return err
	}
	var body struct {
		Errors     []string `json:"Errors"`
		StatusCode *int     `json:"StatusCode"`
	}
	dec := json.NewDecoder(bytes.NewReader(ex.body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&body); err != nil {
		return fmt.Errorf("not an Exception body: %w", err)
	}
	if len(body.Errors) == 0 || body.StatusCode == nil || *body.StatusCode != ex.status {
		return fmt.Errorf("want an Exception with Errors and StatusCode %d, got %s", ex.status, ex.body)
	}
	return nil
}

// wantContentType checks the media type of an answer.
func wantContentType(ex *exchange, want string) error {
	mt, _, err := mime.ParseMediaType(ex.header.Get("Content-Type"))
	if err != nil || mt != want {
		return fmt.Errorf("Content-Type %q, want %s", ex.header.Get("Content-Type"), want)
	}
	return nil
}

// keyText matches a key as LifeTime returns it in a plain-text body.
var keyText = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)

// checkPlainTextKey checks a text/plain body holding one key.
func checkPlainTextKey(_ *conformanceSpec, ex *exchange) error {
	if err := wantContentType(ex, "text/plain"); err != nil {
		return err
	}
	if !keyText.Match(ex.body) {
		return fmt.Errorf("body %q is not a bare key", ex.body)
	}
	return nil
}

// checkObjectOfArrayItems checks a JSON object against the item schema of
// the array the swagger declares for the exchange's status.
func checkObjectOfArrayItems(cs *conformanceSpec, ex *exchange) error {
	schema, err := cs.responseSchema(ex, ex.status)
	if err != nil {
		return err
	}
	if schema.Items == nil || schema.Items.Value == nil {
		return errors.New("the swagger's schema is not an array")
	}
	var v any
	if err := json.Unmarshal(ex.body, &v); err != nil {
		return fmt.Errorf("body is not JSON: %w", err)
	}
	if _, ok := v.(map[string]any); !ok {
		return fmt.Errorf("body is not one object: %s", ex.body)
	}
	return schema.Items.Value.VisitJSON(v)
}

// unsetDate is the quoted JSON form of the real server's "not set" date.
var unsetDateJSON = []byte(`"1900-01-01T00:00:00"`)

// rewriteUnsetDates gives the "not set" date a zone so that the rest of the
// body is still validated as date-time.
func rewriteUnsetDates(_ string, ex *exchange) *exchange {
	if !bytes.Contains(ex.body, unsetDateJSON) {
		return nil
	}
	c := ex.clone()
	c.body = bytes.ReplaceAll(c.body, unsetDateJSON, []byte(`"1900-01-01T00:00:00Z"`))
	return c
}

// rewriteExpiresHeader turns an HTTP-date Expires header into RFC 3339.
func rewriteExpiresHeader(_ string, ex *exchange) *exchange {
	t, err := http.ParseTime(ex.header.Get("Expires"))
	if err != nil {
		return nil
	}
	c := ex.clone()
	c.header.Set("Expires", t.UTC().Format(time.RFC3339))
	return c
}

// fixRequiredCasing rewrites every required entry of every schema to the
// spelling of the property it names case-insensitively, and drops entries
// naming no property at all (ApplicationKeys requires ApplicationVersionKey).
func fixRequiredCasing(doc *openapi3.T) error {
	if doc.Components == nil {
		return errors.New("swagger has no definitions")
	}
	for _, ref := range doc.Components.Schemas {
		s := ref.Value
		if s == nil || len(s.Required) == 0 {
			continue
		}
		var fixed []string
		for _, req := range s.Required {
			for name := range s.Properties {
				if strings.EqualFold(name, req) {
					fixed = append(fixed, name)
					break
				}
			}
		}
		slices.Sort(fixed)
		s.Required = slices.Compact(fixed)
	}
	return nil
}
