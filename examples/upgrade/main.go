// Command upgrade runs the LifeTime upgrade procedure against a LifeTime
// infrastructure. With no flags it runs against a simulated infrastructure
// started in process.
package main

import (
	"fmt"
	"os"

	"github.com/go-outsystems/outsystems"
)

func main() {
	fmt.Printf("go-outsystems %s: upgrade example (simulated infrastructure)\n", outsystems.Version)
	fmt.Println("The upgrade steps are not wired yet in this build; nothing was changed.")
	os.Exit(0)
}
