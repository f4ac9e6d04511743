package render

import "strings"

// symbols are control words written as one symbol, with no spacing of
// their own: letters, big operators and ordinary symbols.
var symbols = map[string]string{
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
	"zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
	"lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
	"varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
	"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
	"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
	"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	"sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
	"bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂",
	"infty": "∞", "partial": "∂", "nabla": "∇", "ell": "ℓ", "hbar": "ℏ", "emptyset": "∅",
	"varnothing": "∅", "forall": "∀", "exists": "∃", "nexists": "∄", "neg": "¬", "lnot": "¬",
	"top": "⊤", "bot": "⊥", "prime": "′", "ldots": "…", "dots": "…", "cdots": "⋯",
	"vdots": "⋮", "ddots": "⋱", "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉",
	"lfloor": "⌊", "rfloor": "⌋", "lVert": "‖", "rVert": "‖", "Vert": "‖", "vert": "|",
	"lvert": "|", "rvert": "|", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "wp": "℘", "angle": "∠",
	"triangle": "△", "square": "□", "checkmark": "✓", "dagger": "†", "ddagger": "‡",
	"star": "⋆", "ast": "∗", "degree": "°", "surd": "√", "quad": " ", "qquad": " ",
	"lbrace": "{", "rbrace": "}", "backslash": `\`, "colon": ":",
}

// relations are binary operators, relations and arrows: written with a
// space either side, as TeX spaces them.
var relations = map[string]string{
	"leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈",
	"sim": "∼", "simeq": "≃", "cong": "≅", "equiv": "≡", "propto": "∝", "ll": "≪", "gg": "≫",
	"in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "subseteq": "⊆", "supset": "⊃",
	"supseteq": "⊇", "to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←",
	"leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔",
	"implies": "⟹", "impliedby": "⟸", "iff": "⟺", "mapsto": "↦", "longrightarrow": "⟶",
	"longleftarrow": "⟵", "longmapsto": "⟼", "uparrow": "↑", "downarrow": "↓",
	"cdot": "·", "times": "×", "div": "÷", "pm": "±", "mp": "∓", "cup": "∪", "cap": "∩",
	"setminus": "∖", "wedge": "∧", "land": "∧", "vee": "∨", "lor": "∨", "oplus": "⊕",
	"otimes": "⊗", "odot": "⊙", "circ": "∘", "bullet": "∙", "mid": "|", "parallel": "∥",
	"perp": "⊥", "vdash": "⊢", "models": "⊨", "prec": "≺", "succ": "≻", "preceq": "⪯",
	"succeq": "⪰", "lesssim": "≲", "gtrsim": "≳", "triangleq": "≜", "coloneqq": "≔",
}

// functions are the operator names TeX sets upright: written as the word.
var functions = map[string]bool{
	"log": true, "ln": true, "lg": true, "exp": true, "sin": true, "cos": true, "tan": true,
	"sec": true, "csc": true, "cot": true, "arcsin": true, "arccos": true, "arctan": true,
	"sinh": true, "cosh": true, "tanh": true, "coth": true, "max": true, "min": true,
	"sup": true, "inf": true, "arg": true, "lim": true, "liminf": true, "limsup": true,
	"det": true, "dim": true, "ker": true, "deg": true, "gcd": true, "Pr": true, "hom": true,
}

// controlSymbols are backslash-symbol pairs.
var controlSymbols = map[rune]string{
	'{': "{", '}': "}", '%': "%", '$': "$", '_': "_", '#': "#", '&': "&", '|': "‖",
	',': " ", ':': " ", ';': " ", '>': " ", ' ': " ", '!': "",
}

// accents are combining marks put on a one-character argument.
var accents = map[string]rune{
	"hat": '\u0302', "widehat": '\u0302', "bar": '\u0304', "overline": '\u0305',
	"tilde": '\u0303', "widetilde": '\u0303', "vec": '\u20D7', "dot": '\u0307', "ddot": '\u0308',
}

// vulgar are the fractions Unicode has one character for.
var vulgar = map[string]string{
	"1/2": "½", "1/3": "⅓", "2/3": "⅔", "1/4": "¼", "3/4": "¾", "1/5": "⅕", "1/6": "⅙",
	"1/8": "⅛",
}

// alphabets map a font command's argument letter by letter.
var alphabets = map[string]func(string) string{
	"mathbb":       mapLetters(doubleStruck),
	"mathcal":      mapLetters(script),
	"mathscr":      mapLetters(script),
	"mathfrak":     mapLetters(fraktur),
	"mathbf":       mapLetters(bold),
	"boldsymbol":   mapLetters(bold),
	"bm":           mapLetters(bold),
	"mathrm":       plain,
	"mathit":       plain,
	"mathsf":       plain,
	"mathtt":       plain,
	"text":         plain,
	"textrm":       plain,
	"textit":       plain,
	"textbf":       plain,
	"mbox":         plain,
	"operatorname": plain,
}

func plain(s string) string { return s }

// mapLetters applies f to every rune of a string.
func mapLetters(f func(rune) rune) func(string) string {
	return func(s string) string { return strings.Map(f, s) }
}

// letterForm maps A–Z, a–z and 0–9 into a Mathematical Alphanumeric block
// starting at upper, lower and digit (0 for none), with the letters Unicode
// placed earlier in Letterlike Symbols given in holes.
func letterForm(r rune, upper, lower, digit rune, holes map[rune]rune) rune {
	if h, ok := holes[r]; ok {
		return h
	}
	switch {
	case r >= 'A' && r <= 'Z' && upper != 0:
		return upper + r - 'A'
	case r >= 'a' && r <= 'z' && lower != 0:
		return lower + r - 'a'
	case r >= '0' && r <= '9' && digit != 0:
		return digit + r - '0'
	}
	return r
}

func doubleStruck(r rune) rune {
	return letterForm(r, 0x1D538, 0x1D552, 0x1D7D8, map[rune]rune{
		'C': 'ℂ', 'H': 'ℍ', 'N': 'ℕ', 'P': 'ℙ', 'Q': 'ℚ', 'R': 'ℝ', 'Z': 'ℤ'})
}

func script(r rune) rune {
	return letterForm(r, 0x1D49C, 0x1D4B6, 0, map[rune]rune{
		'B': 'ℬ', 'E': 'ℰ', 'F': 'ℱ', 'H': 'ℋ', 'I': 'ℐ', 'L': 'ℒ', 'M': 'ℳ', 'R': 'ℛ',
		'e': 'ℯ', 'g': 'ℊ', 'o': 'ℴ'})
}

func fraktur(r rune) rune {
	return letterForm(r, 0x1D504, 0x1D51E, 0, map[rune]rune{
		'C': 'ℭ', 'H': 'ℌ', 'I': 'ℑ', 'R': 'ℜ', 'Z': 'ℨ'})
}

func bold(r rune) rune { return letterForm(r, 0x1D400, 0x1D41A, 0x1D7CE, nil) }

// superscripts and subscripts hold every character Unicode has a script
// form for (q, and most capitals in subscript, have none).
var superscripts = runePairs(
	"0123456789+-−=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVWβγδθφχ⊤′*",
	"⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂᵝᵞᵟᶿᵠᵡᵀ′*")

var subscripts = runePairs(
	"0123456789+-−=()aehijklmnoprstuvxβγρφχ",
	"₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓᵦᵧᵨᵩᵪ")

// runePairs maps the i-th rune of from to the i-th rune of to.
func runePairs(from, to string) map[rune]rune {
	f, t := []rune(from), []rune(to)
	if len(f) != len(t) {
		panic("render: script tables differ in length")
	}
	m := make(map[rune]rune, len(f))
	for i := range f {
		m[f[i]] = t[i]
	}
	return m
}
