//! `unused-baseline`: a line of `planlint-baseline.toml` matches no finding any more.
//!
//! Whether a baseline line matched anything is only known once the whole check has run, so this
//! rule has no `check` of its own: the baseline step (`lint::baseline::Baseline::apply`) asks
//! [`finding`] for each line left unused.

use crate::lint::{Context, Meta, Rule};
use crate::plan::finding::{Finding, Severity};
use crate::plan::fix::FixKind;

pub struct UnusedBaseline;

/// The rule's name, for the baseline step.
pub const NAME: &str = "unused-baseline";

pub(crate) static META: Meta = Meta {
    name: NAME,
    severity: Severity::Warning,
    summary: "a line of the baseline matches no finding any more: the problem was fixed",
    docs: r#"## What it does
Reports each line of `planlint-baseline.toml` that matched no finding in this check: the
finding it recorded has been fixed (or its action or plan has gone). `planlint baseline
--prune` removes such lines. A line is judged only when its plan was checked and its rule ran
(not one switched off, nor a history rule outside git).

The baseline is what a repository adopting planlint already had wrong: `planlint baseline`
writes it, one finding a line (plan, action, rule and the key it is about, never a line
number), and `planlint check` leaves those findings out and says how many. `[rules]
non_waivable` in `planlint.toml`, and `check --strict`, name rules whose findings no baseline
silences.

## Why is this bad?
A baseline should only shrink. A line left behind after its problem is fixed would silence the
same problem if it came back, unseen; pruning it keeps the baseline an honest list of the work
left.

## Example
```toml
# planlint-baseline.toml, after action 6.3 was given a named lead
version = 1
findings = [
  { plan = "crisis-care", action = "6.3", rule = "vague-lead", field = "leads" }, # the only lead, "All", names nobody in particular
]
```

## Use instead
```toml
# after `planlint baseline --prune`
version = 1
findings = []
```
"#,
    fix: FixKind::None,
};

impl Rule for UnusedBaseline {
    fn meta(&self) -> &'static Meta {
        &META
    }
}

/// The finding for a baseline line no finding matched (placed in the baseline file by the
/// caller); none when the rule is switched off.
/// `line` is where the baseline's line is in its file; `plan`, `action` and `rule` what it
/// records (plain data: the baseline module calls this rule, never the other way round).
pub fn finding(
    line: std::ops::Range<usize>,
    plan: &str,
    action: Option<&str>,
    rule: &str,
    cx: &Context<'_>,
) -> Option<Finding> {
    if cx.severity(&META) == Severity::Off {
        return None;
    }
    let what = match action {
        Some(a) => format!("action {a} of plan {plan}"),
        None => format!("plan {plan}"),
    };
    let mut f = cx
        .finding(
            &META,
            line,
            format!("the baseline records a {rule} finding in {what}, but it no longer occurs"),
        )
        .label("fixed")
        .help("`planlint baseline --prune` removes the lines of findings since fixed");
    if let Some(a) = action {
        f = f.action(a.to_string());
    }
    f.plan = Some(plan.into());
    Some(f)
}
