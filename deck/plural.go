package deck

import "fmt"

// Plural writes a count with its noun in the right number: "1 card",
// "2 cards". Every message that counts things uses it.
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
