package ltservices_test

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"log"

	"github.com/go-outsystems/outsystems/lifetime/lifetimetest"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// exampleConsole starts a simulated LifeTime console over HTTPS with an IT
// user holding the Administrator role.
func exampleConsole() *lifetimetest.Server {
	srv, err := lifetimetest.NewServer(lifetimetest.WithTLS())
	if err != nil {
		log.Fatal(err)
	}
	admin, _ := srv.Sim().RoleByName("Administrator")
	if _, err := srv.Sim().AddUser(lifetimetest.User{Username: "it.admin", IsActive: true, RoleKey: admin.Key, Password: "s3cret-pass"}); err != nil {
		log.Fatal(err)
	}
	return srv
}

// Deactivate a user; an unknown user is an in-band error with its own code.
func ExampleUsersService_SetInactive() {
	srv := exampleConsole()
	defer srv.Close()
	ctx := context.Background()

	lts, err := ltservices.NewClient(srv.URL,
		ltservices.WithHTTPClient(srv.Client()), // trusts the test certificate
		ltservices.WithCredentials("it.admin", "s3cret-pass"))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := lts.Users.CreateOrUpdate(ctx, ltservices.UserCreateRequest{
		Username: "temp.contractor", Password: "initial-pass", Name: "Temp", Email: "temp@example.test", RoleName: "Developer",
	}); err != nil {
		log.Fatal(err)
	}
	fmt.Println(lts.Users.SetInactive(ctx, "temp.contractor"))

	err = lts.Users.SetInactive(ctx, "nobody")
	var status *ltservices.StatusError
	if errors.As(err, &status) {
		fmt.Println(status.ResponseID, errors.Is(err, ltservices.ErrUserNotFound))
	}
	// Output:
	// <nil>
	// 101 true
}

// With LifeTime 11.13.0 or later, a service account token of the REST API
// authenticates LifeTime Services calls too.
func ExampleWithServiceAccountToken() {
	srv := exampleConsole()
	defer srv.Close()

	lts, err := ltservices.NewClient(srv.URL, ltservices.WithHTTPClient(srv.Client()),
		ltservices.WithServiceAccountToken(srv.Token()))
	if err != nil {
		log.Fatal(err)
	}
	roles, err := lts.Roles.List(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(roles) > 0)
	// Output: true
}

// Trust the private certificate authority of a self-managed LifeTime
// (here the test server's certificate) besides the system roots;
// WithCAFile reads the same PEM from a file.
func ExampleWithCABundle() {
	srv := exampleConsole()
	defer srv.Close()
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate()})

	lts, err := ltservices.NewClient(srv.URL, ltservices.WithCABundle(caPEM),
		ltservices.WithServiceAccountToken(srv.Token()))
	if err != nil {
		log.Fatal(err)
	}
	roles, err := lts.Roles.List(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(roles) > 0)
	// Output: true
}
