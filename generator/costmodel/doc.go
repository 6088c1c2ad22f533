// Package costmodel prices every scope of a topic's cost model and
// reconciles each claim against it. It is pure, deterministic arithmetic
// over loaded claims ([claim.Set]): no I/O, no HTML, no clock.
//
// It may import: claim, diag, formula, internal/pool and unit.
//
// # Values and ranges
//
// A parameter is a point value or a range: Low and High are the Coverage
// interval of its distribution (uniform: the interval itself, widened when
// Coverage is below 1; triangular: the interval, with its mode at Central or
// the midpoint; normal: mean at the midpoint; lognormal: Low and High are the
// quantiles in log space). Its central value is Central, or the
// distribution's median.
//
// Formulas and components are evaluated in the model's dependency order. A
// scope's value is the sum of its components. Every [Estimate] has a central
// value (every input central) and a range found one of three ways:
//
//   - "point": no input it depends on varies;
//   - "corners": at most [Options.MaxCorners] inputs vary: the smallest and
//     largest value over every combination of their low and high ends (and
//     the central value);
//   - "monte-carlo": more inputs vary: the 5th, 50th and 95th percentiles of
//     [Options.Samples] Latin hypercube samples. Each parameter of each topic
//     draws from its own PCG stream, seeded by [Options.Seed], the topic's ID
//     and the parameter's name, so results never depend on scheduling or on
//     what else the model holds.
//
// The change made by a bridge step is estimated as one quantity (components
// added minus components removed, read from the same corners or samples), so
// that the range of a difference is right.
//
// Sensitivity moves each varying input of a scope to its low and high end,
// every other input central, and ranks inputs by the swing (then by name).
//
// # Checks
//
// Each claim gets:
//
//   - the figure: its interval (the value, ± half its rounding; "about"
//     widens that to ± [Options.About] of the value; "more than" and "at
//     least" run from the value up, "less than" and "at most" from 0 up to
//     it), converted to the scope's currency at the rate of the spending date
//     when needed, is consistent when it overlaps the model's range for the
//     measured scope, plausible when it overlaps that range widened by
//     [Options.Tolerance] either way, contradicted otherwise;
//   - the framing, when the claim was presented as another scope: fair when
//     the figure also fits that scope, misleading when one scope extends the
//     other (a part presented as the whole, or the reverse), misattributed
//     otherwise;
//   - the parts, when the claimant named them: they add up when their sum,
//     ± their rounding, can meet the figure's interval;
//   - the conversion, when one was stated: the figure converted at the rate
//     of the spending date and at the rate of the conversion's date; the
//     stated amount follows whichever it matches within its rounding or 3%;
//   - the support: own-source when every parameter the measured scope rests
//     on comes from the claim's own source.
//
// An exchange rate is a parameter whose unit is one currency per another
// (CNY/USD, or the inverse): the one whose period covers the date, else the
// latest as of the date, else the earliest after it.
//
// The axes fold into a rating: the first level of [Options.Rating] whose
// condition holds. Every check records a [Finding]: its kind and the
// numbers and names it rests on, never text; package text writes each
// finding as the reason a reader sees.
//
// # Bridges
//
// Scopes form a forest through Extends, under a virtual empty root. The
// bridge from scope A to scope B climbs from A to their lowest common
// ancestor, undoing each scope's step, then descends to B, applying each.
// Each claim has a bridge to the scope of every other claim of its topic (one
// per scope), with the residual the model leaves unexplained; each topic has
// one from its narrowest to its broadest scope.
//
// # Concurrency
//
// [Compute] computes topics in parallel on a bounded pool and returns them in
// the input's order. [ComputeTopic] and [BridgeBetween] may be called from
// several goroutines at once; results are never modified after they are
// returned.
package costmodel
