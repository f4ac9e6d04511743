package bibtex

import "testing"

// Real-shaped note fields, as reference managers, publishers, DBLP, arXiv
// comments and people's own reading lists write them.
func TestReadsAsNote(t *testing.T) {
	tests := []struct {
		note string
		want bool
	}{
		// notes about the paper: cards
		{"Self-attention alone replaces recurrence.", true},
		{"The standard textbook; chapters 6–9 cover MLPs, regularisation, optimisation and CNNs.", true},
		{"Introduces the transformer; read section 3 twice.", true},
		{"Shows that reward models overfit when the policy is optimised too hard against them.", true},
		{"Key result: grokking follows a long plateau after the training loss is near zero.", true},
		{"My favourite survey of mesa-optimisation risks", true},
		{"Online learning regret bounds made simple", true},
		{"Translation invariance comes from the pooling layers, not the convolutions.", true},
		{"Volume rendering with neural radiance fields, explained from first principles.", true},
		{"Code generation benchmarks are contaminated; see their appendix B.", true},
		{"Chapter 7 gives the clearest derivation of backpropagation I know.", true},
		{"Argues that 19th-century statistics already had the bootstrap idea.", true},
		{"Compares three optimisers; code at https://github.com/x/y is worth running.", true},
		// bibliographic remarks: no card
		{"Email: j.doe@example.org", false},
		{"E-mail: smith@cs.example.edu; corresponding author", false},
		{"Corresponding author: A. Smith", false},
		{"2nd edition", false},
		{"Second edition, revised and expanded", false},
		{"3rd ed. with a new preface by the author", false},
		{"Facsimile of the 1687 edition", false},
		{"Reprint of the 1923 original, Dover Publications", false},
		{"Reprinted in Collected Papers, vol. 2", false},
		{"Translated from the Russian by A. Smith", false},
		{"English translation in Soviet Math. Doklady", false},
		{"Accepted to ICML 2024", false},
		{"Accepted for publication in Nature Machine Intelligence", false},
		{"To appear in the Proceedings of NeurIPS 2023", false},
		{"In press", false},
		{"in press at Psychological Review", false},
		{"Forthcoming in the Journal of Philosophy", false},
		{"Submitted to JMLR, under review", false},
		{"Under review as a conference paper at ICLR 2024", false},
		{"Preprint", false},
		{"arXiv preprint arXiv:2001.08361", false},
		{"arXiv:1706.03762", false},
		{"12 pages, 5 figures", false},
		{"30 pages; v2: fixed typos in section 4", false},
		{"NeurIPS 2020 camera-ready version", false},
		{"Published as a conference paper at ICLR 2019", false},
		{"Also available as Technical Report TR-2019-04", false},
		{"Available at https://example.org/paper.pdf", false},
		{"Available online: http://www.example.com/~smith/draft.pdf", false},
		{"https://openreview.net/forum?id=abc123", false},
		{"URL: http://example.org", false},
		{"Online; accessed 12-January-2021", false},
		{"[Online; accessed 3 May 2021]", false},
		{"Accessed: 2023-10-01", false},
		{"Last accessed 1 March 2022", false},
		{"doi: 10.1145/3442188.3445922", false},
		{"ISBN 978-0-262-03561-3", false},
		{"PMID: 12345678", false},
		{"Version 2.1", false},
		{"v3, revised after reviews", false},
		{"Extended version of the paper in STOC 2019", false},
		{"Journal version of our COLT paper", false},
		{"PhD thesis, University of Toronto", false},
		{"Ph.D. dissertation, Stanford University, 2003", false},
		{"Master's thesis, ETH Zürich", false},
		{"Technical report, Google Brain", false},
		{"Unpublished manuscript, personal copy", false},
		{"Personal communication with the authors", false},
		{"Lecture notes for CS229, Stanford", false},
		{"Oral presentation at CVPR 2017", false},
		{"Invited talk at the Simons Institute", false},
		{"Workshop paper at the ICML 2019 workshop on deep phenomena", false},
		{"R package version 1.2-3", false},
		{"Software available from tensorflow.org", false},
		{"Code available at https://github.com/openai/gpt-2", false},
		{"Supported by NSF grant CCF-1234567", false},
		{"Equal contribution of the first two authors", false},
		{"Cited by 1200", false},
		{"In German", false},
		{"(In Russian)", false},
		{"pp. 1--10", false},
		{"Vol. 3 of Lecture Notes", false},
		{"See also the companion paper on priors", false},
		{"Seminal", false},
		{"ICLR 2021", false},
		{"Best paper award", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := readsAsNote(tt.note); got != tt.want {
			t.Errorf("readsAsNote(%q) = %v, want %v", tt.note, got, tt.want)
		}
	}
}
