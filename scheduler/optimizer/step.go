package optimizer

import "math"

// One review's update of the memory state (go-fsrs v4 arithmetic.go,
// parameters.go; fsrs-rs model.rs step), with its partial derivatives
// worked out by hand alongside, for the gradient (see grad.go).

// jac holds a step's partial derivatives: of the new stability S' and the
// new difficulty D' with respect to the old S and D and to the weights. S'
// depends on at most five weights (listed in sw/si); D' on w4–w7 (dw).
type jac struct {
	sS, sD, dD float64    // ∂S'/∂S, ∂S'/∂D, ∂D'/∂D (∂D'/∂S is 0)
	sw         [5]float64 // ∂S'/∂w[si[k]]
	si         [5]uint8
	sn         int
	dw         [4]float64 // ∂D'/∂w4 … ∂D'/∂w7
}

func (j *jac) addS(i int, v float64) {
	j.si[j.sn], j.sw[j.sn] = uint8(i), v
	j.sn++
}

// nextS is the stability after rating r, dt days after the review that left
// mem, clamped to [sMin, sMax]; a clamped result has zero derivatives.
func (m *model) nextS(mem memory, dt uint32, r uint8, j *jac) float64 {
	w := &m.w
	S, D := mem.s, mem.d
	var s float64
	switch {
	case dt == 0: // same learner day: S·e^(w17·(r−3+w18))·S^−w19, at least S unless Again
		lnS := math.Log(S)
		sinc := m.short[r] * math.Exp(-w[19]*lnS)
		if r >= 2 && sinc < 1 {
			s = S
			if j != nil {
				j.sS = 1
			}
			break
		}
		s = S * sinc
		if j != nil {
			j.sS = sinc * (1 - w[19])
			j.addS(17, s*(float64(r)-3+w[18]))
			j.addS(18, s*w[17])
			j.addS(19, -s*lnS)
		}
	case r == 1: // a lapse: min(w11·D^−w12·((S+1)^w13−1)·e^((1−R)·w14), S·e^(−w17·w18))
		t := float64(dt)
		capped := S * m.lapseCap
		var R, dRdS, dRdd float64
		if j != nil {
			R, dRdS, dRdd = m.curve.grad(t, S)
		} else {
			R = m.curve.r(t, S)
		}
		lnD, lnS1 := math.Log(D), math.Log(S+1)
		p := math.Exp(-w[12] * lnD)
		q1 := math.Exp(w[13] * lnS1)
		em := math.Exp((1 - R) * w[14])
		sf := w[11] * p * (q1 - 1) * em
		if capped < sf {
			s = capped
			if j != nil {
				j.sS = m.lapseCap
				j.addS(17, -w[18]*capped)
				j.addS(18, -w[17]*capped)
			}
		} else {
			s = sf
			if j != nil {
				j.sS = w[11]*p*em*w[13]*q1/(S+1) - sf*w[14]*dRdS
				j.sD = -w[12] * sf / D
				j.addS(11, p*(q1-1)*em)
				j.addS(12, -sf*lnD)
				j.addS(13, w[11]*p*em*q1*lnS1)
				j.addS(14, sf*(1-R))
				j.addS(20, -sf*w[14]*dRdd)
			}
		}
	default: // a success: S·(1 + e^w8·(11−D)·S^−w9·(e^((1−R)·w10)−1)·hard·easy)
		t := float64(dt)
		var R, dRdS, dRdd float64
		if j != nil {
			R, dRdS, dRdd = m.curve.grad(t, S)
		} else {
			R = m.curve.r(t, S)
		}
		h := 1.0
		switch r {
		case 2:
			h = w[15]
		case 4:
			h = w[16]
		}
		lnS := math.Log(S)
		c := math.Exp(-w[9] * lnS)
		ex := math.Exp((1 - R) * w[10])
		base := m.a * (11 - D) * c // the increase without (e^…−1) and the rating factor
		inc := base * (ex - 1) * h
		s = S * (1 + inc)
		if j != nil {
			dsdR := -S * base * h * ex * w[10]
			j.sS = 1 + inc - w[9]*inc + dsdR*dRdS
			j.sD = -S * m.a * c * (ex - 1) * h
			j.addS(8, S*inc)
			j.addS(9, -S*inc*lnS)
			j.addS(10, S*base*h*ex*(1-R))
			j.addS(20, dsdR*dRdd)
			switch r {
			case 2:
				j.addS(15, S*base*(ex-1))
			case 4:
				j.addS(16, S*base*(ex-1))
			}
		}
	}
	if s < sMin || s > sMax {
		if j != nil {
			j.sS, j.sD, j.sn = 0, 0, 0
		}
		return clamp(s, sMin, sMax)
	}
	return s
}

// nextD is the difficulty after rating r: linear damping of −w6·(r−3),
// then mean reversion by w7 towards the (unclamped) initial difficulty of
// Easy, clamped to [1, 10]; a clamped result has zero derivatives.
func (m *model) nextD(d float64, r uint8, j *jac) float64 {
	w := &m.w
	delta := -w[6] * (float64(r) - 3)
	dn := d + (10-d)*delta/9
	i4 := m.initDRaw[4]
	v := w[7]*i4 + (1-w[7])*dn
	if v < 1 || v > 10 {
		if j != nil {
			j.dD, j.dw = 0, [4]float64{}
		}
		return clamp(v, 1, 10)
	}
	if j != nil {
		j.dD = (1 - w[7]) * (1 - delta/9)
		j.dw[0] = w[7]
		j.dw[1] = -w[7] * 3 * m.expInit[4]
		j.dw[2] = -(1 - w[7]) * (10 - d) / 9 * (float64(r) - 3)
		j.dw[3] = i4 - dn
	}
	return v
}
