package bibtex

// The tables of LaTeX commands that real bibliographies use and what each
// becomes in plain text. A command in none of them is unknown: its name is
// dropped, its arguments' text kept, and the import warns once about it.

// accents maps accent commands to the combining marks they put on a letter.
var accents = map[string]rune{
	`"`: '\u0308', `'`: '\u0301', "`": '\u0300', "^": '\u0302', "~": '\u0303', "=": '\u0304', ".": '\u0307',
	"c": '\u0327', "v": '\u030C', "u": '\u0306', "H": '\u030B', "k": '\u0328', "r": '\u030A', "d": '\u0323',
	"b": '\u0331', "t": '\u0361',
}

// bareAccents is what an accent on nothing prints, as TeX sets \^{} or
// \~{}: the accent alone, as a spacing character.
var bareAccents = map[rune]string{
	'\u0302': "^", '\u0303': "~", '\u0308': "¨", '\u0301': "´", '\u0300': "`", '\u0304': "¯", '\u0307': "˙",
	'\u0327': "¸", '\u030C': "ˇ", '\u0306': "˘", '\u030B': "˝", '\u0328': "˛", '\u030A': "˚",
}

// symbols maps commands without arguments to their text.
var symbols = map[string]string{
	"ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
	"l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
	"dj": "đ", "DJ": "Đ",
	"textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
	"textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“", "textquotedblright": "”",
	"textquotedbl": `"`, "textquotesingle": "'", "quotedblbase": "„", "quotesinglbase": "‚",
	"guillemotleft": "«", "guillemotright": "»", "guilsinglleft": "‹", "guilsinglright": "›",
	"textless": "<", "textgreater": ">", "textbar": "|", "textbackslash": `\`, "textasciitilde": "~",
	"textunderscore": "_", "textasciicircum": "^", "textasciigrave": "`", "textasciiacute": "´",
	"textbraceleft": "{", "textbraceright": "}", "textdollar": "$", "textsterling": "£", "pounds": "£",
	"texteuro": "€", "euro": "€", "textyen": "¥", "textcent": "¢", "textexclamdown": "¡", "textquestiondown": "¿",
	"copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "textdegree": "°",
	"S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶", "dag": "†", "ddag": "‡", "textdagger": "†",
	"textdaggerdbl": "‡", "textbullet": "•", "textperiodcentered": "·", "textmu": "µ", "textpm": "±",
	"texttimes": "×", "textdiv": "÷", "textminus": "−", "textonehalf": "½", "textonequarter": "¼",
	"textthreequarters": "¾", "textnumero": "№", "textordfeminine": "ª", "textordmasculine": "º",
	"textcelsius": "℃", "textohm": "Ω", "textslash": "/", "slash": "/", "hyphen": "-",
	"LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX", "LaTeXe": "LaTeX2e", "XeTeX": "XeTeX", "LuaTeX": "LuaTeX",
	"quad": " ", "qquad": " ", "space": " ", "enspace": " ", "thinspace": " ", "nobreakspace": " ",
	"newline": " ", "par": " ", "linebreak": " ",
	// math
	"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ",
	"eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
	"xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ", "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ",
	"upsilon": "υ", "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
	"Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ",
	"Omega": "Ω", "infty": "∞", "times": "×", "cdot": "·", "cdots": "⋯", "ast": "∗", "star": "⋆", "circ": "∘",
	"bullet": "•", "prime": "′", "pm": "±", "mp": "∓", "div": "÷", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
	"ll": "≪", "gg": "≫", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "cong": "≅",
	"equiv": "≡", "propto": "∝", "mid": "∣", "to": "→", "rightarrow": "→", "leftarrow": "←",
	"leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "Leftrightarrow": "⇔", "mapsto": "↦",
	"in": "∈", "notin": "∉", "ni": "∋", "subset": "⊂", "supset": "⊃", "subseteq": "⊆", "supseteq": "⊇",
	"cup": "∪", "cap": "∩", "setminus": "∖", "emptyset": "∅", "varnothing": "∅", "wedge": "∧", "vee": "∨",
	"land": "∧", "lor": "∨", "neg": "¬", "lnot": "¬", "oplus": "⊕", "otimes": "⊗", "forall": "∀",
	"exists": "∃", "partial": "∂", "nabla": "∇", "sum": "∑", "prod": "∏", "int": "∫", "ell": "ℓ",
	"hbar": "ℏ", "aleph": "ℵ", "Re": "ℜ", "Im": "ℑ", "top": "⊤", "bot": "⊥", "vdash": "⊢", "models": "⊨",
	"langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉", "sqrt": "√",
}

// eatSpace are symbols other than letters and \text… commands after which,
// as after any command word in TeX, the spaces go (non\hyphen linear is
// "non-linear").
var eatSpace = map[string]bool{"hyphen": true, "slash": true, "textslash": true}

// operators are math operators written as words; unlike other commands
// they keep the space after them ("$\log n$" reads "log n").
var operators = map[string]bool{
	"log": true, "ln": true, "lg": true, "exp": true, "max": true, "min": true, "sin": true, "cos": true,
	"tan": true, "sinh": true, "cosh": true, "tanh": true, "lim": true, "liminf": true, "limsup": true,
	"sup": true, "inf": true, "arg": true, "det": true, "dim": true, "deg": true, "gcd": true, "ker": true,
	"Pr": true,
}

// formatting are commands that print nothing themselves: font, size and
// case changes, boxes, spacing and protection. Their arguments, if any,
// keep their text.
var formatting = map[string]bool{
	"emph": true, "textit": true, "textbf": true, "textsc": true, "textrm": true, "textsf": true,
	"texttt": true, "textsl": true, "textup": true, "textmd": true, "textnormal": true, "text": true,
	"textsuperscript": true, "textsubscript": true, "underline": true, "uline": true, "sout": true,
	"mbox": true, "hbox": true, "fbox": true, "makebox": true, "ensuremath": true, "footnote": true,
	"em": true, "it": true, "bf": true, "sc": true, "rm": true, "sf": true, "tt": true, "sl": true,
	"up": true, "md": true, "normalfont": true, "itshape": true, "bfseries": true, "scshape": true,
	"upshape": true, "mdseries": true, "slshape": true, "rmfamily": true, "sffamily": true, "ttfamily": true,
	"tiny": true, "scriptsize": true, "footnotesize": true, "small": true, "normalsize": true,
	"large": true, "Large": true, "LARGE": true, "huge": true, "Huge": true,
	"uppercase": true, "lowercase": true, "MakeUppercase": true, "MakeLowercase": true,
	"MakeTextUppercase": true, "MakeTextLowercase": true, "NoCaseChange": true, "nocorr": true,
	"relax": true, "protect": true, "xspace": true, "nobreak": true, "allowbreak": true, "newblock": true,
	"null": true, "ignorespaces": true, "unskip": true, "leavevmode": true, "noindent": true,
	"nobreakdash": true, "bibnamedelima": true, "bibnamedelimb": true,
	"mkbibemph": true, "mkbibitalic": true, "mkbibbold": true, "mkbibacro": true,
	"mathrm": true, "mathit": true, "mathbf": true, "mathsf": true, "mathtt": true, "mathcal": true,
	"mathbb": true, "mathfrak": true, "mathscr": true, "boldsymbol": true, "bm": true, "operatorname": true,
	"left": true, "right": true, "big": true, "Big": true, "bigg": true, "Bigg": true, "limits": true,
	"displaystyle": true,
}

// dropArg are commands whose first braced argument prints nothing: a sort
// key, a label, a citation, a blank space.
var dropArg = map[string]bool{
	"noopsort": true, "SortNoop": true, "sortnoop": true, "label": true, "index": true, "cite": true,
	"citep": true, "citet": true, "hspace": true, "vspace": true, "phantom": true, "hphantom": true,
	"vphantom": true, "selectlanguage": true, "foreignlanguage": true, "href": true, "texorpdfstring": true,
}

// quoting are commands that put their argument in quotation marks.
var quoting = map[string]bool{"enquote": true, "mkbibquote": true, "textquote": true}

// urlCommands print their argument verbatim, as a URL or identifier.
var urlCommands = map[string]bool{"url": true, "path": true, "nolinkurl": true, "doi": true}
