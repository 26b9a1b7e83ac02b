package ltservices_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http/httptest"
	"time"

	"github.com/go-outsystems/outsystems/internal/sim"
	"github.com/go-outsystems/outsystems/lifetime/ltservices"
)

// exampleConsole starts a simulated LifeTime console with an IT user.
func exampleConsole() *httptest.Server {
	s, err := sim.NewScenario("default", sim.Options{Clock: sim.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))})
	if err != nil {
		log.Fatal(err)
	}
	admin, _ := s.RoleByName("Administrator")
	if _, err := s.AddUser(sim.User{Username: "it.admin", IsActive: true, RoleKey: admin.Key, Password: "s3cret-pass"}); err != nil {
		log.Fatal(err)
	}
	return httptest.NewServer(s)
}

// Deactivate a user; an unknown user is an in-band error with its own code.
func ExampleUsersService_SetInactive() {
	srv := exampleConsole()
	defer srv.Close()
	ctx := context.Background()

	lts, err := ltservices.NewClient(srv.URL,
		ltservices.WithInsecureHTTP(), // a loopback simulator; use https in production
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
