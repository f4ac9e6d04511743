package deck

import (
	"reflect"
	"testing"
)

func TestMediaNames(t *testing.T) {
	got := MediaNames("a [image: dog.png] b [sound: bark.mp3]", "", "[image: dog.png] [image: cat.jpg] [sound:raw.mp3] [image: ]")
	if want := []string{"dog.png", "bark.mp3", "cat.jpg"}; !reflect.DeepEqual(got, want) {
		t.Errorf("MediaNames = %q, want %q", got, want)
	}
}

func TestRenameMedia(t *testing.T) {
	renamed := map[string]string{"dog.png": "dog-0a1b.png", "bark.mp3": "bark-ff.mp3"}
	for _, tc := range []struct{ in, want string }{
		{"see [image: dog.png] and hear [sound: bark.mp3]", "see [image: dog-0a1b.png] and hear [sound: bark-ff.mp3]"},
		{"[image: cat.jpg] stays, [image: dog.png] moves", "[image: cat.jpg] stays, [image: dog-0a1b.png] moves"},
		{"plain dog.png is not a reference", "plain dog.png is not a reference"},
		{"[image: dog.png.bak] is another file", "[image: dog.png.bak] is another file"},
	} {
		if got := RenameMedia(tc.in, renamed); got != tc.want {
			t.Errorf("RenameMedia(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
